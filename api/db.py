"""The engine and the per-request session."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

from api.config import settings


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for either backend; SQLite gets the pragmas it needs to behave like a server."""
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            # Foreign keys are off by default in SQLite; WAL lets readers run beside a writer.
            cursor.execute("PRAGMA foreign_keys=ON")
            if ":memory:" not in url and url not in ("sqlite://", "sqlite:///"):
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


engine = make_engine(settings.database_url, echo=settings.sql_echo)


def get_session() -> Iterator[Session]:
    with Session(engine) as session:
        yield session
