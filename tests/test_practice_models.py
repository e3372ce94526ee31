"""Practice models over HTTP: reading, provenance, steward writes with If-Match, history."""

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Keys
from tests.helpers import assert_problem, walk_pages

SEED = Path(__file__).resolve().parent.parent / "seed" / "data" / "practice_models.json"

NEW_MODEL: dict[str, Any] = {
    "slug": "example-model-fictional",
    "name": "Example model (fictional)",
    "kind": "trauma_informed_model",
    "description": "A model that exists only in this test.",
    "is_standard_practice": False,
    "principles": [{"slug": "safety", "basis": "Test fixture.", "verified": False}],
}


def test_list_holds_every_seeded_model_across_pages(client: TestClient) -> None:
    seeded = {m["slug"] for m in json.loads(SEED.read_text())}

    items = walk_pages(client, "/v1/practice-models", limit=3)

    assert {m["slug"] for m in items} == seeded
    assert [m["slug"] for m in items] == sorted(m["slug"] for m in items)


def test_kind_filter(client: TestClient) -> None:
    items = walk_pages(client, "/v1/practice-models", kind="trauma_specific_treatment")

    assert {m["slug"] for m in items} == {"trauma-focused-cbt", "child-parent-psychotherapy"}
    assert_problem(client.get("/v1/practice-models", params={"kind": "yoga"}), 422)


def test_unverified_seeded_models_are_presented_unverified_without_rating(
    client: TestClient,
) -> None:
    seeded = {m["slug"]: m for m in json.loads(SEED.read_text())}
    items = walk_pages(client, "/v1/practice-models")
    unverified = [m for m in items if not seeded[m["slug"]]["verified"]]

    assert len(unverified) == 11  # the general-knowledge list of sources.md section 2.8
    for model in unverified:
        assert model["verified"] is False
        assert all(e["rating"] is None for e in model["evidence"])
        assert "UNVERIFIED" in model["note"]
    sanctuary = client.get("/v1/practice-models/sanctuary-model").json()
    assert sanctuary["verified"] is False
    assert sanctuary["source"] == "scottish-government-tis-evidence-review"
    assert sanctuary["principles"][0]["slug"] == "safety"
    assert sanctuary["principles"][0]["basis"].startswith("S.E.L.F.")


def test_detail_fields_and_conditional_get(client: TestClient) -> None:
    response = client.get("/v1/practice-models/trauma-focused-cbt")

    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "trauma_specific_treatment"
    assert body["is_standard_practice"] is False
    assert body["verified"] is True
    assert body["source"] == "basw-psw-2022-01-28"
    assert body["provenance"].startswith("BASW")
    assert body["revision"] == 1
    etag = response.headers["ETag"]
    again = client.get("/v1/practice-models/trauma-focused-cbt", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["ETag"] == etag
    assert_problem(client.get("/v1/practice-models/no-such-model"), 404)


def test_steward_creates_a_model(client: TestClient, keys: Keys) -> None:
    response = client.post("/v1/practice-models", json=NEW_MODEL, headers=keys.steward)

    assert response.status_code == 201, response.text
    assert response.headers["Location"] == "/v1/practice-models/example-model-fictional"
    body = response.json()
    assert body["verified"] is False
    assert body["principles"] == [{"slug": "safety", "basis": "Test fixture.", "verified": False}]
    assert "dhsc" in body["provenance"]
    fetched = client.get(response.headers["Location"])
    assert fetched.headers["ETag"] == response.headers["ETag"]
    assert fetched.json() == body
    revisions = client.get("/v1/practice-models/example-model-fictional/revisions").json()
    assert [r["number"] for r in revisions["items"]] == [1]
    assert revisions["items"][0]["author_key"] is not None
    assert revisions["items"][0]["snapshot"]["name"] == "Example model (fictional)"


def test_slug_clash_is_409(client: TestClient, keys: Keys) -> None:
    clash = {**NEW_MODEL, "slug": "signs-of-safety"}

    assert_problem(client.post("/v1/practice-models", json=clash, headers=keys.steward), 409)


def test_write_authorisation_matrix(client: TestClient, keys: Keys) -> None:
    for headers, status in (
        ({}, 401),
        (keys.revoked, 401),
        ({"Authorization": "Bearer tic_000000000000_nope"}, 401),
        (keys.dfe, 403),
        (keys.home_office, 403),
    ):
        assert_problem(client.post("/v1/practice-models", json=NEW_MODEL, headers=headers), status)
        etag = client.get("/v1/practice-models/arc").headers["ETag"]
        patch = client.patch(
            "/v1/practice-models/arc",
            json={"description": "changed"},
            headers={**headers, "If-Match": etag},
        )
        assert_problem(patch, status)
    assert client.get("/v1/practice-models/arc").json()["revision"] == 1
    created = client.post("/v1/practice-models", json=NEW_MODEL, headers=keys.steward)
    assert created.status_code == 201


def test_rating_on_unverified_model_needs_a_cited_source(client: TestClient, keys: Keys) -> None:
    uncited = {**NEW_MODEL, "evidence": [{"rating": "Level 3", "scale": "EIF evidence"}]}

    body = assert_problem(
        client.post("/v1/practice-models", json=uncited, headers=keys.steward), 422
    )
    assert body["errors"][0]["field"] == "evidence.0.rating"

    cited = {
        **NEW_MODEL,
        "evidence": [
            {"rating": "Level 3", "scale": "EIF evidence", "url": "https://example.org/rating"}
        ],
    }
    created = client.post("/v1/practice-models", json=cited, headers=keys.steward)
    assert created.status_code == 201, created.text
    assert created.json()["evidence"][0]["verified"] is False


def test_verification_needs_a_citation(client: TestClient, keys: Keys) -> None:
    claimed = {**NEW_MODEL, "verified": True}
    body = assert_problem(
        client.post("/v1/practice-models", json=claimed, headers=keys.steward), 422
    )
    assert body["errors"][0]["field"] == "verified"

    link = {**NEW_MODEL, "evidence": [{"note": "read it", "verified": True}]}
    body = assert_problem(client.post("/v1/practice-models", json=link, headers=keys.steward), 422)
    assert body["errors"][0]["field"] == "evidence.0.verified"


def test_patch_rating_onto_unverified_seeded_model_is_refused(
    client: TestClient, keys: Keys
) -> None:
    etag = client.get("/v1/practice-models/arc").headers["ETag"]

    response = client.patch(
        "/v1/practice-models/arc",
        json={"evidence": [{"rating": "Promising"}]},
        headers={**keys.steward, "If-Match": etag},
    )

    assert assert_problem(response, 422)["errors"][0]["field"] == "evidence.0.rating"
    assert client.get("/v1/practice-models/arc").json()["evidence"] == []


def test_unknown_principle_or_source_names_the_field(client: TestClient, keys: Keys) -> None:
    bad_principle = {**NEW_MODEL, "principles": [{"slug": "kindness"}]}
    body = assert_problem(
        client.post("/v1/practice-models", json=bad_principle, headers=keys.steward), 422
    )
    assert body["errors"][0]["field"] == "principles.0.slug"

    bad_source = {**NEW_MODEL, "source": "no-such-source"}
    body = assert_problem(
        client.post("/v1/practice-models", json=bad_source, headers=keys.steward), 422
    )
    assert body["errors"][0]["field"] == "source"


def test_patch_needs_if_match_and_adds_revisions(client: TestClient, keys: Keys) -> None:
    path = "/v1/practice-models/signs-of-safety"
    first = client.get(path)

    assert_problem(client.patch(path, json={"description": "x"}, headers=keys.steward), 428)
    stale = {**keys.steward, "If-Match": '"stale"'}
    assert_problem(client.patch(path, json={"description": "x"}, headers=stale), 412)

    response = client.patch(
        path,
        json={"description": "Edited once.", "principles": [{"slug": "collaboration"}]},
        headers={**keys.steward, "If-Match": first.headers["ETag"]},
    )
    assert response.status_code == 200, response.text
    assert response.json()["revision"] == 2
    assert response.json()["principles"][0]["slug"] == "collaboration"
    assert response.json()["kind"] == "practice_framework"  # not sent: carried over
    # The old ETag is now stale.
    again = {**keys.steward, "If-Match": first.headers["ETag"]}
    assert_problem(client.patch(path, json={"description": "y"}, headers=again), 412)
    second = client.patch(
        path,
        json={"description": "Edited twice."},
        headers={**keys.steward, "If-Match": response.headers["ETag"]},
    )
    assert second.status_code == 200
    assert second.json()["principles"][0]["slug"] == "collaboration"

    history = client.get(f"{path}/revisions").json()["items"]
    assert [r["number"] for r in history] == [1, 2, 3]
    assert history[0]["snapshot"]["description"].startswith("Signs of Safety")
    assert history[1]["snapshot"]["description"] == "Edited once."
    assert history[2]["snapshot"]["description"] == "Edited twice."
    assert history[0]["author_key"] is None  # seeded
    assert history[2]["author_key"] is not None


def test_patch_with_nothing_is_422(client: TestClient, keys: Keys) -> None:
    path = "/v1/practice-models/arc"
    etag = client.get(path).headers["ETag"]

    assert_problem(client.patch(path, json={}, headers={**keys.steward, "If-Match": etag}), 422)
