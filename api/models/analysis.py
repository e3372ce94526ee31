"""Principles found in one definition revision by one version of the analyser."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.common import created_at_field


class Analysis(SQLModel, table=True):
    """Stored per (revision, method version): a new analyser adds rows, old results stay."""

    __table_args__ = (UniqueConstraint("revision_id", "method_version"),)

    id: int | None = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="definition_revision.id", index=True)
    method_version: str = Field(max_length=40)
    # [{"slug": str, "evidence": [{"start": int, "end": int, "quote": str}]}]
    findings: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    created_at: datetime = created_at_field()
