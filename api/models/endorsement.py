"""A department's position on a core definition proposal, revisioned like definitions."""

from datetime import datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.common import CleanText, one_of
from api.models.revisioned import HeadFields, RevisionFields

Position = Literal["endorse", "object", "abstain"]
POSITIONS: tuple[str, ...] = get_args(Position)


class Endorsement(HeadFields, table=True):
    """One per (proposal, organisation); its positions over time are EndorsementRevision rows."""

    __table_args__ = (UniqueConstraint("proposal_id", "organisation_id"),)

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="definition.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)


class EndorsementRevision(RevisionFields, table=True):
    __tablename__ = "endorsement_revision"
    __table_args__ = (UniqueConstraint("endorsement_id", "number"), one_of("position", POSITIONS))

    id: int | None = Field(default=None, primary_key=True)
    endorsement_id: int = Field(foreign_key="endorsement.id", index=True)
    position: str = Field(max_length=10)
    comment: str | None = Field(default=None, max_length=4000)
    # Which revision of the proposal the organisation was looking at when it took this position.
    proposal_revision: int


class EndorsementPublic(SQLModel):
    organisation: str
    organisation_name: str
    position: Position
    comment: str | None
    revision: int = Field(description="How many times this organisation has set its position.")
    proposal_revision: int = Field(description="Revision of the proposal it was set against.")
    updated_at: datetime


class DepartmentStance(SQLModel):
    organisation: str
    organisation_name: str
    position: Position | None = Field(description="None when it has not taken a position.")


class EndorsementUpsert(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"position": "endorse", "comment": "Agreed; relationships could be named."}
            ]
        },
    )

    position: Position
    comment: CleanText | None = PydanticField(default=None, max_length=4000)


class EndorsementRevisionPublic(SQLModel):
    number: int
    position: Position
    comment: str | None
    proposal_revision: int
    author_key_id: str | None
    created_at: datetime
