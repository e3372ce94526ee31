"""Practice models, training, frameworks and trauma-specific treatments, with evidence links."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.common import Provenance, created_at_field

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
