"""Organisations: departments, CSC teams, research and standards bodies."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from api.auth import StewardDep
from api.deps import CursorQuery, LimitQuery, ReadSession, SlugPath, WriteSession
from api.etags import content_etag
from api.http import conditional_get
from api.idempotency import IdempotencyKey, idempotent_create
from api.models.organisation import OrganisationCreate, OrganisationKind, OrganisationPublic
from api.pagination import Page
from api.services import organisations

router = APIRouter(prefix="/v1/organisations", tags=["organisations"])


@router.get("", summary="List organisations")
def list_organisations(
    session: ReadSession,
    kind: Annotated[OrganisationKind | None, Query(description="Only this kind.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[OrganisationPublic]:
    """Departments, CSC teams, research and standards bodies, by slug; `kind` narrows the list. A
    renamed organisation keeps its slug and lists its former names."""
    rows, next_cursor = organisations.list_page(session, kind, limit, cursor)
    return Page(items=organisations.present(session, rows), next_cursor=next_cursor)


@router.get(
    "/{organisation_slug}",
    summary="One organisation, with its names over time",
    responses={404: {"description": "No such organisation."}},
)
def get_organisation(
    organisation_slug: SlugPath, session: ReadSession, request: Request, response: Response
) -> OrganisationPublic:
    """One organisation with its names over time. Carries an `ETag`; `If-None-Match` gives 304."""
    public = organisations.present(session, [organisations.get(session, organisation_slug)])[0]
    conditional_get(request, response, content_etag(public))
    return public


@router.post(
    "",
    status_code=201,
    summary="Register an organisation (stewards)",
    response_model=OrganisationPublic,
    responses={
        401: {"description": "No API key, or an unknown or revoked one."},
        403: {"description": "The key is not a steward's."},
        409: {"description": "The slug is taken."},
        422: {"description": "The body is not valid."},
    },
)
def create_organisation(
    body: OrganisationCreate,
    caller: StewardDep,
    session: WriteSession,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """A steward registers an organisation (a CSC team, say). Answers 201 with `Location` and
    `ETag`. Send an `Idempotency-Key` to make a retry safe."""

    def create() -> tuple[OrganisationPublic, dict[str, str]]:
        organisation = organisations.create(session, caller, body)
        public = organisations.present(session, [organisation])[0]
        location = f"/v1/organisations/{organisation.slug}"
        return public, {"Location": location, "ETag": content_etag(public)}

    return idempotent_create(request, session, caller, idempotency_key, body, create)
