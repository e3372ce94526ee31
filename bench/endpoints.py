"""Benchmark: latency of the comparison and consensus endpoints as the registry grows.

Builds registries of 10, 1,000 and 10,000 definitions (the seed plus synthetic definitions
spread over 200 organisations, analysed and indexed exactly as submissions are), then times the
endpoints in process through the ASGI app. Each time is printed beside the 10-definition time
(the ratio shows how it scales) and beside a 250 ms budget.

    .venv/bin/python -m bench.endpoints            # SQLite (the embedded default)
    TIC_BENCH_POSTGRES_URL=postgresql+psycopg://... .venv/bin/python -m bench.endpoints
"""

from __future__ import annotations

import logging
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from fastapi import Request
from fastapi.testclient import TestClient
from sqlalchemy import make_url, text
from sqlmodel import Session

from api.db import Database, get_session, make_engine, session_for
from api.main import app
from api.models import Definition, Organisation
from api.services.definitions import write_revision
from seed.loader import seed

SIZES = (10, 1_000, 10_000)
BUDGET_MS = 250.0
REPEATS = 7
ROOT = Path(__file__).resolve().parent.parent

PHRASES = [
    "children and families feel safe",
    "practitioners are open and honest about decisions",
    "plans are made in partnership with parents",
    "young people have a say and real choices",
    "staff receive reflective supervision",
    "a consistent worker who knows the child well",
    "we avoid practices that re-traumatise",
    "adversity in childhood affects development and health",
    "workers notice the signs of trauma",
    "trauma knowledge shapes our policies and training",
    "culture, race and identity are respected",
    "care leavers with lived experience mentor others",
    "the service opens at nine and takes referrals by phone",
    "the team covers the north of the county",
]


def synthetic_text(rng: random.Random) -> str:
    picked = rng.sample(PHRASES, k=rng.randint(2, 5))
    return "Trauma-informed practice means " + "; ".join(picked) + "."


def _migrated_url(workdir: Path) -> tuple[str, Callable[[], None]]:
    pg = os.environ.get("TIC_BENCH_POSTGRES_URL")
    if not pg:
        return f"sqlite:///{workdir / 'bench.db'}", lambda: None
    name = f"tic_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(pg)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(pg).set(database=name).render_as_string(hide_password=False), drop


def grow(database: Database, target: int, rng: random.Random) -> None:
    """Add synthetic definitions until the registry holds ``target`` of them."""
    with database.session(write=True) as session:
        have = session.exec(text("SELECT count(*) FROM definition")).one()[0]  # type: ignore[call-overload]
        orgs: list[int] = []
        for i in range(200):
            slug = f"bench-org-{i}"
            org = session.exec(
                text("SELECT id FROM organisation WHERE slug = :s").bindparams(s=slug)
            ).first()  # type: ignore[call-overload]
            if org is None:
                row = Organisation(slug=slug, name=f"Bench organisation {i}", kind="department")
                session.add(row)
                session.flush()
                assert row.id is not None
                orgs.append(row.id)
            else:
                orgs.append(org[0])
        for n in range(have, target):
            definition = Definition(organisation_id=orgs[n % len(orgs)], kind="submitted")
            session.add(definition)
            session.flush()
            values = {
                "title": f"Synthetic definition {n}",
                "text": synthetic_text(rng),
                "status": "published",
            }
            write_revision(session, definition, 1, values, author=None)
            if n % 500 == 0:
                session.commit()
        session.commit()


def timed(call: Callable[[], object]) -> float:
    call()  # warm: caches (the TF-IDF index) are part of steady state, not of each request
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _client(database: Database) -> Iterator[TestClient]:
    def override(request: Request) -> Iterator[Session]:
        yield from session_for(database, request)

    app.dependency_overrides[get_session] = override
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()


def measure(client: TestClient, size: int, baseline: dict[str, float]) -> None:
    core = client.get("/v1/core-definition").json()["proposal"]["id"]
    page = client.get("/v1/definitions", params={"limit": 50}).json()["items"]
    some = [d["id"] for d in page]
    text_body = {"text": synthetic_text(random.Random(1))}
    calls: dict[str, Callable[[], object]] = {
        "GET /v1/consensus?kind=department": lambda: client.get("/v1/consensus"),
        "POST /v1/comparisons (text vs core)": lambda: client.post(
            "/v1/comparisons", json=text_body
        ),
        "POST /v1/comparisons (definition vs core)": lambda: client.post(
            "/v1/comparisons", json={"definition_id": some[-1], "against": core}
        ),
        "POST /v1/comparisons/matrix (50 chosen)": lambda: client.post(
            "/v1/comparisons/matrix", json={"definition_ids": some}
        ),
        "GET /v1/definitions?q=supervision": lambda: client.get(
            "/v1/definitions", params={"q": "supervision"}
        ),
    }
    for name, call in calls.items():
        ms = timed(call)
        base = baseline.setdefault(name, ms)
        ratio, budget = ms / base, ms / BUDGET_MS
        print(f"{size:>11,}  {name:<44} {ms:>9.1f}  {ratio:>8.2f}  {budget:>11.2f}")


def run() -> None:
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        url, drop = _migrated_url(Path(tmp))
        config = Config(toml_file=str(ROOT / "pyproject.toml"))
        config.attributes["database_url"] = url
        command.upgrade(config, "head")
        # Alembic's env.py logs at INFO; the HTTP client would then log every request.
        logging.getLogger("httpx2").setLevel(logging.WARNING)
        logging.getLogger("alembic").setLevel(logging.WARNING)
        database = Database(url)
        with Session(database.engine) as session:
            seed(session)
        dialect = database.engine.dialect.name
        print(f"endpoint latency, median of {REPEATS} after one warm-up, on {dialect}")
        header = f"{'definitions':>11}  {'endpoint':<44} {'ms':>9}  {'x vs 10':>8}"
        print(f"{header}  {'x vs 250ms':>11}")
        baseline: dict[str, float] = {}
        try:
            for size in SIZES:
                start = time.perf_counter()
                grow(database, size, rng)
                built = time.perf_counter() - start
                for client in _client(database):
                    measure(client, size, baseline)
                print(f"{'':>11}  (registry of {size:,} built in {built:.1f} s)")
        finally:
            database.dispose()
            drop()


if __name__ == "__main__":
    run()
