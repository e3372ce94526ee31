"""Practice models: TI models, practice frameworks, training and trauma-specific treatments.

Stewards add and edit them; every write adds an immutable revision holding the whole model.
"""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from api.auth import StewardDep
from api.deps import (
    CursorQuery,
    IfMatch,
    LimitQuery,
    ReadSession,
    Responses,
    SlugPath,
    WriteSession,
)
from api.http import conditional_get
from api.idempotency import IdempotencyKey, idempotent_create
from api.models.practice_model import (
    PracticeModelCreate,
    PracticeModelKind,
    PracticeModelPublic,
    PracticeModelRevisionPublic,
    PracticeModelUpdate,
)
from api.pagination import Page
from api.services import practice_models
from api.services.practice_models import PRACTICE_MODELS

router = APIRouter(prefix="/v1/practice-models", tags=["practice models"])

WRITE_ERRORS: Responses = {
    401: {"description": "No API key, or an unknown or revoked one."},
    403: {"description": "The key is not a steward's."},
    422: {"description": "The body is not valid; `errors` names each bad field."},
}
MODEL_404: Responses = {404: {"description": "No such practice model."}}


@router.get("", summary="List practice models")
def list_practice_models(
    session: ReadSession,
    kind: Annotated[PracticeModelKind | None, Query(description="Only this kind.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[PracticeModelPublic]:
    """Trauma-informed models, practice frameworks, training programmes and trauma-specific
    treatments, each with its principles and evidence links; `kind` narrows the list."""
    pairs, next_cursor = practice_models.list_page(session, kind, limit, cursor)
    return Page(items=practice_models.present(session, pairs), next_cursor=next_cursor)


@router.get(
    "/{model_slug}",
    summary="One practice model, with principles and evidence",
    responses=MODEL_404,
)
def get_practice_model(
    model_slug: SlugPath, session: ReadSession, request: Request, response: Response
) -> PracticeModelPublic:
    """One practice model with its principles (and the basis of each mapping) and its evidence
    links. Carries an `ETag`; `If-None-Match` gives 304."""
    model, revision = practice_models.get(session, model_slug)
    conditional_get(request, response, PRACTICE_MODELS.etag(model))
    return practice_models.present(session, [(model, revision)])[0]


@router.post(
    "",
    status_code=201,
    summary="Add a practice model (stewards)",
    response_model=PracticeModelPublic,
    responses={
        **WRITE_ERRORS,
        201: {"description": "Created; `Location` and `ETag` point at it."},
        409: {"description": "The slug is taken."},
    },
)
def create_practice_model(
    body: PracticeModelCreate,
    caller: StewardDep,
    session: WriteSession,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """A steward adds a practice model. Answers 201 with `Location` and `ETag`. Send an
    `Idempotency-Key` to make a retry safe."""

    def create() -> tuple[PracticeModelPublic, dict[str, str]]:
        model, revision = practice_models.create(session, caller, body)
        public = practice_models.present(session, [(model, revision)])[0]
        location = f"/v1/practice-models/{model.slug}"
        return public, {"Location": location, "ETag": PRACTICE_MODELS.etag(model)}

    return idempotent_create(request, session, caller, idempotency_key, body, create)


@router.patch(
    "/{model_slug}",
    summary="Edit a practice model (stewards; adds a revision)",
    responses={
        **WRITE_ERRORS,
        **MODEL_404,
        412: {"description": "If-Match is stale: someone else edited it first."},
        428: {"description": "If-Match is missing."},
    },
)
def revise_practice_model(
    model_slug: SlugPath,
    body: PracticeModelUpdate,
    caller: StewardDep,
    session: WriteSession,
    response: Response,
    if_match: IfMatch = None,
) -> PracticeModelPublic:
    """Send only what changes, with `If-Match: <ETag>`. `principles` and `evidence`, when sent,
    replace the stored lists."""
    model, revision = practice_models.revise(session, caller, model_slug, body, if_match)
    session.commit()
    response.headers["ETag"] = PRACTICE_MODELS.etag(model)
    return practice_models.present(session, [(model, revision)])[0]


@router.get(
    "/{model_slug}/revisions",
    summary="Every revision of a practice model, oldest first",
    responses=MODEL_404,
)
def list_practice_model_revisions(
    model_slug: SlugPath, session: ReadSession, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[PracticeModelRevisionPublic]:
    """Every revision of a practice model, oldest first, each holding the whole model."""
    items, next_cursor = practice_models.history(session, model_slug, limit, cursor)
    return Page(items=items, next_cursor=next_cursor)
