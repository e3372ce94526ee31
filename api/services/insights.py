"""Insights: registered teams' declarations, live, beside the EIF report's findings and figures,
and the report's three recommendations each beside the measure of progress on it.

The report's summary page names none of the teams it surveyed, so every number computed here
comes from teams registered in this registry; the report's own figures are shown beside them,
never mixed in.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from sqlmodel import Session, col, select

from api.comparison import insights as pure
from api.comparison.insights import ModelFacts, ReportFigure, TeamFacts, share
from api.comparison.vocabulary import PRINCIPLE_SLUGS
from api.models import (
    Figure,
    Finding,
    Organisation,
    Recommendation,
    RecommendationAddressee,
    Source,
    TeamDeclaration,
)
from api.models.endorsement import Position
from api.models.insight import (
    ActivitySharePublic,
    ContextEvaluation,
    CoreDefinitionProgress,
    DepartmentProgress,
    EvaluationProgress,
    ModelEvaluation,
    ModelUsePublic,
    ModelVarietyInsight,
    RecommendationsInsight,
    RecommendationText,
    ReportFigurePublic,
    ReportFindingPublic,
    SurveyInsight,
    TreatmentPathwaysInsight,
    TreatmentProgress,
)
from api.models.organisation import CSC_TEAM, DEPARTMENT
from api.models.team import SCOPES, SURVEY_ACTIVITIES
from api.services import core, endorsements
from api.services.analysis import stored_analyses
from api.services.comparison import carriers_by_organisation
from api.services.teams import (
    Declared,
    all_model_facts,
    current_declarations,
    declared_models,
)
from api.services.teams import declaring_teams as declaring

EIF_REPORT = "eif-2022-trauma-informed-care"
TREATMENT_OUTCOME_FIGURE = "evidence-based-treatment-instances"


@dataclass
class Report:
    """What the EIF report contributes to the insights (empty when it is not in the registry)."""

    figures: list[Figure] = field(default_factory=list)
    findings: dict[int, Finding] = field(default_factory=dict)
    recommendations: dict[int, Recommendation] = field(default_factory=dict)
    addressees: dict[int, list[Organisation]] = field(default_factory=dict)


def report(session: Session) -> Report:
    source_id = session.exec(select(Source.id).where(Source.slug == EIF_REPORT)).first()
    if source_id is None:
        return Report()
    figures = list(session.exec(select(Figure).where(Figure.source_id == source_id)))
    findings = {
        f.number: f
        for f in session.exec(
            select(Finding).where(Finding.source_id == source_id).order_by(col(Finding.number))
        )
    }
    recommendations = {
        r.number: r
        for r in session.exec(
            select(Recommendation)
            .where(Recommendation.source_id == source_id)
            .order_by(col(Recommendation.number))
        )
    }
    by_id = {r.id: r.number for r in recommendations.values()}
    addressees: dict[int, list[Organisation]] = defaultdict(list)
    for rec_id, organisation in session.exec(
        select(RecommendationAddressee.recommendation_id, Organisation)
        .join(Organisation, col(Organisation.id) == RecommendationAddressee.organisation_id)
        .where(col(RecommendationAddressee.recommendation_id).in_(list(by_id)))
        .order_by(col(Organisation.slug))
    ):
        addressees[by_id[rec_id]].append(organisation)
    return Report(figures, findings, recommendations, dict(addressees))


def _plain_figure(f: Figure) -> ReportFigure:
    return ReportFigure(
        slug=f.slug,
        label=f.label,
        value=f.value,
        value_text=f.value_text,
        unit=f.unit,
        reported_by=f.reported_by,
        verified=f.verified,
    )


def _figure(f: Figure) -> ReportFigurePublic:
    return ReportFigurePublic(source=EIF_REPORT, **asdict(_plain_figure(f)))


def _finding(f: Finding | None) -> ReportFindingPublic | None:
    if f is None:
        return None
    return ReportFindingPublic(source=EIF_REPORT, number=f.number, text=f.text, verified=f.verified)


def survey(session: Session) -> SurveyInsight:
    """Share of registered teams doing each surveyed activity, beside the report's figure."""
    return _survey(report(session), declaring(session))


def treatment_pathways(session: Session) -> TreatmentPathwaysInsight:
    """Teams with no route to a trauma-specific treatment (the report's fourth finding)."""
    return _pathways(report(session), declaring(session), all_model_facts(session))


def model_variety(session: Session) -> ModelVarietyInsight:
    """Distinct models in use, how many teams share each, how many are standard practice."""
    return _variety(report(session), declaring(session), all_model_facts(session))


def all_insights(
    session: Session,
) -> tuple[SurveyInsight, TreatmentPathwaysInsight, ModelVarietyInsight]:
    """The three insights at once, reading the report and the teams once for all three."""
    found, teams, models = report(session), declaring(session), all_model_facts(session)
    return _survey(found, teams), _pathways(found, teams, models), _variety(found, teams, models)


def _survey(found: Report, teams: list[TeamFacts]) -> SurveyInsight:
    by_activity = {
        f.activity: f for f in found.figures if f.category == "survey" and f.activity is not None
    }
    result = pure.survey_comparison(
        teams,
        SURVEY_ACTIVITIES,
        {a: _plain_figure(f) for a, f in by_activity.items()},
    )
    return SurveyInsight(
        team_count=result.team_count,
        activities=[
            ActivitySharePublic(
                activity=row.activity,
                teams_doing=row.count,
                share=row.share,
                percent=row.percent,
                teams=list(row.teams),
                report=_figure(by_activity[row.activity]) if row.report is not None else None,
                difference_points=row.difference_points,
            )
            for row in result.activities
        ],
    )


def _pathways(
    found: Report, teams: list[TeamFacts], models: list[ModelFacts]
) -> TreatmentPathwaysInsight:
    gaps = pure.treatment_gaps(teams, models)
    outcome = next((f for f in found.figures if f.slug == TREATMENT_OUTCOME_FIGURE), None)
    return TreatmentPathwaysInsight(
        team_count=gaps.team_count,
        teams_with_treatment=len(gaps.with_treatment),
        teams_without_treatment=len(gaps.without_treatment),
        share_without_treatment=gaps.share_without,
        without_treatment=list(gaps.without_treatment),
        with_treatment=list(gaps.with_treatment),
        finding=_finding(found.findings.get(4)),
        report_outcome=_figure(outcome) if outcome is not None else None,
    )


def _variety(
    found: Report, teams: list[TeamFacts], models: list[ModelFacts]
) -> ModelVarietyInsight:
    findings = found.findings
    variety = pure.model_variety(teams, models)
    return ModelVarietyInsight(
        team_count=variety.team_count,
        distinct_models=variety.distinct_models,
        shared_by_several=variety.shared_by_several,
        used_by_one=variety.used_by_one,
        distinct_combinations=variety.distinct_combinations,
        teams_with_unique_combination=variety.teams_with_unique_combination,
        standard_practice_models=variety.standard_practice_models,
        standard_practice_unknown=variety.standard_practice_unknown,
        standard_practice_share=variety.standard_practice_share,
        standard_practice_use_share=variety.standard_practice_use_share,
        models=[
            ModelUsePublic(
                slug=m.slug,
                kind=m.kind,
                is_standard_practice=m.is_standard_practice,
                teams_using=m.count,
                share=m.share,
                teams=list(m.teams),
            )
            for m in variety.models
        ],
        findings=[f for f in (_finding(findings.get(2)), _finding(findings.get(3))) if f],
    )


# -- the three recommendations, tracked ----------------------------------------------------------


def _text(found: Report, number: int) -> RecommendationText | None:
    r = found.recommendations.get(number)
    if r is None:
        return None
    return RecommendationText(number=r.number, text=r.text, verified=r.verified)


def _core_definition_progress(session: Session, found: Report) -> CoreDefinitionProgress:
    named = found.addressees.get(1) or core.departments(session)
    with_definition = carriers_by_organisation(session, DEPARTMENT)
    current = core.current_proposal(session)
    positions: dict[str, Position | None] = {}
    core_principles: set[str] = set()
    if current is not None:
        proposal, revision = current
        assert proposal.id is not None
        positions = {s.organisation: s.position for s in endorsements.stances(session, proposal.id)}
        core_principles = {p.slug for p in stored_analyses(session, [revision])[revision.id or 0]}
    departments = [
        DepartmentProgress(
            organisation=o.slug,
            organisation_name=o.name,
            position=positions.get(o.slug),
            has_definition=o.slug in with_definition,
        )
        for o in named
    ]
    carried = [with_definition[d.organisation] for d in departments if d.has_definition]
    agreed = [p for p in PRINCIPLE_SLUGS if carried and all(p in c for c in carried)]
    in_core = [p for p in agreed if p in core_principles]
    counted = [d.position for d in departments]
    return CoreDefinitionProgress(
        recommendation=_text(found, 1),
        proposal_id=current[0].id if current is not None else None,
        proposal_revision=current[1].number if current is not None else None,
        proposal_title=current[1].title if current is not None else None,
        departments=departments,
        endorsing=counted.count("endorse"),
        objecting=counted.count("object"),
        abstaining=counted.count("abstain"),
        without_position=counted.count(None),
        departments_with_definition=len(carried),
        agreed_principles=agreed,
        agreed_in_core=in_core,
        consensus_coverage=(
            share(len(in_core), len(agreed)) if carried and current is not None else None
        ),
    )


@dataclass
class _Declarations:
    """Every CSC team's current declaration with its models, read once."""

    slugs: dict[int, str]
    current: dict[int, TeamDeclaration]
    declared: dict[int, list[Declared]]

    def facts(self) -> list[TeamFacts]:
        return sorted(
            (
                TeamFacts(
                    slug=self.slugs[team_id],
                    models=tuple(m.slug for _, m, _ in self.declared[d.id or 0]),
                    activities=tuple(d.activities),
                    pathway_models=tuple(str(p["practice_model"]) for p in d.treatment_pathways),
                )
                for team_id, d in self.current.items()
            ),
            key=lambda f: f.slug,
        )


def _declarations(session: Session) -> _Declarations:
    teams = session.exec(select(Organisation).where(Organisation.kind == CSC_TEAM)).all()
    current = current_declarations(session, [t.id for t in teams if t.id is not None])
    declared = declared_models(session, [d.id for d in current.values() if d.id is not None])
    return _Declarations({t.id: t.slug for t in teams if t.id is not None}, current, declared)


def _evaluation_progress(found: Report, loaded: _Declarations) -> EvaluationProgress:
    slugs, current, declared = loaded.slugs, loaded.current, loaded.declared
    models: dict[str, ModelEvaluation] = {}
    for team_id, declaration in sorted(current.items(), key=lambda item: slugs[item[0]]):
        for link, model, revision in declared[declaration.id or 0]:
            ratings = [
                f"{e['rating']} ({e['scale']})" if e.get("scale") else str(e["rating"])
                for e in revision.evidence
                if e.get("rating")
            ]
            entry = models.setdefault(
                model.slug,
                ModelEvaluation(
                    slug=model.slug,
                    name=revision.name,
                    kind=revision.kind,
                    ratings=ratings,
                    rated=bool(ratings),
                    teams=[],
                    contexts=[],
                ),
            )
            entry.teams.append(slugs[team_id])
            if link.scope not in entry.contexts:
                entry.contexts.append(link.scope)
    for entry in models.values():
        entry.contexts.sort(key=SCOPES.index)
    ordered = sorted(models.values(), key=lambda m: (not m.rated, -len(m.teams), m.slug))
    rated = sum(1 for m in ordered if m.rated)
    contexts = []
    for scope in SCOPES:
        in_context = [m for m in ordered if scope in m.contexts]
        rated_here = sum(1 for m in in_context if m.rated)
        contexts.append(
            ContextEvaluation(
                context=scope,
                models=len(in_context),
                rated=rated_here,
                share_rated=share(rated_here, len(in_context)),
            )
        )
    return EvaluationProgress(
        recommendation=_text(found, 2),
        team_count=len(current),
        models_declared=len(ordered),
        models_rated=rated,
        share_rated=share(rated, len(ordered)),
        contexts=contexts,
        models=ordered,
    )


def _treatment_progress(
    found: Report, teams: list[TeamFacts], models: list[ModelFacts]
) -> TreatmentProgress:
    gaps = pure.treatment_gaps(teams, models)
    return TreatmentProgress(
        recommendation=_text(found, 3),
        team_count=gaps.team_count,
        teams_with_treatment=len(gaps.with_treatment),
        teams_without_treatment=len(gaps.without_treatment),
        share_without_treatment=gaps.share_without,
        without_treatment=list(gaps.without_treatment),
    )


def recommendations(session: Session) -> RecommendationsInsight:
    """The report's three recommendations, each beside the registry's measure of progress:
    1. departments' positions on the current core proposal, and how much of what the named
       departments' own definitions agree on the core carries;
    2. how many of the models teams declare carry a rated evaluation, by service context;
    3. the teams with no route to a trauma-specific treatment.
    """
    found = report(session)
    loaded = _declarations(session)
    return RecommendationsInsight(
        source=EIF_REPORT,
        core_definition=_core_definition_progress(session, found),
        evaluation=_evaluation_progress(found, loaded),
        treatment=_treatment_progress(found, loaded.facts(), all_model_facts(session)),
    )
