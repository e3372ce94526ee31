"""Children's social care teams: the models, activities and pathways they declare, and history.

A team is an organisation of kind ``csc_team`` (stewards register them through
``POST /v1/organisations``). Its own key, or a steward's, declares what it uses.
"""

from operator import attrgetter
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from api.auth import CallerDep, require_acting_for
from api.deps import SessionDep, TeamDep
from api.errors import Problem
from api.http import conditional_get, require_if_match
from api.models import (
    Organisation,
    TeamDeclaration,
)
from api.models.team import (
    TeamAlignmentPublic,
    TeamDeclarationIn,
    TeamDeclarationPublic,
    TeamPublic,
)
from api.pagination import CursorQuery, LimitQuery, Page, keyset_page, slug_page
from api.services.teams import (
    present_declarations,
    present_teams,
    team_alignment_report,
    team_etag,
    validate_declaration,
    write_declaration,
)

router = APIRouter(prefix="/v1/teams", tags=["teams"])

WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No API key, or an unknown or revoked one."},
    403: {"description": "The key is neither the team's own nor a steward's."},
    404: {"description": "No such CSC team."},
    412: {"description": "If-Match is stale: the declaration changed since you read it."},
    422: {"description": "The body is not valid; `errors` names each bad field."},
    428: {"description": "If-Match is missing, and the team already has a declaration."},
}


@router.get("", summary="List CSC teams, with their current declarations")
def list_teams(
    session: SessionDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[TeamPublic]:
    query = select(Organisation).where(Organisation.kind == "csc_team")
    rows, next_cursor = slug_page(session, query, col(Organisation.slug), limit, cursor)
    return Page(items=present_teams(session, rows), next_cursor=next_cursor)


@router.get("/{team_slug}", summary="One CSC team and what it currently declares")
def get_team(
    team: TeamDep, session: SessionDep, request: Request, response: Response
) -> TeamPublic:
    public = present_teams(session, [team])[0]
    conditional_get(request, response, team_etag(public))
    return public


@router.put(
    "/{team_slug}/practice-models",
    summary="Declare the models, activities and pathways a team uses (adds a declaration)",
    responses=WRITE_ERRORS,
)
def declare_practice_models(
    team: TeamDep,
    body: TeamDeclarationIn,
    caller: CallerDep,
    session: SessionDep,
    request: Request,
    response: Response,
) -> TeamPublic:
    """Replaces the team's declaration; the previous one stays in `/declarations`.

    `If-Match` (the team's `ETag`) may be left out for the first declaration only.
    """
    require_acting_for(caller, team)
    before = present_teams(session, [team])[0]
    if before.declaration_revision is not None or request.headers.get("if-match"):
        require_if_match(request, team_etag(before))
    models = validate_declaration(session, body)
    number = (before.declaration_revision or 0) + 1
    write_declaration(session, team, body, models, caller.key, number=number)
    try:
        session.commit()
    except IntegrityError:
        # Another declaration numbered the same committed first: this one was based on a
        # version that is no longer current.
        session.rollback()
        raise Problem(
            412,
            "Another declaration was made meanwhile: fetch the team again and resend.",
            kind="precondition-failed",
        ) from None
    public = present_teams(session, [team])[0]
    response.headers["ETag"] = team_etag(public)
    return public


@router.get("/{team_slug}/declarations", summary="Every declaration of a team, oldest first")
def list_declarations(
    team: TeamDep, session: SessionDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[TeamDeclarationPublic]:
    query = select(TeamDeclaration).where(TeamDeclaration.team_id == team.id)
    rows, next_cursor = keyset_page(
        session, query, col(TeamDeclaration.number), attrgetter("number"), limit, cursor
    )
    return Page(items=present_declarations(session, rows), next_cursor=next_cursor)


@router.get(
    "/{team_slug}/alignment",
    summary="How the team's models' principles cover the core and the definition it works to",
)
def get_alignment(team: TeamDep, session: SessionDep) -> TeamAlignmentPublic:
    return team_alignment_report(session, team)
