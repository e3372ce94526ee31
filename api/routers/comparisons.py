"""Analysis and comparison: nothing here is stored; every answer names the methods it used."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CursorQuery, IdPath, ReadSession
from api.models.common import Slug
from api.models.comparison import (
    MATRIX_LIMIT,
    NEIGHBOURS_DEFAULT,
    NEIGHBOURS_MAX,
    TREND_LIMIT_DEFAULT,
    TREND_LIMIT_MAX,
    AnalysisRequest,
    AnalysisResult,
    ComparisonRequest,
    ComparisonResult,
    ConsensusResult,
    MatrixRequest,
    MatrixResult,
    NeighboursRequest,
    NeighboursResult,
    TrendResult,
)
from api.models.organisation import OrganisationKind
from api.services import comparison, neighbours
from api.services.analysis import analysis_result

router = APIRouter(prefix="/v1", tags=["comparison"])


@router.post("/analyses", summary="Find the principles a text carries, with evidence")
def create_analysis(body: AnalysisRequest) -> AnalysisResult:
    """The principles the text carries and those it explicitly denies, each with evidence, and
    the analyser version; or, for a text in a language the analyser does not read, that it was
    not analysed and why. Nothing is stored."""
    return analysis_result(body.text)


@router.post(
    "/comparisons",
    summary="Compare a text or definition against the core proposal (or any definition)",
    responses={404: {"description": "No such definition, or no core proposal yet."}},
)
def create_comparison(body: ComparisonRequest, session: ReadSession) -> ComparisonResult:
    """Coverage of the core's principles, what is shared, missing and extra (each with the text
    that shows it), TF-IDF similarity with its shared terms, a word diff from the core to the
    text, and, for each missing principle, how other organisations phrase it."""
    return comparison.compare(session, body)


@router.post(
    "/comparisons/matrix",
    summary="Pairwise similarity and principle overlap",
    description=f"A dense matrix of chosen definitions, at most {MATRIX_LIMIT}; without "
    "`definition_ids`, of every current definition while there are no more than that. For "
    "a large registry ask for a definition's nearest neighbours instead.",
    responses={
        404: {"description": "A definition named in `definition_ids` does not exist."},
        422: {
            "description": f"More than {MATRIX_LIMIT} definitions: sent in `definition_ids`, "
            "or meant by sending none (`matrix-too-large`)."
        },
    },
)
def create_comparison_matrix(body: MatrixRequest, session: ReadSession) -> MatrixResult:
    """Pairwise TF-IDF similarity and principle overlap (Jaccard) of the named definitions, or of
    every current definition when none are named. Nothing is stored."""
    return comparison.matrix(session, body.definition_ids)


NEIGHBOURS_DESCRIPTION = """The current definitions (published or draft, core proposals included)
whose TF-IDF cosine with the subject is highest, best first, ties by id; only those sharing at
least one term, so there may be fewer than `k`. The scores equal `similarity` in comparisons and
the matrix. The index behind them follows every write at once, in every worker: a withdrawn or
superseded definition drops out, a revised one is found by its new text."""


@router.post(
    "/comparisons/neighbours",
    summary="The current definitions most similar to a text",
    description=NEIGHBOURS_DESCRIPTION,
)
def create_neighbours(body: NeighboursRequest, session: ReadSession) -> NeighboursResult:
    return neighbours.of_text(session, body.text, body.k)


@router.get(
    "/definitions/{definition_id}/neighbours",
    summary="The current definitions most similar to a definition",
    description=NEIGHBOURS_DESCRIPTION
    + " The definition itself (whatever its status) is never among them.",
    responses={404: {"description": "No such definition."}},
)
def get_neighbours(
    definition_id: IdPath,
    session: ReadSession,
    k: Annotated[
        int, Query(ge=1, le=NEIGHBOURS_MAX, description="How many neighbours to return at most.")
    ] = NEIGHBOURS_DEFAULT,
) -> NeighboursResult:
    return neighbours.of_definition(session, definition_id, k)


@router.get("/consensus", summary="Where organisations agree and diverge, principle by principle")
def get_consensus(
    session: ReadSession,
    kind: Annotated[OrganisationKind, Query(description="Which organisations to compare.")] = (
        "department"
    ),
) -> ConsensusResult:
    """For each principle, which organisations of the given kind carry it in their current
    definitions (agreed, contested, unique or absent), and what the current core proposal lacks
    or adds."""
    return comparison.consensus_for(session, kind)


TREND_DESCRIPTION = f"""How much of the current core each organisation's definitions
covered, revision by revision (coverage, shared and missing principles per revision).

Paged by definition, so a page costs the same however large the registry grows: a page holds
up to `limit` definitions (default {TREND_LIMIT_DEFAULT}, at most {TREND_LIMIT_MAX}; more is a
422), each with every one of its revisions in order, grouped by organisation in slug order.
Pass `next_cursor` back as `cursor` for the next page; it is null on the last. The cursor is
a position (organisation, definition), so a definition written meanwhile is never counted
twice, and a page never skips one that was there when the first page was read. An
organisation whose definitions run past a page's end continues, under the same slug, on the
next page: to draw one organisation's trajectory, filter by `organisation`."""


@router.get(
    "/consensus/trend",
    summary="Coverage of the current core over each organisation's revisions",
    description=TREND_DESCRIPTION,
    responses={
        400: {"description": "The cursor is not one this endpoint gave (`invalid-cursor`)."},
        404: {"description": "No core proposal yet."},
    },
)
def get_consensus_trend(
    session: ReadSession,
    kind: Annotated[OrganisationKind | None, Query()] = None,
    organisation: Annotated[Slug | None, Query(max_length=80)] = None,
    limit: Annotated[
        int,
        Query(
            ge=1,
            le=TREND_LIMIT_MAX,
            description=f"Definitions per page (1 to {TREND_LIMIT_MAX}), each with all its "
            "revisions.",
        ),
    ] = TREND_LIMIT_DEFAULT,
    cursor: CursorQuery = None,
) -> TrendResult:
    return comparison.trend(session, kind, organisation, limit, cursor)
