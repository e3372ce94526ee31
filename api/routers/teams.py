"""Children's social care teams: the models, activities and pathways they declare, and history.

A team is an organisation of kind ``csc_team`` (stewards register them through
``POST /v1/organisations``). Its own key, or a steward's, declares what it uses.
"""

from fastapi import APIRouter, Request, Response

from api.auth import CallerDep
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
from api.models.team import (
    TeamAlignmentPublic,
    TeamDeclarationIn,
    TeamDeclarationPublic,
    TeamPublic,
)
from api.pagination import Page
from api.services import teams

router = APIRouter(prefix="/v1/teams", tags=["teams"])

TEAM_404: Responses = {404: {"description": "No such CSC team."}}
WRITE_ERRORS: Responses = {
    401: {"description": "No API key, or an unknown or revoked one."},
    403: {"description": "The key is neither the team's own nor a steward's."},
    **TEAM_404,
    412: {"description": "If-Match is stale: the declaration changed since you read it."},
    422: {"description": "The body is not valid; `errors` names each bad field."},
    428: {"description": "If-Match is missing, and the team already has a declaration."},
}


@router.get("", summary="List CSC teams, with their current declarations")
def list_teams(
    session: ReadSession, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[TeamPublic]:
    """Registered CSC teams, each with its current declaration of models, activities, pathways."""
    rows, next_cursor = teams.list_page(session, limit, cursor)
    return Page(items=teams.present_teams(session, rows), next_cursor=next_cursor)


@router.get(
    "/{team_slug}", summary="One CSC team and what it currently declares", responses=TEAM_404
)
def get_team(
    team_slug: SlugPath, session: ReadSession, request: Request, response: Response
) -> TeamPublic:
    """One CSC team and what it currently declares. Its `ETag` is what the next declaration needs
    in `If-Match`."""
    team = teams.get(session, team_slug)
    conditional_get(request, response, teams.team_etag(session, team))
    return teams.present_teams(session, [team])[0]


@router.put(
    "/{team_slug}/practice-models",
    summary="Declare the models, activities and pathways a team uses (adds a declaration)",
    responses=WRITE_ERRORS,
)
def declare_practice_models(
    team_slug: SlugPath,
    body: TeamDeclarationIn,
    caller: CallerDep,
    session: WriteSession,
    response: Response,
    if_match: IfMatch = None,
) -> TeamPublic:
    """Replaces the team's declaration; the previous one stays in `/declarations`."""
    team = teams.revise(session, caller, team_slug, body, if_match)
    session.commit()
    response.headers["ETag"] = teams.team_etag(session, team)
    return teams.present_teams(session, [team])[0]


@router.get(
    "/{team_slug}/declarations",
    summary="Every declaration of a team, oldest first",
    responses=TEAM_404,
)
def list_declarations(
    team_slug: SlugPath, session: ReadSession, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[TeamDeclarationPublic]:
    """Every declaration a team has made, oldest first."""
    items, next_cursor = teams.history(session, team_slug, limit, cursor)
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/{team_slug}/alignment",
    summary="How the team's models' principles cover the core and the definition it works to",
    responses=TEAM_404,
)
def get_alignment(team_slug: SlugPath, session: ReadSession) -> TeamAlignmentPublic:
    """Which principles of the current core proposal, and of the definition the team works to, the
    team's declared models carry."""
    return teams.team_alignment_report(session, teams.get(session, team_slug))
