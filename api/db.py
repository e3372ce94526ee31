"""The database: engines for reading and for writing, and sessions from them.

SQLite serialises writers. A writing session begins its transaction with BEGIN IMMEDIATE, so it
takes the write lock before it reads what it will change (an If-Match check, an idempotency
record); two writers then queue on the lock (busy_timeout) instead of one failing half-way with
"database is locked". Reading sessions use deferred transactions on connections set
``query_only``: with WAL they never take the write lock, never wait for a writer, and a write
attempted by mistake from a read route fails loudly instead of taking the lock. PostgreSQL needs
none of this: row locks and unique constraints settle races there, and reads never block.

Nothing here knows HTTP: the app owns one ``Database`` for its lifetime (``api.app``), and the
command line, the seed and the benchmarks make their own.
"""

import threading
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.sql import Select
from sqlmodel import Session, create_engine


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(
    url: str, *, echo: bool = False, immediate: bool = False, read_only: bool = False
) -> Engine:
    """An engine for either backend; SQLite gets the pragmas it needs to behave like a server."""
    if not is_sqlite(url):
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
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """A read engine and a write engine (the same engine on PostgreSQL)."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.dialect = "sqlite" if is_sqlite(url) else "postgresql"
        if is_sqlite(url):
            self.engine = make_engine(url, echo=echo, read_only=True)
            self.write_engine = make_engine(url, echo=echo, immediate=True)
        else:
            self.engine = self.write_engine = make_engine(url, echo=echo)

        # Keyed by the statement object itself (kept alive here), so a key is never reused.
        self._compiled: dict[Select[Any], Any] = {}
        self._compile_lock = threading.Lock()

    def session(self, *, write: bool = False) -> Session:
        return Session(self.write_engine if write else self.engine)

    def scalar(self, statement: Select[Any], **params: Any) -> Any:
        """The first column of the first row of one read statement, or None.

        For the hottest reads (a head's current revision): it runs on a pooled DBAPI connection
        with no ORM session and, on SQLite (whose read connections are in autocommit), no
        BEGIN/ROLLBACK round trip; one SELECT is its own consistent snapshot. ``statement`` is
        compiled once per process for this engine's dialect.
        """
        compiled = self._compiled.get(statement)
        if compiled is None:
            with self._compile_lock:
                compiled = statement.compile(dialect=self.engine.dialect)
                self._compiled[statement] = compiled
        bound = compiled.construct_params(params)
        args: Any = (
            tuple(bound[name] for name in compiled.positiontup or ())
            if compiled.positional
            else bound
        )
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            try:
                cursor.execute(compiled.string, args)
                row = cursor.fetchone()
            finally:
                cursor.close()
        finally:
            raw.close()  # back to the pool, which rolls back whatever PostgreSQL began
        return row[0] if row else None

    def dispose(self) -> None:
        self.engine.dispose()
        self.write_engine.dispose()
