"""Test databases: every test gets its own real, migrated database.

The backend is SQLite unless TIC_TEST_BACKEND=postgres, when TIC_TEST_POSTGRES_URL must point at
a server (``.ci/run`` starts a throwaway one). Migrations (and the seed, for the seeded template)
run once per session into a template; each test then gets a copy: a file copy on SQLite,
``CREATE DATABASE ... TEMPLATE`` on PostgreSQL. Tests therefore commit for real, run the real
migrations (full-text search included) and never see each other's rows.
"""

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import Engine, make_url, text
from sqlmodel import Session

from api.db import get_session, make_engine
from api.main import app

ROOT = Path(__file__).resolve().parent.parent
BACKEND = os.environ.get("TIC_TEST_BACKEND", "sqlite")
POSTGRES_URL = os.environ.get("TIC_TEST_POSTGRES_URL", "")


def alembic_config(url: str) -> Config:
    config = Config(toml_file=str(ROOT / "pyproject.toml"))
    config.attributes["database_url"] = url
    return config


def migrate(url: str) -> None:
    command.upgrade(alembic_config(url), "head")


@dataclass
class Backend:
    """Makes and drops databases for one test run."""

    workdir: Path

    def new_url(self) -> str:
        if BACKEND == "postgres":
            name = f"tic_{uuid.uuid4().hex[:12]}"
            self._admin(f'CREATE DATABASE "{name}"')
            return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        return f"sqlite:///{self.workdir / uuid.uuid4().hex}.db"

    def copy(self, template_url: str) -> str:
        if BACKEND == "postgres":
            name = f"tic_{uuid.uuid4().hex[:12]}"
            source = make_url(template_url).database
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
            return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        path = self.workdir / f"{uuid.uuid4().hex}.db"
        shutil.copyfile(make_url(template_url).database or "", path)
        return f"sqlite:///{path}"

    def drop(self, url: str) -> None:
        if BACKEND == "postgres":
            name = make_url(url).database
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            Path(make_url(url).database or "").unlink(missing_ok=True)

    def _admin(self, sql: str) -> None:
        engine = make_engine(POSTGRES_URL)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(sql))
        engine.dispose()


@pytest.fixture(scope="session")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Backend:
    if BACKEND == "postgres" and not POSTGRES_URL:
        pytest.fail("TIC_TEST_BACKEND=postgres needs TIC_TEST_POSTGRES_URL")
    return Backend(workdir=tmp_path_factory.mktemp("db"))


@pytest.fixture(scope="session")
def migrated_template(backend: Backend) -> Iterator[str]:
    url = backend.new_url()
    migrate(url)
    yield url
    backend.drop(url)


@pytest.fixture(scope="session")
def seeded_template(backend: Backend, migrated_template: str) -> Iterator[str]:
    from seed.loader import seed

    url = backend.copy(migrated_template)
    engine = make_engine(url)
    with Session(engine) as session:
        seed(session)
    engine.dispose()
    yield url
    backend.drop(url)


def _engine_for(backend: Backend, template: str) -> Iterator[Engine]:
    url = backend.copy(template)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    backend.drop(url)


@pytest.fixture
def engine(backend: Backend, seeded_template: str) -> Iterator[Engine]:
    """A database holding the seed content."""
    yield from _engine_for(backend, seeded_template)


@pytest.fixture
def empty_engine(backend: Backend, migrated_template: str) -> Iterator[Engine]:
    """A migrated database with no rows at all."""
    yield from _engine_for(backend, migrated_template)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


def _client(engine: Engine) -> Iterator[TestClient]:
    def override() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = override
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.dependency_overrides.clear()


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    """The app over the seeded database."""
    yield from _client(engine)


@pytest.fixture
def empty_client(empty_engine: Engine) -> Iterator[TestClient]:
    yield from _client(empty_engine)
