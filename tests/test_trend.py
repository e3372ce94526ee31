"""The trend reads each analysis's ``carried`` summary, kept with its findings by every write,
and answers exactly what a count from the findings answers."""

from collections import defaultdict
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session, col, select

from api.db import Database
from api.models import Analysis, AnalysisFinding, Principle
from api.models.comparison import TREND_LIMIT_MAX, TrendResult
from api.pagination import decode_cursor, encode_cursor
from api.services.comparison import trend
from tests.conftest import Keys, alembic_config
from tests.helpers import assert_problem, write_series
from tests.test_tallies import KINDS

ORGANISATIONS = (None, "dfe", "home-office")


def _summaries(session: Session) -> tuple[dict[int, str | None], dict[int, str]]:
    """Each analysis's summary, and the one its findings give."""
    kept = {i: c for i, c in session.exec(select(Analysis.id, Analysis.carried)) if i}
    found: dict[int, set[str]] = defaultdict(set)
    for analysis_id, slug in session.exec(
        select(AnalysisFinding.analysis_id, Principle.slug)
        .join(Principle, col(Principle.id) == AnalysisFinding.principle_id)
        .where(col(AnalysisFinding.stance) == "carried")
    ):
        found[analysis_id].add(slug)
    return kept, {i: " ".join(sorted(found[i])) for i in kept}


def _all_pages(session: Session, kind: str | None, organisation: str | None) -> list[Any]:
    """Every page of a trend, three definitions a page, so that the check below also covers
    a page boundary inside an organisation."""
    pages, cursor = [], None
    while True:
        page = trend(session, kind, organisation, 3, cursor)
        pages.append(page)
        if (cursor := page.next_cursor) is None:
            return pages


def _trends(session: Session) -> list[list[TrendResult]]:
    return [_all_pages(session, k, None) for k in KINDS] + [
        _all_pages(session, None, o) for o in ORGANISATIONS
    ]


def assert_trend_equals_a_recount(database: Database) -> None:
    with database.session() as session:
        kept, recounted = _summaries(session)
        assert kept == recounted
        maintained = _trends(session)
    # From scratch: without summaries the trend reads every revision's findings.
    with database.session(write=True) as session:
        session.execute(update(Analysis).values(carried=None))
        from_findings = _trends(session)
        session.rollback()
    assert maintained == from_findings
    assert any(o.definitions for pages in maintained for t in pages for o in t.organisations)


def _no_check() -> None:
    """The trend is checked once the writes are done (a recount per write would be slow)."""


def test_every_write_keeps_the_trend_exact(
    client: TestClient, keys: Keys, database: Database
) -> None:
    assert_trend_equals_a_recount(database)
    created = write_series(client, [keys.dfe, keys.home_office, keys.steward, keys.dfe], _no_check)
    assert_trend_equals_a_recount(database)
    dfe = client.get("/v1/consensus/trend", params={"organisation": "dfe"}).json()
    points = {
        d["definition_id"]: d["points"] for o in dfe["organisations"] for d in o["definitions"]
    }
    assert len(points[created[0]]) == 2  # the revision and the one before


def test_a_bulk_load_writes_the_summaries(database: Database) -> None:
    from bench.synthetic import grow

    grow(database.write_engine, 60, workers=1, show_progress=False)
    assert_trend_equals_a_recount(database)


def test_the_migration_backfills_the_summaries(database: Database) -> None:
    with database.session() as session:
        before = _summaries(session)[0]
    assert any(before.values())
    config = alembic_config(database.url)
    command.downgrade(config, "fca9487669e6")
    command.upgrade(config, "head")
    with database.session() as session:
        assert _summaries(session)[0] == before


# --- paging ------------------------------------------------------------------------------------


def _points(pages: list[dict[str, Any]]) -> list[tuple[str, int, str, int]]:
    """Every point of the pages in the order they give them: (organisation, definition, title,
    revision)."""
    return [
        (o["organisation"], d["definition_id"], d["title"], p["revision"])
        for page in pages
        for o in page["organisations"]
        for d in o["definitions"]
        for p in d["points"]
    ]


def _walk(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    pages, cursor = [], None
    for _ in range(1000):
        response = client.get(
            "/v1/consensus/trend", params=dict(params, **({"cursor": cursor} if cursor else {}))
        )
        assert response.status_code == 200, response.text
        pages.append(response.json())
        if (cursor := pages[-1]["next_cursor"]) is None:
            return pages
    raise AssertionError("the trend's pages did not end")


def test_pages_give_every_point_once_in_order(client: TestClient, database: Database) -> None:
    from bench.synthetic import grow

    grow(database.write_engine, 60, workers=1, show_progress=False)
    for params in ({}, {"kind": "department"}, {"kind": "csc_team"}, {"organisation": "dfe"}):
        whole = _walk(client, limit=200, **params)
        assert len(whole) == 1  # every definition fits in one page of 200
        everything = _points(whole)
        for limit in (1, 2, 7):
            pages = _walk(client, limit=limit, **params)
            assert _points(pages) == everything, (params, limit)
            assert all(
                sum(len(o["definitions"]) for o in page["organisations"]) == limit
                for page in pages[:-1]
            )
            # Each page's organisations are distinct and in order; only the next page may
            # continue the last one.
            for page in pages:
                slugs = [o["organisation"] for o in page["organisations"]]
                assert slugs == sorted(set(slugs))
            assert {k: v for k, v in pages[-1].items() if k != "organisations"} == {
                k: v for k, v in whole[0].items() if k != "organisations"
            }
    # The default page is bounded: the whole registry does not come back at once.
    everything = _points(_walk(client, limit=200))
    first = client.get("/v1/consensus/trend").json()
    assert first["next_cursor"] is not None
    assert len({d for _, d, _, _ in _points([first])}) == 50
    assert _points([first]) == everything[: len(_points([first]))]


def _write(client: TestClient, headers: dict[str, str]) -> None:
    body = {"title": "Later", "text": "Children feel safe."}
    response = client.post("/v1/definitions", json=body, headers=headers)
    assert response.status_code == 201, response.text


def test_the_cursor_holds_across_writes(client: TestClient, keys: Keys) -> None:
    _write(client, keys.home_office)  # the seed gives home-office none
    before = _points(_walk(client, limit=200))
    # Page one definition at a time until the position is past "dfe" (before "home-office").
    read: list[dict[str, Any]] = []
    position: tuple[Any, ...] = ()
    while not position or position[0] <= "dfe":
        params = {"limit": 1, **({"cursor": read[-1]["next_cursor"]} if read else {})}
        read.append(client.get("/v1/consensus/trend", params=params).json())
        position = tuple(decode_cursor(read[-1]["next_cursor"], (str, int)) or ())
    assert position[0] <= "home-office"
    # A definition in an organisation already paged past and one in an organisation ahead:
    # the first is not on a later page, the second is, and nothing comes twice.
    for headers in (keys.dfe, keys.home_office):
        _write(client, headers)
    seen = _points([*read, *_walk(client, limit=1, cursor=read[-1]["next_cursor"])])
    assert len(seen) == len(set(seen))
    after = _points(_walk(client, limit=200))
    new = set(after) - set(before)
    assert {o for o, _, _, _ in new} == {"dfe", "home-office"}
    assert set(seen) == set(before) | {p for p in new if p[0] == "home-office"}
    assert seen == [p for p in after if p in set(seen)]  # in order


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"limit": 0}, 422),
        ({"limit": TREND_LIMIT_MAX + 1}, 422),
        ({"limit": "ten"}, 422),
        ({"cursor": "x" * 501}, 422),
        ({"cursor": "not-a-cursor"}, 400),
        ({"cursor": encode_cursor([7])}, 400),  # a list's cursor, not this one's
        ({"cursor": encode_cursor(["dfe", -1])}, 400),
        ({"cursor": encode_cursor([1, "dfe"])}, 400),
    ],
)
def test_bad_paging_is_a_problem(client: TestClient, params: dict[str, Any], status: int) -> None:
    body = assert_problem(client.get("/v1/consensus/trend", params=params), status)
    if status == 400:
        assert body["type"].endswith("/invalid-cursor")
