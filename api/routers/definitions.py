"""Definitions: list, search and export; read with ETags; submit, revise, withdraw; history."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlmodel import Session

from api.auth import CallerDep
from api.deps import (
    CursorQuery,
    IdPath,
    IfMatch,
    LimitQuery,
    ReadSession,
    Responses,
    WriteSession,
    run_read,
)
from api.http import CSV, JSONLD, conditional_get, export_format, export_response
from api.idempotency import IdempotencyKey, idempotent_create
from api.models.common import CleanText, Slug
from api.models.definition import (
    DefinitionCreate,
    DefinitionKind,
    DefinitionPublic,
    DefinitionSummary,
    DefinitionUpdate,
    RevisionDiff,
    RevisionPublic,
    Status,
)
from api.pagination import Page
from api.representations import cached_definition, cached_summaries
from api.services import definitions
from api.services.definitions import DEFINITIONS, DefinitionFilters

router = APIRouter(prefix="/v1/definitions", tags=["definitions"])

WRITE_ERRORS: Responses = {
    401: {"description": "No API key, or an unknown or revoked one."},
    403: {"description": "The key may not act for this organisation, or lacks the role."},
    404: {"description": "No such definition."},
    422: {"description": "The body is not valid; `errors` names each bad field."},
}


@router.get(
    "",
    summary="List, search or export definitions",
    response_model=Page[DefinitionSummary],
    responses={
        200: {
            "description": "JSON by default. Send `Accept: text/csv` or `Accept: "
            "application/ld+json` (SKOS concepts) for an export of every match, unpaginated.",
            "content": {CSV: {}, JSONLD: {}},
        },
        400: {"description": "The cursor is not valid."},
    },
)
async def list_definitions(
    request: Request,
    q: Annotated[
        CleanText | None,
        Query(
            min_length=1,
            max_length=200,
            description="Full-text search, ranked by relevance: every word must match "
            "(English stemming, so 'relationship' finds 'relationships').",
        ),
    ] = None,
    organisation: Annotated[
        list[Slug] | None, Query(max_length=20, description="Organisation slug(s).")
    ] = None,
    kind: Annotated[list[DefinitionKind] | None, Query(max_length=3)] = None,
    status: Annotated[list[Status] | None, Query(max_length=4)] = None,
    principle: Annotated[
        list[Slug] | None,
        Query(max_length=12, description="Principle slug(s): the text must carry all of them."),
    ] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    """Current definitions, newest first, or ranked by relevance when `q` is given. Filters
    combine: every one given must match. Paged with `limit` and `cursor`."""
    filters = DefinitionFilters(
        q=q,
        organisation=organisation or (),
        kind=kind or (),
        status=status or (),
        principle=principle or (),
        year=year,
    )
    export = export_format(request)
    if export is not None:

        def everything(session: Session) -> list[DefinitionSummary]:
            keys, _ = definitions.list_page(session, filters, None, None)
            pairs = definitions.at_revisions(session, keys)
            return definitions.present_summaries(session, pairs)

        return export_response(request, await run_read(request, everything, heavy=True), export)

    def page(session: Session) -> Response:
        keys, next_cursor = definitions.list_page(session, filters, limit, cursor)
        return cached_summaries(request, session, keys, next_cursor)

    return await run_read(request, page)


@router.post(
    "",
    status_code=201,
    summary="Submit a definition",
    response_model=DefinitionPublic,
    responses={
        **WRITE_ERRORS,
        201: {"description": "Created; `Location` and `ETag` headers point at it."},
    },
)
def create_definition(
    body: DefinitionCreate,
    caller: CallerDep,
    session: WriteSession,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """The definition belongs to the key's organisation (stewards may name another)."""

    def create() -> tuple[DefinitionPublic, dict[str, str]]:
        definition, revision = definitions.create(session, caller, body)
        public = definitions.present_definition(session, definition, revision)
        location = f"{request.url.path}/{definition.id}"
        return public, {"Location": location, "ETag": DEFINITIONS.etag(definition)}

    return idempotent_create(request, session, caller, idempotency_key, body, create)


@router.get(
    "/{definition_id}",
    summary="One definition at its current revision",
    response_model=DefinitionPublic,
    responses={404: {"description": "No such definition."}},
)
async def get_definition(definition_id: IdPath, request: Request) -> Response:
    """Served from the rendered representation of its current revision once it has one."""
    return await cached_definition(request, definition_id)


@router.patch(
    "/{definition_id}",
    summary="Revise a definition (adds a revision)",
    responses={
        **WRITE_ERRORS,
        412: {"description": "If-Match is stale: someone else revised it first."},
        428: {"description": "If-Match is missing."},
    },
)
def revise_definition(
    definition_id: IdPath,
    body: DefinitionUpdate,
    caller: CallerDep,
    session: WriteSession,
    response: Response,
    if_match: IfMatch = None,
) -> DefinitionPublic:
    """Send only the fields that change, with `If-Match: <ETag>`; all others carry over."""
    definition, revision = definitions.revise(session, caller, definition_id, body, if_match)
    session.commit()
    response.headers["ETag"] = DEFINITIONS.etag(definition)
    return definitions.present_definition(session, definition, revision)


@router.delete(
    "/{definition_id}",
    status_code=204,
    summary="Withdraw a definition (its revisions stay readable)",
    responses={
        **WRITE_ERRORS,
        409: {"description": "It is already withdrawn."},
        412: {"description": "If-Match is stale."},
        428: {"description": "If-Match is missing."},
    },
)
def withdraw_definition(
    definition_id: IdPath, caller: CallerDep, session: WriteSession, if_match: IfMatch = None
) -> Response:
    """Marks the definition `withdrawn` (a new revision); its revisions stay readable. Needs
    `If-Match` with its current `ETag`."""
    definition = definitions.withdraw(session, caller, definition_id, if_match)
    session.commit()
    return Response(status_code=204, headers={"ETag": DEFINITIONS.etag(definition)})


@router.get(
    "/{definition_id}/revisions",
    summary="Every revision of a definition, oldest first",
    responses={404: {"description": "No such definition."}},
)
def list_revisions(
    definition_id: IdPath, session: ReadSession, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[RevisionPublic]:
    """Every revision of a definition, oldest first: nothing is ever overwritten."""
    rows, next_cursor = definitions.history(session, definition_id, limit, cursor)
    return Page(items=definitions.present_revisions(session, rows), next_cursor=next_cursor)


RevisionNumber = IdPath


@router.get(
    "/{definition_id}/revisions/{number}",
    summary="One revision of a definition",
    responses={404: {"description": "No such definition or revision."}},
)
def get_revision(
    definition_id: IdPath,
    number: RevisionNumber,
    session: ReadSession,
    request: Request,
    response: Response,
) -> RevisionPublic:
    """One revision as it was written, with its analysis. A revision never changes, so its `ETag`
    never does."""
    definition = definitions.get(session, definition_id)
    conditional_get(request, response, DEFINITIONS.revision_etag(definition, number))
    revision = DEFINITIONS.at(session, definition, number)
    return definitions.present_revisions(session, [revision])[0]


@router.get(
    "/{definition_id}/diff",
    summary="Word-level diff between two revisions",
    responses={404: {"description": "No such definition or revision."}},
)
def diff_revisions(
    definition_id: IdPath,
    session: ReadSession,
    from_: Annotated[
        int | None,
        Query(alias="from", ge=1, le=2**31 - 1, description="Default: the previous revision."),
    ] = None,
    to: Annotated[
        int | None, Query(ge=1, le=2**31 - 1, description="Default: the current revision.")
    ] = None,
) -> RevisionDiff:
    """Word-level differences between two revisions' texts (by default the previous and the
    current)."""
    return definitions.diff(session, definition_id, from_, to)
