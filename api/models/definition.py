"""Definitions: a stable identity pointing at its newest immutable revision."""

from datetime import datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.common import (
    SLUG_PATTERN,
    CleanText,
    HttpUrlText,
    LanguageTag,
    Provenance,
    RowId,
    SingleLine,
    Year,
    one_of,
)
from api.models.revisioned import HeadFields, RevisionFields

DefinitionKind = Literal["published", "submitted", "core_proposal"]
Status = Literal["draft", "published", "withdrawn", "superseded"]
AdoptionStatus = Literal["working", "consulted", "adopted"]
WritableStatus = Literal["draft", "published", "superseded"]
NewStatus = Literal["draft", "published"]
# What the seed loads: published definitions and core proposals (it submits nothing).
SeededKind = Literal["published", "core_proposal"]
DEFINITION_KINDS: tuple[str, ...] = get_args(DefinitionKind)
STATUSES: tuple[str, ...] = get_args(Status)
ADOPTION_STATUSES: tuple[str, ...] = get_args(AdoptionStatus)
# A core definition proposal is a definition of this kind (named here once).
CORE_PROPOSAL: DefinitionKind = "core_proposal"
SUBMITTED: DefinitionKind = "submitted"
# Statuses in which a definition no longer speaks for its organisation.
ENDED_STATUSES: tuple[str, ...] = ("withdrawn", "superseded")


class Definition(HeadFields, table=True):
    __table_args__ = (one_of("kind", DEFINITION_KINDS),)

    id: int | None = Field(default=None, primary_key=True)
    # Seeded definitions have a readable slug so the seed can find them again; submissions may not.
    slug: str | None = Field(default=None, max_length=120, unique=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    kind: str = Field(max_length=20, index=True)
    created_by_key_id: int | None = Field(default=None, foreign_key="api_key.id")


class DefinitionRevision(Provenance, RevisionFields, table=True):
    """One version of a definition. Rows are only ever inserted, never updated."""

    __tablename__ = "definition_revision"
    __table_args__ = (
        UniqueConstraint("definition_id", "number"),
        one_of("status", STATUSES),
        one_of("adoption_status", ADOPTION_STATUSES, nullable=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    definition_id: int = Field(foreign_key="definition.id", index=True)
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


class DefinitionChange(SQLModel, table=True):
    """One write of a definition, numbered in commit order (``api.services.definitions``).

    Each process keeps indexes of the current definitions in memory (``api.services.neighbours``)
    and catches up from the changes numbered after the last one it applied: a write in one worker
    is seen by the next request in any other, without a rebuild.
    """

    __tablename__ = "definition_change"

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    definition_id: int = Field(foreign_key="definition.id")


class EvidenceSpan(SQLModel):
    start: int = Field(description="Offset of the first character in the text (0-based).")
    end: int = Field(description="Offset one past the last character: text[start:end] == quote.")
    quote: str


class PrincipleEvidence(SQLModel):
    slug: str
    evidence: list[EvidenceSpan]


class _DefinitionFields(SQLModel):
    id: int
    slug: str | None
    organisation: str = Field(description="Slug of the organisation the definition belongs to.")
    organisation_name: str
    kind: DefinitionKind
    revision: int = Field(description="Number of the current revision (1 for a new definition).")
    title: str
    text: str
    status: Status
    adoption_status: AdoptionStatus | None
    scope: str | None
    source: str | None = Field(description="Slug of the source it was published in, if any.")
    citation: str | None
    url: str | None
    year: int | None
    language: str
    note: str | None
    superseded_by: int | None = Field(description="Id of the definition that supersedes it.")
    verified: bool = Field(
        description="True only when the text was read verbatim in the cited source."
    )
    provenance: str | None
    provenance_url: str | None
    created_at: datetime
    updated_at: datetime = Field(description="When the current revision was written.")


class DefinitionSummary(_DefinitionFields):
    principles: list[str] = Field(description="Slugs of the principles the text carries.")


class DefinitionPublic(_DefinitionFields):
    principles: list[PrincipleEvidence] = Field(
        description="Principles the text carries, each with the spans of text that show it."
    )
    analysis_method: str = Field(description="Version of the analyser that found them.")
    analysed: bool = Field(
        default=True,
        description="False when the analyser could not read the text (a language it does not "
        "read): then it has no principles because it was not read, not because it carries none.",
    )
    not_analysed_reason: str | None = Field(
        default=None, description="Why the text was not analysed, when it was not."
    )
    denied: list[PrincipleEvidence] = Field(
        default_factory=list,
        description="Principles the text explicitly denies, defers or leaves out, each with the "
        "words that say so (never also in principles).",
    )


class RevisionPublic(SQLModel):
    definition_id: int
    number: int
    title: str
    text: str
    status: Status
    adoption_status: AdoptionStatus | None
    scope: str | None
    source: str | None
    citation: str | None
    url: str | None
    year: int | None
    language: str
    note: str | None
    superseded_by: int | None
    change_note: str | None
    verified: bool
    provenance: str | None
    provenance_url: str | None
    author_organisation: str | None = Field(description="Organisation whose key wrote it.")
    author_key_id: str | None = Field(description="Public id of the API key that wrote it.")
    created_at: datetime
    principles: list[PrincipleEvidence]
    analysis_method: str
    analysed: bool = True
    not_analysed_reason: str | None = None
    denied: list[PrincipleEvidence] = Field(default_factory=list)


# The text the request examples use (the OpenAPI document's, so the docs page's too).
EXAMPLE_TEXT = (
    "Children and families feel safe, are listened to and are treated with respect; "
    "practitioners recognise the impact of trauma and work in partnership with parents."
)


class DefinitionCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "DfE working definition",
                    "text": EXAMPLE_TEXT,
                    "adoption_status": "working",
                }
            ]
        },
    )

    title: SingleLine = PydanticField(max_length=300)
    text: CleanText = PydanticField(max_length=20_000)
    status: NewStatus = "published"
    adoption_status: AdoptionStatus | None = None
    scope: SingleLine | None = PydanticField(default=None, max_length=500)
    citation: CleanText | None = PydanticField(default=None, max_length=2000)
    url: HttpUrlText | None = None
    year: Year | None = None
    language: LanguageTag = "en"
    note: CleanText | None = PydanticField(default=None, max_length=4000)
    organisation: str | None = PydanticField(
        default=None,
        max_length=80,
        pattern=SLUG_PATTERN,
        description="Only stewards may name another organisation; defaults to the key's own.",
    )


class ProposalCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Proposed core definition",
                    "text": EXAMPLE_TEXT,
                    "scope": "Children's social care in England",
                }
            ]
        },
    )

    title: SingleLine = PydanticField(max_length=300)
    text: CleanText = PydanticField(max_length=20_000)
    scope: SingleLine | None = PydanticField(default=None, max_length=500)
    note: CleanText | None = PydanticField(default=None, max_length=4000)


class DefinitionUpdate(BaseModel):
    """A PATCH: only the fields sent change; everything else is carried into the new revision."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": EXAMPLE_TEXT + " Relationships are the means of help.",
                    "change_note": "Adds relationships.",
                }
            ]
        },
    )

    title: SingleLine | None = PydanticField(default=None, max_length=300)
    text: CleanText | None = PydanticField(default=None, max_length=20_000)
    status: WritableStatus | None = None
    adoption_status: AdoptionStatus | None = None
    scope: SingleLine | None = PydanticField(default=None, max_length=500)
    citation: CleanText | None = PydanticField(default=None, max_length=2000)
    url: HttpUrlText | None = None
    year: Year | None = None
    language: LanguageTag | None = None
    note: CleanText | None = PydanticField(default=None, max_length=4000)
    superseded_by: RowId | None = PydanticField(
        default=None, description="Required with status `superseded`."
    )
    change_note: CleanText | None = PydanticField(default=None, max_length=2000)


class DiffOpPublic(SQLModel):
    op: Literal["equal", "insert", "delete", "replace"]
    from_text: str = Field(description="The words on the `from` side (empty for an insert).")
    to_text: str = Field(description="The words on the `to` side (empty for a delete).")
    from_start: int
    from_end: int
    to_start: int
    to_end: int


class DiffPublic(SQLModel):
    ops: list[DiffOpPublic] = Field(
        description="Joining from_text of all ops gives the old text; to_text, the new one."
    )
    words_added: int
    words_removed: int
    words_unchanged: int


class RevisionDiff(DiffPublic):
    definition_id: int
    from_revision: int
    to_revision: int
    text_changed: bool
    changed_fields: list[str] = Field(description="Other fields that differ (status, title...).")
