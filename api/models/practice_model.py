"""Practice models, training, frameworks and trauma-specific treatments, with evidence links."""

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy import JSON, CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.common import CleanText, HttpUrlText, Provenance, SingleLine, created_at_field

PRACTICE_MODEL_KINDS: tuple[str, ...] = (
    "trauma_informed_model",
    "practice_framework",
    "training",
    "trauma_specific_treatment",
)


class PracticeModel(Provenance, table=True):
    __tablename__ = "practice_model"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('trauma_informed_model', 'practice_framework', 'training', "
            "'trauma_specific_treatment')",
            name="kind",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True, index=True)
    name: str = Field(max_length=300)
    kind: str = Field(max_length=40, index=True)
    description: str | None = Field(default=None, max_length=4000)
    # True when the model is standard CSC practice rather than specifically trauma-informed.
    is_standard_practice: bool | None = None
    url: str | None = Field(default=None, max_length=1000)
    source_id: int | None = Field(default=None, foreign_key="source.id")
    note: str | None = Field(default=None, max_length=4000)
    current_revision: int = Field(default=1, ge=1)
    created_at: datetime = created_at_field()


class PracticeModelRevision(SQLModel, table=True):
    """A full snapshot of a practice model after each write, so edits never lose history."""

    __tablename__ = "practice_model_revision"
    __table_args__ = (UniqueConstraint("model_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="practice_model.id", index=True)
    number: int = Field(ge=1)
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    author_key_id: int | None = Field(default=None, foreign_key="api_key.id")
    created_at: datetime = created_at_field()


class PracticeModelPrinciple(SQLModel, table=True):
    __tablename__ = "practice_model_principle"

    model_id: int = Field(foreign_key="practice_model.id", primary_key=True)
    principle_id: int = Field(foreign_key="principle.id", primary_key=True)
    basis: str | None = Field(default=None, max_length=1000)
    verified: bool = False


class EvidenceLink(SQLModel, table=True):
    __tablename__ = "evidence_link"

    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="practice_model.id", index=True)
    rating: str | None = Field(default=None, max_length=100)
    scale: str | None = Field(default=None, max_length=200)
    rated_on: date | None = None
    url: str | None = Field(default=None, max_length=1000)
    note: str | None = Field(default=None, max_length=2000)
    verified: bool = False


PracticeModelKind = Literal[
    "trauma_informed_model", "practice_framework", "training", "trauma_specific_treatment"
]
PRINCIPLE_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class ModelPrincipleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str = PydanticField(min_length=1, max_length=80, pattern=PRINCIPLE_SLUG)
    basis: CleanText | None = PydanticField(
        default=None, max_length=1000, description="Where the mapping comes from."
    )
    verified: bool = PydanticField(
        default=False, description="True only when the basis was read in the source it names."
    )


class EvidenceLinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rating: SingleLine | None = PydanticField(default=None, max_length=100)
    scale: SingleLine | None = PydanticField(
        default=None, max_length=200, description="The rating scale's name."
    )
    rated_on: date | None = None
    url: HttpUrlText | None = PydanticField(default=None, description="Where the rating is.")
    note: CleanText | None = PydanticField(default=None, max_length=2000)
    verified: bool = False


class PracticeModelCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str = PydanticField(min_length=2, max_length=120, pattern=PRINCIPLE_SLUG)
    name: SingleLine = PydanticField(max_length=300)
    kind: PracticeModelKind
    description: CleanText | None = PydanticField(default=None, max_length=4000)
    is_standard_practice: bool | None = PydanticField(
        default=None,
        description="True when it is standard CSC practice rather than specifically "
        "trauma-informed; null when unknown.",
    )
    url: HttpUrlText | None = None
    source: str | None = PydanticField(
        default=None, max_length=120, pattern=PRINCIPLE_SLUG, description="Slug of a source."
    )
    note: CleanText | None = PydanticField(default=None, max_length=4000)
    verified: bool = False
    provenance: CleanText | None = PydanticField(default=None, max_length=1000)
    provenance_url: HttpUrlText | None = None
    principles: list[ModelPrincipleIn] = PydanticField(default_factory=list, max_length=12)
    evidence: list[EvidenceLinkIn] = PydanticField(default_factory=list, max_length=20)


class PracticeModelUpdate(BaseModel):
    """Send only what changes; lists (principles, evidence) replace the stored ones whole.

    The slug is the public key, so it cannot change.
    """

    model_config = ConfigDict(extra="forbid")

    name: SingleLine | None = PydanticField(default=None, max_length=300)
    kind: PracticeModelKind | None = None
    description: CleanText | None = PydanticField(default=None, max_length=4000)
    is_standard_practice: bool | None = None
    url: HttpUrlText | None = None
    source: str | None = PydanticField(default=None, max_length=120, pattern=PRINCIPLE_SLUG)
    note: CleanText | None = PydanticField(default=None, max_length=4000)
    verified: bool | None = None
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
