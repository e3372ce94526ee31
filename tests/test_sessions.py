"""Reads never take SQLite's write lock: sessions are chosen per route, not per HTTP method."""

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.app import ROUTERS
from api.db import Database
from api.deps import read_session, write_session

READ_ONLY_POSTS = {
    "/v1/analyses",
    "/v1/comparisons",
    "/v1/comparisons/matrix",
    "/v1/comparisons/neighbours",
}


def _sessions(route: APIRoute) -> set[object]:
    found: set[object] = set()
    stack = [route.dependant]
    while stack:
        dependant = stack.pop()
        found.add(dependant.call)
        stack.extend(dependant.dependencies)
    return found & {read_session, write_session}


def test_every_read_route_uses_the_read_session_and_every_write_the_write_session() -> None:
    routes = [r for m in ROUTERS for r in m.router.routes if isinstance(r, APIRoute)]
    checked = 0
    for route in routes:
        sessions = _sessions(route)
        if not sessions:
            continue  # /healthz, the docs pages: no database
        reads = (route.methods or set()) <= {"GET", "HEAD"} or route.path in READ_ONLY_POSTS
        assert sessions == ({read_session} if reads else {write_session}), route.path
        checked += 1
    assert checked >= 35


def test_reads_and_comparisons_answer_while_a_writer_holds_the_lock(
    database: Database, client: TestClient
) -> None:
    """On SQLite the open write transaction holds the database's write lock; on PostgreSQL it
    holds a row lock on every definition head. Neither may hold up a read."""
    with database.write_engine.connect() as writer:
        writer.execute(text("UPDATE definition SET current_revision = current_revision"))
        assert writer.in_transaction()
        # Each of these would wait for busy_timeout (10 s) and fail if it asked for the lock.
        assert client.get("/v1/definitions").status_code == 200
        assert client.get("/v1/definitions/1").status_code == 200
        assert (
            client.post("/v1/comparisons", json={"text": "Children feel safe."}).status_code == 200
        )
        assert client.post("/v1/comparisons/matrix", json={}).status_code == 200
        assert client.get("/v1/consensus").status_code == 200
        writer.rollback()


def test_the_head_lookup_reads_each_commit_and_dispose_closes_its_connections(
    database: Database,
) -> None:
    """Database.scalar keeps, on SQLite, a reading thread's own connection between reads: it
    must see every commit made since, and ``dispose`` must close it (PostgreSQL: pooled)."""
    from api.representations import CURRENT_REVISION

    assert database.scalar(CURRENT_REVISION, id=1) == 1
    with database.write_engine.begin() as connection:
        connection.execute(text("UPDATE definition SET current_revision = 7 WHERE id = 1"))
    assert database.scalar(CURRENT_REVISION, id=1) == 7
    held = list(database._held.values())
    assert len(held) == (1 if database.dialect == "sqlite" else 0)

    database.dispose()

    assert database._held == {}
    for connection in held:
        with pytest.raises(Exception, match="closed"):
            connection.cursor()
