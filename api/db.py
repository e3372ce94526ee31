"""The database: engines, and the per-request session.

SQLite serialises writers. A request that writes begins its transaction with BEGIN IMMEDIATE, so
it takes the write lock before it reads what it will change (an If-Match check, an idempotency
record); two writers then queue on the lock (busy_timeout) instead of one failing half-way with
"database is locked". Reads use deferred transactions and, with WAL, never wait for writers.
PostgreSQL needs none of this: row locks and unique constraints settle races there.
"""

from collections.abc import Iterator
from typing import Any

from fastapi import Request
from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

from api.config import settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def make_engine(url: str, *, echo: bool = False, immediate: bool = False) -> Engine:
    """An engine for either backend; SQLite gets the pragmas it needs to behave like a server."""
    if not url.startswith("sqlite"):
        return create_engine(url, echo=echo, pool_pre_ping=True)

    engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
    in_memory = url in ("sqlite://", "sqlite:///") or ":memory:" in url

    @event.listens_for(engine, "connect")
    def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when and how transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")  # off by default in SQLite
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")  # readers run beside a writer
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """A read engine and, on SQLite, a write engine whose transactions begin IMMEDIATE."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        self.write_engine = (
            make_engine(url, echo=echo, immediate=True) if url.startswith("sqlite") else self.engine
        )

    def session(self, *, write: bool = False) -> Session:
        return Session(self.write_engine if write else self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
        self.write_engine.dispose()


database = Database(settings.database_url, echo=settings.sql_echo)
engine = database.engine


def session_for(db: Database, request: Request) -> Iterator[Session]:
    with db.session(write=request.method not in SAFE_METHODS) as session:
        yield session


def get_session(request: Request) -> Iterator[Session]:
    yield from session_for(database, request)
