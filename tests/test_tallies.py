"""The tallies every write keeps give consensus the answer counted from scratch."""

from alembic import command
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.comparison.analyser import METHOD_VERSION
from api.db import Database
from api.models import OrganisationTally, PrincipleTally, TallyVersion
from api.services import tallies
from api.services.comparison import _carriers_now
from tests.conftest import Keys, alembic_config
from tests.helpers import write_series

KINDS = (None, "department", "standards_body", "research_body", "csc_team")


def assert_tallies_equal_a_recount(database: Database) -> None:
    with database.session() as session:
        assert tallies.ready(session)
        for kind in KINDS:
            assert tallies.carriers(session, kind) == _carriers_now(session, kind), kind


def test_every_write_keeps_the_tallies_exact(
    client: TestClient, keys: Keys, database: Database
) -> None:
    assert_tallies_equal_a_recount(database)
    write_series(
        client,
        [keys.dfe, keys.home_office, keys.steward, keys.dfe],
        lambda: assert_tallies_equal_a_recount(database),
    )

    # A rebuild from scratch lands on the same rows.
    with database.session() as session:
        kept = _rows(session)
    with database.session(write=True) as session:
        tallies.rebuild(session)
        session.commit()
        assert _rows(session) == kept


def test_a_revision_written_around_the_tallies_falls_back_to_a_recount(database: Database) -> None:
    with database.session(write=True) as session:
        stamp = session.get(TallyVersion, METHOD_VERSION)
        assert stamp is not None
        stamp.revisions -= 1  # as if a bulk load had added a revision behind their back
        session.commit()
    with database.session() as session:
        assert not tallies.ready(session)
        assert tallies.carriers(session, "department") is None


def test_the_migration_backfills_what_the_service_counts(database: Database) -> None:
    with database.session() as session:
        counted = _rows(session)
    assert counted[0]
    assert counted[1]
    config = alembic_config(database.url)
    command.downgrade(config, "c0d1f416066b")
    command.upgrade(config, "head")
    with database.session() as session:
        assert _rows(session) == counted
        assert tallies.ready(session)


def _rows(session: Session) -> tuple[list[tuple[int, str, int]], list[tuple[int, str, int, int]]]:
    organisations = session.exec(
        select(
            OrganisationTally.organisation_id,
            OrganisationTally.method_version,
            OrganisationTally.definitions,
        )
        .where(col(OrganisationTally.definitions) > 0)
        .order_by(col(OrganisationTally.organisation_id))
    ).all()
    principles = session.exec(
        select(
            PrincipleTally.organisation_id,
            PrincipleTally.method_version,
            PrincipleTally.principle_id,
            PrincipleTally.definitions,
        )
        .where(col(PrincipleTally.definitions) > 0)
        .order_by(col(PrincipleTally.organisation_id), col(PrincipleTally.principle_id))
    ).all()
    return [(o, v, n) for o, v, n in organisations], [(o, v, p, n) for o, v, p, n in principles]


def test_a_bulk_load_counts_its_definitions_again(database: Database) -> None:
    from bench.synthetic import grow

    with database.session() as session:
        before = _rows(session)
    grow(database.write_engine, 60, workers=1, show_progress=False)
    with database.session() as session:
        assert _rows(session) != before
    assert_tallies_equal_a_recount(database)
