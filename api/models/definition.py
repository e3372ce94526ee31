"""Definitions: a stable identity pointing at its newest immutable revision."""

from datetime import datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.common import Provenance, created_at_field

DEFINITION_KINDS: tuple[str, ...] = ("published", "submitted", "core_proposal")
STATUSES: tuple[str, ...] = ("draft", "published", "withdrawn", "superseded")
ADOPTION_STATUSES: tuple[str, ...] = ("working", "consulted", "adopted")


class Definition(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("kind IN ('published', 'submitted', 'core_proposal')", name="kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Seeded definitions have a readable slug so the seed can find them again; submissions may not.
    slug: str | None = Field(default=None, max_length=120, unique=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    kind: str = Field(max_length=20, index=True)
    current_revision: int = Field(default=1, ge=1)
    created_at: datetime = created_at_field()
    created_by_key_id: int | None = Field(default=None, foreign_key="api_key.id")


class DefinitionRevision(Provenance, table=True):
    """One version of a definition. Rows are only ever inserted, never updated."""

    __tablename__ = "definition_revision"
    __table_args__ = (
        UniqueConstraint("definition_id", "number"),
        CheckConstraint(
            "status IN ('draft', 'published', 'withdrawn', 'superseded')", name="status"
        ),
        CheckConstraint(
            "adoption_status IS NULL OR adoption_status IN ('working', 'consulted', 'adopted')",
            name="adoption_status",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    definition_id: int = Field(foreign_key="definition.id", index=True)
    number: int = Field(ge=1)
    title: str = Field(max_length=300)
    text: str
    status: str = Field(max_length=20)
    adoption_status: str | None = Field(default=None, max_length=20)
    scope: str | None = Field(default=None, max_length=500)
    source_id: int | None = Field(default=None, foreign_key="source.id")
    citation: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=1000)
    year: int | None = Field(default=None, index=True)
    language: str = Field(default="en", max_length=10)
    note: str | None = Field(default=None, max_length=4000)
    superseded_by_id: int | None = Field(default=None, foreign_key="definition.id")
    change_note: str | None = Field(default=None, max_length=2000)
    author_organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    author_key_id: int | None = Field(default=None, foreign_key="api_key.id")
    created_at: datetime = created_at_field()
