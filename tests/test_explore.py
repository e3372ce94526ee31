"""The pages under /explore, over HTTP: status, the seeded content each shows, forms and errors.

Expected content comes from the seed and from the API's own answers for the same thing (the
pages and the API call the same services), never from the page code. The browser, the
accessibility check and the screenshots are in ``test_explore_browser.py``.
"""

import html
import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.comparison.vocabulary import PRINCIPLES
from api.routers.explore import charts
from api.routers.explore.marks import Piece, pieces
from api.routers.explore.render import PRINCIPLE_COLOURS, STATIC_DIR
from tests.conftest import Keys
from tests.helpers import python_output
from tests.test_insights import DECLARATIONS
from tests.test_teams import declare, register_team, team_key

PAGES = [
    "/",
    "/explore",
    "/explore/definitions",
    "/explore/definitions/1",
    "/explore/compare",
    "/explore/matrix",
    "/explore/teams",
    "/explore/recommendations",
]
NEAR_BLACK = "#0b0c0c"


def get_html(client: TestClient, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def text_of(markup: str) -> str:
    """The words a reader sees: tags dropped, entities decoded, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def definition_id(client: TestClient, organisation: str) -> int:
    items = client.get("/v1/definitions", params={"organisation": organisation}).json()["items"]
    assert len(items) == 1
    found: int = items[0]["id"]
    return found


def core_id(client: TestClient) -> int:
    found: int = client.get("/v1/core-definition").json()["proposal"]["id"]
    return found


# -- every page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_whole_accessible_html_with_no_outside_assets(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    page = response.text

    assert response.status_code == 200
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in page
    assert re.search(r"<title>[^<]+ \u2013 Trauma-informed care definitions registry</title>", page)
    assert '<a href="#main-content" class="tic-skip-link">Skip to main content</a>' in page
    assert '<main class="tic-main" id="main-content" tabindex="-1">' in page
    assert page.count("<h1") == 1
    assert "<script" not in page  # works without JavaScript: there is none
    # Every asset comes from this service: no absolute URL in a src or a stylesheet link.
    assert not re.search(r'\ssrc="(?!/)', page)
    for link in re.findall(r"<link [^>]*>", page):
        assert 'href="/' in link, link
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy or "default-src 'none'" in policy
    assert "http" not in policy  # nothing may load from another host


def test_headings_go_down_one_level_at_a_time(client: TestClient) -> None:
    for path in PAGES:
        levels = [int(n) for n in re.findall(r"<h([1-6])", get_html(client, path))]
        assert levels[0] == 1, path
        for before, after in pairwise(levels):
            assert after <= before + 1, (path, levels)


class _Controls(HTMLParser):
    """Form controls and the labels that name them."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("input", "select", "textarea") and values.get("type") != "hidden":
            self.controls.append(values)
        if tag == "label" and values.get("for"):
            self.labelled.add(values["for"] or "")


def test_every_form_control_has_a_label(client: TestClient) -> None:
    for path in PAGES:
        parser = _Controls()
        parser.feed(get_html(client, path))
        for control in parser.controls:
            assert control.get("id") in parser.labelled, (path, control)


@pytest.mark.parametrize("path", PAGES[1:])
def test_pages_of_an_empty_registry(empty_client: TestClient, path: str) -> None:
    """No report, no core, no definitions: every page still renders and says so."""
    if path == "/explore/definitions/1":
        get_html(empty_client, path, 404)
        return
    page = get_html(empty_client, path)
    assert page.count("<h1") == 1
    expected = {
        "/explore": "No core definition has been proposed yet.",
        "/explore/definitions": "No definition matches.",
        "/explore/teams": "No team is registered yet.",
        "/explore/recommendations": "No core definition has been proposed yet",
    }
    if path in expected:
        assert expected[path] in text_of(page)


def test_static_assets_are_served_by_the_service(client: TestClient) -> None:
    css = client.get("/static/explore.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert ":focus" in css.text
    assert client.get("/static/favicon.svg").status_code == 200


def test_the_api_and_its_docs_are_unchanged(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    assert client.get("/docs").status_code == 200
    assert client.get("/redoc").status_code == 200
    spec = client.get("/openapi.json").json()
    assert not [p for p in spec["paths"] if p == "/" or p.startswith("/explore")]


def test_service_root_links_to_the_pages_and_the_docs(client: TestClient) -> None:
    page = get_html(client, "/")
    for href in ("/explore", "/docs", "/redoc", "/openapi.json"):
        assert f'href="{href}"' in page


# -- overview -----------------------------------------------------------------------------------


def test_overview_shows_the_report_the_core_and_each_department(client: TestClient) -> None:
    source = client.get("/v1/sources/eif-2022-trauma-informed-care").json()
    core = client.get("/v1/core-definition").json()

    page = get_html(client, "/explore")
    words = text_of(page)

    assert source["title"] in html.unescape(page)
    for finding in source["findings"]:
        assert finding["text"] in words
    first = next(r for r in source["recommendations"] if r["number"] == 1)
    assert first["text"] in words
    assert html.escape(core["proposal"]["title"]) in page
    assert f"It carries {len(core['proposal']['principles'])} of the 12 principles" in words
    for stance in core["departments"]:
        assert stance["organisation_name"] in words
    assert words.count("No position yet") == len(core["departments"])
    assert f"0 of {len(core['departments'])} departments endorse this proposal" in words


def test_overview_heatmap_shows_where_the_seeded_definitions_agree(client: TestClient) -> None:
    consensus = client.get("/v1/consensus", params={"kind": "standards_body"}).json()

    page = get_html(client, "/explore")

    assert 'role="img" aria-labelledby="consensus-chart-title consensus-chart-desc"' in page
    assert '<title id="consensus-chart-title">' in page
    assert "How many organisations carry each principle</caption>" in page
    # Every organisation with a definition is a row: the seed's six, whatever their kind.
    assert page.count('class="tic-chart__label">') >= 6
    for name in ("NHS Education for Scotland", "Office for Health Improvement and Disparities"):
        assert html.escape(name) in page
    # Realise the impact of trauma: every standards body carries it (API), so the page names it
    # among the most agreed principles of the standards bodies.
    realise = next(p for p in consensus["principles"] if p["slug"] == "realise")
    assert realise["status"] == "agreed"
    by_kind = text_of(get_html(client, "/explore?kind=standards_body"))
    assert "Most agreed:" in by_kind
    assert "Realise the impact of trauma" in by_kind.split("Most agreed:")[1].split(".")[0]


def test_overview_for_a_kind_with_no_definitions(client: TestClient) -> None:
    words = text_of(get_html(client, "/explore?kind=department"))
    assert "No government department has a current definition in the registry yet" in words


def test_overview_refuses_an_unknown_kind(client: TestClient) -> None:
    page = get_html(client, "/explore?kind=planets", 400)
    assert "There is a problem" in page
    assert '<a href="#kind">Choose a kind of organisation from the list</a>' in page
    assert page.count("<title>Error: ") == 1


# -- definitions --------------------------------------------------------------------------------


def test_definitions_list_shows_every_seeded_definition(client: TestClient) -> None:
    api = client.get("/v1/definitions").json()["items"]

    page = html.unescape(get_html(client, "/explore/definitions"))

    assert len(api) == 7
    for item in api:
        assert f'href="/explore/definitions/{item["id"]}">{item["title"]}</a>' in page
    assert 'rel="next"' not in page


def test_definitions_search_and_filters_match_the_api(client: TestClient) -> None:
    cases: list[dict[str, str | list[str]]] = [
        {"q": "recovery"},
        {"principle": ["recognise", "resist-retraumatisation"]},
        {"organisation": "nes"},
        {"kind": "core_proposal"},
        {"status": "published", "year": "2014"},
    ]
    for params in cases:
        expected = {
            i["title"] for i in client.get("/v1/definitions", params=params).json()["items"]
        }
        page = html.unescape(client.get("/explore/definitions", params=params).text)
        shown = set(re.findall(r'href="/explore/definitions/\d+">([^<]+)</a>', page))
        assert shown == expected, params
        assert expected, params  # each case matches something in the seed


def test_definitions_filters_are_kept_in_the_form(client: TestClient) -> None:
    page = get_html(client, "/explore/definitions?q=trauma&principle=safety&kind=published")
    assert 'value="trauma"' in page
    assert 'value="safety" checked' in page
    assert 'value="published" checked' in page
    assert "Clear filters" in page


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("year=twenty", "year", "Year must be a number between 1900 and 2100"),
        ("year=1700", "year", "Year must be a number between 1900 and 2100"),
        ("principle=kindness", "principle-1", "Choose a principle from the list"),
        ("kind=rumour", "kind-1", "Choose a kind from the list"),
        ("cursor=not-a-cursor", "results", "This page link is not valid: start from page 1"),
        ("q=" + "x" * 201, "q", "Search words must be 200 characters or fewer"),
    ],
)
def test_definitions_bad_filters_get_an_error_summary(
    client: TestClient, query: str, field: str, message: str
) -> None:
    page = get_html(client, f"/explore/definitions?{query}", 400)
    assert f'<a href="#{field}">{message}</a>' in page
    assert 'id="' + field + '"' in page  # the link leads to the control
    if field in ("year", "q"):  # the message is beside the field too, which keeps what was sent
        assert f'<p class="tic-error-message" id="{field}-error">' in page
        assert f'value="{query.split("=", 1)[1]}"' in page


def test_definitions_pages_through_every_match(client: TestClient, keys: Keys) -> None:
    for n in range(16):
        body = {"title": f"Paging test {n:02d}", "text": f"Children feel safe, case {n}."}
        assert client.post("/v1/definitions", json=body, headers=keys.dfe).status_code == 201

    first = html.unescape(get_html(client, "/explore/definitions"))
    titles = re.findall(r'href="/explore/definitions/\d+">([^<]+)</a>', first)
    following = re.search(r'<a href="([^"]+)" rel="next">', first)

    assert len(titles) == 20
    assert following is not None
    second = html.unescape(get_html(client, following.group(1)))
    rest = re.findall(r'href="/explore/definitions/\d+">([^<]+)</a>', second)
    assert len(rest) == 23 - 20
    assert not set(titles) & set(rest)
    assert "First page" in second


# -- one definition -----------------------------------------------------------------------------


class _Marked(HTMLParser):
    """The highlighted text: what is read in it (labels and hidden text aside), and its marks."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = 0
        self.skip = 0
        self.text: list[str] = []
        self.marks: list[str] = []
        self.labels: list[str] = []
        self._mark: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "p" and "tic-marked" in classes:
            self.inside += 1
        elif self.inside and tag == "span":
            self.skip += 1
            if "tic-mark-label" in classes:
                self.labels.append("")
        elif self.inside and tag == "mark":
            self._mark = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.inside:
            self.inside -= 1
        elif self.inside and tag == "span":
            self.skip -= 1
        elif self.inside and tag == "mark" and self._mark is not None:
            self.marks.append("".join(self._mark))
            self._mark = None

    def handle_data(self, data: str) -> None:
        if not self.inside:
            return
        if self.skip:
            if self.labels and self.labels[-1] == "":
                self.labels[-1] = data
            return
        self.text.append(data)
        if self._mark is not None:
            self._mark.append(data)


def marked(page: str, which: int = 0) -> _Marked:
    """The ``which``-th highlighted text of a page."""
    block = re.findall(r'<p class="tic-marked">.*?</p>', page, flags=re.S)[which]
    parser = _Marked()
    parser.feed(block)
    return parser


def test_definition_page_highlights_every_evidence_span(client: TestClient) -> None:
    nes = definition_id(client, "nes")
    api = client.get(f"/v1/definitions/{nes}").json()

    page = get_html(client, f"/explore/definitions/{nes}")
    text = marked(page)

    # The text reads exactly as stored, and every span is marked and labelled at its end.
    assert "".join(text.text) == api["text"]
    spans = [(p["slug"], e["start"], e["end"]) for p in api["principles"] for e in p["evidence"]]
    assert len(text.labels) == len(set(spans))
    numbers = {p.slug: str(p.position) for p in PRINCIPLES}
    assert sorted(text.labels) == sorted(numbers[s] for s, _, _ in set(spans))
    marked_text = "".join(text.marks)
    for _, start, end in spans:
        assert api["text"][start:end].strip() in marked_text or all(
            word in marked_text for word in api["text"][start:end].split()
        )
    # A key to the colours, and the name of each principle for screen readers.
    assert "Key to the highlights" in page
    for p in api["principles"]:
        name = html.escape(next(x.name for x in PRINCIPLES if x.slug == p["slug"]))
        assert f"(evidence of principle {numbers[p['slug']]}, {name})" in page


def test_definition_page_shows_provenance_and_verified_plainly(client: TestClient) -> None:
    nes = definition_id(client, "nes")
    samhsa = definition_id(client, "samhsa")
    api = client.get(f"/v1/definitions/{nes}").json()

    unverified = text_of(get_html(client, f"/explore/definitions/{nes}"))
    verified = text_of(get_html(client, f"/explore/definitions/{samhsa}"))

    assert api["verified"] is False
    assert "No: this wording has not been checked against a source." in unverified
    assert "Not verified" in unverified
    assert " ".join(api["provenance"].split()) in unverified
    assert "Yes: this wording was read in the source it cites." in verified
    assert f'href="/explore/compare?subject={nes}"' in get_html(
        client, f"/explore/definitions/{nes}"
    )


def test_definition_page_shows_revisions_with_word_diffs(client: TestClient, keys: Keys) -> None:
    created = client.post(
        "/v1/definitions",
        json={"title": "DfE draft", "text": "Children feel safe at school."},
        headers=keys.dfe,
    )
    number = created.json()["id"]
    revised = client.patch(
        f"/v1/definitions/{number}",
        json={"text": "Children feel safe and heard at home.", "change_note": "Adds voice."},
        headers={**keys.dfe, "If-Match": created.headers["ETag"]},
    )
    assert revised.status_code == 200

    page = get_html(client, f"/explore/definitions/{number}")

    assert "What changed in revision 2" in page
    assert "Adds voice." in page
    assert re.search(r"<ins><span class=\"tic-visually-hidden\">\[added: </span>[^<]*heard", page)
    assert re.search(
        r"<del><span class=\"tic-visually-hidden\">\[removed: </span>[^<]*school", page
    )
    # Newest revision first in the table.
    assert page.index('<th scope="row">2</th>') < page.index('<th scope="row">1</th>')


@pytest.mark.parametrize(
    "path", ["/explore/definitions/99999", "/explore/definitions/abc", "/explore/no-such-page"]
)
def test_unknown_pages_get_the_404_page(client: TestClient, path: str) -> None:
    page = get_html(client, path, 404)
    assert '<h1 class="tic-heading-l">Page not found</h1>' in page
    assert 'href="/explore/definitions"' in page


# -- compare ------------------------------------------------------------------------------------


def assert_comparison_shown(page: str, api: dict[str, Any]) -> None:
    words = text_of(page)
    names = {p.slug: p.name for p in PRINCIPLES}
    total = len(api["shared"]) + len(api["missing"])
    assert f"{len(api['shared'])} of the {total} principles" in words
    assert f"coverage of {round(api['coverage'] * 100)}%" in words
    if api["missing"]:
        listed = "; ".join(names[s] for s in api["missing"])
        assert f"It misses {len(api['missing'])}: {listed}." in words
    gaps = words.split("What it misses, and how others phrase it")[1]
    for gap in api["gaps"]:
        assert names[gap["principle"]] in gaps
        for phrasing in gap["phrasings"]:
            assert " ".join(phrasing["quote"].split()) in gaps
            assert f'href="/explore/definitions/{phrasing["definition_id"]}"' in page


def test_compare_nes_with_the_core(client: TestClient) -> None:
    nes = definition_id(client, "nes")
    api = client.post("/v1/comparisons", json={"definition_id": nes}).json()

    page = get_html(client, f"/explore/compare?subject={nes}")

    assert api["missing"]  # the NES definition misses some of the core's principles
    assert any(g["phrasings"] for g in api["gaps"])
    assert_comparison_shown(page, api)
    assert f'<option value="{nes}" selected>' in page
    assert "Word by word" in page
    assert "<del>" in page or "<ins>" in page


def test_compare_two_definitions(client: TestClient) -> None:
    nes = definition_id(client, "nes")
    samhsa = definition_id(client, "samhsa")
    api = client.post("/v1/comparisons", json={"definition_id": nes, "against": samhsa}).json()

    page = get_html(client, f"/explore/compare?subject={nes}&against={samhsa}")

    assert_comparison_shown(page, api)
    assert f'<option value="{samhsa}" selected>' in page


def test_compare_a_pasted_draft(client: TestClient) -> None:
    draft = "We make sure children feel safe, and staff get reflective supervision."
    api = client.post("/v1/comparisons", json={"text": draft}).json()

    page = client.post("/explore/compare", data={"text": draft, "against": ""})

    assert page.status_code == 200
    assert_comparison_shown(page.text, api)
    assert html.escape(draft) in page.text  # the textarea keeps the draft
    assert "".join(marked(page.text).text) == draft


@pytest.mark.parametrize(
    ("form", "status", "field", "message"),
    [
        ({"text": "   "}, 400, "text", "Enter the text of a definition"),
        ({"text": "x" * 20_001}, 400, "text", "The text must be 20,000 characters or fewer"),
        ({"text": "safe", "against": "abc"}, 400, "against", "Choose a definition to compare"),
        ({"text": "safe", "against": "99999"}, 404, "against", "No definition 99999"),
    ],
)
def test_compare_form_errors(
    client: TestClient, form: dict[str, str], status: int, field: str, message: str
) -> None:
    response = client.post("/explore/compare", data=form)
    assert response.status_code == status
    assert f'<a href="#{field}">{message}' in response.text


def test_compare_refuses_what_is_not_the_form(client: TestClient) -> None:
    response = client.post("/explore/compare", json={"text": "children feel safe"})
    assert response.status_code == 400
    assert "Send the form from this page" in response.text


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("subject=abc", 400, "Choose a definition to compare"),
        ("subject=99999", 404, "No definition 99999"),
        ("subject=1&against=0", 400, "Choose a definition to compare against"),
    ],
)
def test_compare_bad_query(client: TestClient, query: str, status: int, message: str) -> None:
    response = client.get(f"/explore/compare?{query}")
    assert response.status_code == status
    assert message in response.text


def test_compare_form_alone(client: TestClient) -> None:
    page = get_html(client, "/explore/compare")
    assert '<form method="post" action="/explore/compare"' in page
    assert 'id="result"' not in page


# -- matrix -------------------------------------------------------------------------------------


def test_matrix_defaults_to_the_seeded_definitions(client: TestClient) -> None:
    api = client.post("/v1/comparisons/matrix", json={}).json()

    page = get_html(client, "/explore/matrix")

    assert 'aria-labelledby="similarity-chart-title similarity-chart-desc"' in page
    cells = re.findall(r'<td class="tic-table__cell--numeric">([0-9.]+)</td>', page)
    n = len(api["definitions"])
    assert n == 7
    expected = [f"{v:.2f}" for row in api["similarity"] for v in row]
    expected += [f"{v:.2f}" for row in api["overlap"] for v in row]
    assert cells == expected


def test_matrix_for_chosen_definitions(client: TestClient) -> None:
    nes, samhsa = definition_id(client, "nes"), definition_id(client, "samhsa")
    api = client.post("/v1/comparisons/matrix", json={"definition_ids": [nes, samhsa]}).json()

    page = get_html(client, f"/explore/matrix?id={nes}&id={samhsa}")

    assert f'value="{nes}" checked' in page
    assert f"Most alike: 1 and 2 ({api['similarity'][0][1]:.2f})" in text_of(page)
    assert len(re.findall(r'<td class="tic-table__cell--numeric">', page)) == 2 * 4


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("id=abc", 400, "Choose definitions from the list"),
        ("id=99999", 404, "No definitions [99999] in the registry."),
        ("&".join(f"id={i}" for i in range(1, 27)), 400, "Choose 25 definitions or fewer"),
    ],
)
def test_matrix_bad_choices(client: TestClient, query: str, status: int, message: str) -> None:
    response = client.get(f"/explore/matrix?{query}")
    assert response.status_code == status
    assert message in html.unescape(response.text)


# -- teams, insights, recommendations -----------------------------------------------------------


def test_teams_page_before_any_team_declares(client: TestClient) -> None:
    words = text_of(get_html(client, "/explore/teams"))
    assert "No team has declared anything yet" in words
    assert "Registry: no teams yet" in words  # on the chart
    assert "Report: 96%" in words  # strengths-based approaches, the report's figure


@pytest.fixture
def declared(client: TestClient, keys: Keys, engine: Engine) -> None:
    for slug, body in DECLARATIONS.items():
        register_team(client, keys, slug)
        assert declare(client, slug, body, team_key(engine, slug)).status_code == 200


@pytest.mark.usefixtures("declared")
def test_teams_page_sets_teams_beside_the_report(client: TestClient) -> None:
    survey = client.get("/v1/insights/survey").json()
    pathways = client.get("/v1/insights/treatment-pathways").json()

    page = get_html(client, "/explore/teams")
    words = text_of(page)

    assert 'aria-labelledby="survey-chart-title survey-chart-desc"' in page
    for row in survey["activities"]:
        shown = f"{round(row['share'] * 100)}% ({row['teams_doing']} of 3)"
        assert f"Registry: {shown}" in words  # the bar's label
        assert shown in words.split("Teams doing each activity")[1]  # the table
    # Bars: one per activity for the registry (when non-zero) and one per numeric report figure.
    assert len(re.findall(r'<rect [^>]*fill="#1d70b8"', page)) == sum(
        1 for r in survey["activities"] if r["share"]
    )
    assert len(re.findall(r'<rect [^>]*fill="#505a5f"', page)) == sum(
        1 for r in survey["activities"] if r["report"] and r["report"]["value"] is not None
    )
    assert f"{pathways['teams_without_treatment']} of 3 registered teams (33%)" in words
    assert "Alpha (fictional) CSC" in words


def test_recommendations_page_tracks_each_recommendation(client: TestClient, keys: Keys) -> None:
    core = core_id(client)
    url = f"/v1/core-definition/proposals/{core}/endorsements/dfe"
    assert client.put(url, json={"position": "endorse"}, headers=keys.dfe).status_code == 201
    api = client.get("/v1/insights/recommendations").json()

    words = text_of(get_html(client, "/explore/recommendations"))

    for part in ("core_definition", "evaluation", "treatment"):
        assert api[part]["recommendation"]["text"] in words
    assert "1 of the 4 departments the recommendation names endorse" in words
    assert "none of the named departments has a definition of its own" in words.lower()
    assert "No registered team has declared a model yet" in words
    assert 'href="/v1/insights/recommendations"' in get_html(client, "/explore/recommendations")


# -- the pieces behind the pages ----------------------------------------------------------------


def test_marks_cut_overlapping_spans_into_flat_pieces() -> None:
    number = {"safety": 1, "realise": 7}
    text = "Children feel safe when staff realise trauma."
    spans = [("safety", 9, 18), ("realise", 14, 37), ("unknown", 0, 4), ("safety", 40, 99)]

    got = pieces(text, spans, number)

    assert "".join(p.text for p in got) == text
    assert got == [
        Piece("Children ", (), (), None),
        Piece("feel ", (1,), (), 1),
        Piece("safe", (1, 7), (1,), 1),  # safety's span ends first: its colour
        Piece(" when staff realise", (7,), (7,), 7),
        Piece(" trauma.", (), (), None),
    ]
    nested = pieces("abcdef", [("safety", 0, 6), ("realise", 2, 4)], number)
    assert [(p.text, p.colour) for p in nested] == [("ab", 1), ("cd", 7), ("ef", 1)]
    assert pieces("", spans, number) == []


def test_colours_of_text_and_charts_meet_wcag_aa() -> None:
    css = (STATIC_DIR / "explore.css").read_text()
    for n, colour in enumerate(PRINCIPLE_COLOURS, start=1):
        assert f".tic-p{n} {{ background-color: {colour}; }}" in css
        assert charts.contrast(NEAR_BLACK, colour) >= 4.5
    tags = re.findall(r"\.tic-tag--\w+ \{ color: (#\w{6}); background: (#\w{6}); \}", css)
    assert len(tags) == 6
    for fg, bg in tags:
        assert charts.contrast(fg, bg) >= 4.5, (fg, bg)
    for step in range(101):
        fill = charts.blend(step / 100)
        assert charts.contrast(charts.text_on(fill), fill) >= 4.5, fill
    assert charts.contrast(charts.text_on(charts.ON), charts.ON) >= 4.5
    assert charts.contrast(charts.ON, charts.OFF) >= 3  # a carried cell stands out as a shape
    for bar in (charts.REGISTRY_BAR, charts.REPORT_BAR):
        assert charts.contrast(bar, "#ffffff") >= 3
    for text, background in [
        ("#505a5f", "#ffffff"),
        ("#1d70b8", "#ffffff"),
        ("#0b0c0c", "#ffdd00"),
    ]:
        assert charts.contrast(text, background) >= 4.5
    assert charts.contrast("#505a5f", "#f3f2f1") >= 4.5  # hints and secondary text on grey boxes
    assert charts.contrast("#d4351c", "#ffffff") >= 4.5  # error summary links


def test_templates_and_assets_ship_inside_the_package() -> None:
    api = Path(__file__).resolve().parent.parent / "api"
    assert (STATIC_DIR / "explore.css").is_file()
    assert STATIC_DIR.parent == api
    assert (api / "templates" / "explore" / "base.html").is_file()


def test_importing_the_app_imports_no_jinja2_and_no_page_views_until_a_page_needs_them() -> None:
    """jinja2 and the pages' views and charts take about a seventh of a second to import: the
    template environment is built for the first page, once, and the views module loads at its
    first use and then takes its stand-in's place."""
    code = (
        "import sys\n"
        "import api.main\n"
        "from api.routers.explore import pages, render\n"
        "lazy = ('jinja2', 'api.routers.explore.views', 'api.routers.explore.charts')\n"
        "print(sorted(m for m in lazy if m in sys.modules))\n"
        "print(render.environment() is render.environment())\n"
        "print(pages.views.NAMES_LISTED > 0)\n"
        "print(sorted(m for m in lazy if m in sys.modules))\n"
        "print(pages.views is sys.modules['api.routers.explore.views'])\n"
    )
    assert python_output(code).splitlines() == [
        "[]",
        "True",
        "True",
        "['api.routers.explore.charts', 'api.routers.explore.views', 'jinja2']",
        "True",
    ]
