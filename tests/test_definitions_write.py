"""Submitting, revising and withdrawing definitions: history, If-Match, idempotency, bad input."""

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Keys
from tests.helpers import assert_problem, walk_pages

DFE_TEXT = (
    "Trauma-informed practice in children's services means every child and family feels safe, "
    "practitioners are open and honest about decisions, and plans are made in partnership with "
    "parents."
)


def submit(client: TestClient, headers: dict[str, str], **body: Any) -> Any:
    payload = {"title": "DfE working definition", "text": DFE_TEXT, **body}
    response = client.post("/v1/definitions", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response


def test_submission_belongs_to_the_keys_organisation(client: TestClient, keys: Keys) -> None:
    response = submit(client, keys.dfe, adoption_status="working")
    body = response.json()

    assert body["organisation"] == "dfe"
    assert body["kind"] == "submitted"
    assert body["revision"] == 1
    assert body["adoption_status"] == "working"
    assert body["verified"] is False
    assert response.headers["location"] == f"/v1/definitions/{body['id']}"
    assert response.headers["etag"]
    assert {"safety", "trustworthiness", "collaboration"} <= {p["slug"] for p in body["principles"]}
    fetched = client.get(response.headers["location"])
    assert fetched.json()["text"] == DFE_TEXT
    assert fetched.headers["etag"] == response.headers["etag"]


def test_history_keeps_every_revision_after_edits_and_withdrawal(
    client: TestClient, keys: Keys
) -> None:
    created = submit(client, keys.dfe)
    url = created.headers["location"]
    etag = created.headers["etag"]
    texts = [DFE_TEXT]
    for n in range(2, 5):
        text = f"{DFE_TEXT} Revision {n} adds that relationships are the means of help."
        response = client.patch(
            url,
            json={"text": text, "change_note": f"edit {n}"},
            headers={**keys.dfe, "If-Match": etag},
        )
        assert response.status_code == 200, response.text
        assert response.json()["revision"] == n
        etag = response.headers["etag"]
        texts.append(text)
    status_change = client.patch(
        url, json={"status": "draft"}, headers={**keys.dfe, "If-Match": etag}
    )
    etag = status_change.headers["etag"]
    withdrawn = client.delete(url, headers={**keys.dfe, "If-Match": etag})

    assert withdrawn.status_code == 204
    assert client.get(url).json()["status"] == "withdrawn"
    revisions = walk_pages(client, f"{url}/revisions", limit=2)
    assert [r["number"] for r in revisions] == [1, 2, 3, 4, 5, 6]
    assert [r["text"] for r in revisions[:4]] == texts
    assert [r["status"] for r in revisions] == ["published"] * 4 + ["draft", "withdrawn"]
    assert [r["change_note"] for r in revisions[1:4]] == ["edit 2", "edit 3", "edit 4"]
    assert all(r["author_organisation"] == "dfe" for r in revisions)
    assert all(r["author_key_id"] for r in revisions)
    # Fields not sent in a PATCH are carried over, not blanked.
    assert {r["title"] for r in revisions} == {"DfE working definition"}
    one = client.get(f"{url}/revisions/3").json()
    assert one["text"] == texts[2]
    assert "relationships" in [p["slug"] for p in one["principles"]]


def test_if_match_is_required_and_must_be_current(client: TestClient, keys: Keys) -> None:
    created = submit(client, keys.dfe)
    url = created.headers["location"]
    etag = created.headers["etag"]

    assert_problem(client.patch(url, json={"title": "New"}, headers=keys.dfe), 428)
    assert_problem(client.delete(url, headers=keys.dfe), 428)
    first = client.patch(url, json={"title": "First"}, headers={**keys.dfe, "If-Match": etag})
    assert first.status_code == 200
    stale = client.patch(url, json={"title": "Second"}, headers={**keys.dfe, "If-Match": etag})
    body = assert_problem(stale, 412)
    assert stale.headers["etag"] == first.headers["etag"]
    assert "changed since you read it" in body["detail"]
    assert client.get(url).json()["title"] == "First"
    assert_problem(client.delete(url, headers={**keys.dfe, "If-Match": etag}), 412)


def test_withdrawing_twice_is_a_conflict(client: TestClient, keys: Keys) -> None:
    created = submit(client, keys.dfe)
    url = created.headers["location"]
    gone = client.delete(url, headers={**keys.dfe, "If-Match": created.headers["etag"]})

    assert_problem(client.delete(url, headers={**keys.dfe, "If-Match": gone.headers["etag"]}), 409)


def test_supersession_links_the_successor(client: TestClient, keys: Keys) -> None:
    old = submit(client, keys.dfe)
    new = submit(client, keys.dfe, title="DfE definition, second edition")
    url = old.headers["location"]
    headers = {**keys.dfe, "If-Match": old.headers["etag"]}

    missing = client.patch(url, json={"status": "superseded"}, headers=headers)
    assert assert_problem(missing, 422)["errors"][0]["field"] == "superseded_by"
    itself = client.patch(
        url, json={"status": "superseded", "superseded_by": old.json()["id"]}, headers=headers
    )
    assert_problem(itself, 422)
    done = client.patch(
        url, json={"status": "superseded", "superseded_by": new.json()["id"]}, headers=headers
    )
    assert done.status_code == 200
    assert done.json()["superseded_by"] == new.json()["id"]
    assert done.json()["status"] == "superseded"


def test_word_diff_between_revisions(client: TestClient, keys: Keys) -> None:
    created = submit(client, keys.dfe)
    url = created.headers["location"]
    changed = DFE_TEXT.replace("feels safe", "feels safe and listened to")
    client.patch(
        url,
        json={"text": changed, "status": "draft"},
        headers={**keys.dfe, "If-Match": created.headers["etag"]},
    )

    diff = client.get(f"{url}/diff", params={"from": 1, "to": 2}).json()
    same = client.get(f"{url}/diff", params={"from": 1, "to": 1}).json()

    assert diff["text_changed"] is True
    assert diff["changed_fields"] == ["status", "provenance"]
    assert "".join(o["from_text"] for o in diff["ops"]) == DFE_TEXT
    assert "".join(o["to_text"] for o in diff["ops"]) == changed
    inserted = [o["to_text"] for o in diff["ops"] if o["op"] == "insert"]
    assert "".join(inserted).split() == ["and", "listened", "to"]
    assert diff["words_added"] == 3
    assert diff["words_removed"] == 0
    assert same["text_changed"] is False
    assert [o["op"] for o in same["ops"]] == ["equal"]
    assert_problem(client.get(f"{url}/diff", params={"from": 1, "to": 9}), 404)


def test_idempotent_retry_is_stored_once(client: TestClient, keys: Keys) -> None:
    headers = {**keys.dfe, "Idempotency-Key": "0d3f6c1e-retry"}
    payload = {"title": "Retried", "text": DFE_TEXT}
    first = client.post("/v1/definitions", json=payload, headers=headers)
    second = client.post("/v1/definitions", json=payload, headers=headers)

    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["location"] == first.headers["location"]
    assert second.headers["idempotent-replayed"] == "true"
    titled = [d for d in walk_pages(client, "/v1/definitions") if d["title"] == "Retried"]
    assert len(titled) == 1
    other = client.post("/v1/definitions", json={**payload, "title": "Different"}, headers=headers)
    assert_problem(other, 422)


def test_the_same_idempotency_key_is_per_api_key(client: TestClient, keys: Keys) -> None:
    payload = {"title": "Shared key", "text": DFE_TEXT}
    a = client.post("/v1/definitions", json=payload, headers={**keys.dfe, "Idempotency-Key": "k1"})
    b = client.post(
        "/v1/definitions", json=payload, headers={**keys.home_office, "Idempotency-Key": "k1"}
    )

    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]
    assert b.json()["organisation"] == "home-office"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "T", "text": "   \n\t "}, "text"),
        ({"title": "T", "text": ""}, "text"),
        ({"title": "", "text": "Fine text."}, "title"),
        ({"title": "T", "text": "Bad \x00 byte"}, "text"),
        ({"title": "T\x07", "text": "Fine text."}, "title"),
        ({"title": "Line\nbreak", "text": "Fine text."}, "title"),
        ({"title": "x" * 301, "text": "Fine text."}, "title"),
        ({"title": "T", "text": "Fine text.", "colour": "blue"}, "colour"),
        ({"title": 12, "text": "Fine text."}, "title"),
        ({"title": "T", "text": ["not", "a", "string"]}, "text"),
        ({"title": "T", "text": "Fine text.", "status": "withdrawn"}, "status"),
        ({"title": "T", "text": "Fine text.", "year": "soon"}, "year"),
        ({"title": "T", "text": "Fine text.", "url": "javascript:alert(1)"}, "url"),
        ({"text": "Fine text."}, "title"),
    ],
)
def test_bad_bodies_name_the_field_and_write_nothing(
    client: TestClient, keys: Keys, body: dict[str, Any], field: str
) -> None:
    before = len(walk_pages(client, "/v1/definitions", limit=200))
    response = client.post("/v1/definitions", json=body, headers=keys.dfe)

    problem = assert_problem(response, 422)
    assert field in [e["field"] for e in problem["errors"]]
    assert len(walk_pages(client, "/v1/definitions", limit=200)) == before


def test_invalid_json_and_oversized_bodies(client: TestClient, keys: Keys) -> None:
    broken = client.post(
        "/v1/definitions",
        content=b'{"title": "T", "text": ',
        headers={**keys.dfe, "Content-Type": "application/json"},
    )
    huge = client.post(
        "/v1/definitions", json={"title": "T", "text": "word " * 20_000}, headers=keys.dfe
    )

    assert assert_problem(broken, 422)["errors"][0]["field"] == "body"
    assert_problem(huge, 413)


def test_oversized_chunked_body_is_refused(client: TestClient, keys: Keys) -> None:
    def chunks() -> Any:
        for _ in range(100):
            yield b"x" * 1024

    response = client.post(
        "/v1/definitions",
        content=chunks(),
        headers={**keys.dfe, "Content-Type": "application/json"},
    )
    assert_problem(response, 413)


def test_patch_needs_a_change_and_rejects_nulls(client: TestClient, keys: Keys) -> None:
    created = submit(client, keys.dfe)
    headers = {**keys.dfe, "If-Match": created.headers["etag"]}
    url = created.headers["location"]

    def field(body: dict[str, Any]) -> str:
        errors = assert_problem(client.patch(url, json=body, headers=headers), 422)["errors"]
        return str(errors[0]["field"])

    assert field({}) == "body"
    assert field({"change_note": "only a note"}) == "body"
    assert field({"text": None}) == "text"
    assert field({"title": None}) == "title"
    assert field({"language": None}) == "language"
    assert field({"text": " "}) == "text"
    assert client.get(url).json()["revision"] == 1


def test_steward_may_submit_for_another_organisation(client: TestClient, keys: Keys) -> None:
    body = submit(client, keys.steward, organisation="dluhc").json()
    assert body["organisation"] == "dluhc"
    denied = client.post(
        "/v1/definitions",
        json={"title": "T", "text": DFE_TEXT, "organisation": "dluhc"},
        headers=keys.dfe,
    )
    assert_problem(denied, 403)
    unknown = client.post(
        "/v1/definitions",
        json={"title": "T", "text": DFE_TEXT, "organisation": "nobody"},
        headers=keys.steward,
    )
    assert assert_problem(unknown, 422)["errors"][0]["field"] == "organisation"


def test_csv_export(client: TestClient) -> None:
    response = client.get("/v1/definitions", headers={"Accept": "text/csv"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    by_slug = {r["slug"]: r for r in rows}
    assert len(rows) == 7
    assert by_slug["samhsa-2014"]["organisation"] == "samhsa"
    assert by_slug["samhsa-2014"]["text"].startswith("A program, organization, or system")
    assert "resist-retraumatisation" in by_slug["samhsa-2014"]["principles"].split()


def test_csv_export_neutralises_formulas(client: TestClient, keys: Keys) -> None:
    submit(client, keys.dfe, title="=HYPERLINK(1)")
    response = client.get(
        "/v1/definitions", params={"organisation": "dfe"}, headers={"Accept": "text/csv"}
    )
    row = next(csv.DictReader(io.StringIO(response.text)))
    assert row["title"] == "'=HYPERLINK(1)"


def test_skos_jsonld_export(client: TestClient) -> None:
    response = client.get(
        "/v1/definitions", params={"status": "published"}, headers={"Accept": "application/ld+json"}
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    doc = response.json()
    assert doc["@context"]["skos"] == "http://www.w3.org/2004/02/skos/core#"
    concepts = [
        n
        for n in doc["@graph"]
        if n["@type"] == "skos:Concept" and n["skos:inScheme"]["@id"].endswith("/v1/definitions")
    ]
    assert len(concepts) == 6  # the Welsh draft is excluded by the status filter
    samhsa = next(c for c in concepts if "realizes" in c["skos:definition"]["@value"])
    assert samhsa["dct:publisher"]["@id"].endswith("/v1/organisations/samhsa")
    assert any(
        "@id" in s and s["@id"].endswith("/sources/samhsa-2014") for s in samhsa["dct:source"]
    )
    assert client.get("/v1/definitions").headers["content-type"] == "application/json"


def test_search_ranks_the_best_match_first(client: TestClient, keys: Keys) -> None:
    submit(client, keys.dfe, title="Peer support", text="Peer mentors with lived experience.")
    submit(
        client,
        keys.home_office,
        title="Peer mentors",
        text="Peer mentors, peer groups and peer support run by people with lived experience "
        "of peer mentoring.",
    )

    hits = walk_pages(client, "/v1/definitions", q="peer mentors")
    paged = walk_pages(client, "/v1/definitions", q="peer mentors", limit=1)

    assert [h["organisation"] for h in hits] == ["home-office", "dfe"]
    assert [h["id"] for h in paged] == [h["id"] for h in hits]
    assert (
        walk_pages(client, "/v1/definitions", q="peer mentors", organisation="dfe")[0][
            "organisation"
        ]
        == "dfe"
    )


def test_search_follows_revisions(client: TestClient, keys: Keys) -> None:
    created = submit(client, keys.dfe, text="Kangaroo care for families.")
    client.patch(
        created.headers["location"],
        json={"text": "Wallaby care for families."},
        headers={**keys.dfe, "If-Match": created.headers["etag"]},
    )

    assert walk_pages(client, "/v1/definitions", q="kangaroo") == []
    assert len(walk_pages(client, "/v1/definitions", q="wallaby")) == 1


def test_organisation_registration_by_stewards(client: TestClient, keys: Keys) -> None:
    body = {"slug": "test-borough-csc", "name": "Test Borough CSC", "kind": "csc_team"}
    assert_problem(client.post("/v1/organisations", json=body, headers=keys.dfe), 403)
    created = client.post("/v1/organisations", json=body, headers=keys.steward)

    assert created.status_code == 201
    assert created.headers["location"] == "/v1/organisations/test-borough-csc"
    assert created.json()["verified"] is False
    assert "dhsc" in created.json()["provenance"]
    assert_problem(client.post("/v1/organisations", json=body, headers=keys.steward), 409)
    bad = client.post(
        "/v1/organisations", json={**body, "slug": "Not A Slug"}, headers=keys.steward
    )
    assert assert_problem(bad, 422)["errors"][0]["field"] == "slug"


def test_revised_wording_is_never_presented_as_a_verified_quotation(
    client: TestClient, keys: Keys
) -> None:
    ohid = next(d for d in walk_pages(client, "/v1/definitions") if d["slug"] == "ohid-2022")
    url = f"/v1/definitions/{ohid['id']}"
    assert ohid["verified"] is True
    etag = client.get(url).headers["etag"]

    status_only = client.patch(
        url, json={"adoption_status": "consulted"}, headers={**keys.steward, "If-Match": etag}
    )
    reworded = client.patch(
        url,
        json={"text": "A rewritten definition."},
        headers={**keys.steward, "If-Match": status_only.headers["etag"]},
    )

    # A change that leaves the wording alone keeps the verified quotation.
    assert status_only.json()["verified"] is True
    assert reworded.json()["verified"] is False
    assert "revised through the API" in reworded.json()["provenance"]
    assert reworded.json()["citation"] == ohid["citation"]
    first = client.get(f"{url}/revisions/1").json()
    assert first["verified"] is True
    assert first["text"] == ohid["text"]


def test_weak_etags_do_not_satisfy_if_match(client: TestClient, keys: Keys) -> None:
    created = submit(client, keys.dfe)
    weak = "W/" + created.headers["etag"]
    response = client.patch(
        created.headers["location"], json={"title": "X"}, headers={**keys.dfe, "If-Match": weak}
    )
    assert_problem(response, 412)
    assert (
        client.get(created.headers["location"], headers={"If-None-Match": weak}).status_code == 304
    )


def test_search_weights_titles_and_ignores_stop_words_on_every_engine(
    client: TestClient, keys: Keys
) -> None:
    submit(
        client, keys.dfe, title="Kinship care", text="Support for grandparents raising children."
    )
    submit(
        client,
        keys.home_office,
        title="Family support",
        text="Kinship arrangements are supported; kinship carers get advice.",
    )

    hits = walk_pages(client, "/v1/definitions", q="kinship")
    with_stop_words = walk_pages(client, "/v1/definitions", q="the kinship of")

    # The title match ranks first even though the other text says "kinship" twice.
    assert [h["organisation"] for h in hits] == ["dfe", "home-office"]
    assert [h["id"] for h in with_stop_words] == [h["id"] for h in hits]
    assert walk_pages(client, "/v1/definitions", q="the of and") == []
