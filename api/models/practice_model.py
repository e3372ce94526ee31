"""Practice models, training, frameworks and trauma-specific treatments, with evidence links."""

from datetime import date, datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, StrictBool
from pydantic import Field as PydanticField
from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.comparison.insights import TRAUMA_SPECIFIC_TREATMENT
from api.models.common import (
    SLUG_PATTERN,
    CleanText,
    HttpUrlText,
    JsonDate,
    Provenance,
    SingleLine,
    one_of,
)
from api.models.revisioned import HeadFields, RevisionFields

PracticeModelKind = Literal[
    "trauma_informed_model", "practice_framework", "training", "trauma_specific_treatment"
]
PRACTICE_MODEL_KINDS: tuple[str, ...] = get_args(PracticeModelKind)
assert TRAUMA_SPECIFIC_TREATMENT in PRACTICE_MODEL_KINDS  # the pure insights name it too


class PracticeModel(HeadFields, table=True):
    """A practice model's identity: its slug. Everything else lives in its revisions."""

    __tablename__ = "practice_model"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True, index=True)


class PracticeModelRevision(Provenance, RevisionFields, table=True):
    """A practice model as it stood after one write: every field, its principle mappings and its
    evidence links. Rows are only ever inserted."""

    __tablename__ = "practice_model_revision"
    __table_args__ = (UniqueConstraint("model_id", "number"), one_of("kind", PRACTICE_MODEL_KINDS))

    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="practice_model.id", index=True)
    name: str = Field(max_length=300)
    kind: str = Field(max_length=40, index=True)
    description: str | None = Field(default=None, max_length=4000)
    # True when the model is standard CSC practice rather than specifically trauma-informed.
    is_standard_practice: bool | None = None
    url: str | None = Field(default=None, max_length=1000)
    source_id: int | None = Field(default=None, foreign_key="source.id")
    note: str | None = Field(default=None, max_length=4000)
    # [{"slug", "basis", "verified"}] in principle order, and [{"rating", "scale", "rated_on",
    # "url", "note", "verified"}]: lists that belong to this revision alone, so kept with it.
    principles: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    evidence: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class ModelPrincipleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str = PydanticField(min_length=1, max_length=80, pattern=SLUG_PATTERN)
    basis: CleanText | None = PydanticField(
        default=None, max_length=1000, description="Where the mapping comes from."
    )
    verified: StrictBool = PydanticField(
        default=False, description="True only when the basis was read in the source it names."
    )


class EvidenceLinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rating: SingleLine | None = PydanticField(default=None, max_length=100)
    scale: SingleLine | None = PydanticField(
        default=None, max_length=200, description="The rating scale's name."
    )
    rated_on: JsonDate | None = None
    url: HttpUrlText | None = PydanticField(default=None, description="Where the rating is.")
    note: CleanText | None = PydanticField(default=None, max_length=2000)
    verified: StrictBool = False


class PracticeModelCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "slug": "example-training",
                    "name": "Example trauma-awareness training",
                    "kind": "training",
                    "principles": [{"slug": "safety"}],
                }
            ]
        },
    )

    slug: str = PydanticField(min_length=2, max_length=120, pattern=SLUG_PATTERN)
    name: SingleLine = PydanticField(max_length=300)
    kind: PracticeModelKind
    description: CleanText | None = PydanticField(default=None, max_length=4000)
    is_standard_practice: StrictBool | None = PydanticField(
        default=None,
        description="True when it is standard CSC practice rather than specifically "
        "trauma-informed; null when unknown.",
    )
    url: HttpUrlText | None = None
    source: str | None = PydanticField(
        default=None, max_length=120, pattern=SLUG_PATTERN, description="Slug of a source."
    )
    note: CleanText | None = PydanticField(default=None, max_length=4000)
    verified: StrictBool = False
    provenance: CleanText | None = PydanticField(default=None, max_length=1000)
    provenance_url: HttpUrlText | None = None
    principles: list[ModelPrincipleIn] = PydanticField(default_factory=list, max_length=12)
    evidence: list[EvidenceLinkIn] = PydanticField(default_factory=list, max_length=20)


class PracticeModelUpdate(BaseModel):
    """Send only what changes; lists (principles, evidence) replace the stored ones whole.

    The slug is the public key, so it cannot change.
    """

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"note": "Now offered online as well."}]}
    )

    name: SingleLine | None = PydanticField(default=None, max_length=300)
    kind: PracticeModelKind | None = None
    description: CleanText | None = PydanticField(default=None, max_length=4000)
    is_standard_practice: StrictBool | None = None
    url: HttpUrlText | None = None
    source: str | None = PydanticField(default=None, max_length=120, pattern=SLUG_PATTERN)
    note: CleanText | None = PydanticField(default=None, max_length=4000)
    verified: StrictBool | None = None
    provenance: CleanText | None = PydanticField(default=None, max_length=1000)
    provenance_url: HttpUrlText | None = None
    principles: list[ModelPrincipleIn] | None = PydanticField(default=None, max_length=12)
    evidence: list[EvidenceLinkIn] | None = PydanticField(default=None, max_length=20)


class ModelPrinciplePublic(SQLModel):
    slug: str
    basis: str | None = Field(description="Where the mapping to this principle comes from.")
    verified: bool


class EvidenceLinkPublic(SQLModel):
    rating: str | None
    scale: str | None = Field(description="Name of the rating scale.")
    rated_on: date | None
    url: str | None
    note: str | None
    verified: bool


class PracticeModelPublic(SQLModel):
    slug: str
    name: str
    kind: PracticeModelKind
    description: str | None
    is_standard_practice: bool | None = Field(
        description="Standard CSC practice rather than specifically trauma-informed; null: unknown."
    )
    url: str | None
    source: str | None = Field(description="Slug of the source it is described in, if any.")
    note: str | None
    principles: list[ModelPrinciplePublic]
    evidence: list[EvidenceLinkPublic]
    verified: bool
    provenance: str | None
    provenance_url: str | None
    revision: int
    created_at: datetime


class PracticeModelRevisionPublic(SQLModel):
    number: int
    snapshot: dict[str, Any] = Field(description="The model as it stood after this write.")
    author_key: str | None = Field(description="Public id of the key that wrote it (null: seed).")
    created_at: datetime
