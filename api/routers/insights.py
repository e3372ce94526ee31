"""Insights: registered teams' declarations, live, beside the EIF report's findings and figures.

The report's summary page names none of the teams it surveyed, so every number computed here
comes from teams registered in this registry; the report's own figures are shown beside them,
never mixed in.
"""

from dataclasses import asdict

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from api.comparison.insights import (
    ReportFigure,
    model_variety,
    survey_comparison,
    treatment_gaps,
)
from api.deps import ReadSession
from api.models import Figure, Finding, Source
from api.models.team import SURVEY_ACTIVITIES
from api.services.teams import all_model_facts, declaring_teams

router = APIRouter(prefix="/v1/insights", tags=["insights"])

EIF_REPORT = "eif-2022-trauma-informed-care"
TREATMENT_OUTCOME_FIGURE = "evidence-based-treatment-instances"


class ReportFigurePublic(BaseModel):
    source: str
    slug: str
    label: str
    value: float | None
    value_text: str | None
    unit: str | None
    reported_by: str | None
    verified: bool


class ReportFindingPublic(BaseModel):
    source: str
    number: int
    text: str
    verified: bool


class ActivitySharePublic(BaseModel):
    activity: str
    teams_doing: int
    share: float | None = Field(description="Of registered teams, 0..1; null with no teams.")
    percent: float | None = Field(description="The same share in percentage points.")
    teams: list[str]
    report: ReportFigurePublic | None = Field(description="The report's figure for it.")
    difference_points: float | None = Field(
        description="Registry percent minus the report's, when the report gives a number."
    )


class SurveyInsight(BaseModel):
    team_count: int = Field(description="Registered teams with a current declaration.")
    activities: list[ActivitySharePublic]


class TreatmentPathwaysInsight(BaseModel):
    team_count: int
    teams_with_treatment: int
    teams_without_treatment: int
    share_without_treatment: float | None
    without_treatment: list[str] = Field(
        description="Teams whose models and pathways include no trauma-specific treatment."
    )
    with_treatment: list[str]
    finding: ReportFindingPublic | None
    report_outcome: ReportFigurePublic | None


class ModelUsePublic(BaseModel):
    slug: str
    kind: str | None
    is_standard_practice: bool | None
    teams_using: int
    share: float | None
    teams: list[str]


class ModelVarietyInsight(BaseModel):
    team_count: int
    distinct_models: int
    shared_by_several: int = Field(description="Models two or more teams use.")
    used_by_one: int
    distinct_combinations: int = Field(description="Different sets of models among the teams.")
    teams_with_unique_combination: int
    standard_practice_models: int
    standard_practice_unknown: int
    standard_practice_share: float | None = Field(
        description="Share of the distinct models in use that are standard CSC practice."
    )
    standard_practice_use_share: float | None = Field(
        description="Share of all declared (team, model) uses that are standard CSC practice."
    )
    models: list[ModelUsePublic]
    findings: list[ReportFindingPublic] = Field(description="The report's findings 2 and 3.")


def _report(session: Session) -> tuple[list[Figure], dict[int, Finding]]:
    source_id = session.exec(select(Source.id).where(Source.slug == EIF_REPORT)).first()
    if source_id is None:
        return [], {}
    figures = list(session.exec(select(Figure).where(Figure.source_id == source_id)))
    findings = {
        f.number: f
        for f in session.exec(
            select(Finding).where(Finding.source_id == source_id).order_by(col(Finding.number))
        )
    }
    return figures, findings


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


@router.get("/survey", summary="Share of registered teams doing each surveyed activity")
def survey_insight(session: ReadSession) -> SurveyInsight:
    figures, _ = _report(session)
    by_activity = {
        f.activity: f for f in figures if f.category == "survey" and f.activity is not None
    }
    result = survey_comparison(
        declaring_teams(session),
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


@router.get(
    "/treatment-pathways",
    summary="Teams with no route to a trauma-specific treatment (the report's fourth finding)",
)
def treatment_pathways_insight(session: ReadSession) -> TreatmentPathwaysInsight:
    figures, findings = _report(session)
    gaps = treatment_gaps(declaring_teams(session), all_model_facts(session))
    outcome = next((f for f in figures if f.slug == TREATMENT_OUTCOME_FIGURE), None)
    return TreatmentPathwaysInsight(
        team_count=gaps.team_count,
        teams_with_treatment=len(gaps.with_treatment),
        teams_without_treatment=len(gaps.without_treatment),
        share_without_treatment=gaps.share_without,
        without_treatment=list(gaps.without_treatment),
        with_treatment=list(gaps.with_treatment),
        finding=_finding(findings.get(4)),
        report_outcome=_figure(outcome) if outcome is not None else None,
    )


@router.get(
    "/model-variety",
    summary="Distinct models in use, how many teams share each, and how many are standard "
    "practice (the report's second and third findings)",
)
def model_variety_insight(session: ReadSession) -> ModelVarietyInsight:
    _, findings = _report(session)
    variety = model_variety(declaring_teams(session), all_model_facts(session))
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
