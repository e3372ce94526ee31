"""Published principle sets (SAMHSA's six, OHID's six...), items read in the registry's terms."""

from typing import Literal, get_args

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.common import Provenance, one_of

MatchKind = Literal["exact", "broader", "narrower"]
MATCH_KINDS: tuple[str, ...] = get_args(MatchKind)


class Framework(Provenance, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True, index=True)
    title: str = Field(max_length=500)
    source_id: int | None = Field(default=None, foreign_key="source.id")
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    year: int | None = None
    url: str | None = Field(default=None, max_length=1000)
    note: str | None = Field(default=None, max_length=4000)


class FrameworkItem(Provenance, table=True):
    __tablename__ = "framework_item"
    __table_args__ = (UniqueConstraint("framework_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    framework_id: int = Field(foreign_key="framework.id", index=True)
    position: int
    label: str = Field(max_length=500)
    description: str | None = Field(default=None, max_length=2000)


class FrameworkItemPrinciple(SQLModel, table=True):
    __tablename__ = "framework_item_principle"
    __table_args__ = (one_of("match", MATCH_KINDS),)

    item_id: int = Field(foreign_key="framework_item.id", primary_key=True)
    principle_id: int = Field(foreign_key="principle.id", primary_key=True)
    match: str = Field(max_length=10)


class ItemPrinciplePublic(SQLModel):
    slug: str
    match: MatchKind


class FrameworkItemPublic(SQLModel):
    position: int
    label: str
    description: str | None
    principles: list[ItemPrinciplePublic]
    verified: bool


class FrameworkSummary(SQLModel):
    slug: str
    title: str
    source: str | None
    organisation: str | None
    year: int | None
    url: str | None
    principles: list[str] = Field(description="Principle slugs any item maps to.")
    verified: bool
    provenance: str | None
    provenance_url: str | None


class FrameworkPublic(FrameworkSummary):
    note: str | None
    items: list[FrameworkItemPublic]
