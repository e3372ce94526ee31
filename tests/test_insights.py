"""Insights: the pure functions on plain values, then the endpoints on a constructed set of teams.

Every expected number below is worked out by hand from the declarations the test makes.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.comparison.insights import (
    ModelFacts,
    ReportFigure,
    TeamFacts,
    model_variety,
    share,
    survey_comparison,
    team_alignment,
    treatment_gaps,
)
from api.models.team import SURVEY_ACTIVITIES
from tests.conftest import Keys
from tests.test_teams import declare, register_team, team_key

SOURCES = Path(__file__).resolve().parent.parent / "seed" / "data" / "sources.json"

SCREENING = ReportFigure(
    slug="screening",
    label="Teams screening for trauma or ACEs",
    value=53,
    value_text="Only half",
    unit="percent",
    reported_by="BASW",
    verified=True,
)
MODELS = [
    ModelFacts("sanctuary-model", "trauma_informed_model", None),
    ModelFacts("signs-of-safety", "practice_framework", True),
    ModelFacts("restorative-practice", "practice_framework", True),
    ModelFacts("trauma-focused-cbt", "trauma_specific_treatment", False),
    ModelFacts("child-parent-psychotherapy", "trauma_specific_treatment", False),
]
TEAMS = [
    TeamFacts(
        "alpha",
        models=("sanctuary-model", "signs-of-safety"),
        activities=("screening", "training", "strengths_based_approaches"),
        pathway_models=("trauma-focused-cbt",),
    ),
    TeamFacts(
        "beta",
        models=("signs-of-safety", "restorative-practice"),
        activities=("screening", "strengths_based_approaches"),
    ),
    TeamFacts(
        "gamma",
        models=("child-parent-psychotherapy",),
        activities=("training", "written_policies"),
    ),
]


def test_survey_activities_are_the_reports_except_using_tic() -> None:
    eif = next(s for s in json.loads(SOURCES.read_text()) if s["slug"].startswith("eif-2022"))
    measured = [f["activity"] for f in eif["figures"] if f["activity"] is not None]

    assert set(SURVEY_ACTIVITIES) == set(measured) - {"using_tic"}
    assert len(SURVEY_ACTIVITIES) == 6


def test_share_rounds_and_has_no_zero_division() -> None:
    assert share(2, 3) == 0.6667
    assert share(1, 3) == 0.3333
    assert share(0, 3) == 0.0
    assert share(0, 0) is None


def test_survey_comparison_on_plain_values() -> None:
    result = survey_comparison(
        TEAMS, ["screening", "cross_agency_collaboration"], {"screening": SCREENING}
    )

    assert result.team_count == 3
    screening, cross = result.activities
    # 2 of 3 teams screen: 0.6667 (66.67 points) beside the report's 53%.
    assert screening.teams == ("alpha", "beta")
    assert screening.share == 0.6667
    assert screening.percent == 66.67
    assert screening.report == SCREENING
    assert screening.difference_points == 13.67
    assert cross.count == 0
    assert cross.share == 0.0
    assert cross.report is None
    assert cross.difference_points is None


def test_survey_comparison_without_teams_gives_null_shares() -> None:
    result = survey_comparison([], ["screening"], {"screening": SCREENING})

    assert result.team_count == 0
    assert result.activities[0].share is None
    assert result.activities[0].percent is None
    assert result.activities[0].difference_points is None
    assert result.activities[0].report == SCREENING


def test_treatment_gaps_counts_declared_treatments_and_pathways() -> None:
    gaps = treatment_gaps(TEAMS, MODELS)

    # alpha refers to TF-CBT, gamma declares child-parent psychotherapy itself; beta has neither.
    assert gaps.with_treatment == ("alpha", "gamma")
    assert gaps.without_treatment == ("beta",)
    assert gaps.share_without == 0.3333
    assert treatment_gaps([], MODELS).share_without is None


def test_model_variety_counts_models_sharing_and_standard_practice() -> None:
    variety = model_variety(TEAMS, MODELS)

    assert variety.team_count == 3
    assert variety.distinct_models == 4
    assert [(m.slug, m.count) for m in variety.models] == [
        ("signs-of-safety", 2),
        ("child-parent-psychotherapy", 1),
        ("restorative-practice", 1),
        ("sanctuary-model", 1),
    ]
    assert variety.models[0].teams == ("alpha", "beta")
    assert variety.models[0].share == 0.6667
    assert variety.shared_by_several == 1
    assert variety.used_by_one == 3
    assert variety.distinct_combinations == 3
    assert variety.teams_with_unique_combination == 3
    # Standard practice: signs-of-safety and restorative-practice, 2 of the 4 models in use;
    # 3 of the 5 (team, model) uses. The Sanctuary Model is unclassified.
    assert variety.standard_practice_models == 2
    assert variety.standard_practice_unknown == 1
    assert variety.standard_practice_share == 0.5
    assert variety.standard_practice_use_share == 0.6


def test_model_variety_same_combination_and_unknown_model() -> None:
    teams = [TeamFacts("a", models=("x", "y")), TeamFacts("b", models=("y", "x"))]

    variety = model_variety(teams, [ModelFacts("x", "training", True)])

    assert variety.distinct_combinations == 1
    assert variety.teams_with_unique_combination == 0
    assert variety.models[1].slug == "y"
    assert variety.models[1].kind is None
    assert variety.standard_practice_share == 0.5
    empty = model_variety([], [])
    assert empty.distinct_models == 0
    assert empty.standard_practice_share is None


def test_team_alignment_unions_model_principles() -> None:
    mapping = {"m1": ["safety", "choice"], "m2": ["safety", "voice"], "m3": ["culture"]}
    order = ["safety", "trust", "choice", "voice", "culture"]

    result = team_alignment(mapping, ["m1", "m2"], ["safety", "trust"], None, order)

    assert result.principles == ("safety", "choice", "voice")
    assert result.core is not None
    assert result.core.shared == ("safety",)
    assert result.core.missing == ("trust",)
    assert result.core.extra == ("choice", "voice")
    assert result.core.coverage == 0.5
    assert result.definition is None
    nothing = team_alignment(mapping, [], ["safety"], ["voice"], order)
    assert nothing.core is not None
    assert nothing.core.coverage == 0.0
    assert nothing.definition is not None
    assert nothing.definition.missing == ("voice",)


# The constructed set over HTTP: three declaring teams (the TEAMS above) and one that has
# registered but not declared, which must not count.
DECLARATIONS: dict[str, dict[str, Any]] = {
    "alpha": {
        "practice_models": [
            {"slug": "sanctuary-model", "scope": "whole_service"},
            {"slug": "signs-of-safety", "scope": "training_only"},
        ],
        "activities": ["screening", "training", "strengths_based_approaches"],
        "treatment_pathways": [
            {"practice_model": "trauma-focused-cbt", "provider": "CAMHS", "note": None}
        ],
    },
    "beta": {
        "practice_models": [
            {"slug": "signs-of-safety", "scope": "whole_service"},
            {"slug": "restorative-practice", "scope": "pilot"},
        ],
        "activities": ["screening", "strengths_based_approaches"],
    },
    "gamma": {
        "practice_models": [{"slug": "child-parent-psychotherapy", "scope": "whole_service"}],
        "activities": ["training", "written_policies"],
    },
}


@pytest.fixture
def teams(client: TestClient, keys: Keys, engine: Engine) -> None:
    for slug, body in DECLARATIONS.items():
        register_team(client, keys, slug)
        assert declare(client, slug, body, team_key(engine, slug)).status_code == 200
    register_team(client, keys, "delta")


def test_survey_insight_with_no_teams(client: TestClient) -> None:
    body = client.get("/v1/insights/survey").json()

    assert body["team_count"] == 0
    assert [a["activity"] for a in body["activities"]] == list(SURVEY_ACTIVITIES)
    assert all(a["share"] is None for a in body["activities"])
    screening = body["activities"][2]
    assert screening["report"]["value"] == 53
    assert screening["report"]["value_text"] == "Only half"


@pytest.mark.usefixtures("teams")
def test_survey_insight(client: TestClient) -> None:
    body = client.get("/v1/insights/survey").json()
    rows = {a["activity"]: a for a in body["activities"]}

    assert body["team_count"] == 3  # delta has not declared
    expected = {
        # activity: (teams doing it, share, percent, report value, difference in points)
        "strengths_based_approaches": (2, 0.6667, 66.67, 96, -29.33),
        "training": (2, 0.6667, 66.67, 86, -19.33),
        "screening": (2, 0.6667, 66.67, 53, 13.67),
        "cross_agency_collaboration": (0, 0.0, 0.0, 37, -37.0),
        "written_policies": (1, 0.3333, 33.33, None, None),
        "clear_definition": (0, 0.0, 0.0, None, None),
    }
    for activity, (count, fraction, percent, reported, difference) in expected.items():
        row = rows[activity]
        assert row["teams_doing"] == count, activity
        assert row["share"] == fraction, activity
        assert row["percent"] == percent, activity
        assert row["report"]["value"] == reported, activity
        assert row["report"]["verified"] is True
        assert row["report"]["reported_by"]
        assert row["difference_points"] == difference, activity
    assert rows["screening"]["teams"] == ["alpha", "beta"]
    assert rows["written_policies"]["report"]["value_text"] == "Only a fifth"


@pytest.mark.usefixtures("teams")
def test_treatment_pathways_insight(client: TestClient) -> None:
    body = client.get("/v1/insights/treatment-pathways").json()

    assert body["team_count"] == 3
    assert body["teams_without_treatment"] == 1
    assert body["without_treatment"] == ["beta"]
    assert body["with_treatment"] == ["alpha", "gamma"]
    assert body["share_without_treatment"] == 0.3333
    assert body["finding"]["number"] == 4
    assert body["finding"]["text"] == (
        "Trauma-informed activities rarely led to evidence-based interventions."
    )
    assert body["report_outcome"]["value"] == 2
    assert body["report_outcome"]["value_text"] == "only two instances"


@pytest.mark.usefixtures("teams")
def test_model_variety_insight(client: TestClient) -> None:
    body = client.get("/v1/insights/model-variety").json()

    assert body["team_count"] == 3
    assert body["distinct_models"] == 4
    assert [(m["slug"], m["teams_using"]) for m in body["models"]] == [
        ("signs-of-safety", 2),
        ("child-parent-psychotherapy", 1),
        ("restorative-practice", 1),
        ("sanctuary-model", 1),
    ]
    assert body["models"][0]["teams"] == ["alpha", "beta"]
    assert body["shared_by_several"] == 1
    assert body["distinct_combinations"] == 3
    assert body["standard_practice_models"] == 2
    assert body["standard_practice_share"] == 0.5
    assert body["standard_practice_use_share"] == 0.6
    assert [f["number"] for f in body["findings"]] == [2, 3]


@pytest.mark.usefixtures("teams")
def test_insights_follow_the_current_declaration(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    # beta adds a pathway to a treatment: no team is left without one.
    body = {
        **DECLARATIONS["beta"],
        "treatment_pathways": [
            {"practice_model": "child-parent-psychotherapy", "provider": "NHS", "note": "pilot"}
        ],
    }
    assert declare(client, "beta", body, team_key(engine, "beta")).status_code == 200

    pathways = client.get("/v1/insights/treatment-pathways").json()

    assert pathways["without_treatment"] == []
    assert pathways["share_without_treatment"] == 0.0
    assert client.get("/v1/insights/survey").json()["team_count"] == 3
