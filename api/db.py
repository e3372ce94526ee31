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

import math
import threading
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Select
from sqlmodel import Session, create_engine

from api.config import Settings
from api.metrics import metrics


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(
    url: str,
    *,
    echo: bool = False,
    immediate: bool = False,
    read_only: bool = False,
    connect_timeout: float = 10.0,
    statement_timeout: float = 15.0,
) -> Engine:
    """An engine for either backend; SQLite gets the pragmas it needs to behave like a server.

    PostgreSQL gets bounded waits: to connect (libpq's ``connect_timeout``, at least 2 s), for a
    pooled connection, and per statement (``statement_timeout``), so a database that is down or
    slow is answered with 503 (``api.errors``) instead of a request that waits as long as it
    does. ``pool_pre_ping`` replaces connections that died (a restart), so the service recovers
    without one.
    """
    if not is_sqlite(url):
        engine = create_engine(
            url,
            echo=echo,
            pool_pre_ping=True,
            pool_timeout=connect_timeout,
            connect_args={
                "connect_timeout": max(2, math.ceil(connect_timeout)),
                "options": f"-c statement_timeout={int(statement_timeout * 1000)}",
            },
        )
        event.listen(engine, "handle_error", _count_error)
        return engine

    engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
    event.listen(engine, "handle_error", _count_error)
    in_memory = url in ("sqlite://", "sqlite:///") or ":memory:" in url

    @event.listens_for(engine, "connect")
    def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when and how transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")  # off by default in SQLite
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")  # readers run beside a writer
        # How long a writer waits for SQLite's write lock before "database is locked" (503).
        cursor.execute(f"PRAGMA busy_timeout={int(connect_timeout * 1000)}")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _count_error(context: ExceptionContext) -> None:
    """Counts each error the driver raises (tic_database_errors_total), by SQLAlchemy's class."""
    error = context.sqlalchemy_exception or context.original_exception
    metrics().database_errors.labels(type(error).__name__).inc()


class Database:
    """A read engine and a write engine (the same engine on PostgreSQL)."""

    def __init__(
        self,
        url: str,
        *,
        echo: bool = False,
        connect_timeout: float = 10.0,
        statement_timeout: float = 15.0,
    ) -> None:
        self.url = url
        self.dialect = "sqlite" if is_sqlite(url) else "postgresql"
        if is_sqlite(url):
            self.engine = make_engine(
                url, echo=echo, read_only=True, connect_timeout=connect_timeout
            )
            self.write_engine = make_engine(
                url, echo=echo, immediate=True, connect_timeout=connect_timeout
            )
        else:
            self.engine = self.write_engine = make_engine(
                url,
                echo=echo,
                connect_timeout=connect_timeout,
                statement_timeout=statement_timeout,
            )

        # Keyed by the statement object itself (kept alive here), so a key is never reused.
        self._compiled: dict[Select[Any], Any] = {}
        self._compile_lock = threading.Lock()
        # SQLite: each reading thread's own connection, by thread id (see _fetch_held).
        self._held: dict[int, Any] = {}
        self._held_lock = threading.Lock()

    @classmethod
    def from_settings(cls, config: Settings) -> "Database":
        return cls(
            config.database_url,
            echo=config.sql_echo,
            connect_timeout=config.database_connect_timeout,
            statement_timeout=config.database_statement_timeout,
        )

    def session(self, *, write: bool = False) -> Session:
        return Session(self.write_engine if write else self.engine)

    def scalar(self, statement: Select[Any], **params: Any) -> Any:
        """The first column of the first row of one read statement, or None.

        For the hottest reads (a head's current revision): it runs on a DBAPI connection with no
        ORM session and, on SQLite (whose read connections are in autocommit), no
        BEGIN/ROLLBACK round trip; one SELECT is its own consistent snapshot. ``statement`` is
        compiled once per process for this engine's dialect. On SQLite the connection is the
        calling thread's own (``_held``), on PostgreSQL a pooled one.
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
        dbapi_error = self.engine.dialect.loaded_dbapi.Error
        try:
            if self.dialect == "sqlite":
                row = self._fetch_held(compiled.string, args, dbapi_error)
            else:
                raw = self.engine.raw_connection()
                try:
                    row = _fetch(raw, compiled.string, args)
                except dbapi_error:
                    raw.invalidate()  # a broken connection is not given back to the pool
                    raise
                finally:
                    raw.close()  # back to the pool, which rolls back whatever PostgreSQL began
        except dbapi_error as exc:
            wrapped = DBAPIError.instance(compiled.string, args, exc, dbapi_error)
            metrics().database_errors.labels(type(wrapped).__name__).inc()  # no engine event saw it
            # Raised as SQLAlchemy raises it (OperationalError for a lost server), so the same
            # handlers answer 503.
            raise wrapped from exc
        return row[0] if row else None

    def _fetch_held(self, sql: str, args: Any, dbapi_error: type[Exception]) -> Any:
        """One row, read on this thread's own SQLite read connection.

        Taking a pooled connection and giving it back cost four times the SELECT itself (about
        160 against 40 us, measured on a loaded machine), on every single GET. The connection is
        made by the read engine (its pragmas: read-only, WAL, busy timeout), then detached from
        the pool, so it never counts against the pool's size; it holds no transaction between
        reads (autocommit, cursor closed), so each read sees the latest commit. One per thread
        that reads this way (the event loop's, on SQLite), closed by ``dispose``; a connection
        that fails is closed and the next read makes another.
        """
        key = threading.get_ident()
        raw: Any = self._held.get(key)
        if raw is None:
            proxied = self.engine.raw_connection()
            proxied.detach()
            raw = proxied.dbapi_connection
            with self._held_lock:
                self._held[key] = raw
        try:
            return _fetch(raw, sql, args)
        except dbapi_error:
            with self._held_lock:
                self._held.pop(key, None)
            raw.close()
            raise

    def dispose(self) -> None:
        with self._held_lock:
            held, self._held = list(self._held.values()), {}
        for raw in held:
            raw.close()
        self.engine.dispose()
        self.write_engine.dispose()


def _fetch(raw: Any, sql: str, args: Any) -> Any:
    cursor = raw.cursor()
    try:
        cursor.execute(sql, args)
        return cursor.fetchone()
    finally:
        cursor.close()
