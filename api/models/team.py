"""What a CSC team declares it uses: models, activities and referral pathways, revisioned."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.common import created_at_field


class TeamDeclaration(SQLModel, table=True):
    """A PUT adds declaration n+1; the newest is current and earlier ones stay as history."""

    __tablename__ = "team_declaration"
    __table_args__ = (UniqueConstraint("team_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="organisation.id", index=True)
    number: int = Field(ge=1)
    activities: list[str] = Field(default_factory=list, sa_type=JSON)
    treatment_pathways: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    works_to_definition_id: int | None = Field(default=None, foreign_key="definition.id")
    note: str | None = Field(default=None, max_length=4000)
    author_key_id: int | None = Field(default=None, foreign_key="api_key.id")
    created_at: datetime = created_at_field()


class TeamDeclarationModel(SQLModel, table=True):
    __tablename__ = "team_declaration_model"

    declaration_id: int = Field(foreign_key="team_declaration.id", primary_key=True)
    model_id: int = Field(foreign_key="practice_model.id", primary_key=True)
    scope: str = Field(max_length=40)
    since: date | None = None
