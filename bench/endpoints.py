"""Benchmark: latency of the comparison, consensus and search services as the registry grows.

Builds registries of 10, 1,000 and 10,000 definitions (the seed plus ``bench.synthetic``'s
definitions over 400 synthetic organisations, analysed and indexed as the service does), then
times the
services behind the endpoints in process, on a read-only session as the endpoints use (HTTP
cost is measured by ``bench.reads``). Each time is printed beside the 10-definition time (the
ratio shows how it scales) and beside a 250 ms budget.

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
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import make_url, text

from api.db import Database, make_engine
from api.models.comparison import ComparisonRequest
from api.services import comparison, core, definitions
from bench import synthetic
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


def grow(database: Database, target: int) -> None:
    """Add synthetic definitions (``bench.synthetic``) until the registry holds ``target``."""
    synthetic.grow(database.write_engine, target, show_progress=False, cache=synthetic.CACHE)


def timed(call: Callable[[], object]) -> float:
    call()  # warm: caches (the TF-IDF index) are part of steady state, not of each request
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(database: Database, size: int, baseline: dict[str, float]) -> None:
    with database.session() as session:
        core_definition, _ = core.get_current(session)
        page, _ = definitions.list_page(session, definitions.DefinitionFilters(), 50, None)
        some = [i for i, _ in page]
        text_body = ComparisonRequest(text=synthetic_text(random.Random(1)))
        against = ComparisonRequest(definition_id=some[-1], against=core_definition.id)
        supervision = definitions.DefinitionFilters(q="supervision")
        calls: dict[str, Callable[[], object]] = {
            "GET /v1/consensus?kind=department": lambda: comparison.consensus_for(
                session, "department"
            ),
            "POST /v1/comparisons (text vs core)": lambda: comparison.compare(session, text_body),
            "POST /v1/comparisons (definition vs core)": lambda: comparison.compare(
                session, against
            ),
            "POST /v1/comparisons/matrix (50 chosen)": lambda: comparison.matrix(session, some),
            "GET /v1/definitions?q=supervision": lambda: definitions.present_summaries(
                session,
                definitions.at_revisions(
                    session, definitions.list_page(session, supervision, 50, None)[0]
                ),
            ),
        }
        for name, call in calls.items():
            ms = timed(call)
            base = baseline.setdefault(name, ms)
            ratio, budget = ms / base, ms / BUDGET_MS
            print(f"{size:>11,}  {name:<44} {ms:>9.1f}  {ratio:>8.2f}  {budget:>11.2f}")


def run() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url, drop = _migrated_url(Path(tmp))
        config = Config(toml_file=str(ROOT / "pyproject.toml"))
        config.attributes["database_url"] = url
        command.upgrade(config, "head")
        logging.getLogger("alembic").setLevel(logging.WARNING)
        database = Database(url)
        with database.session(write=True) as session:
            seed(session)
        dialect = database.engine.dialect.name
        print(f"endpoint latency, median of {REPEATS} after one warm-up, on {dialect}")
        header = f"{'definitions':>11}  {'endpoint':<44} {'ms':>9}  {'x vs 10':>8}"
        print(f"{header}  {'x vs 250ms':>11}")
        baseline: dict[str, float] = {}
        try:
            for size in SIZES:
                start = time.perf_counter()
                grow(database, size)
                built = time.perf_counter() - start
                measure(database, size, baseline)
                print(f"{'':>11}  (registry of {size:,} built in {built:.1f} s)")
        finally:
            database.dispose()
            drop()


if __name__ == "__main__":
    run()
