"""Response models of the insights: registered teams beside the EIF report, and the report's
three recommendations tracked live (no tables)."""

from pydantic import BaseModel, Field

from api.models.endorsement import Position


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


# -- the report's three recommendations, each beside the measure of progress on it -------------


class RecommendationText(BaseModel):
    number: int
    text: str = Field(description="The recommendation as the registry holds it.")
    verified: bool = Field(description="True when its wording was read in the report.")


class DepartmentProgress(BaseModel):
    organisation: str
    organisation_name: str
    position: Position | None = Field(
        description="Its position on the current core proposal; null: none taken yet."
    )
    has_definition: bool = Field(description="Whether it has a current definition of its own.")


class CoreDefinitionProgress(BaseModel):
    """Recommendation 1: agree a core definition."""

    recommendation: RecommendationText | None
    proposal_id: int | None = Field(description="The current core proposal; null: none yet.")
    proposal_revision: int | None
    proposal_title: str | None
    departments: list[DepartmentProgress] = Field(
        description="The departments the recommendation names (every department if it names "
        "none), with each one's position on the current proposal."
    )
    endorsing: int
    objecting: int
    abstaining: int
    without_position: int
    departments_with_definition: int = Field(
        description="Of `departments`, how many have a current definition of their own."
    )
    agreed_principles: list[str] = Field(
        description="Principles every one of `departments` with a definition carries."
    )
    agreed_in_core: list[str] = Field(description="Those of `agreed_principles` the core carries.")
    consensus_coverage: float | None = Field(
        description="Share (0..1) of `agreed_principles` the current core carries; null when no "
        "department has a definition (nothing is agreed yet) or no core is proposed."
    )


class ModelEvaluation(BaseModel):
    slug: str
    name: str
    kind: str
    ratings: list[str] = Field(
        description="Each rated evaluation in its evidence links, as 'rating (scale)'."
    )
    rated: bool = Field(description="At least one evidence link carries a rating.")
    teams: list[str] = Field(description="Teams that declare it.")
    contexts: list[str] = Field(description="The scopes those teams use it in.")


class ContextEvaluation(BaseModel):
    context: str = Field(description="whole_service, training_only or pilot.")
    models: int = Field(description="Distinct models teams declare in this context.")
    rated: int = Field(description="Of those, how many carry a rated evaluation.")
    share_rated: float | None


class EvaluationProgress(BaseModel):
    """Recommendation 2: evaluate models of trauma-informed training and practice."""

    recommendation: RecommendationText | None
    team_count: int = Field(description="Registered teams with a current declaration.")
    models_declared: int = Field(description="Distinct models those teams declare.")
    models_rated: int = Field(description="Of those, how many carry a rated evaluation.")
    share_rated: float | None = Field(description="models_rated / models_declared (0..1).")
    contexts: list[ContextEvaluation] = Field(
        description="The same count within each service context (the scope a team uses a model in)."
    )
    models: list[ModelEvaluation]


class TreatmentProgress(BaseModel):
    """Recommendation 3: link investment to trauma-specific treatment."""

    recommendation: RecommendationText | None
    team_count: int
    teams_with_treatment: int
    teams_without_treatment: int
    share_without_treatment: float | None
    without_treatment: list[str] = Field(
        description="Teams whose models and pathways lead to no trauma-specific treatment."
    )


class RecommendationsInsight(BaseModel):
    source: str = Field(description="Slug of the report the recommendations come from.")
    core_definition: CoreDefinitionProgress
    evaluation: EvaluationProgress
    treatment: TreatmentProgress
