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
from api.comparison.insights import team_alignment
from api.comparison.principles_compare import PrincipleComparison
from api.deps import SessionDep, TeamDep
from api.errors import Problem
from api.http import conditional_get, require_if_match
from api.models import (
    Definition,
    DefinitionRevision,
    Organisation,
    PracticeModel,
    PracticeModelPrinciple,
    Principle,
    TeamDeclaration,
)
from api.models.team import (
    AlignmentTarget,
    TeamAlignmentPublic,
    TeamDeclarationIn,
    TeamDeclarationPublic,
    TeamPublic,
)
from api.pagination import CursorQuery, LimitQuery, Page, keyset_page, slug_page
from api.services.analysis import stored_analyses
from api.services.core import current_proposal
from api.services.definitions import current_revision
from api.services.teams import (
    current_declaration,
    declared_models,
    present_declarations,
    present_teams,
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


def _target(
    definition: Definition,
    revision: DefinitionRevision,
    principles: list[str],
    c: PrincipleComparison | None,
) -> AlignmentTarget:
    assert definition.id is not None
    assert c is not None
    return AlignmentTarget(
        definition_id=definition.id,
        revision=revision.number,
        title=revision.title,
        principles=principles,
        coverage=round(c.coverage, 4),
        shared=list(c.shared),
        missing=list(c.missing),
        extra=list(c.extra),
    )


@router.get(
    "/{team_slug}/alignment",
    summary="How the team's models' principles cover the core and the definition it works to",
)
def get_alignment(team: TeamDep, session: SessionDep) -> TeamAlignmentPublic:
    declaration = current_declaration(session, team)
    models: list[PracticeModel] = []
    if declaration is not None and declaration.id is not None:
        models = [m for _, m in declared_models(session, [declaration.id])[declaration.id]]
    mapping: dict[str, list[str]] = {m.slug: [] for m in models}
    verified_slugs: set[str] = set()
    for model_slug, principle_slug, verified in session.exec(
        select(PracticeModel.slug, Principle.slug, PracticeModelPrinciple.verified)
        .join(PracticeModelPrinciple, col(PracticeModelPrinciple.model_id) == PracticeModel.id)
        .join(Principle, col(Principle.id) == PracticeModelPrinciple.principle_id)
        .where(col(PracticeModel.id).in_([m.id for m in models]))
    ):
        mapping[model_slug].append(principle_slug)
        if verified:
            verified_slugs.add(principle_slug)
    order = list(session.exec(select(Principle.slug).order_by(col(Principle.position))))

    targets: list[tuple[Definition, DefinitionRevision]] = []
    core = current_proposal(session)
    if core is not None:
        targets.append(core)
    works_to = None
    if declaration is not None and declaration.works_to_definition_id is not None:
        works_to = session.get(Definition, declaration.works_to_definition_id)
    if works_to is not None:
        targets.append((works_to, current_revision(session, works_to)))
    analyses = stored_analyses(session, [r for _, r in targets])
    found = {r.id: [p.slug for p in analyses.get(r.id or 0, [])] for _, r in targets}

    core_principles = found[core[1].id] if core is not None else None
    works_principles = found[targets[-1][1].id] if works_to is not None else None
    result = team_alignment(mapping, mapping, core_principles, works_principles, order)
    return TeamAlignmentPublic(
        team=team.slug,
        declaration_revision=declaration.number if declaration is not None else None,
        principles=list(result.principles),
        unverified_principles=[p for p in result.principles if p not in verified_slugs],
        core=(
            _target(core[0], core[1], core_principles or [], result.core)
            if core is not None
            else None
        ),
        works_to_definition=(
            _target(works_to, targets[-1][1], works_principles or [], result.definition)
            if works_to is not None
            else None
        ),
    )
