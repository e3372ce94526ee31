"""Principles found in one definition revision by one version of the analyser."""

from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.common import created_at_field, one_of

# carried: the text carries the principle; denied: it says it does not, defers it, or leaves
# it out (from rules-5.0; rules-4.0 stored only carried ones)
Stance = Literal["carried", "denied"]
STANCES: tuple[str, ...] = get_args(Stance)


class Analysis(SQLModel, table=True):
    """Stored per (revision, method version): a new analyser adds rows, old results stay."""

    __table_args__ = (UniqueConstraint("revision_id", "method_version"),)

    id: int | None = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="definition_revision.id", index=True)
    method_version: str = Field(max_length=40)
    created_at: datetime = created_at_field()
    # False when the analyser could not read the text (a language it does not read): such an
    # analysis has no findings because nothing was read, and figures leave it out
    analysed: bool = Field(default=True)
    language: str | None = Field(default=None, max_length=10)
    reason: str | None = Field(default=None, max_length=300)
    # The slugs of the principles it carries, sorted and space-separated: a summary of its
    # "carried" findings, written with them (api.services.analysis.carried_summary), so the
    # trend reads one short column per revision instead of every finding and its evidence.
    # NULL only where it was not written (readers then count from the findings).
    carried: str | None = Field(default=None, max_length=400)


class AnalysisFinding(SQLModel, table=True):
    """One principle found by an analysis, with the spans of text that show it.

    A row per principle (rather than one JSON blob) lets the definitions list filter by principle
    with the same SQL on SQLite and PostgreSQL.
    """

    __tablename__ = "analysis_finding"
    __table_args__ = (
        one_of("stance", STANCES),
        # A principle's carried findings in the order they were written: the gap report takes
        # the first few without sorting every finding of the principle in the registry.
        Index("ix_analysis_finding_principle_stance", "principle_id", "stance", "analysis_id"),
    )

    analysis_id: int = Field(foreign_key="analysis.id", primary_key=True)
    principle_id: int = Field(foreign_key="principle.id", primary_key=True)
    # [{"start": int, "end": int, "quote": str}]
    evidence: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    stance: str = Field(default="carried", max_length=10)
