"""The proposed core definition, its proposals, and each department's position on them."""

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlmodel import Field, SQLModel

from api.auth import CallerDep, StewardDep
from api.deps import (
    CursorQuery,
    IdPath,
    IfMatch,
    LimitQuery,
    ReadSession,
    Responses,
    SlugPath,
    WriteSession,
)
from api.etags import content_etag
from api.http import conditional_get
from api.idempotency import IdempotencyKey, idempotent_create
from api.models.definition import DefinitionPublic, DefinitionSummary, ProposalCreate
from api.models.endorsement import (
    DepartmentStance,
    EndorsementPublic,
    EndorsementRevisionPublic,
    EndorsementUpsert,
)
from api.pagination import Page
from api.services import core, definitions, endorsements
from api.services.definitions import DEFINITIONS
from api.services.endorsements import ENDORSEMENTS

router = APIRouter(prefix="/v1/core-definition", tags=["core definition"])

PROPOSAL_404: Responses = {404: {"description": "No such core definition proposal."}}


class CoreDefinitionPublic(SQLModel):
    proposal: DefinitionPublic = Field(description="The current proposal, with its analysis.")
    endorsements: list[EndorsementPublic]
    departments: list[DepartmentStance] = Field(
        description="Every department and its position on this proposal (null: none yet)."
    )


@router.get(
    "",
    summary="The current proposed core definition, with endorsements",
    responses={
        304: {"description": "Not modified: If-None-Match matched the ETag."},
        404: {"description": "No core definition has been proposed yet."},
    },
)
def get_core_definition(
    session: ReadSession, request: Request, response: Response
) -> CoreDefinitionPublic:
    """The newest core definition proposal with its analysis, every organisation's position on it,
    and each department's stance (null when it has taken none). Carries an `ETag`; `If-None-
    Match` gives 304."""
    definition, revision = core.get_current(session)
    assert definition.id is not None
    public = CoreDefinitionPublic(
        proposal=definitions.present_definition(session, definition, revision),
        endorsements=endorsements.list_all(session, definition.id),
        departments=endorsements.stances(session, definition.id),
    )
    conditional_get(request, response, content_etag(public))
    return public


@router.get("/proposals", summary="Every core definition proposal, newest (current) first")
def list_proposals(
    session: ReadSession, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[DefinitionSummary]:
    """Every core definition proposal, newest (the current one) first."""
    pairs, next_cursor = core.list_page(session, limit, cursor)
    return Page(items=definitions.present_summaries(session, pairs), next_cursor=next_cursor)


@router.post(
    "/proposals",
    status_code=201,
    summary="Propose a new core definition (stewards); it becomes current",
    response_model=DefinitionPublic,
    responses={401: {"description": "No valid key."}, 403: {"description": "Not a steward."}},
)
def create_proposal(
    body: ProposalCreate,
    caller: StewardDep,
    session: WriteSession,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """A steward proposes a new core text; it becomes the current proposal. Answers 201 with
    `Location` (the proposal is a definition) and `ETag`. Send an `Idempotency-Key` to make a
    retry safe."""

    def create() -> tuple[DefinitionPublic, dict[str, str]]:
        definition, revision = core.create(session, caller, body)
        public = definitions.present_definition(session, definition, revision)
        location = f"/v1/definitions/{definition.id}"
        return public, {"Location": location, "ETag": DEFINITIONS.etag(definition)}

    return idempotent_create(request, session, caller, idempotency_key, body, create)


@router.get(
    "/proposals/{proposal_id}/endorsements",
    summary="Every organisation's current position on a proposal",
    responses=PROPOSAL_404,
)
def list_endorsements(proposal_id: IdPath, session: ReadSession) -> Page[EndorsementPublic]:
    """Every organisation's current position (endorse, object or abstain) on one proposal."""
    return Page(items=endorsements.list_all(session, proposal_id))


@router.get(
    "/proposals/{proposal_id}/endorsements/{organisation_slug}",
    summary="One organisation's current position on a proposal",
    responses={404: {"description": "No such proposal or organisation, or no position yet."}},
)
def get_endorsement(
    proposal_id: IdPath,
    organisation_slug: SlugPath,
    session: ReadSession,
    request: Request,
    response: Response,
) -> EndorsementPublic:
    """One organisation's current position on a proposal. Its `ETag` is what revising it needs in
    `If-Match`."""
    head, (_, revision, organisation) = endorsements.get(session, proposal_id, organisation_slug)
    conditional_get(request, response, ENDORSEMENTS.etag(head))
    return endorsements.present(revision, organisation)


@router.get(
    "/proposals/{proposal_id}/endorsements/{organisation_slug}/history",
    summary="Every position an organisation has taken on a proposal, oldest first",
    responses={404: {"description": "No such proposal or organisation."}},
)
def list_endorsement_history(
    proposal_id: IdPath,
    organisation_slug: SlugPath,
    session: ReadSession,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[EndorsementRevisionPublic]:
    """Every position an organisation has taken on a proposal, oldest first."""
    items, next_cursor = endorsements.history(
        session, proposal_id, organisation_slug, limit, cursor
    )
    return Page(items=items, next_cursor=next_cursor)


@router.put(
    "/proposals/{proposal_id}/endorsements/{organisation_slug}",
    summary="Record a department's position: endorse, object or abstain",
    responses={
        200: {"description": "The position was revised (a new revision is kept)."},
        201: {
            "model": EndorsementPublic,
            "description": "The organisation's first position on this proposal.",
        },
        401: {"description": "No valid key."},
        403: {"description": "The key may not act for this organisation."},
        404: {"description": "No such proposal or organisation."},
        409: {"description": "The proposal is withdrawn or superseded."},
        412: {"description": "If-Match is stale."},
        422: {"description": "Only departments record positions; or the body is invalid."},
        428: {"description": "If-Match is missing when revising a position."},
    },
)
def set_endorsement(
    proposal_id: IdPath,
    organisation_slug: SlugPath,
    body: EndorsementUpsert,
    caller: CallerDep,
    session: WriteSession,
    response: Response,
    if_match: IfMatch = None,
) -> EndorsementPublic:
    """One position per organisation per proposal. Revising it needs `If-Match` with the ETag
    of the current position; every earlier position stays in its history."""
    head, public, first = endorsements.revise(
        session, caller, proposal_id, organisation_slug, body, if_match
    )
    session.commit()
    response.status_code = 201 if first else 200
    response.headers["ETag"] = ENDORSEMENTS.etag(head)
    return public
