"""CSC teams: list, get, declare (create or revise their declaration), history, alignment.

A team's declarations are revisions of its ``Team`` head (``TEAMS``); the head shares its id with
the team's organisation row and appears with the first declaration.
"""

from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.comparison.insights import TRAUMA_SPECIFIC_TREATMENT, ModelFacts, TeamFacts, team_alignment
from api.comparison.principles_compare import PrincipleComparison
from api.comparison.vocabulary import PRINCIPLE_SLUGS
from api.domain import InvalidField, NotFound, Stale
from api.etags import Version
from api.keys import Actor, public_key_ids
from api.models import (
    Definition,
    DefinitionRevision,
    Organisation,
    PracticeModel,
    PracticeModelRevision,
    Team,
    TeamDeclaration,
    TeamDeclarationModel,
)
from api.models.organisation import CSC_TEAM
from api.models.team import (
    SURVEY_ACTIVITIES,
    AlignmentTarget,
    TeamAlignmentPublic,
    TeamDeclarationIn,
    TeamDeclarationPublic,
    TeamModelPublic,
    TeamPublic,
    TreatmentPathwayPublic,
)
from api.pagination import slug_page
from api.services import practice_models
from api.services.analysis import stored_analyses
from api.services.core import current_proposal
from api.services.definitions import current_revision
from api.services.practice_models import PRACTICE_MODELS
from api.services.revisions import History, require_match

TEAMS = History(
    what="team's declaration",
    tag="t",
    head=Team,
    revision=TeamDeclaration,
    parent="team_id",
)


def get(session: Session, slug: str) -> Organisation:
    """A CSC team: an organisation of kind csc_team (any other organisation is not a team)."""
    team = session.exec(
        select(Organisation).where(Organisation.slug == slug, Organisation.kind == CSC_TEAM)
    ).first()
    if team is None:
        raise NotFound.of("CSC team", slug)
    return team


def list_page(
    session: Session, limit: int, cursor: str | None
) -> tuple[list[Organisation], str | None]:
    query = select(Organisation).where(Organisation.kind == CSC_TEAM)
    return slug_page(session, query, col(Organisation.slug), limit, cursor)


def history(
    session: Session, slug: str, limit: int, cursor: str | None
) -> tuple[list[TeamDeclarationPublic], str | None]:
    team = get(session, slug)
    head = session.get(Team, team.id)
    if head is None:
        return [], None
    rows, next_cursor = TEAMS.page(session, head, limit, cursor)
    return present_declarations(session, rows), next_cursor


def current_declarations(session: Session, team_ids: Sequence[int]) -> dict[int, TeamDeclaration]:
    """The current declaration of each team that has one."""
    if not team_ids:
        return {}
    rows = session.exec(
        select(TeamDeclaration)
        .join(
            Team,
            (col(Team.id) == TeamDeclaration.team_id)
            & (col(Team.current_revision) == TeamDeclaration.number),
        )
        .where(col(Team.id).in_(list(team_ids)))
    ).all()
    return {d.team_id: d for d in rows}


def current_declaration(session: Session, team: Organisation) -> TeamDeclaration | None:
    assert team.id is not None
    return current_declarations(session, [team.id]).get(team.id)


Declared = tuple[TeamDeclarationModel, PracticeModel, PracticeModelRevision]


def declared_models(session: Session, declaration_ids: Sequence[int]) -> dict[int, list[Declared]]:
    """Each declaration's models, with the current revision of each model, by slug."""
    found: dict[int, list[Declared]] = {i: [] for i in declaration_ids}
    if not declaration_ids:
        return found
    rows = session.exec(
        practice_models.current_join()
        .add_columns(TeamDeclarationModel)
        .join(TeamDeclarationModel, col(TeamDeclarationModel.model_id) == PracticeModel.id)
        .where(col(TeamDeclarationModel.declaration_id).in_(list(declaration_ids)))
        .order_by(col(PracticeModel.slug))
    ).all()
    for model, revision, link in rows:
        found[link.declaration_id].append((link, model, revision))
    return found


def present_declarations(
    session: Session, declarations: Sequence[TeamDeclaration]
) -> list[TeamDeclarationPublic]:
    ids = [d.id for d in declarations if d.id is not None]
    models = declared_models(session, ids)
    keys = public_key_ids(session, (d.author_key_id for d in declarations))
    result = []
    for d in declarations:
        assert d.id is not None
        result.append(
            TeamDeclarationPublic.model_validate(
                {
                    "number": d.number,
                    "practice_models": [
                        TeamModelPublic.model_validate(
                            {
                                "slug": m.slug,
                                "name": r.name,
                                "kind": r.kind,
                                "scope": link.scope,
                                "since": link.since,
                                "is_standard_practice": r.is_standard_practice,
                                "verified": r.verified,
                            }
                        )
                        for link, m, r in models[d.id]
                    ],
                    "activities": d.activities,
                    "treatment_pathways": [
                        TreatmentPathwayPublic.model_validate(p) for p in d.treatment_pathways
                    ],
                    "works_to_definition": d.works_to_definition_id,
                    "note": d.note,
                    "author_key": keys.get(d.author_key_id) if d.author_key_id else None,
                    "declared_at": d.created_at,
                }
            )
        )
    return result


def present_teams(session: Session, teams: Sequence[Organisation]) -> list[TeamPublic]:
    current = current_declarations(session, [t.id for t in teams if t.id is not None])
    presented = present_declarations(session, list(current.values()))
    by_team = {d.team_id: p for d, p in zip(current.values(), presented, strict=True)}
    return [
        TeamPublic.model_validate(
            {
                "slug": t.slug,
                "name": t.name,
                "local_authority": t.local_authority,
                "region": t.region,
                "description": t.description,
                "verified": t.verified,
                "provenance": t.provenance,
                "declaration_revision": current[t.id].number if t.id in current else None,
                "declaration": by_team.get(t.id) if t.id is not None else None,
            }
        )
        for t in teams
    ]


def team_etag(session: Session, team: Organisation) -> str:
    """The versions a team's representation is built from: its declaration and the models the
    declaration names (their names and flags are shown), so editing either changes it."""
    assert team.id is not None
    head = session.get(Team, team.id)
    if head is None:
        return TEAMS.etag(Team(id=team.id, current_revision=0))
    declaration = TEAMS.current(session, head)
    assert declaration.id is not None
    models: tuple[Version, ...] = tuple(
        PRACTICE_MODELS.version(m)
        for _, m, _ in declared_models(session, [declaration.id])[declaration.id]
    )
    return TEAMS.etag(head, models)


def _models_by_slug(session: Session, slugs: set[str]) -> dict[str, tuple[PracticeModel, str]]:
    """Each named model with its current kind."""
    if not slugs:
        return {}
    rows = session.exec(
        practice_models.current_join().where(col(PracticeModel.slug).in_(slugs))
    ).all()
    return {m.slug: (m, r.kind) for m, r in rows}


def _validated(session: Session, body: TeamDeclarationIn) -> dict[str, PracticeModel]:
    """The models the body names, by slug; InvalidField for anything that is wrong."""
    slugs = {m.slug for m in body.practice_models} | {
        p.practice_model for p in body.treatment_pathways
    }
    models = _models_by_slug(session, slugs)
    seen: set[str] = set()
    for i, m in enumerate(body.practice_models):
        field = f"practice_models.{i}.slug"
        if m.slug not in models:
            raise InvalidField(field, f"No practice model {m.slug!r} in the registry.", "unknown")
        if m.slug in seen:
            raise InvalidField(field, f"{m.slug!r} is declared twice.", "duplicate")
        seen.add(m.slug)
    for i, p in enumerate(body.treatment_pathways):
        field = f"treatment_pathways.{i}.practice_model"
        found = models.get(p.practice_model)
        if found is None:
            raise InvalidField(
                field, f"No practice model {p.practice_model!r} in the registry.", "unknown"
            )
        if found[1] != TRAUMA_SPECIFIC_TREATMENT:
            raise InvalidField(
                field,
                f"{p.practice_model!r} is a {found[1]}: a treatment pathway must lead to a "
                "trauma_specific_treatment.",
                "not_a_treatment",
            )
    if (
        body.works_to_definition is not None
        and session.get(Definition, body.works_to_definition) is None
    ):
        raise InvalidField(
            "works_to_definition",
            f"No definition {body.works_to_definition} in the registry.",
            "unknown",
        )
    return {slug: model for slug, (model, _) in models.items()}


def revise(
    session: Session, actor: Actor, slug: str, body: TeamDeclarationIn, if_match: str | None
) -> Organisation:
    """Replace the team's declaration with a new one; the previous one stays in its history.

    If-Match (the team's ETag) may be left out for the first declaration only. The caller
    commits.
    """
    team = get(session, slug)
    actor.require_acting_for(team)
    head = session.get(Team, team.id)
    if head is not None or if_match:
        require_match(if_match, team_etag(session, team), TEAMS.what, required=head is not None)
    models = _validated(session, body)
    chosen = set(body.activities)
    values = {
        # Survey order, once each: two declarations that say the same thing store the same list.
        "activities": [a for a in SURVEY_ACTIVITIES if a in chosen],
        "treatment_pathways": [p.model_dump(mode="json") for p in body.treatment_pathways],
        "works_to_definition_id": body.works_to_definition,
        "note": body.note,
    }
    try:
        if head is None:
            declaration = TEAMS.start(session, Team(id=team.id), values, actor)
        else:
            declaration = TEAMS.advance(session, head, values, actor)
    except IntegrityError:
        # Another first declaration committed meanwhile: this one was based on no declaration.
        session.rollback()
        raise Stale(None, TEAMS.what) from None
    assert declaration.id is not None
    for m in body.practice_models:
        model_id = models[m.slug].id
        assert model_id is not None
        session.add(
            TeamDeclarationModel(
                declaration_id=declaration.id, model_id=model_id, scope=m.scope, since=m.since
            )
        )
    session.flush()
    return team


def declaring_teams(session: Session) -> list[TeamFacts]:
    """Every CSC team with a current declaration, reduced to plain values for the insights."""
    teams = session.exec(select(Organisation).where(Organisation.kind == CSC_TEAM)).all()
    current = current_declarations(session, [t.id for t in teams if t.id is not None])
    models = declared_models(session, [d.id for d in current.values() if d.id is not None])
    slugs = {t.id: t.slug for t in teams}
    facts = []
    for team_id, d in current.items():
        assert d.id is not None
        facts.append(
            TeamFacts(
                slug=slugs[team_id],
                models=tuple(m.slug for _, m, _ in models[d.id]),
                activities=tuple(d.activities),
                pathway_models=tuple(str(p["practice_model"]) for p in d.treatment_pathways),
            )
        )
    return sorted(facts, key=lambda f: f.slug)


def all_model_facts(session: Session) -> list[ModelFacts]:
    return [
        ModelFacts(slug=m.slug, kind=r.kind, is_standard_practice=r.is_standard_practice)
        for m, r in session.exec(practice_models.current_join()).all()
    ]


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


def team_alignment_report(session: Session, team: Organisation) -> TeamAlignmentPublic:
    """How the principles of the team's current models cover the core and its own definition."""
    declaration = current_declaration(session, team)
    declared: list[Declared] = []
    if declaration is not None and declaration.id is not None:
        declared = declared_models(session, [declaration.id])[declaration.id]
    mapping = {m.slug: [p["slug"] for p in r.principles] for _, m, r in declared}
    verified_slugs = {p["slug"] for _, _, r in declared for p in r.principles if p["verified"]}
    order = list(PRINCIPLE_SLUGS)

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
    result = team_alignment(mapping, list(mapping), core_principles, works_principles, order)
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
