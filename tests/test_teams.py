"""CSC teams over HTTP: registration, declarations with If-Match, history, alignment."""

from typing import Any

import httpx2 as httpx
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from api.auth import create_key
from api.models import Organisation
from tests.conftest import Keys, bearer
from tests.helpers import assert_problem, walk_pages

DECLARATION: dict[str, Any] = {
    "practice_models": [
        {"slug": "sanctuary-model", "scope": "whole_service", "since": "2020-09-01"},
        {"slug": "signs-of-safety", "scope": "training_only"},
    ],
    "activities": ["screening", "training"],
    "treatment_pathways": [
        {"practice_model": "trauma-focused-cbt", "provider": "Local CAMHS", "note": None}
    ],
}


def register_team(client: TestClient, keys: Keys, slug: str, **extra: Any) -> None:
    body = {
        "slug": slug,
        "name": f"{slug.replace('-', ' ').title()} (fictional) CSC",
        "kind": "csc_team",
        "local_authority": "Example Borough (fictional)",
        "region": "Nowhere",
        **extra,
    }
    response = client.post("/v1/organisations", json=body, headers=keys.steward)
    assert response.status_code == 201, response.text


def team_key(engine: Engine, slug: str, role: str = "submitter") -> dict[str, str]:
    with Session(engine) as session:
        team = session.exec(select(Organisation).where(Organisation.slug == slug)).one()
        _, secret = create_key(session, team, role)
    return bearer(secret)


def declare(
    client: TestClient, slug: str, body: dict[str, Any], headers: dict[str, str]
) -> httpx.Response:
    """PUT a declaration based on the team as it now stands."""
    etag = client.get(f"/v1/teams/{slug}").headers["ETag"]
    return client.put(
        f"/v1/teams/{slug}/practice-models", json=body, headers={**headers, "If-Match": etag}
    )


def test_no_teams_are_seeded(client: TestClient) -> None:
    assert client.get("/v1/teams").json() == {"items": [], "next_cursor": None}


def test_team_detail_before_and_after_a_declaration(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    register_team(client, keys, "alpha")
    before = client.get("/v1/teams/alpha")
    assert before.status_code == 200
    assert before.json()["declaration"] is None
    assert before.json()["declaration_revision"] is None
    assert before.json()["local_authority"] == "Example Borough (fictional)"
    assert before.json()["region"] == "Nowhere"

    # The first declaration needs no If-Match.
    response = client.put(
        "/v1/teams/alpha/practice-models", json=DECLARATION, headers=team_key(engine, "alpha")
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["declaration_revision"] == 1
    declared = body["declaration"]
    assert [
        (m["slug"], m["kind"], m["scope"], m["since"]) for m in declared["practice_models"]
    ] == [
        ("sanctuary-model", "trauma_informed_model", "whole_service", "2020-09-01"),
        ("signs-of-safety", "practice_framework", "training_only", None),
    ]
    assert [m["is_standard_practice"] for m in declared["practice_models"]] == [None, True]
    assert [m["verified"] for m in declared["practice_models"]] == [False, False]
    assert declared["activities"] == ["training", "screening"]  # survey order
    assert declared["treatment_pathways"] == DECLARATION["treatment_pathways"]
    assert declared["works_to_definition"] is None
    fetched = client.get("/v1/teams/alpha")
    assert fetched.json() == body
    assert fetched.headers["ETag"] == response.headers["ETag"]
    assert fetched.headers["ETag"] != before.headers["ETag"]
    cached = client.get("/v1/teams/alpha", headers={"If-None-Match": fetched.headers["ETag"]})
    assert cached.status_code == 304


def test_unknown_team_and_non_team_organisations_are_404(client: TestClient, keys: Keys) -> None:
    assert_problem(client.get("/v1/teams/no-such-team"), 404)
    assert_problem(client.get("/v1/teams/dfe"), 404)  # an organisation, but not a CSC team
    assert_problem(client.get("/v1/teams/dfe/declarations"), 404)
    assert_problem(client.get("/v1/teams/dfe/alignment"), 404)
    put = client.put("/v1/teams/dfe/practice-models", json=DECLARATION, headers=keys.steward)
    assert_problem(put, 404)


def test_declaration_authorisation_matrix(client: TestClient, keys: Keys, engine: Engine) -> None:
    register_team(client, keys, "alpha")
    register_team(client, keys, "beta")
    path = "/v1/teams/alpha/practice-models"
    for headers, status in (
        ({}, 401),
        (keys.revoked, 401),
        ({"Authorization": "Bearer tic_000000000000_nope"}, 401),
        (keys.dfe, 403),  # another organisation's submitter
        (team_key(engine, "beta"), 403),  # another team's own key
    ):
        assert_problem(client.put(path, json=DECLARATION, headers=headers), status)
    assert client.get("/v1/teams/alpha").json()["declaration"] is None

    own = client.put(path, json=DECLARATION, headers=team_key(engine, "alpha"))
    assert own.status_code == 200
    steward = declare(client, "alpha", {**DECLARATION, "activities": []}, keys.steward)
    assert steward.status_code == 200
    assert steward.json()["declaration_revision"] == 2


def test_if_match_is_required_once_a_declaration_exists(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    register_team(client, keys, "alpha")
    own = team_key(engine, "alpha")
    path = "/v1/teams/alpha/practice-models"
    stale = client.get("/v1/teams/alpha").headers["ETag"]
    assert client.put(path, json=DECLARATION, headers=own).status_code == 200

    assert_problem(client.put(path, json=DECLARATION, headers=own), 428)
    body = assert_problem(
        client.put(path, json=DECLARATION, headers={**own, "If-Match": stale}), 412
    )
    assert body["current_etag"] == client.get("/v1/teams/alpha").headers["ETag"]
    assert client.get("/v1/teams/alpha").json()["declaration_revision"] == 1
    # A stale If-Match is refused even on the first declaration.
    register_team(client, keys, "beta")
    beta = client.put(
        "/v1/teams/beta/practice-models",
        json=DECLARATION,
        headers={**keys.steward, "If-Match": '"stale"'},
    )
    assert_problem(beta, 412)


def test_several_puts_keep_every_declaration(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    register_team(client, keys, "alpha")
    own = team_key(engine, "alpha")
    bodies = [
        DECLARATION,
        {**DECLARATION, "activities": ["strengths_based_approaches"]},
        {
            "practice_models": [{"slug": "pace-ddp", "scope": "pilot"}],
            "activities": [],
            "works_to_definition": 1,
        },
    ]
    for body in bodies:
        assert declare(client, "alpha", body, own).status_code == 200

    history = client.get("/v1/teams/alpha/declarations").json()

    assert [d["number"] for d in history["items"]] == [1, 2, 3]
    assert history["items"][0]["activities"] == ["training", "screening"]
    assert history["items"][1]["activities"] == ["strengths_based_approaches"]
    assert [m["slug"] for m in history["items"][2]["practice_models"]] == ["pace-ddp"]
    assert history["items"][2]["works_to_definition"] == 1
    assert history["items"][2]["treatment_pathways"] == []
    assert all(d["author_key"] for d in history["items"])
    paged = walk_pages(client, "/v1/teams/alpha/declarations", limit=2)
    assert [d["number"] for d in paged] == [1, 2, 3]
    current = client.get("/v1/teams/alpha").json()
    assert current["declaration_revision"] == 3
    assert current["declaration"] == history["items"][2]


def _errors(response: httpx.Response) -> list[str]:
    return [e["field"] for e in assert_problem(response, 422)["errors"]]


def test_declaration_validation_names_the_field(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    register_team(client, keys, "alpha")
    own = team_key(engine, "alpha")
    path = "/v1/teams/alpha/practice-models"

    def put(**changes: Any) -> httpx.Response:
        return client.put(path, json={**DECLARATION, **changes}, headers=own)

    assert _errors(put(activities=["screening", "yoga"])) == ["activities.1"]
    assert _errors(put(activities=["using_tic"])) == ["activities.0"]
    unknown_model = [{"slug": "no-such-model", "scope": "pilot"}]
    assert _errors(put(practice_models=unknown_model)) == ["practice_models.0.slug"]
    bad_scope = [{"slug": "arc", "scope": "everywhere"}]
    assert _errors(put(practice_models=bad_scope)) == ["practice_models.0.scope"]
    twice = [{"slug": "arc", "scope": "pilot"}, {"slug": "arc", "scope": "whole_service"}]
    assert _errors(put(practice_models=twice)) == ["practice_models.1.slug"]
    not_treatment = [{"practice_model": "signs-of-safety", "provider": "CAMHS", "note": None}]
    assert _errors(put(treatment_pathways=not_treatment)) == ["treatment_pathways.0.practice_model"]
    unknown_pathway = [{"practice_model": "nope", "provider": "CAMHS", "note": None}]
    assert _errors(put(treatment_pathways=unknown_pathway)) == [
        "treatment_pathways.0.practice_model"
    ]
    assert _errors(put(works_to_definition=999999)) == ["works_to_definition"]
    assert _errors(client.put(path, json={"activities": []}, headers=own)) == ["practice_models"]
    assert client.get("/v1/teams/alpha/declarations").json()["items"] == []


def test_list_teams_paginates_and_skips_other_organisations(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    for slug in ("gamma", "alpha", "beta"):
        register_team(client, keys, slug)
    declare(client, "beta", DECLARATION, team_key(engine, "beta"))

    items = walk_pages(client, "/v1/teams", limit=2)

    assert [t["slug"] for t in items] == ["alpha", "beta", "gamma"]
    assert [t["declaration_revision"] for t in items] == [None, 1, None]
    assert items[1]["declaration"]["practice_models"][0]["slug"] == "sanctuary-model"


def test_alignment_against_core_and_own_definition(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    register_team(client, keys, "alpha")
    core = client.get("/v1/core-definition").json()["proposal"]
    core_principles = [p["slug"] for p in core["principles"]]
    assert "safety" in core_principles
    own_definition = client.get("/v1/definitions/1").json()
    own_principles = [p["slug"] for p in own_definition["principles"]]
    body = {**DECLARATION, "works_to_definition": own_definition["id"]}
    assert declare(client, "alpha", body, team_key(engine, "alpha")).status_code == 200

    alignment = client.get("/v1/teams/alpha/alignment")

    assert alignment.status_code == 200, alignment.text
    result = alignment.json()
    # Only the Sanctuary Model maps to a principle (safety); Signs of Safety maps to none.
    assert result["principles"] == ["safety"]
    assert result["unverified_principles"] == []  # the S.E.L.F. basis is verified
    assert result["declaration_revision"] == 1
    assert result["core"]["definition_id"] == core["id"]
    assert result["core"]["principles"] == core_principles
    assert result["core"]["shared"] == ["safety"]
    assert set(result["core"]["missing"]) == set(core_principles) - {"safety"}
    assert result["core"]["extra"] == []
    assert result["core"]["coverage"] == round(1 / len(core_principles), 4)
    works = result["works_to_definition"]
    assert works["definition_id"] == own_definition["id"]
    assert works["principles"] == own_principles
    expected = round(1 / len(own_principles), 4) if "safety" in own_principles else 0.0
    assert works["coverage"] == expected


def test_alignment_of_team_without_declaration(client: TestClient, keys: Keys) -> None:
    register_team(client, keys, "alpha")

    result = client.get("/v1/teams/alpha/alignment").json()

    assert result["declaration_revision"] is None
    assert result["principles"] == []
    assert result["core"]["coverage"] == 0.0
    assert result["works_to_definition"] is None
