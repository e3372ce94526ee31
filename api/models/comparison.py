"""Request and response models for analyses, comparisons, the matrix and consensus (no tables)."""

from datetime import datetime
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.models.common import CleanText, RowId
from api.models.definition import EXAMPLE_TEXT, DiffPublic, PrincipleEvidence

# The matrix is n x n numbers twice over; past this many definitions ask for a selection.
MATRIX_LIMIT = 500
# How many nearest neighbours one request may ask for, and how many it gets by default.
NEIGHBOURS_MAX = 50
NEIGHBOURS_DEFAULT = 10
# The trend is paged by definition (each with all its revisions): a page's cost is bounded
# however many organisations and revisions the registry holds.
TREND_LIMIT_DEFAULT = 50
TREND_LIMIT_MAX = 200
# Ids are JSON integers in range: true/false or "12" are errors, not ids 1/0/12.
DefinitionId = RowId


class AnalysisRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"text": EXAMPLE_TEXT}]},
    )

    text: CleanText = Field(max_length=20_000)


class AnalysisResult(BaseModel):
    principles: list[PrincipleEvidence]
    method: str = Field(description="Version of the analyser.")
    text_length: int
    analysed: bool = Field(
        description="False when the analyser could not read the text (a language it does not "
        "read): then it has no principles because it was not read, not because it carries none."
    )
    language: str | None = Field(description="The text's language (ISO 639-1), as detected.")
    not_analysed_reason: str | None = Field(description="Why the text was not analysed.")
    denied: list[PrincipleEvidence] = Field(
        description="Principles the text explicitly denies, defers or leaves out, each with the "
        "words that say so (never also in principles)."
    )


class ComparisonRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"text": EXAMPLE_TEXT}]},
    )

    text: CleanText | None = Field(default=None, max_length=20_000)
    definition_id: DefinitionId | None = None
    against: DefinitionId | None = Field(
        default=None,
        description="A definition id; default: the current proposed core definition.",
    )

    @model_validator(mode="after")
    def one_subject(self) -> Self:
        if (self.text is None) == (self.definition_id is None):
            raise ValueError("send exactly one of text or definition_id")
        return self


class SharedTermPublic(BaseModel):
    term: str
    weight: float = Field(description="Its contribution to the cosine; they sum to similarity.")


class DefinitionRef(BaseModel):
    definition_id: int
    revision: int
    title: str
    organisation: str
    kind: str


class Phrasing(BaseModel):
    definition_id: int
    organisation: str
    title: str
    quote: str


class Gap(BaseModel):
    principle: str
    phrasings: list[Phrasing] = Field(
        description="How other organisations' current definitions phrase it."
    )


class PrincipleDetail(BaseModel):
    slug: str
    subject_evidence: list[dict[str, int | str]]
    against_evidence: list[dict[str, int | str]]


class ComparisonMethod(BaseModel):
    analyser: str
    similarity: str
    corpus_size: int = Field(description="Current definitions the TF-IDF weights came from.")
    core_revision: int | None = Field(
        description="Revision of the core proposal used, when comparing against the core."
    )


class ComparisonResult(BaseModel):
    subject: DefinitionRef | None = Field(description="The stored definition compared, if any.")
    against: DefinitionRef
    coverage: float | None = Field(
        description="Share (0..1) of the against-text's principles present; null when a side "
        "was not analysed (see not_analysed)."
    )
    shared: list[str]
    missing: list[str]
    extra: list[str]
    subject_denied: list[PrincipleEvidence] = Field(
        default_factory=list,
        description="Principles the subject text explicitly denies, defers or leaves out, with "
        "its words (a missing principle the text says it leaves out, not one it forgot).",
    )
    against_denied: list[PrincipleEvidence] = Field(
        default_factory=list,
        description="Principles the text compared against explicitly denies, with its words.",
    )
    not_analysed: list[str] = Field(
        default_factory=list,
        description="Why a side was not analysed (a language the analyser does not read); "
        "coverage and the principle lists then mean nothing and are left empty.",
    )
    principles: list[PrincipleDetail] = Field(
        description="The text that shows each shared, missing or extra principle."
    )
    similarity: float
    shared_terms: list[SharedTermPublic]
    diff: DiffPublic
    gaps: list[Gap]
    method: ComparisonMethod
    compared_at: datetime


class MatrixRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"definition_ids": [1, 2, 3]}]}
    )

    definition_ids: list[DefinitionId] | None = Field(
        default=None,
        min_length=1,
        max_length=MATRIX_LIMIT,
        description=f"Default: every current definition (up to {MATRIX_LIMIT}).",
    )


class MatrixResult(BaseModel):
    definitions: list[DefinitionRef]
    similarity: list[list[float]] = Field(description="Pairwise TF-IDF cosine, row by row.")
    overlap: list[list[float]] = Field(description="Pairwise Jaccard overlap of principles.")
    principles: list[list[str]] = Field(description="Each definition's principle slugs.")
    method: ComparisonMethod


class NeighboursRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"text": EXAMPLE_TEXT, "k": 5}]}
    )

    text: CleanText = Field(max_length=20_000)
    k: int = Field(
        default=NEIGHBOURS_DEFAULT,
        ge=1,
        le=NEIGHBOURS_MAX,
        strict=True,
        description="How many neighbours to return at most.",
    )


class Neighbour(BaseModel):
    definition: DefinitionRef
    similarity: float = Field(description="TF-IDF cosine (0..1] with the subject.")


class NeighbourMethod(BaseModel):
    similarity: str
    corpus_size: int = Field(description="Current definitions searched (and weighting terms).")


class NeighboursResult(BaseModel):
    subject: DefinitionRef | None = Field(description="The definition whose neighbours these are.")
    neighbours: list[Neighbour] = Field(
        description="Most similar current definitions first (ties by id); only those sharing a "
        "term with the subject, so there may be fewer than k."
    )
    method: NeighbourMethod


class PrincipleAgreement(BaseModel):
    slug: str
    name: str
    organisations: list[str]
    count: int
    share: float
    status: Literal["agreed", "contested", "unique", "absent"]
    in_core: bool


class ConsensusResult(BaseModel):
    kind: str
    organisations: list[str] = Field(description="Organisations with a current definition.")
    without_definition: list[str]
    not_analysed: list[str] = Field(
        default_factory=list,
        description="Organisations whose current definitions the analyser could not read (a "
        "language it does not read): left out of every figure here.",
    )
    principles: list[PrincipleAgreement]
    core: DefinitionRef | None
    core_principles: list[str]
    core_lacks_agreed: list[str] = Field(description="Carried by every organisation, not the core.")
    core_lacks_majority: list[str] = Field(description="Carried by a majority, not the core.")
    core_adds: list[str] = Field(description="In the core, carried by no organisation.")
    method: str


class TrendPoint(BaseModel):
    revision: int
    created_at: datetime
    status: str
    coverage: float
    shared: list[str]
    missing: list[str]


class DefinitionTrend(BaseModel):
    definition_id: int
    title: str
    points: list[TrendPoint]


class OrganisationTrend(BaseModel):
    organisation: str
    definitions: list[DefinitionTrend]


class TrendResult(BaseModel):
    core: DefinitionRef
    core_principles: list[str]
    organisations: list[OrganisationTrend] = Field(
        description="This page's definitions by organisation (slug order), each definition's "
        "revisions in order. An organisation whose definitions run past the page's end "
        "continues, under the same slug, at the start of the next page."
    )
    method: str
    next_cursor: str | None = Field(
        default=None,
        description="Pass as `cursor` for the next page; null on the last page.",
    )
