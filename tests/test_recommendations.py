"""GET /v1/insights/recommendations: the report's three recommendations, each beside its measure.

Expected numbers are worked out from what each test arranges through the API (positions taken,
definitions submitted, teams declared, a rating added), not read back from the service.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import Keys
from tests.test_insights import DECLARATIONS
from tests.test_teams import declare, register_team, team_key

NAMED = ["dfe", "dhsc", "dluhc", "home-office"]  # the departments recommendation 1 names


def recommendations(client: TestClient) -> dict[str, Any]:
    response = client.get("/v1/insights/recommendations")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_seeded_registry_shows_no_progress_yet(client: TestClient) -> None:
    body = recommendations(client)
    core = client.get("/v1/core-definition").json()["proposal"]

    first = body["core_definition"]
    assert first["recommendation"]["number"] == 1
    assert "agree a core definition" in first["recommendation"]["text"]
    assert first["proposal_id"] == core["id"]
    assert first["proposal_revision"] == core["revision"]
    assert [d["organisation"] for d in first["departments"]] == NAMED
    assert all(d["position"] is None and not d["has_definition"] for d in first["departments"])
    assert (first["endorsing"], first["objecting"], first["without_position"]) == (0, 0, 4)
    # No department has a definition of its own, so nothing is agreed and coverage is unknown.
    assert first["departments_with_definition"] == 0
    assert first["agreed_principles"] == []
    assert first["consensus_coverage"] is None

    second = body["evaluation"]
    assert "evaluation of models" in second["recommendation"]["text"]
    assert (second["team_count"], second["models_declared"], second["share_rated"]) == (0, 0, None)
    assert [c["context"] for c in second["contexts"]] == ["whole_service", "training_only", "pilot"]

    third = body["treatment"]
    assert "trauma-specific interventions" in third["recommendation"]["text"]
    assert (third["team_count"], third["share_without_treatment"]) == (0, None)


def test_positions_and_department_definitions(client: TestClient, keys: Keys) -> None:
    core = client.get("/v1/core-definition").json()["proposal"]
    core_principles = {p["slug"] for p in core["principles"]}
    texts = {
        "dfe": "Children feel safe; practitioners realise how trauma affects development, "
        "recognise its signs, and resist re-traumatising children. Decisions are made in "
        "partnership with families.",
        "home-office": "Staff recognise the signs of trauma and realise its widespread impact; "
        "people feel safe, and we avoid re-traumatisation.",
    }
    carried: dict[str, set[str]] = {}
    for slug, headers in (("dfe", keys.dfe), ("home-office", keys.home_office)):
        created = client.post(
            "/v1/definitions",
            json={"title": f"{slug} working text", "text": texts[slug]},
            headers=headers,
        )
        assert created.status_code == 201, created.text
        carried[slug] = {p["slug"] for p in created.json()["principles"]}
    url = f"/v1/core-definition/proposals/{core['id']}/endorsements"
    assert client.put(f"{url}/dfe", json={"position": "endorse"}, headers=keys.dfe).is_success
    objection = {"position": "object", "comment": "Too broad."}
    assert client.put(f"{url}/home-office", json=objection, headers=keys.home_office).is_success

    first = recommendations(client)["core_definition"]

    positions = {d["organisation"]: d["position"] for d in first["departments"]}
    assert positions == {"dfe": "endorse", "dhsc": None, "dluhc": None, "home-office": "object"}
    assert (first["endorsing"], first["objecting"], first["abstaining"]) == (1, 1, 0)
    assert first["without_position"] == 2
    assert first["departments_with_definition"] == 2
    agreed = carried["dfe"] & carried["home-office"]
    assert agreed  # both texts say safety, realise, recognise, resist re-traumatisation
    assert set(first["agreed_principles"]) == agreed
    assert set(first["agreed_in_core"]) == agreed & core_principles
    assert first["consensus_coverage"] == round(len(agreed & core_principles) / len(agreed), 4)


@pytest.fixture
def declared(client: TestClient, keys: Keys, engine: Engine) -> None:
    for slug, body in DECLARATIONS.items():
        register_team(client, keys, slug)
        assert declare(client, slug, body, team_key(engine, slug)).status_code == 200
    register_team(client, keys, "delta")  # registered, never declares: does not count


@pytest.mark.usefixtures("declared")
def test_evaluation_and_treatment_measures(client: TestClient, keys: Keys) -> None:
    path = "/v1/practice-models/signs-of-safety"
    rating = {
        "rating": "Level 2",
        "scale": "EIF Guidebook",
        "url": "https://guidebook.example/signs-of-safety",
    }
    patched = client.patch(
        path,
        json={"evidence": [rating]},
        headers={**keys.steward, "If-Match": client.get(path).headers["ETag"]},
    )
    assert patched.status_code == 200, patched.text

    body = recommendations(client)

    second = body["evaluation"]
    # alpha: sanctuary (whole), signs-of-safety (training only); beta: signs-of-safety (whole),
    # restorative (pilot); gamma: child-parent psychotherapy (whole). Only signs-of-safety is rated.
    assert second["team_count"] == 3
    assert second["models_declared"] == 4
    assert second["models_rated"] == 1
    assert second["share_rated"] == 0.25
    contexts = {
        c["context"]: (c["models"], c["rated"], c["share_rated"]) for c in second["contexts"]
    }
    assert contexts == {
        "whole_service": (3, 1, 0.3333),
        "training_only": (1, 1, 1.0),
        "pilot": (1, 0, 0.0),
    }
    first_model = second["models"][0]
    assert first_model["slug"] == "signs-of-safety"
    assert first_model["ratings"] == ["Level 2 (EIF Guidebook)"]
    assert first_model["teams"] == ["alpha", "beta"]
    assert first_model["contexts"] == ["whole_service", "training_only"]
    assert not any(m["rated"] for m in second["models"][1:])

    third = body["treatment"]
    assert third["team_count"] == 3
    assert third["without_treatment"] == ["beta"]
    assert (third["teams_with_treatment"], third["share_without_treatment"]) == (2, 0.3333)


def test_recommendations_are_documented(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/v1/insights/recommendations"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/RecommendationsInsight")
    fields = spec["components"]["schemas"]["CoreDefinitionProgress"]["properties"]
    assert "consensus_coverage" in fields
    assert "description" in fields["consensus_coverage"]


def test_consensus_follows_every_write(client: TestClient, keys: Keys) -> None:
    """What each organisation carries is kept between reads; every write must show at once."""

    def carried(kind: str = "department") -> dict[str, list[str]]:
        body = client.get("/v1/consensus", params={"kind": kind}).json()
        return {p["slug"]: p["organisations"] for p in body["principles"] if p["organisations"]}

    assert carried() == {}
    created = client.post(
        "/v1/definitions",
        json={"title": "DfE text", "text": "Children and families feel safe."},
        headers=keys.dfe,
    )
    assert created.status_code == 201
    assert carried()["safety"] == ["dfe"]
    assert recommendations(client)["core_definition"]["departments_with_definition"] == 1

    revised = client.patch(
        f"/v1/definitions/{created.json()['id']}",
        json={"text": "Staff receive reflective supervision."},
        headers={**keys.dfe, "If-Match": created.headers["ETag"]},
    )
    assert revised.status_code == 200
    assert "safety" not in carried()
    assert carried()["workforce-wellbeing"] == ["dfe"]

    withdrawn = client.delete(
        f"/v1/definitions/{created.json()['id']}",
        headers={**keys.dfe, "If-Match": revised.headers["ETag"]},
    )
    assert withdrawn.status_code == 204
    assert carried() == {}
    assert recommendations(client)["core_definition"]["departments_with_definition"] == 0
    assert "nes" in {o for orgs in carried("standards_body").values() for o in orgs}
