"""Alembic owns the schema: upgrade an empty database, find no drift, downgrade to nothing."""

from alembic import command
from sqlalchemy import inspect

from api.db import make_engine
from tests.conftest import Backend, alembic_config


def test_upgrade_check_downgrade(backend: Backend) -> None:
    url = backend.new_url()
    config = alembic_config(url)
    try:
        command.upgrade(config, "head")
        engine = make_engine(url)
        tables = set(inspect(engine).get_table_names())
        assert {"definition", "definition_revision", "organisation", "api_key"} <= tables

        command.check(config)  # raises if a model changed without a migration

        command.downgrade(config, "base")
        left = set(inspect(engine).get_table_names()) - {"alembic_version"}
        engine.dispose()
        assert left == set()
    finally:
        backend.drop(url)
