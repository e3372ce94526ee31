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

KINDS = (None, "department", "standards_body", "research_body", "csc_team")
TEXTS = (
    "Children and families feel safe. Practitioners are open and honest about decisions.",
    "Plans are made in partnership with parents, and staff receive reflective supervision.",
    "Workers notice the signs of trauma and avoid practices that re-traumatise children.",
    "Les enfants et les familles se sentent en sécurité et sont écoutés avec respect.",
)


def assert_tallies_equal_a_recount(database: Database) -> None:
    with database.session() as session:
        assert tallies.ready(session)
        for kind in KINDS:
            assert tallies.carriers(session, kind) == _carriers_now(session, kind), kind


def test_every_write_keeps_the_tallies_exact(
    client: TestClient, keys: Keys, database: Database
) -> None:
    assert_tallies_equal_a_recount(database)
    created = []
    for n, (text, headers) in enumerate(
        zip(TEXTS * 2, [keys.dfe, keys.home_office, keys.steward, keys.dfe] * 2, strict=True)
    ):
        body = {"title": f"T{n}", "text": text, **({"language": "fr"} if "Les" in text else {})}
        response = client.post("/v1/definitions", json=body, headers=headers)
        assert response.status_code == 201, response.text
        created.append((response.json()["id"], headers, response.headers["ETag"]))
        assert_tallies_equal_a_recount(database)

    def write(i: int, method: str, body: dict[str, object] | None = None) -> None:
        definition_id, headers, etag = created[i]
        response = client.request(
            method,
            f"/v1/definitions/{definition_id}",
            json=body,
            headers={**headers, "If-Match": etag},
        )
        assert response.status_code in (200, 204), response.text
        created[i] = (definition_id, headers, response.headers["ETag"])
        assert_tallies_equal_a_recount(database)

    write(0, "PATCH", {"text": TEXTS[2]})  # carries other principles now
    write(1, "PATCH", {"status": "draft"})  # drafts still count
    write(2, "DELETE")  # withdrawn: no longer counts
    write(3, "PATCH", {"text": TEXTS[0], "language": "en"})  # now read
    write(4, "PATCH", {"status": "superseded", "superseded_by": created[0][0]})
    write(5, "PATCH", {"text": TEXTS[3], "language": "fr"})  # now unread
    write(6, "DELETE")
    write(1, "PATCH", {"status": "published"})

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
