"""CSC teams' declarations: validating, writing declaration n+1, reading and presenting them."""

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.comparison.insights import (
    TRAUMA_SPECIFIC_TREATMENT,
    ModelFacts,
    TeamFacts,
    team_alignment,
)
from api.comparison.principles_compare import PrincipleComparison
from api.errors import field_error
from api.http import etag_of
from api.models import (
    ApiKey,
    Definition,
    DefinitionRevision,
    Organisation,
    PracticeModel,
    PracticeModelPrinciple,
    Principle,
    TeamDeclaration,
    TeamDeclarationModel,
)
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
from api.services.analysis import stored_analyses
from api.services.core import current_proposal
from api.services.definitions import current_revision


def current_declarations(session: Session, team_ids: Sequence[int]) -> dict[int, TeamDeclaration]:
    """The newest declaration of each team that has one."""
    if not team_ids:
        return {}
    newest = (
        select(TeamDeclaration.team_id, func.max(TeamDeclaration.number).label("number"))
        .where(col(TeamDeclaration.team_id).in_(list(team_ids)))
        .group_by(col(TeamDeclaration.team_id))
        .subquery()
    )
    rows = session.exec(
        select(TeamDeclaration).join(
            newest,
            (col(TeamDeclaration.team_id) == newest.c.team_id)
            & (col(TeamDeclaration.number) == newest.c.number),
        )
    ).all()
    return {d.team_id: d for d in rows}


def current_declaration(session: Session, team: Organisation) -> TeamDeclaration | None:
    assert team.id is not None
    return current_declarations(session, [team.id]).get(team.id)


def declared_models(
    session: Session, declaration_ids: Sequence[int]
) -> dict[int, list[tuple[TeamDeclarationModel, PracticeModel]]]:
    found: dict[int, list[tuple[TeamDeclarationModel, PracticeModel]]] = {
        i: [] for i in declaration_ids
    }
    if not declaration_ids:
        return found
    rows = session.exec(
        select(TeamDeclarationModel, PracticeModel)
        .join(PracticeModel, col(PracticeModel.id) == TeamDeclarationModel.model_id)
        .where(col(TeamDeclarationModel.declaration_id).in_(list(declaration_ids)))
        .order_by(col(PracticeModel.slug))
    ).all()
    for link, model in rows:
        found[link.declaration_id].append((link, model))
    return found


def present_declarations(
    session: Session, declarations: Sequence[TeamDeclaration]
) -> list[TeamDeclarationPublic]:
    ids = [d.id for d in declarations if d.id is not None]
    models = declared_models(session, ids)
    key_ids = {d.author_key_id for d in declarations if d.author_key_id is not None}
    keys = {
        i: k
        for i, k in session.exec(
            select(ApiKey.id, ApiKey.key_id).where(col(ApiKey.id).in_(key_ids))
        )
        if i is not None
    }
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
                                "name": m.name,
                                "kind": m.kind,
                                "scope": link.scope,
                                "since": link.since,
                                "is_standard_practice": m.is_standard_practice,
                                "verified": m.verified,
                            }
                        )
                        for link, m in models[d.id]
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


def team_etag(public: TeamPublic) -> str:
    """From the representation: a new declaration (or a changed team) changes it."""
    return etag_of(public)


def _models_by_slug(session: Session, slugs: set[str]) -> dict[str, PracticeModel]:
    if not slugs:
        return {}
    rows = session.exec(select(PracticeModel).where(col(PracticeModel.slug).in_(slugs))).all()
    return {m.slug: m for m in rows}


def validate_declaration(session: Session, body: TeamDeclarationIn) -> dict[str, PracticeModel]:
    """The models the body names, by slug; a 422 naming the field for anything that is wrong."""
    slugs = {m.slug for m in body.practice_models} | {
        p.practice_model for p in body.treatment_pathways
    }
    models = _models_by_slug(session, slugs)
    seen: set[str] = set()
    for i, m in enumerate(body.practice_models):
        field = f"practice_models.{i}.slug"
        if m.slug not in models:
            raise field_error(field, f"No practice model {m.slug!r} in the registry.", "unknown")
        if m.slug in seen:
            raise field_error(field, f"{m.slug!r} is declared twice.", "duplicate")
        seen.add(m.slug)
    for i, p in enumerate(body.treatment_pathways):
        field = f"treatment_pathways.{i}.practice_model"
        model = models.get(p.practice_model)
        if model is None:
            raise field_error(
                field, f"No practice model {p.practice_model!r} in the registry.", "unknown"
            )
        if model.kind != TRAUMA_SPECIFIC_TREATMENT:
            raise field_error(
                field,
                f"{p.practice_model!r} is a {model.kind}: a treatment pathway must lead to a "
                "trauma_specific_treatment.",
                "not_a_treatment",
            )
    if (
        body.works_to_definition is not None
        and session.get(Definition, body.works_to_definition) is None
    ):
        raise field_error(
            "works_to_definition",
            f"No definition {body.works_to_definition} in the registry.",
            "unknown",
        )
    return models


def write_declaration(
    session: Session,
    team: Organisation,
    body: TeamDeclarationIn,
    models: dict[str, PracticeModel],
    author: ApiKey,
    *,
    number: int,
) -> TeamDeclaration:
    """Add declaration ``number`` (the previous one stays as history). Flushes, never commits."""
    assert team.id is not None
    chosen = set(body.activities)
    declaration = TeamDeclaration(
        team_id=team.id,
        number=number,
        # Survey order, once each: two declarations that say the same thing store the same list.
        activities=[a for a in SURVEY_ACTIVITIES if a in chosen],
        treatment_pathways=[p.model_dump(mode="json") for p in body.treatment_pathways],
        works_to_definition_id=body.works_to_definition,
        note=body.note,
        author_key_id=author.id,
    )
    session.add(declaration)
    session.flush()
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
    return declaration


def declaring_teams(session: Session) -> list[TeamFacts]:
    """Every CSC team with a current declaration, reduced to plain values for the insights."""
    teams = session.exec(select(Organisation).where(Organisation.kind == "csc_team")).all()
    current = current_declarations(session, [t.id for t in teams if t.id is not None])
    models = declared_models(session, [d.id for d in current.values() if d.id is not None])
    slugs = {t.id: t.slug for t in teams}
    facts = []
    for team_id, d in current.items():
        assert d.id is not None
        facts.append(
            TeamFacts(
                slug=slugs[team_id],
                models=tuple(m.slug for _, m in models[d.id]),
                activities=tuple(d.activities),
                pathway_models=tuple(str(p["practice_model"]) for p in d.treatment_pathways),
            )
        )
    return sorted(facts, key=lambda f: f.slug)


def all_model_facts(session: Session) -> list[ModelFacts]:
    return [
        ModelFacts(slug=s, kind=k, is_standard_practice=std)
        for s, k, std in session.exec(
            select(PracticeModel.slug, PracticeModel.kind, PracticeModel.is_standard_practice)
        )
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
