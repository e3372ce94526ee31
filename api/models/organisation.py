"""Organisations (departments, CSC teams, research and standards bodies) and their names."""

from datetime import date, datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from api.models.common import (
    SLUG_PATTERN,
    CleanText,
    HttpUrlText,
    Provenance,
    SingleLine,
    created_at_field,
    one_of,
)

OrganisationKind = Literal["department", "csc_team", "research_body", "standards_body"]
ORGANISATION_KINDS: tuple[str, ...] = get_args(OrganisationKind)
DEPARTMENT = "department"
CSC_TEAM = "csc_team"


class Organisation(Provenance, table=True):
    __table_args__ = (
        one_of("kind", ORGANISATION_KINDS),
        # The organisations of a kind in slug order (the consensus trend's pages walk it).
        Index("ix_organisation_kind_slug", "kind", "slug", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True, index=True)
    name: str = Field(max_length=300)
    kind: str = Field(max_length=20)
    description: str | None = Field(default=None, max_length=4000)
    url: str | None = Field(default=None, max_length=1000)
    country: str | None = Field(default=None, max_length=80)
    parent_id: int | None = Field(default=None, foreign_key="organisation.id")
    # Only for CSC teams: where they work.
    local_authority: str | None = Field(default=None, max_length=200)
    region: str | None = Field(default=None, max_length=100)
    created_at: datetime = created_at_field()
    # The api_key.id that registered it (null for seeded rows). No foreign key: api_key already
    # references organisation, and a cycle would need ALTER TABLE, which SQLite cannot do.
    created_by_key_id: int | None = None


class OrganisationName(Provenance, table=True):
    """One name an organisation has carried; renames add a row, the slug never changes."""

    __tablename__ = "organisation_name"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(max_length=300)
    valid_from: date | None = None
    valid_to: date | None = None
    note: str | None = Field(default=None, max_length=2000)


class OrganisationNamePublic(SQLModel):
    name: str
    valid_from: date | None
    valid_to: date | None
    note: str | None
    verified: bool
    provenance: str | None
    provenance_url: str | None


class OrganisationPublic(SQLModel):
    slug: str
    name: str
    kind: OrganisationKind
    description: str | None
    url: str | None
    country: str | None
    parent: str | None = Field(description="Slug of the parent organisation, if any.")
    local_authority: str | None
    region: str | None
    names: list[OrganisationNamePublic] = Field(description="Names over time, oldest first.")
    verified: bool
    provenance: str | None
    provenance_url: str | None


class OrganisationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "slug": "example-borough-csc",
                    "name": "Example Borough (fictional) CSC",
                    "kind": "csc_team",
                    "local_authority": "Example Borough",
                    "region": "London",
                }
            ]
        },
    )

    slug: str = PydanticField(min_length=2, max_length=80, pattern=SLUG_PATTERN)
    name: SingleLine = PydanticField(max_length=300)
    kind: OrganisationKind
    description: CleanText | None = PydanticField(default=None, max_length=4000)
    url: HttpUrlText | None = None
    country: SingleLine | None = PydanticField(default=None, max_length=80)
    parent: str | None = PydanticField(default=None, max_length=80, pattern=SLUG_PATTERN)
    local_authority: SingleLine | None = PydanticField(default=None, max_length=200)
    region: SingleLine | None = PydanticField(default=None, max_length=100)
