"""The shape of the seed files, validated before anything is written (extra keys are errors)."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from api.models.common import Slug
from api.models.definition import NewStatus, SeededKind
from api.models.framework import MatchKind
from api.models.organisation import OrganisationKind
from api.models.practice_model import PracticeModelKind
from api.models.source import FigureCategory, FigureUnit


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Provenance(_Strict):
    verified: bool
    provenance: str | None = None
    provenance_url: str | None = None


class NameIn(_Provenance):
    name: str
    valid_from: date | None = None
    valid_to: date | None = None
    note: str | None = None


class OrganisationIn(_Provenance):
    slug: Slug
    name: str
    kind: OrganisationKind
    description: str | None = None
    url: str | None = None
    country: str | None = None
    parent: str | None = None
    names: list[NameIn] = Field(min_length=1)


class FindingIn(_Provenance):
    number: int
    text: str


class RecommendationIn(_Provenance):
    number: int
    implication: str | None = None
    text: str
    addressees: list[str]
    wording_note: str | None = None


class FigureIn(_Strict):
    slug: Slug
    category: FigureCategory
    label: str
    value: float | None = None
    unit: FigureUnit | None = None
    value_text: str | None = None
    activity: str | None = None
    reported_by: str | None = None
    reported_by_url: str | None = None
    quote: str | None = None
    verified: bool
    note: str | None = None


class SourceIn(_Provenance):
    slug: Slug
    title: str
    kind: str
    publisher: str | None = None
    partner: str | None = None
    authors: list[str] = []
    published_on: date | None = None
    year: int | None = None
    url: str | None = None
    licence: str | None = None
    citation: str | None = None
    summary: str | None = None
    notes: str | None = None
    findings: list[FindingIn] = []
    recommendations: list[RecommendationIn] = []
    figures: list[FigureIn] = []


class ItemPrincipleIn(_Strict):
    slug: Slug
    match: MatchKind


class FrameworkItemIn(_Strict):
    label: str
    description: str | None = None
    verified: bool
    principles: list[ItemPrincipleIn]


class FrameworkIn(_Provenance):
    slug: Slug
    title: str
    source: str | None = None
    organisation: str | None = None
    year: int | None = None
    url: str | None = None
    note: str | None = None
    items: list[FrameworkItemIn] = Field(min_length=1)


class DefinitionIn(_Provenance):
    slug: Slug
    organisation: str
    kind: SeededKind
    title: str = Field(max_length=300)
    text: str = Field(min_length=1)
    status: NewStatus
    scope: str | None = None
    source: str | None = None
    citation: str | None = None
    url: str | None = None
    year: int | None = None
    language: str = "en"
    note: str | None = None


class ModelPrincipleIn(_Strict):
    slug: Slug
    basis: str | None = None
    verified: bool


class EvidenceIn(_Strict):
    rating: str | None = None
    scale: str | None = None
    rated_on: date | None = None
    url: str | None = None
    note: str | None = None
    verified: bool


class PracticeModelIn(_Provenance):
    slug: Slug
    name: str
    kind: PracticeModelKind
    description: str | None = None
    is_standard_practice: bool | None = None
    url: str | None = None
    source: str | None = None
    note: str | None = None
    principles: list[ModelPrincipleIn] = []
    evidence: list[EvidenceIn] = []
