"""Insights: registered teams' declarations, live, beside the EIF report's findings and figures.

The report's summary page names none of the teams it surveyed, so every number computed here
comes from teams registered in this registry; the report's own figures are shown beside them,
never mixed in (``api.services.insights``).
"""

from fastapi import APIRouter

from api.deps import ReadSession
from api.models.insight import (
    ModelVarietyInsight,
    RecommendationsInsight,
    SurveyInsight,
    TreatmentPathwaysInsight,
)
from api.services import insights

router = APIRouter(prefix="/v1/insights", tags=["insights"])


@router.get("/survey", summary="Share of registered teams doing each surveyed activity")
def get_survey_insight(session: ReadSession) -> SurveyInsight:
    """For each activity the EIF survey asked about, the share of registered teams that declare it,
    beside the report's own figure."""
    return insights.survey(session)


@router.get(
    "/treatment-pathways",
    summary="Teams with no route to a trauma-specific treatment (the report's fourth finding)",
)
def get_treatment_pathways_insight(session: ReadSession) -> TreatmentPathwaysInsight:
    """Registered teams whose declared models and referral pathways reach no trauma-specific
    treatment, beside the report's finding."""
    return insights.treatment_pathways(session)


@router.get(
    "/model-variety",
    summary="Distinct models in use, how many teams share each, and how many are standard "
    "practice (the report's second and third findings)",
)
def get_model_variety_insight(session: ReadSession) -> ModelVarietyInsight:
    """The distinct models registered teams use, how many teams share each, and how many are
    standard practice rather than trauma-specific."""
    return insights.model_variety(session)


@router.get(
    "/recommendations",
    summary="The report's three recommendations, each beside the measure of progress on it",
)
def get_recommendations_insight(session: ReadSession) -> RecommendationsInsight:
    """1. Agree a core definition: the named departments' positions on the current proposal,
    and the share of the principles their own definitions agree on that the core carries.
    2. Evaluate models of trauma-informed training and practice: how many of the models teams
    declare carry a rated evaluation in their evidence links, in each service context (the
    scope a team uses a model in). 3. Link investment to trauma-specific treatment: the teams
    whose declared models and pathways reach no trauma-specific treatment."""
    return insights.recommendations(session)
