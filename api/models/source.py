"""Publications, and the findings, recommendations and figures a publication reports."""

from datetime import date, datetime
from typing import Literal, get_args

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.common import Provenance, created_at_field, one_of

FigureCategory = Literal["method", "survey", "outcome"]
FIGURE_CATEGORIES: tuple[str, ...] = get_args(FigureCategory)
FigureUnit = Literal["count", "percent"]


class Source(Provenance, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True, index=True)
    title: str = Field(max_length=1000)
    kind: str = Field(max_length=30)
    publisher_id: int | None = Field(default=None, foreign_key="organisation.id")
    partner_id: int | None = Field(default=None, foreign_key="organisation.id")
    authors: list[str] = Field(default_factory=list, sa_type=JSON)
    published_on: date | None = None
    year: int | None = None
    url: str | None = Field(default=None, max_length=1000)
    licence: str | None = Field(default=None, max_length=200)
    citation: str | None = Field(default=None, max_length=2000)
    summary: str | None = Field(default=None, max_length=4000)
    notes: str | None = Field(default=None, max_length=4000)
    created_at: datetime = created_at_field()


class Finding(Provenance, table=True):
    __table_args__ = (UniqueConstraint("source_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    number: int
    text: str = Field(max_length=4000)


class Recommendation(Provenance, table=True):
    __table_args__ = (UniqueConstraint("source_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    number: int
    implication: str | None = Field(default=None, max_length=2000)
    text: str = Field(max_length=4000)
    wording_note: str | None = Field(default=None, max_length=2000)


class RecommendationAddressee(SQLModel, table=True):
    """An organisation a recommendation names (e.g. the four departments of recommendation 1)."""

    __tablename__ = "recommendation_addressee"

    recommendation_id: int = Field(foreign_key="recommendation.id", primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)


class Figure(Provenance, table=True):
    """A number a source reports, with who reported it: survey shares, method counts, outcomes."""

    __table_args__ = (
        UniqueConstraint("source_id", "slug"),
        one_of("category", FIGURE_CATEGORIES),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    slug: str = Field(max_length=120)
    category: str = Field(max_length=20)
    label: str = Field(max_length=500)
    value: float | None = None
    unit: str | None = Field(default=None, max_length=20)
    value_text: str | None = Field(default=None, max_length=200)
    # The survey activity this figure measures, so live team data can be set beside it.
    activity: str | None = Field(default=None, max_length=60, index=True)
    reported_by: str | None = Field(default=None, max_length=500)
    reported_by_url: str | None = Field(default=None, max_length=1000)
    quote: str | None = Field(default=None, max_length=2000)
    note: str | None = Field(default=None, max_length=2000)


class FindingPublic(SQLModel):
    number: int
    text: str
    verified: bool
    provenance: str | None
    provenance_url: str | None


class RecommendationPublic(SQLModel):
    number: int
    implication: str | None
    text: str
    addressees: list[str] = Field(description="Slugs of the organisations it names.")
    wording_note: str | None
    verified: bool
    provenance: str | None
    provenance_url: str | None


class FigurePublic(SQLModel):
    slug: str
    category: FigureCategory
    label: str
    value: float | None
    unit: str | None
    value_text: str | None
    activity: str | None
    reported_by: str | None
    reported_by_url: str | None
    quote: str | None
    note: str | None
    verified: bool


class SourceSummary(SQLModel):
    slug: str
    title: str
    kind: str
    publisher: str | None
    partner: str | None
    authors: list[str]
    published_on: date | None
    year: int | None
    url: str | None
    licence: str | None
    citation: str | None
    verified: bool
    provenance: str | None
    provenance_url: str | None


class SourcePublic(SourceSummary):
    summary: str | None
    notes: str | None
    findings: list[FindingPublic]
    recommendations: list[RecommendationPublic]
    figures: list[FigurePublic]
