"""Live insights: what registered CSC teams declare, set beside the EIF report's findings.

Pure functions over plain values (team declarations, model facts, report figures): no session,
no request. Shares are rounded to 4 decimal places (0..1) and also given in percentage points,
the unit of the report's survey figures, so the two can be read side by side.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from api.comparison.principles_compare import PrincipleComparison, compare_principles

__all__ = [
    "ActivityShare",
    "ModelFacts",
    "ModelUse",
    "ModelVariety",
    "ReportFigure",
    "SurveyComparison",
    "TeamAlignment",
    "TeamFacts",
    "TreatmentGaps",
    "model_variety",
    "share",
    "survey_comparison",
    "team_alignment",
    "treatment_gaps",
]

TRAUMA_SPECIFIC_TREATMENT = "trauma_specific_treatment"


@dataclass(frozen=True, slots=True)
class TeamFacts:
    """One team's current declaration, reduced to slugs."""

    slug: str
    models: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    pathway_models: tuple[str, ...] = ()  # models its referral pathways lead to


@dataclass(frozen=True, slots=True)
class ModelFacts:
    slug: str
    kind: str
    is_standard_practice: bool | None = None


@dataclass(frozen=True, slots=True)
class ReportFigure:
    """A figure as the report's coverage gives it, with who reported it."""

    slug: str
    label: str
    value: float | None
    value_text: str | None
    unit: str | None
    reported_by: str | None
    verified: bool


def share(count: int, total: int) -> float | None:
    """``count / total`` rounded to 4 places; None when there is nothing to divide by."""
    return round(count / total, 4) if total else None


def _percent(value: float | None) -> float | None:
    return round(value * 100, 2) if value is not None else None


@dataclass(frozen=True, slots=True)
class ActivityShare:
    activity: str
    teams: tuple[str, ...]  # sorted slugs of the teams doing it
    count: int
    share: float | None  # of declaring teams, 0..1; None with no teams
    percent: float | None  # the same in percentage points
    report: ReportFigure | None
    difference_points: float | None  # percent - report value, when both are numbers


@dataclass(frozen=True, slots=True)
class SurveyComparison:
    team_count: int
    activities: tuple[ActivityShare, ...]  # in the order of the ``activities`` argument


def survey_comparison(
    teams: Iterable[TeamFacts],
    activities: Sequence[str],
    figures: Mapping[str, ReportFigure],
) -> SurveyComparison:
    """For each activity, the share of teams doing it beside the report's figure for it."""
    team_list = sorted(teams, key=lambda t: t.slug)
    total = len(team_list)
    rows = []
    for activity in activities:
        doing = tuple(t.slug for t in team_list if activity in t.activities)
        fraction = share(len(doing), total)
        percent = _percent(fraction)
        figure = figures.get(activity)
        difference = None
        if percent is not None and figure is not None and figure.value is not None:
            difference = round(percent - figure.value, 2)
        rows.append(
            ActivityShare(
                activity=activity,
                teams=doing,
                count=len(doing),
                share=fraction,
                percent=percent,
                report=figure,
                difference_points=difference,
            )
        )
    return SurveyComparison(team_count=total, activities=tuple(rows))


def _reaches_treatment(team: TeamFacts, kinds: Mapping[str, str]) -> bool:
    return any(
        kinds.get(slug) == TRAUMA_SPECIFIC_TREATMENT
        for slug in (*team.models, *team.pathway_models)
    )


@dataclass(frozen=True, slots=True)
class TreatmentGaps:
    team_count: int
    with_treatment: tuple[str, ...]  # teams whose models or pathways include a treatment
    without_treatment: tuple[str, ...]  # the rest: no route to a trauma-specific treatment
    share_without: float | None


def treatment_gaps(teams: Iterable[TeamFacts], models: Iterable[ModelFacts]) -> TreatmentGaps:
    """Teams whose declared models and pathways include no trauma-specific treatment."""
    kinds = {m.slug: m.kind for m in models}
    team_list = sorted(teams, key=lambda t: t.slug)
    reached = tuple(t.slug for t in team_list if _reaches_treatment(t, kinds))
    missing = tuple(t.slug for t in team_list if not _reaches_treatment(t, kinds))
    return TreatmentGaps(
        team_count=len(team_list),
        with_treatment=reached,
        without_treatment=missing,
        share_without=share(len(missing), len(team_list)),
    )


@dataclass(frozen=True, slots=True)
class ModelUse:
    slug: str
    kind: str | None  # None for a slug the model facts do not know
    is_standard_practice: bool | None
    teams: tuple[str, ...]
    count: int
    share: float | None  # of declaring teams


@dataclass(frozen=True, slots=True)
class ModelVariety:
    team_count: int
    distinct_models: int
    models: tuple[ModelUse, ...]  # most used first, then by slug
    shared_by_several: int  # models used by two teams or more
    used_by_one: int  # models only one team uses
    distinct_combinations: int  # different sets of models among the teams
    teams_with_unique_combination: int  # teams no other team matches model for model
    standard_practice_models: int  # distinct models in use that are standard practice
    standard_practice_unknown: int  # distinct models in use not classified either way
    standard_practice_share: float | None  # standard / distinct models in use
    standard_practice_use_share: float | None  # of all (team, model) uses


def model_variety(teams: Iterable[TeamFacts], models: Iterable[ModelFacts]) -> ModelVariety:
    """How many distinct models teams use, how many teams share each, and how many are standard
    CSC practice rather than specifically trauma-informed."""
    facts = {m.slug: m for m in models}
    team_list = sorted(teams, key=lambda t: t.slug)
    users: dict[str, list[str]] = {}
    for team in team_list:
        for slug in dict.fromkeys(team.models):
            users.setdefault(slug, []).append(team.slug)
    uses = []
    for slug, who in users.items():
        fact = facts.get(slug)
        uses.append(
            ModelUse(
                slug=slug,
                kind=fact.kind if fact else None,
                is_standard_practice=fact.is_standard_practice if fact else None,
                teams=tuple(who),
                count=len(who),
                share=share(len(who), len(team_list)),
            )
        )
    uses.sort(key=lambda u: (-u.count, u.slug))
    combinations: dict[frozenset[str], int] = {}
    for team in team_list:
        key = frozenset(team.models)
        combinations[key] = combinations.get(key, 0) + 1
    standard = sum(1 for u in uses if u.is_standard_practice is True)
    total_uses = sum(u.count for u in uses)
    standard_uses = sum(u.count for u in uses if u.is_standard_practice is True)
    return ModelVariety(
        team_count=len(team_list),
        distinct_models=len(uses),
        models=tuple(uses),
        shared_by_several=sum(1 for u in uses if u.count >= 2),
        used_by_one=sum(1 for u in uses if u.count == 1),
        distinct_combinations=len(combinations),
        teams_with_unique_combination=sum(1 for n in combinations.values() if n == 1),
        standard_practice_models=standard,
        standard_practice_unknown=sum(1 for u in uses if u.is_standard_practice is None),
        standard_practice_share=share(standard, len(uses)),
        standard_practice_use_share=share(standard_uses, total_uses),
    )


@dataclass(frozen=True, slots=True)
class TeamAlignment:
    principles: tuple[str, ...]  # union of the team's models' principles, in canonical order
    core: PrincipleComparison | None
    definition: PrincipleComparison | None


def team_alignment(
    model_principles: Mapping[str, Collection[str]],
    team_models: Iterable[str],
    core: Collection[str] | None,
    definition: Collection[str] | None,
    order: Sequence[str] | None = None,
) -> TeamAlignment:
    """How the union of the team's models' principles covers the core and its own definition.

    ``model_principles`` maps a model slug to its principle slugs; a comparison is None when
    there is nothing to compare against (no core proposal, no definition declared).
    """
    union: set[str] = set()
    for slug in team_models:
        union.update(model_principles.get(slug, ()))
    return TeamAlignment(
        principles=compare_principles((), union, order).extra,
        core=compare_principles(core, union, order) if core is not None else None,
        definition=compare_principles(definition, union, order) if definition is not None else None,
    )
