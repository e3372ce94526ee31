"""Seeded definitions through HTTP: list, filters, search, pagination, detail, revisions."""

from fastapi.testclient import TestClient

from tests.helpers import assert_problem, walk_pages

SAMHSA_TEXT = (
    "A program, organization, or system that is trauma-informed realizes the widespread impact "
    "of trauma and understands potential paths for recovery; recognizes the signs and symptoms "
    "of trauma in clients, families, staff, and others involved with the system; and responds "
    "by fully integrating knowledge about trauma into policies, procedures, and practices, and "
    "seeks to actively resist re-traumatization."
)


def by_slug(client: TestClient) -> dict[str, dict[str, object]]:
    return {str(d["slug"]): d for d in walk_pages(client, "/v1/definitions", limit=200)}


def test_published_definitions_are_seeded_verbatim(client: TestClient) -> None:
    defs = by_slug(client)

    assert defs["samhsa-2014"]["text"] == SAMHSA_TEXT
    assert defs["samhsa-2014"]["organisation"] == "samhsa"
    assert defs["samhsa-2014"]["verified"] is True
    assert defs["trauma-informed-wales-2022-draft"]["status"] == "draft"
    assert {"ohid-2022", "nes-2017", "levenson-2017", "buffalo-itti-2015"} <= set(defs)


def test_core_proposal_is_labelled_as_a_seed_proposal(client: TestClient) -> None:
    core = by_slug(client)["core-proposal-ohid-2022"]

    assert core["kind"] == "core_proposal"
    assert core["organisation"] == "ohid"
    assert core["verified"] is False
    assert "seed" in str(core["note"]).lower()


def test_pagination_visits_every_definition_once(client: TestClient) -> None:
    everything = walk_pages(client, "/v1/definitions", limit=200)
    paged = walk_pages(client, "/v1/definitions", limit=2)

    assert [d["id"] for d in paged] == [d["id"] for d in everything]
    assert len(paged) == len({d["id"] for d in paged}) == 7


def test_filters(client: TestClient) -> None:
    samhsa = walk_pages(client, "/v1/definitions", organisation="samhsa")
    drafts = walk_pages(client, "/v1/definitions", status="draft")
    in_2014 = walk_pages(client, "/v1/definitions", year=2014)
    cores = walk_pages(client, "/v1/definitions", kind="core_proposal")

    assert [d["slug"] for d in samhsa] == ["samhsa-2014"]
    assert [d["slug"] for d in drafts] == ["trauma-informed-wales-2022-draft"]
    assert [d["slug"] for d in in_2014] == ["samhsa-2014"]
    assert [d["slug"] for d in cores] == ["core-proposal-ohid-2022"]


def test_principle_filter_uses_the_stored_analysis(client: TestClient) -> None:
    everything = walk_pages(client, "/v1/definitions")
    with_both = walk_pages(
        client, "/v1/definitions", principle=["resist-retraumatisation", "recognise"]
    )

    expected = [
        d["slug"]
        for d in everything
        if {"resist-retraumatisation", "recognise"} <= set(d["principles"])
    ]
    assert [d["slug"] for d in with_both] == expected
    assert "samhsa-2014" in expected


def test_search_is_ranked_and_stemmed(client: TestClient) -> None:
    hits = walk_pages(client, "/v1/definitions", q="re-traumatize")
    recovery = walk_pages(client, "/v1/definitions", q="recovery")

    assert hits, "stemming should match re-traumatization"
    assert all("traumati" in str(d["text"]).lower() for d in hits)
    assert {d["slug"] for d in recovery} >= {"samhsa-2014"}
    assert walk_pages(client, "/v1/definitions", q="zebra") == []
    assert walk_pages(client, "/v1/definitions", q="!!!") == []


def test_detail_carries_principles_with_exact_evidence(client: TestClient) -> None:
    listed = by_slug(client)["samhsa-2014"]
    response = client.get(f"/v1/definitions/{listed['id']}")
    body = response.json()

    assert response.status_code == 200
    assert body["revision"] == 1
    assert body["title"]
    assert body["status"] == "published"
    slugs = [p["slug"] for p in body["principles"]]
    assert {"realise", "recognise", "respond", "resist-retraumatisation"} <= set(slugs)
    for principle in body["principles"]:
        for span in principle["evidence"]:
            assert body["text"][span["start"] : span["end"]] == span["quote"]
    assert response.headers["etag"]
    again = client.get(
        f"/v1/definitions/{listed['id']}", headers={"If-None-Match": response.headers["etag"]}
    )
    assert again.status_code == 304


def test_revisions_of_a_seeded_definition(client: TestClient) -> None:
    definition_id = by_slug(client)["nes-2017"]["id"]

    revisions = client.get(f"/v1/definitions/{definition_id}/revisions").json()["items"]
    first = client.get(f"/v1/definitions/{definition_id}/revisions/1")

    assert [r["number"] for r in revisions] == [1]
    assert first.status_code == 200
    assert first.json()["text"] == revisions[0]["text"]
    assert_problem(client.get(f"/v1/definitions/{definition_id}/revisions/2"), 404)


def test_missing_definition_and_bad_ids(client: TestClient) -> None:
    assert_problem(client.get("/v1/definitions/999999"), 404)
    body = assert_problem(client.get("/v1/definitions/not-a-number"), 422)
    assert body["errors"][0]["field"] == "definition_id"
    assert body["errors"][0]["location"] == "path"


def test_bad_list_parameters(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/definitions", params={"limit": 0}), 422)
    assert [e["field"] for e in body["errors"]] == ["limit"]
    assert_problem(client.get("/v1/definitions", params={"limit": 201}), 422)
    assert_problem(client.get("/v1/definitions", params={"status": "lost"}), 422)
    assert_problem(client.get("/v1/definitions", params={"cursor": "garbage!"}), 400)


def test_core_definition(client: TestClient) -> None:
    body = client.get("/v1/core-definition").json()

    assert body["proposal"]["slug"] == "core-proposal-ohid-2022"
    assert body["endorsements"] == []
    assert {d["organisation"] for d in body["departments"]} >= {
        "dfe",
        "home-office",
        "dhsc",
        "dluhc",
    }
    assert all(d["position"] is None for d in body["departments"])


def test_core_definition_missing_on_an_empty_registry(empty_client: TestClient) -> None:
    assert_problem(empty_client.get("/v1/core-definition"), 404)


def test_levenson_carries_the_five_principles_it_names(client: TestClient) -> None:
    """Its verified quote names safety, trust, collaboration, choice and empowerment."""
    principles = by_slug(client)["levenson-2017"]["principles"]
    assert isinstance(principles, list)
    assert {"safety", "trustworthiness", "collaboration", "empowerment"} <= set(principles)
