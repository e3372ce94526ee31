"""Alembic environment: the URL comes from config.attributes (tests) or the app's settings."""

import logging
from typing import Any

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import api.models  # noqa: F401  (registers every table on SQLModel.metadata)
from api.config import settings

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

# Objects each engine's full-text search owns: created by hand in migrations, not by models.
SEARCH_OBJECTS = ("definition_search", "ix_definition_revision_search")


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    return not (name and name.startswith(SEARCH_OBJECTS))


def run_migrations() -> None:
    config = context.config
    url = config.attributes.get("database_url", settings.database_url)
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    connectable = engine_from_config(
        {"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with connectable.connect() as conn:
        _run(conn)


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
