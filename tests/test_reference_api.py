"""Seeded reference data through HTTP: sources, organisations, principles, frameworks."""

from fastapi.testclient import TestClient

from tests.helpers import assert_problem, walk_pages
from tests.test_seed import EVIDENCE

EIF = "eif-2022-trauma-informed-care"
EIF_TITLE = (
    "Trauma-informed care: Understanding the use of trauma-informed approaches within "
    "children's social care"
)


def test_eif_report_citation_is_exact(client: TestClient) -> None:
    body = client.get(f"/v1/sources/{EIF}").json()

    assert body["title"] == EIF_TITLE
    assert body["published_on"] == "2022-01-20"
    assert body["authors"] == [
        "Dr Kirsten Asmussen",
        "Thomas Masterman",
        "Tom McBride",
        "Donna Molloy",
    ]
    assert body["publisher"] == "eif"
    assert body["partner"] == "wwcsc"
    assert body["url"].startswith("https://www.eif.org.uk/report/trauma-informed-care")
    assert body["verified"] is True


def test_eif_report_findings_are_verbatim(client: TestClient) -> None:
    findings = client.get(f"/v1/sources/{EIF}").json()["findings"]

    assert [f["number"] for f in findings] == [1, 2, 3, 4]
    assert findings[1]["text"] == (
        "No single model of trauma-informed care currently exists within children's social "
        "care teams in England."
    )
    assert findings[3]["text"] == (
        "Trauma-informed activities rarely led to evidence-based interventions."
    )
    assert all(f["verified"] for f in findings)


def test_recommendations_name_the_four_departments(client: TestClient) -> None:
    recs = client.get(f"/v1/sources/{EIF}").json()["recommendations"]

    assert [r["number"] for r in recs] == [1, 2, 3]
    assert sorted(recs[0]["addressees"]) == ["dfe", "dhsc", "dluhc", "home-office"]
    assert "agree a core definition of trauma-informed care" in recs[0]["text"]
    # 2 and 3 are verbatim from the report's own summary page, and say so.
    page = (EVIDENCE / "eif-report-page.txt").read_text(encoding="utf-8")
    for rec in recs:
        assert rec["verified"] is True
        assert rec["text"].replace("'", "\u2019") in page or rec["text"] in page
    assert all("summary page" in r["wording_note"] for r in recs[1:])


def test_method_and_survey_figures(client: TestClient) -> None:
    figures = {f["slug"]: f for f in client.get(f"/v1/sources/{EIF}").json()["figures"]}

    method = {s: figures[s]["value"] for s, f in figures.items() if f["category"] == "method"}
    assert sorted(method.values()) == [10, 12, 58, 87, 149]
    screening = next(f for f in figures.values() if f["activity"] == "screening")
    assert (screening["value"], screening["unit"]) == (53, "percent")
    assert "BASW" in screening["reported_by"]
    fifth = [f for f in figures.values() if f["value_text"] and "fifth" in f["value_text"]]
    assert len(fifth) == 2
    assert all(f["value"] is None for f in fifth)


def test_sources_list_pages_through_everything(client: TestClient) -> None:
    everything = walk_pages(client, "/v1/sources", limit=200)
    paged = walk_pages(client, "/v1/sources", limit=3)

    assert [s["slug"] for s in paged] == [s["slug"] for s in everything]
    assert len(paged) == len({s["slug"] for s in paged}) > 10
    assert EIF in {s["slug"] for s in paged}


def test_unknown_source_is_a_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/sources/no-such-report"), 404)
    assert "no-such-report" in body["detail"]


def test_organisation_kinds_filter(client: TestClient) -> None:
    departments = walk_pages(client, "/v1/organisations", kind="department")

    slugs = {o["slug"] for o in departments}
    assert {"dfe", "home-office", "dhsc", "dluhc"} <= slugs
    assert all(o["kind"] == "department" for o in departments)
    assert_problem(client.get("/v1/organisations", params={"kind": "charity"}), 422)


def test_dluhc_keeps_its_slug_and_records_names(client: TestClient) -> None:
    body = client.get("/v1/organisations/dluhc").json()

    assert body["name"] == "Department for Levelling Up, Housing and Communities"
    names = [n["name"] for n in body["names"]]
    assert "Department for Levelling Up, Housing and Communities" in names
    # The later rename was not read in a source, so it is present only as unverified.
    assert all(n["verified"] is False for n in body["names"] if n["name"] != body["name"])


def test_ohid_is_part_of_dhsc(client: TestClient) -> None:
    assert client.get("/v1/organisations/ohid").json()["parent"] == "dhsc"


def test_the_twelve_principles_in_order(client: TestClient) -> None:
    body = client.get("/v1/principles").json()

    assert [p["slug"] for p in body["items"]] == [
        "safety",
        "trustworthiness",
        "peer-support",
        "collaboration",
        "empowerment",
        "cultural-responsiveness",
        "realise",
        "recognise",
        "respond",
        "resist-retraumatisation",
        "relationships",
        "workforce-wellbeing",
    ]
    assert body["next_cursor"] is None
    safety = client.get("/v1/principles/safety").json()
    assert "safeguarding" in safety["not_merely"]
    assert_problem(client.get("/v1/principles/kindness"), 404)


def test_samhsa_six_principles_map_to_slugs(client: TestClient) -> None:
    body = client.get("/v1/frameworks/samhsa-2014-six-principles").json()

    labels = [i["label"] for i in body["items"]]
    assert len(labels) == 6
    assert labels[0] == "Safety"
    exact = {p["slug"] for i in body["items"] for p in i["principles"] if p["match"] == "exact"}
    assert {"safety", "trustworthiness", "peer-support", "collaboration"} <= exact
    assert body["source"] == "samhsa-2014"


def test_frameworks_list_names_every_seeded_set(client: TestClient) -> None:
    slugs = {f["slug"] for f in walk_pages(client, "/v1/frameworks")}

    assert {
        "samhsa-2014-six-principles",
        "samhsa-2014-four-rs",
        "ohid-2022-six-principles",
        "harris-fallot-2001-five-values",
        "elliott-2005-ten-principles",
        "nes-2017-five-rs",
        "ajph-2016-six-principles",
        "npc-2021-five-principles",
    } <= slugs


def test_etag_and_304_on_single_resources(client: TestClient) -> None:
    for path in (f"/v1/sources/{EIF}", "/v1/organisations/dfe", "/v1/frameworks/nes-2017-five-rs"):
        first = client.get(path)
        etag = first.headers["etag"]
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304, path
        assert again.headers["etag"] == etag
        assert client.get(path, headers={"If-None-Match": '"stale"'}).status_code == 200
