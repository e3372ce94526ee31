"""Analysis, comparison, matrix, consensus, trend, proposals and endorsements through HTTP."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.models.comparison import MATRIX_LIMIT
from api.services import comparison
from tests.conftest import Keys
from tests.helpers import assert_problem, walk_pages

CORE_PRINCIPLES = [
    "safety",
    "trustworthiness",
    "collaboration",
    "empowerment",
    "cultural-responsiveness",
    "realise",
    "recognise",
    "resist-retraumatisation",
]
# Texts whose principles are pinned by test_fixture_texts_analyse_as_expected.
SAFE_AND_HONEST = (
    "Children and families feel safe. Practitioners are open and honest about decisions."
)
SAFE_AND_PARTNERSHIP = "Children feel safe and plans are made in partnership with parents."
PRACTICE_SAFE_AND_PARTNERSHIP = (
    "Trauma-informed practice is an approach in which children feel safe and plans are made in "
    "partnership with parents."
)
SAFE_AND_EXPLAINED = (
    "Children feel safe, and practitioners are open and honest and explain their decisions."
)


def ids_by_slug(client: TestClient) -> dict[str, int]:
    return {d["slug"]: d["id"] for d in walk_pages(client, "/v1/definitions") if d["slug"]}


def submit(client: TestClient, headers: dict[str, str], text: str, **extra: Any) -> Any:
    response = client.post(
        "/v1/definitions", json={"title": "Definition", "text": text, **extra}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response


def test_fixture_texts_analyse_as_expected(client: TestClient) -> None:
    def slugs(text: str) -> list[str]:
        body = client.post("/v1/analyses", json={"text": text}).json()
        return [p["slug"] for p in body["principles"]]

    assert slugs(SAFE_AND_HONEST) == ["safety", "trustworthiness"]
    assert slugs(SAFE_AND_PARTNERSHIP) == ["safety", "collaboration"]
    assert slugs(SAFE_AND_EXPLAINED) == ["safety", "trustworthiness"]
    assert slugs(PRACTICE_SAFE_AND_PARTNERSHIP) == ["safety", "collaboration"]
    core = client.get("/v1/core-definition").json()["proposal"]
    assert [p["slug"] for p in core["principles"]] == CORE_PRINCIPLES


def test_analysis_spans_slice_the_text(client: TestClient) -> None:
    text = "We keep children safe and we never make them retell their story; staff get supervision."
    body = client.post("/v1/analyses", json={"text": text}).json()

    assert body["method"]
    assert body["text_length"] == len(text)
    for principle in body["principles"]:
        assert principle["evidence"]
        for span in principle["evidence"]:
            assert text[span["start"] : span["end"]] == span["quote"]
    assert_problem(client.post("/v1/analyses", json={"text": "  "}), 422)
    assert_problem(client.post("/v1/analyses", json={}), 422)


def test_a_definition_against_itself(client: TestClient) -> None:
    samhsa = ids_by_slug(client)["samhsa-2014"]
    body = client.post("/v1/comparisons", json={"definition_id": samhsa, "against": samhsa}).json()

    assert body["coverage"] == 1.0
    assert body["similarity"] == 1.0
    assert body["missing"] == []
    assert body["extra"] == []
    assert body["gaps"] == []
    assert {"realise", "recognise", "respond"} <= set(body["shared"])
    assert [o["op"] for o in body["diff"]["ops"]] == ["equal"]
    assert body["diff"]["words_added"] == body["diff"]["words_removed"] == 0
    assert body["method"]["core_revision"] is None
    assert body["subject"]["definition_id"] == samhsa


def test_text_against_the_core_reports_gaps_with_quotes(client: TestClient) -> None:
    body = client.post("/v1/comparisons", json={"text": PRACTICE_SAFE_AND_PARTNERSHIP}).json()

    assert body["against"]["kind"] == "core_proposal"
    assert body["method"]["core_revision"] == 1
    assert body["method"]["analyser"]
    assert body["method"]["corpus_size"] == 7
    assert body["shared"] == ["safety", "collaboration"]
    assert body["extra"] == []
    assert body["missing"] == [p for p in CORE_PRINCIPLES if p not in ("safety", "collaboration")]
    assert body["coverage"] == pytest.approx(2 / 8)
    assert 0 < body["similarity"] < 1
    terms = [t["term"] for t in body["shared_terms"]]
    weights = [t["weight"] for t in body["shared_terms"]]
    assert {"practice", "approach"} <= set(terms)
    assert weights == sorted(weights, reverse=True)
    assert sum(weights) == pytest.approx(body["similarity"])
    safety = next(p for p in body["principles"] if p["slug"] == "safety")
    assert PRACTICE_SAFE_AND_PARTNERSHIP[safety["subject_evidence"][0]["start"] :].startswith(
        safety["subject_evidence"][0]["quote"]
    )
    # Every gap quote is found in the definition it is attributed to.
    texts = {d["id"]: d["text"] for d in walk_pages(client, "/v1/definitions")}
    gaps = {g["principle"]: g["phrasings"] for g in body["gaps"]}
    assert set(gaps) == set(body["missing"])
    assert gaps["recognise"], "seeded definitions phrase 'recognise'"
    core_id = body["against"]["definition_id"]
    for phrasings in gaps.values():
        for p in phrasings:
            assert p["quote"] in texts[p["definition_id"]]
            assert p["definition_id"] != core_id
    # Joining one side of the diff rebuilds each text.
    core_text = texts[core_id]
    assert "".join(o["from_text"] for o in body["diff"]["ops"]) == core_text
    assert "".join(o["to_text"] for o in body["diff"]["ops"]) == PRACTICE_SAFE_AND_PARTNERSHIP


def test_comparison_input_errors(client: TestClient) -> None:
    both = client.post("/v1/comparisons", json={"text": "x", "definition_id": 1})
    neither = client.post("/v1/comparisons", json={})
    unknown = client.post("/v1/comparisons", json={"definition_id": 99999})
    bad_against = client.post("/v1/comparisons", json={"text": "Safe.", "against": 99999})

    assert_problem(both, 422)
    assert_problem(neither, 422)
    assert_problem(unknown, 404)
    assert_problem(bad_against, 404)


def test_comparison_without_a_core(empty_client: TestClient) -> None:
    assert_problem(empty_client.post("/v1/comparisons", json={"text": "Safe."}), 404)


def test_matrix_of_chosen_definitions(client: TestClient) -> None:
    ids = ids_by_slug(client)
    chosen = [ids["samhsa-2014"], ids["nes-2017"], ids["ohid-2022"]]
    body = client.post("/v1/comparisons/matrix", json={"definition_ids": chosen}).json()

    assert [d["definition_id"] for d in body["definitions"]] == chosen
    sim, ovl = body["similarity"], body["overlap"]
    for i in range(3):
        assert sim[i][i] == 1.0
        assert ovl[i][i] == 1.0
        for j in range(3):
            assert sim[i][j] == sim[j][i]
            assert 0.0 <= sim[i][j] <= 1.0
    a, b = set(body["principles"][0]), set(body["principles"][1])
    assert ovl[0][1] == pytest.approx(len(a & b) / len(a | b), abs=1e-6)
    assert_problem(
        client.post("/v1/comparisons/matrix", json={"definition_ids": [ids["nes-2017"], 99999]}),
        404,
    )
    assert_problem(client.post("/v1/comparisons/matrix", json={"definition_ids": []}), 422)


def test_matrix_of_all_current_definitions(client: TestClient) -> None:
    body = client.post("/v1/comparisons/matrix", json={}).json()
    assert len(body["definitions"]) == 7
    assert len(body["similarity"]) == 7
    assert all(len(row) == 7 for row in body["overlap"])


def test_matrix_is_limited(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MATRIX_LIMIT definitions: 422, whether they were sent or meant by sending none."""
    too_many = list(range(1, MATRIX_LIMIT + 2))
    body = assert_problem(
        client.post("/v1/comparisons/matrix", json={"definition_ids": too_many}), 422
    )
    assert body["errors"][0]["field"] == "definition_ids"

    monkeypatch.setattr(comparison, "MATRIX_LIMIT", 6)  # the seed holds 7 current definitions
    body = assert_problem(client.post("/v1/comparisons/matrix", json={}), 422)
    assert body["type"].endswith("/matrix-too-large")
    assert "holds 7 current definitions" in body["detail"]
    chosen = client.post("/v1/comparisons/matrix", json={"definition_ids": [1, 2]})
    assert chosen.status_code == 200


def test_consensus_on_a_constructed_registry(client: TestClient, keys: Keys) -> None:
    submit(client, keys.dfe, SAFE_AND_HONEST)
    submit(client, keys.home_office, SAFE_AND_PARTNERSHIP)
    submit(client, keys.steward, SAFE_AND_EXPLAINED)  # the steward's key belongs to dhsc

    body = client.get("/v1/consensus", params={"kind": "department"}).json()
    by_slug = {p["slug"]: p for p in body["principles"]}

    assert body["organisations"] == ["dfe", "dhsc", "home-office"]
    assert "dluhc" in body["without_definition"]
    assert by_slug["safety"]["status"] == "agreed"
    assert by_slug["safety"]["share"] == 1.0
    assert by_slug["trustworthiness"]["organisations"] == ["dfe", "dhsc"]
    assert by_slug["trustworthiness"]["status"] == "contested"
    assert by_slug["trustworthiness"]["share"] == pytest.approx(2 / 3, abs=1e-6)
    assert by_slug["collaboration"]["status"] == "unique"
    assert by_slug["collaboration"]["organisations"] == ["home-office"]
    assert by_slug["relationships"]["status"] == "absent"
    assert by_slug["relationships"]["share"] == 0.0
    assert body["core_principles"] == CORE_PRINCIPLES
    assert body["core_lacks_agreed"] == []
    assert body["core_lacks_majority"] == []
    assert body["core_adds"] == [
        "empowerment",
        "cultural-responsiveness",
        "realise",
        "recognise",
        "resist-retraumatisation",
    ]
    assert by_slug["safety"]["in_core"] is True


def test_consensus_lacks_what_all_carry_but_the_core_misses(client: TestClient, keys: Keys) -> None:
    relationships = "Help comes through a consistent, trusted worker who knows the child well."
    analysed = client.post("/v1/analyses", json={"text": relationships}).json()
    assert [p["slug"] for p in analysed["principles"]] == ["relationships"]
    submit(client, keys.dfe, relationships)
    submit(client, keys.home_office, relationships)

    body = client.get("/v1/consensus").json()
    assert body["core_lacks_agreed"] == ["relationships"]
    assert body["core_lacks_majority"] == ["relationships"]


def test_consensus_with_no_definitions(client: TestClient) -> None:
    body = client.get("/v1/consensus", params={"kind": "csc_team"}).json()
    assert body["organisations"] == []
    assert all(p["status"] == "absent" and p["share"] == 0 for p in body["principles"])
    assert_problem(client.get("/v1/consensus", params={"kind": "charity"}), 422)


def test_trend_follows_revisions(client: TestClient, keys: Keys) -> None:
    created = submit(client, keys.dfe, SAFE_AND_HONEST)
    client.patch(
        created.headers["location"],
        json={"text": SAFE_AND_HONEST + " Plans are made in partnership with parents."},
        headers={**keys.dfe, "If-Match": created.headers["etag"]},
    )

    body = client.get("/v1/consensus/trend", params={"organisation": "dfe"}).json()
    points = body["organisations"][0]["definitions"][0]["points"]

    assert body["organisations"][0]["organisation"] == "dfe"
    assert [p["revision"] for p in points] == [1, 2]
    assert [p["coverage"] for p in points] == [pytest.approx(2 / 8), pytest.approx(3 / 8)]
    assert points[1]["shared"] == ["safety", "trustworthiness", "collaboration"]


def test_stewards_propose_and_the_newest_is_current(client: TestClient, keys: Keys) -> None:
    body = {"title": "Core v2", "text": "Everyone feels safe; staff wellbeing matters."}
    assert_problem(client.post("/v1/core-definition/proposals", json=body), 401)
    assert_problem(client.post("/v1/core-definition/proposals", json=body, headers=keys.dfe), 403)
    created = client.post("/v1/core-definition/proposals", json=body, headers=keys.steward)

    assert created.status_code == 201
    assert created.json()["kind"] == "core_proposal"
    current = client.get("/v1/core-definition").json()["proposal"]
    assert current["id"] == created.json()["id"]
    proposals = client.get("/v1/core-definition/proposals").json()["items"]
    assert [p["title"] for p in proposals][:2] == ["Core v2", proposals[1]["title"]]
    assert proposals[1]["slug"] == "core-proposal-ohid-2022"
    # Proposals keep their revisions: stewards revise them like any definition.
    revised = client.patch(
        created.headers["location"],
        json={"text": "Everyone feels safe and trusted."},
        headers={**keys.steward, "If-Match": created.headers["etag"]},
    )
    assert revised.json()["revision"] == 2
    assert_problem(
        client.patch(
            created.headers["location"],
            json={"title": "x"},
            headers={**keys.dfe, "If-Match": revised.headers["etag"]},
        ),
        403,
    )


def test_endorsement_rules(client: TestClient, keys: Keys) -> None:
    core_id = client.get("/v1/core-definition").json()["proposal"]["id"]
    base = f"/v1/core-definition/proposals/{core_id}/endorsements"

    first = client.put(
        f"{base}/dfe", json={"position": "object", "comment": "Too narrow."}, headers=keys.dfe
    )
    assert first.status_code == 201
    assert first.json()["revision"] == 1
    assert_problem(client.put(f"{base}/dfe", json={"position": "endorse"}, headers=keys.dfe), 428)
    second = client.put(
        f"{base}/dfe",
        json={"position": "endorse", "comment": "Agreed after revision."},
        headers={**keys.dfe, "If-Match": first.headers["etag"]},
    )
    assert second.status_code == 200
    assert second.json()["revision"] == 2
    stale = client.put(
        f"{base}/dfe",
        json={"position": "abstain"},
        headers={**keys.dfe, "If-Match": first.headers["etag"]},
    )
    assert_problem(stale, 412)

    history = client.get(f"{base}/dfe/history").json()["items"]
    assert [(h["number"], h["position"]) for h in history] == [(1, "object"), (2, "endorse")]
    assert history[0]["comment"] == "Too narrow."
    assert all(h["proposal_revision"] == 1 for h in history)
    core = client.get("/v1/core-definition").json()
    stances = {d["organisation"]: d["position"] for d in core["departments"]}
    assert stances["dfe"] == "endorse"
    assert stances["home-office"] is None
    assert [e["organisation"] for e in core["endorsements"]] == ["dfe"]

    # Only for one's own organisation, only departments, only on proposals.
    assert_problem(
        client.put(f"{base}/home-office", json={"position": "endorse"}, headers=keys.dfe), 403
    )
    assert_problem(
        client.put(f"{base}/eif", json={"position": "endorse"}, headers=keys.steward), 422
    )
    assert_problem(client.put(f"{base}/dfe", json={"position": "maybe"}, headers=keys.dfe), 422)
    samhsa = ids_by_slug(client)["samhsa-2014"]
    assert_problem(
        client.put(
            f"/v1/core-definition/proposals/{samhsa}/endorsements/dfe",
            json={"position": "endorse"},
            headers=keys.dfe,
        ),
        404,
    )
    steward = client.put(f"{base}/dluhc", json={"position": "abstain"}, headers=keys.steward)
    assert steward.status_code == 201
    assert_problem(client.get(f"{base}/home-office"), 404)
    assert client.get(f"{base}/dfe").json()["position"] == "endorse"


def test_no_positions_on_a_withdrawn_proposal(client: TestClient, keys: Keys) -> None:
    created = client.post(
        "/v1/core-definition/proposals",
        json={"title": "Short-lived", "text": "Everyone feels safe."},
        headers=keys.steward,
    )
    url = created.headers["location"]
    client.delete(url, headers={**keys.steward, "If-Match": created.headers["etag"]})
    proposal_id = created.json()["id"]

    response = client.put(
        f"/v1/core-definition/proposals/{proposal_id}/endorsements/dfe",
        json={"position": "endorse"},
        headers=keys.dfe,
    )

    assert_problem(response, 409)
    # The withdrawn proposal is no longer current: the seed proposal is again.
    assert client.get("/v1/core-definition").json()["proposal"]["slug"] == "core-proposal-ohid-2022"


def test_gap_phrasings_never_quote_a_definition_that_denies_the_principle(
    client: TestClient, keys: Keys
) -> None:
    denying = submit(
        client,
        keys.dfe,
        "Culture, identity and racism are outside the scope of this definition. Children feel "
        "safe and plans are made in partnership with parents.",
    ).json()
    carrying = submit(
        client,
        keys.home_office,
        "Practitioners attend to each family's culture, ethnicity and identity, and challenge "
        "racism.",
    ).json()
    assert [p["slug"] for p in denying["denied"]] == ["cultural-responsiveness"]
    body = client.post("/v1/comparisons", json={"text": SAFE_AND_PARTNERSHIP}).json()
    gaps = {g["principle"]: g["phrasings"] for g in body["gaps"]}
    quoted = {p["definition_id"]: p["quote"] for p in gaps["cultural-responsiveness"]}
    assert carrying["id"] in quoted
    assert denying["id"] not in quoted
    assert all("outside the scope" not in quote for quote in quoted.values())
