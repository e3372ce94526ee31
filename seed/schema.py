"""The shape of the seed files, validated before anything is written (extra keys are errors)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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
    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str
    kind: Literal["department", "csc_team", "research_body", "standards_body"]
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
    slug: str
    category: Literal["method", "survey", "outcome"]
    label: str
    value: float | None = None
    unit: Literal["count", "percent"] | None = None
    value_text: str | None = None
    activity: str | None = None
    reported_by: str | None = None
    reported_by_url: str | None = None
    quote: str | None = None
    verified: bool
    note: str | None = None


class SourceIn(_Provenance):
    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
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


class PrincipleIn(_Strict):
    slug: str
    name: str
    position: int
    has_it_when: str
    not_merely: str | None
    origin: str


class ItemPrincipleIn(_Strict):
    slug: str
    match: Literal["exact", "broader", "narrower"]


class FrameworkItemIn(_Strict):
    label: str
    description: str | None = None
    verified: bool
    principles: list[ItemPrincipleIn]


class FrameworkIn(_Provenance):
    slug: str
    title: str
    source: str | None = None
    organisation: str | None = None
    year: int | None = None
    url: str | None = None
    note: str | None = None
    items: list[FrameworkItemIn] = Field(min_length=1)


class DefinitionIn(_Provenance):
    slug: str
    organisation: str
    kind: Literal["published", "core_proposal"]
    title: str = Field(max_length=300)
    text: str = Field(min_length=1)
    status: Literal["draft", "published"]
    scope: str | None = None
    source: str | None = None
    citation: str | None = None
    url: str | None = None
    year: int | None = None
    language: str = "en"
    note: str | None = None


class ModelPrincipleIn(_Strict):
    slug: str
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
    slug: str
    name: str
    kind: Literal[
        "trauma_informed_model", "practice_framework", "training", "trauma_specific_treatment"
    ]
    description: str | None = None
    is_standard_practice: bool | None = None
    url: str | None = None
    source: str | None = None
    note: str | None = None
    principles: list[ModelPrincipleIn] = []
    evidence: list[EvidenceIn] = []
