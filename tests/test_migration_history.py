"""The history migration moves every revision made by the old code, and back again.

The database is filled at the first revision's schema with raw SQL, as the old code wrote it:
practice models changed in place with JSON snapshots, team declarations numbered under the
organisation, endorsement revisions without an author organisation.
"""

import json
from typing import Any

from alembic import command
from sqlalchemy import Connection, text

from api.db import make_engine
from tests.conftest import Backend, alembic_config

BEFORE = "b68e52f06ce0"
NOW = "2026-11-29T10:00:00+00:00"


def _insert(conn: Connection, table: str, **values: Any) -> None:
    columns = ", ".join(values)
    params = ", ".join(f":{k}" for k in values)
    conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({params})"), values)


def _old_history(conn: Connection) -> None:
    for i, (slug, kind) in enumerate(
        [("dfe", "department"), ("team-a", "csc_team"), ("dhsc", "department")], start=1
    ):
        _insert(conn, "organisation", id=i, slug=slug, name=slug.upper(), kind=kind,
                verified=False, created_at=NOW)  # fmt: skip
    for i, (key_id, org) in enumerate([("k1", 1), ("k2", 2), ("k3", 3)], start=1):
        _insert(conn, "api_key", id=i, key_id=key_id, secret_hash="x", organisation_id=org,
                role="steward" if org == 3 else "submitter", created_at=NOW)  # fmt: skip
    for i, slug in enumerate(["safety", "trustworthiness"], start=1):
        _insert(conn, "principle", id=i, slug=slug, name=slug, position=i, has_it_when="h",
                origin="o")  # fmt: skip
    # A practice model edited twice: snapshots 1 and 2, then the live row (revision 3).
    _insert(conn, "practice_model", id=1, slug="m", name="Model v3", kind="training",
            verified=False, current_revision=3, created_at=NOW)  # fmt: skip
    _insert(conn, "practice_model_principle", model_id=1, principle_id=2, basis="b",
            verified=True)  # fmt: skip
    _insert(conn, "evidence_link", id=1, model_id=1, rating="Promising", rated_on="2024-05-01",
            verified=False)  # fmt: skip
    for n, name, kind in [(1, "Model v1", "practice_framework"), (2, "Model v2", "training")]:
        snapshot = {"slug": "m", "name": name, "kind": kind, "description": f"d{n}",
                    "verified": False, "principles": [{"slug": "safety", "basis": None,
                    "verified": False}], "evidence": []}  # fmt: skip
        _insert(conn, "practice_model_revision", id=n, model_id=1, number=n,
                snapshot=json.dumps(snapshot), author_key_id=3, created_at=NOW)  # fmt: skip
    _insert(conn, "practice_model_revision", id=3, model_id=1, number=3,
            snapshot=json.dumps({"name": "stale"}), author_key_id=3, created_at=NOW)  # fmt: skip
    # A team that declared twice.
    for n in (1, 2):
        _insert(conn, "team_declaration", id=n, team_id=2, number=n, activities="[]",
                treatment_pathways="[]", author_key_id=2, created_at=NOW)  # fmt: skip
    _insert(conn, "team_declaration_model", declaration_id=2, model_id=1, scope="pilot")
    # A proposal and a department's two positions on it.
    _insert(conn, "definition", id=1, organisation_id=3, kind="core_proposal",
            current_revision=1, created_at=NOW)  # fmt: skip
    _insert(conn, "definition_revision", id=1, definition_id=1, number=1, title="Core",
            text="Safety.", status="published", language="en", verified=False,
            created_at=NOW)  # fmt: skip
    _insert(conn, "endorsement", id=1, proposal_id=1, organisation_id=1, current_revision=2,
            created_at=NOW)  # fmt: skip
    for n, position in [(1, "object"), (2, "endorse")]:
        _insert(conn, "endorsement_revision", id=n, endorsement_id=1, number=n,
                position=position, proposal_revision=1, author_key_id=1,
                created_at=NOW)  # fmt: skip


def _rows(conn: Connection, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in conn.execute(text(sql))]


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def test_history_made_by_the_old_code_survives_upgrade_and_downgrade(backend: Backend) -> None:
    url = backend.new_url()
    config = alembic_config(url)
    engine = make_engine(url)
    try:
        command.upgrade(config, BEFORE)
        with engine.begin() as conn:
            _old_history(conn)

        command.upgrade(config, "head")
        with engine.connect() as conn:
            revisions = _rows(
                conn,
                "SELECT number, name, kind, description, principles, evidence, "
                "author_organisation_id FROM practice_model_revision ORDER BY number",
            )
            assert [(r[0], r[1], r[2], r[3]) for r in revisions] == [
                (1, "Model v1", "practice_framework", "d1"),
                (2, "Model v2", "training", "d2"),
                (3, "Model v3", "training", None),  # the live row, not the stale snapshot
            ]
            assert [p["slug"] for p in _json(revisions[0][4])] == ["safety"]
            assert _json(revisions[2][4]) == [
                {"slug": "trustworthiness", "basis": "b", "verified": True}
            ]
            assert [e["rating"] for e in _json(revisions[2][5])] == ["Promising"]
            assert _json(revisions[2][5])[0]["rated_on"] == "2024-05-01"
            assert {r[6] for r in revisions} == {3}
            assert _rows(conn, "SELECT id, current_revision FROM team") == [(2, 2)]
            assert _rows(
                conn, "SELECT number, author_organisation_id FROM team_declaration ORDER BY number"
            ) == [(1, 2), (2, 2)]
            assert _rows(
                conn,
                "SELECT number, position, author_organisation_id FROM endorsement_revision "
                "ORDER BY number",
            ) == [(1, "object", 1), (2, "endorse", 1)]
        command.check(config)

        command.downgrade(config, BEFORE)
        with engine.connect() as conn:
            assert _rows(conn, "SELECT name, kind, current_revision FROM practice_model") == [
                ("Model v3", "training", 3)
            ]
            assert _rows(conn, "SELECT principle_id, basis FROM practice_model_principle") == [
                (2, "b")
            ]
            assert _rows(conn, "SELECT rating FROM evidence_link") == [("Promising",)]
            snapshots = [
                _json(s)
                for (s,) in _rows(
                    conn, "SELECT snapshot FROM practice_model_revision ORDER BY number"
                )
            ]
            assert [s["name"] for s in snapshots] == ["Model v1", "Model v2", "Model v3"]
            assert _rows(conn, "SELECT COUNT(*) FROM team_declaration") == [(2,)]
            assert _rows(conn, "SELECT COUNT(*) FROM endorsement_revision") == [(2,)]
    finally:
        engine.dispose()
        backend.drop(url)
