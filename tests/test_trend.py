"""The trend reads each analysis's ``carried`` summary, kept with its findings by every write,
and answers exactly what a count from the findings answers."""

from collections import defaultdict

from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session, col, select

from api.db import Database
from api.models import Analysis, AnalysisFinding, Principle
from api.models.comparison import TrendResult
from api.services.comparison import trend
from tests.conftest import Keys, alembic_config
from tests.helpers import write_series
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


def _trends(session: Session) -> list[TrendResult]:
    return [trend(session, k, None) for k in KINDS] + [
        trend(session, None, o) for o in ORGANISATIONS
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
    assert any(o.definitions for t in maintained for o in t.organisations)


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
