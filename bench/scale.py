"""Benchmark: how the API's cost grows from 1,000 to 100,000 definitions, served over HTTP.

For each size (1,000, 10,000 and 100,000 definitions on SQLite, and 100,000 on PostgreSQL in a
throwaway cluster started with ``.ci/postgres.sh``) it builds a fresh registry (migrations, the
seed, then ``bench.synthetic``: the load time printed is that of the synthetic definitions),
serves it with one uvicorn worker as ``make serve`` does, and times each endpoint from one client
over HTTP, one request at a time: p50 and p95 of up to ``REQUESTS`` requests (fewer when a
request is slow, so a size takes bounded time) after one warm-up request. Then:

* workers: on PostgreSQL at 100,000 definitions, one worker against ``make serve-prod``'s
  several, under the same wrk load: requests per second for a single GET and a comparison.
  On 2 CPUs a speed-up near 2 is the physical limit for CPU-bound comparisons (and wrk itself
  needs some CPU), so the table says how close each comes;
* the ceiling: ``bench.ceiling``, a bare FastAPI app on the same uvicorn command line returning
  the bytes our server sent for the same definitions, from memory: ours / ceiling for the single
  GET under the same load (target at least 0.6).

``--quick`` (``make bench-quick``): 1,000 definitions on SQLite only, the workers and the
ceiling on that SQLite file, with short wrk runs.

    .venv/bin/python -m bench.scale
    .venv/bin/python -m bench.scale --quick
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from api.db import Database
from api.pagination import encode_cursor
from bench import phases, synthetic
from bench.phases import phase, record
from bench.reads import Load, Loader
from bench.serving import (
    ROOT,
    Server,
    free_port,
    peak_rss_mb,
    raise_on_sigterm,
    serve_command,
    server_env,
    serving,
)
from seed.loader import seed

SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000,)
REQUESTS = 60  # per endpoint and size, at most
BUDGET_S = 6.0  # per endpoint and size: fewer requests when each is slow (at least 5)
MIN_REQUESTS = 5
PAGE = 50
DEEP_PAGE = 1_000
WORKERS = max(2, os.cpu_count() or 1)
TARGET_CEILING = 0.6
CACHE = synthetic.CACHE
SEARCHES = (
    "supervision",
    "partnership parents",
    "culture identity",
    "peer mentors lived experience",
    "signs of trauma",
    "referrals phone",
    "retell their story",
    "safe",
)
TREND_ORGANISATION = f"{synthetic.SYNTHETIC_SLUG}1"  # a CSC team
DRAFT = (
    "Trauma-informed practice means children feel safe, plans are made in partnership with "
    "parents, and staff receive reflective supervision."
)


@dataclass(frozen=True)
class Timing:
    samples: list[float]  # milliseconds
    failed: str | None = None  # what the last request answered, when it was not 200

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@dataclass
class Column:
    """What one registry measured: rows of the table by name."""

    name: str
    times: dict[str, Timing] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


# --- registries -------------------------------------------------------------------------------


def _migrate_and_seed(url: str) -> None:
    config = Config(toml_file=str(ROOT / "pyproject.toml"))
    config.attributes["database_url"] = url
    command.upgrade(config, "head")
    # Alembic's logging configuration turns INFO on; one line per request is noise here.
    for name in ("alembic", "httpx"):
        logging.getLogger(name).setLevel(logging.WARNING)
    database = Database(url)
    try:
        with database.session(write=True) as session:
            seed(session)
    finally:
        database.dispose()


def build(url: str, size: int) -> synthetic.Grown:
    """A fresh registry of ``size`` definitions (the synthetic ones' texts and analyses kept in
    CACHE for the next run: the load then only writes them)."""
    with phase("migrate and seed"):
        _migrate_and_seed(url)
    database = Database(url)
    try:
        with phase("load synthetic definitions"):
            grown = synthetic.grow(database.write_engine, size, cache=CACHE)
            # Inside the load: the workers compose and read while this process writes.
            record("inserting (this process)", grown.write_s)
            record("tallies and sequences after the rows", grown.finish_s)
        return grown
    finally:
        database.dispose()


def _database_mb(url: str) -> float:
    database = Database(url)
    try:
        with database.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                pages = conn.execute(text("PRAGMA page_count")).scalar_one()
                size = conn.execute(text("PRAGMA page_size")).scalar_one()
                return float(pages * size) / 2**20
            found = conn.execute(text("SELECT pg_database_size(current_database())"))
            return float(found.scalar_one()) / 2**20
    finally:
        database.dispose()


def _deep_cursor(url: str, size: int) -> tuple[str, int]:
    """The cursor a client holds after paging to page ``DEEP_PAGE`` (or the last full page of a
    smaller registry) of ``GET /v1/definitions?limit=50``, and the page's number."""
    page = min(DEEP_PAGE, size // PAGE)
    database = Database(url)
    try:
        with database.engine.connect() as conn:
            last_id = conn.execute(
                text("SELECT id FROM definition ORDER BY id LIMIT 1 OFFSET :n"),
                {"n": (page - 1) * PAGE - 1},
            ).scalar_one()
    finally:
        database.dispose()
    return encode_cursor([int(last_id)]), page


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL cluster (``.ci/postgres.sh``, installed from Debian if missing)."""
    started = subprocess.run(
        ["bash", "-c", 'source .ci/postgres.sh && pg_start >&2 && echo "$PG_DIR $PG_PORT $PG_BIN"'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if started.returncode != 0:
        raise RuntimeError(f"PostgreSQL did not start:\n{started.stderr[-3000:]}")
    pg_dir, port, pg_bin = started.stdout.split()
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        env = {**os.environ, "PG_DIR": pg_dir, "PG_PORT": port, "PG_BIN": pg_bin}
        subprocess.run(["bash", "-c", "source .ci/postgres.sh && pg_stop"], cwd=ROOT, env=env)


# --- timing over HTTP -------------------------------------------------------------------------


Call = Callable[[httpx.Client, int], httpx.Response]


def timed(client: httpx.Client, call: Call, *, requests: int = REQUESTS) -> Timing:
    """One warm-up call, then up to ``requests``: at least MIN_REQUESTS while they are fast,
    fewer (at least one) once BUDGET_S has passed, so a slow endpoint costs bounded time. A
    failure (a 503 when a request outlives the server's timeout) is recorded, not raised."""
    started = time.monotonic()
    first = call(client, 0)
    if first.status_code != 200:
        return Timing([(time.monotonic() - started) * 1000], failed=_failure(first))
    slow = time.monotonic() - started > BUDGET_S / MIN_REQUESTS
    samples: list[float] = []
    deadline = time.monotonic() + BUDGET_S
    for n in range(1, requests + 1):
        start = time.perf_counter()
        response = call(client, n)
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            return Timing(samples, failed=_failure(response))
        enough = len(samples) >= (1 if slow else MIN_REQUESTS)
        if enough and time.monotonic() > deadline:
            break
    return Timing(samples)


def _failure(response: httpx.Response) -> str:
    return f"{response.status_code} {response.request.method} {response.request.url.path}"


def _ok(response: httpx.Response) -> None:
    if response.status_code != 200:
        raise RuntimeError(
            f"{response.request.method} {response.request.url}: {response.status_code} "
            f"{response.text[:500]}"
        )


def _neighbour_calls(paths: dict[str, Any], ids: Sequence[int]) -> dict[str, Call]:
    """Nearest neighbours, when the API has them (read from its OpenAPI document)."""
    calls: dict[str, Call] = {}

    def by_id(template: str) -> Call:
        head, rest = template.split("{")[0], template.split("}", 1)[1]
        return lambda c, n: c.get(f"{head}{ids[n % len(ids)]}{rest}")

    def by_text(path: str) -> Call:
        return lambda c, n: c.post(path, json={"text": DRAFT})

    for path, operations in paths.items():
        if "neighbour" in path and "get" in operations and "{" in path:
            calls[f"GET {path}"] = by_id(path)
        if "neighbour" in path and "post" in operations:
            calls[f"POST {path} (text)"] = by_text(path)
    return calls


def measure(server: Server, url: str, size: int, column: Column) -> list[int]:
    """Time every endpoint at this size; return the definition ids the single GETs used."""
    database = Database(url)
    try:
        with database.engine.connect() as conn:
            all_ids = [int(i) for (i,) in conn.execute(text("SELECT id FROM definition"))]
    finally:
        database.dispose()
    ids = random.Random(size).sample(all_ids, min(len(all_ids), 500))
    cursor, page = _deep_cursor(url, size)
    with httpx.Client(base_url=server.base, timeout=120) as client:
        core = client.get("/v1/core-definition").json()["proposal"]["id"]
        paths = client.get("/openapi.json").json()["paths"]
        # The first comparison once the server is ready: the index it weighs terms with was
        # built at start (see "server start until ready"), so this should cost as the others.
        start = time.perf_counter()
        first = client.post("/v1/comparisons", json={"definition_id": ids[0], "against": core})
        name = "first comparison after start, ms"
        column.values[name] = (time.perf_counter() - start) * 1000
        if first.status_code != 200:
            column.notes[name] = f"answered {first.status_code}"
        calls: dict[str, Call] = {
            "GET /v1/definitions/{id}": lambda c, n: c.get(f"/v1/definitions/{ids[n % len(ids)]}"),
            "GET /v1/definitions?limit=50": lambda c, n: c.get("/v1/definitions?limit=50"),
            "GET /v1/definitions?q= (search)": lambda c, n: c.get(
                "/v1/definitions", params={"q": SEARCHES[n % len(SEARCHES)], "limit": PAGE}
            ),
            "page 1 of ?limit=50": lambda c, n: c.get("/v1/definitions", params={"limit": PAGE}),
            f"page {DEEP_PAGE:,} of ?limit=50": lambda c, n: c.get(
                "/v1/definitions", params={"limit": PAGE, "cursor": cursor}
            ),
            "POST /v1/comparisons (definition vs core)": lambda c, n: c.post(
                "/v1/comparisons", json={"definition_id": ids[n % len(ids)], "against": core}
            ),
            "POST /v1/comparisons (text vs core)": lambda c, n: c.post(
                "/v1/comparisons", json={"text": DRAFT}
            ),
            "GET /v1/consensus?kind=csc_team": lambda c, n: c.get(
                "/v1/consensus", params={"kind": "csc_team"}
            ),
            # A page of the trend (its default, 50 definitions with their revisions): bounded
            # by the limit, and walked by index, however many pages precede it.
            "GET /v1/consensus/trend?kind=csc_team (a page)": lambda c, n: c.get(
                "/v1/consensus/trend", params={"kind": "csc_team"}
            ),
            # One organisation's trend: its answer stays the same size as the registry grows.
            "GET /v1/consensus/trend?organisation= (one)": lambda c, n: c.get(
                "/v1/consensus/trend", params={"organisation": TREND_ORGANISATION}
            ),
            **_neighbour_calls(paths, ids),
        }
        for name, call in calls.items():
            column.times[name] = timed(client, call)
    if page != DEEP_PAGE:
        column.notes[f"page {DEEP_PAGE:,} of ?limit=50"] = f"page {page}, the last there is"
    column.values["server peak memory (RSS), MB"] = peak_rss_mb(server.pid)
    column.values["database size, MB"] = _database_mb(url)
    return ids


def one_size(workdir: Path, url: str, size: int, name: str) -> tuple[Column, list[int]]:
    with phase(name):
        return _one_size(workdir, url, size, name)


def _one_size(workdir: Path, url: str, size: int, name: str) -> tuple[Column, list[int]]:
    column = Column(name)
    started = time.perf_counter()
    grown = build(url, size)
    column.values["load time (synthetic definitions), s"] = grown.seconds
    column.notes["load time (synthetic definitions), s"] = _load_note(grown)
    port = free_port()
    log = workdir / f"server-{name}.log"
    # Ready when /readyz says so: the server has built its neighbour index (in the background,
    # from its start), which grows with the registry.
    start = time.perf_counter()
    env = server_env(url)
    with serving(name, serve_command(port), env, port, log, ready_path="/readyz", cwd=workdir) as s:
        column.values["server start until ready, s"] = time.perf_counter() - start
        record("server start until ready", time.perf_counter() - start)
        with phase("measure every endpoint over HTTP"):
            ids = measure(s, url, size, column)
    print(f"  {name}: built and measured in {time.perf_counter() - started:.0f} s", flush=True)
    _keep(column)
    return column, ids


def _load_note(grown: synthetic.Grown) -> str:
    """Where the load's texts and readings came from (the cache, or made in this run)."""
    read = grown.added - grown.cached
    composed = grown.added - grown.texts_cached
    if not read:
        return (
            f"writing only: {grown.cached:,} texts and readings came from {CACHE.name}/ "
            f"(generating and analysing them took {grown.cached_cpu_s:.0f} CPU-s when cached)"
        )
    made = (
        f"{composed:,} texts composed and {read:,} read by the analyser in this run"
        if composed
        else f"{read:,} cached texts read by the analyser in this run (a new analyser)"
    )
    return (
        f"{made} ({grown.made_cpu_s:.0f} CPU-s in {os.cpu_count()} worker processes, beside the "
        f"writing), then written; kept in {CACHE.name}/ for the next run"
    )


def kept_columns() -> list[Column]:
    """The columns ``_keep`` wrote, in the order they were measured."""
    kept = json.loads((ROOT / "build" / "bench-scale.json").read_text())
    columns = []
    for name, c in kept.items():
        column = Column(name, values=c["values"], notes=c["notes"])
        for what, t in c["times_ms"].items():
            column.times[what] = Timing(t["samples"], failed=t["failed"])
        print(f"  ({name}: measured at {c['at']}, load average {c['load_average']:.1f})")
        columns.append(column)
    return columns


def _keep(column: Column) -> None:
    """Each column as soon as it is measured (build/bench-scale.json), so a run stopped later
    (or failing at PostgreSQL) still leaves what it measured."""
    kept = ROOT / "build" / "bench-scale.json"
    try:
        columns = json.loads(kept.read_text())
    except (OSError, ValueError):
        columns = {}
    columns[column.name] = {
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_average": os.getloadavg()[0],
        "times_ms": {
            k: {"samples": t.samples, "failed": t.failed} for k, t in column.times.items()
        },
        "values": column.values,
        "notes": column.notes,
    }
    kept.parent.mkdir(exist_ok=True)
    kept.write_text(json.dumps(columns, indent=1))


# --- the table --------------------------------------------------------------------------------


def print_table(columns: Sequence[Column]) -> None:
    first, last = columns[0], [c for c in columns if c.name.startswith("SQLite")][-1]
    width = 44
    head = f"{'':<{width}}" + "".join(f"{c.name:>20}" for c in columns)
    if first is not last:
        head += f"{'growth ' + first.name.split()[-1] + ' -> ' + last.name.split()[-1]:>22}"
    print(head)
    print(f"{'latency p50/p95, ms':<{width}}")
    names = list(dict.fromkeys(n for c in columns for n in c.times))
    for name in names:
        row = f"{name:<{width}}"
        for c in columns:
            t = c.times.get(name)
            if t is None:
                cell = "not available"
            elif t.failed:
                cell = f"{t.failed.split()[0]} after {t.samples[-1] / 1000:.0f} s"
            elif len(t.samples) < MIN_REQUESTS:
                cell = f"{t.p50:.0f} (n={len(t.samples)})"
            else:
                cell = f"{t.p50:.1f}/{t.p95:.1f}"
            row += f"{cell:>20}"
        comparable = name in first.times and name in last.times
        if (
            first is not last
            and comparable
            and not (first.times[name].failed or last.times[name].failed)
        ):
            row += f"{last.times[name].p50 / first.times[name].p50:>21.1f}x"
        print(row)
    deep = f"page {DEEP_PAGE:,} of ?limit=50"
    row = f"{'deep page / page 1 (p50; target near 1)':<{width}}"
    for c in columns:
        ratio = c.times[deep].p50 / c.times["page 1 of ?limit=50"].p50
        note = " (last page)" if deep in c.notes else ""
        row += f"{f'{ratio:.2f}{note}':>20}"
    print(row)
    for name in dict.fromkeys(n for c in columns for n in c.values):
        row = f"{name:<{width}}"
        for c in columns:
            row += f"{c.values[name]:>20.1f}"
        if first is not last:
            row += f"{last.values[name] / first.values[name]:>21.1f}x"
        print(row)
    for c in columns:
        for what, note in c.notes.items():
            print(f"  ({c.name}: '{what}': {note})")


# --- workers and the ceiling ------------------------------------------------------------------


@dataclass(frozen=True)
class Throughput:
    what: str
    one: Load
    many: Load

    @property
    def speedup(self) -> float:
        return self.many.rps / self.one.rps if self.one.rps else float("inf")

    def limit(self, cpus: int) -> float:
        """The speed-up the CPUs allowed: what wrk and other processes left to the server
        with several workers, over what one worker used (at most the number of workers)."""
        left = cpus - self.many.loader_cpu - self.many.others_cpu
        return (
            max(1.0, min(float(WORKERS), left / self.one.server_cpu))
            if self.one.server_cpu
            else 1.0
        )


HOT_DEFINITIONS = 50


def _load(
    loader: Loader,
    server: Server,
    paths: Sequence[str],
    warm: int,
    secs: int,
    body: str | None = None,
) -> Load:
    loader.run(server, paths, warm, body)  # warms every worker (each fits its own index)
    return loader.run(server, paths, secs, body)  # its errors are printed beside its rate


def throughput(
    workdir: Path, url: str, ids: Sequence[int], loader: Loader, warm: int, secs: int
) -> tuple[list[Throughput], Load]:
    """Requests per second with one worker and with WORKERS, under the same wrk load; and
    the ceiling app's for the same single GETs (one worker)."""
    # A few dozen definitions, so that the warm-up renders each into every worker's cache: with
    # all 1,000 the one worker was measured warm (its cache filled for the ceiling's bytes) and
    # two workers cold, each rendering every definition again (101 against 796 req/s).
    ids = ids[:HOT_DEFINITIONS]
    singles = [f"/v1/definitions/{i}" for i in ids]
    loads: dict[tuple[str, int], Load] = {}
    core_id = 0
    for workers in (1, WORKERS):
        port = free_port()
        args = serve_command(port, workers=workers)
        log = workdir / f"workers-{workers}.log"
        # Ready, not only alive: a large registry's index is built after start-up (/readyz
        # answers 503 meanwhile), and measured then, a worker's load shares the CPUs with it.
        with serving(
            f"{workers} workers",
            args,
            server_env(url),
            port,
            log,
            ready_path="/readyz",
            cwd=workdir,
            workers=workers,
        ) as server:
            if not core_id:
                core_id = httpx.get(f"{server.base}/v1/core-definition").json()["proposal"]["id"]
                _save_responses(server.base, ids, workdir / "ceiling.json")
            body = json.dumps({"definition_id": ids[0], "against": core_id})
            loads[("single", workers)] = _load(loader, server, singles, warm, secs)
            loads[("compare", workers)] = _load(
                loader, server, ["/v1/comparisons"], warm * 3, secs, body
            )
    port = free_port()
    env = {**os.environ, "TIC_CEILING_RESPONSES": str(workdir / "ceiling.json")}
    args = [sys.executable, "-m", "bench.ceiling", "--port", str(port)]
    with serving("ceiling", args, env, port, workdir / "ceiling.log") as server:
        ceiling = _load(loader, server, singles, warm, secs)
    return [
        Throughput("GET /v1/definitions/{id}", loads[("single", 1)], loads[("single", WORKERS)]),
        Throughput(
            "POST /v1/comparisons (definition vs core)",
            loads[("compare", 1)],
            loads[("compare", WORKERS)],
        ),
    ], ceiling


def _save_responses(base: str, ids: Sequence[int], path: Path) -> None:
    """Our exact bytes and headers for each definition, for the ceiling app to send back."""
    skip = {"date", "server", "content-length", "connection", "transfer-encoding"}
    saved = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for i in ids:
            response = client.get(f"/v1/definitions/{i}")
            _ok(response)
            headers = {k: v for k, v in response.headers.items() if k.lower() not in skip}
            saved[i] = {"body": response.content.decode("utf-8"), "headers": headers}
    path.write_text(json.dumps(saved), encoding="utf-8")


def print_throughput(rows: Sequence[Throughput], ceiling: Load, where: str, loader: Loader) -> None:
    cpus = os.cpu_count() or 1
    print(f"\nworkers: one uvicorn worker against {WORKERS} (make serve-prod), {where};")
    print(f"  {loader.describe()}, on this machine's {cpus} CPUs")
    many = f"{WORKERS} workers rps"
    print(
        f"{'endpoint':<44} {'1 worker rps':>12} {many:>14} {'speed-up':>9} {'limit here':>10}"
        f" {'of it':>6}"
    )
    for r in rows:
        print(
            f"{r.what:<44} {r.one.rps:>12.0f} {r.many.rps:>14.0f} {r.speedup:>8.2f}x"
            f" {r.limit(cpus):>9.2f}x {r.speedup / r.limit(cpus):>6.0%}"
        )
        print(
            f"  CPUs busy: server {r.one.server_cpu:.2f} with one worker, "
            f"{r.many.server_cpu:.2f} with {WORKERS}; wrk {r.one.loader_cpu:.2f} and "
            f"{r.many.loader_cpu:.2f}; other processes {r.one.others_cpu:.2f} and "
            f"{r.many.others_cpu:.2f}"
        )
        if r.one.errors or r.many.errors:
            print(f"  ({r.one.errors} and {r.many.errors} requests failed or timed out)")
    print(
        f"  (wrk runs on the same {cpus} CPUs and needs CPU too: the limit here is the CPUs it "
        f"and other processes left to the server with {WORKERS} workers, over those one worker "
        f"used, at most {WORKERS}x;\n   for CPU-bound comparisons on 2 CPUs that is about 2x "
        "less wrk's share. A busy machine lowers the limit and the speed-up alike.)"
    )
    ours = rows[0].one
    ratio = ours.rps / ceiling.rps if ceiling.rps else 0.0
    print(
        f"\nceiling: ours {ours.rps:.0f} rps against a bare FastAPI app returning the same bytes "
        f"from memory, {ceiling.rps:.0f} rps (one worker each, same uvicorn command line):"
    )
    met = "met" if ratio >= TARGET_CEILING else "NOT met"
    print(f"  ours / ceiling = {ratio:.2f} (target at least {TARGET_CEILING}: {met})")


# --- the run ----------------------------------------------------------------------------------


def run(
    quick: bool = False,
    postgres_too: bool = True,
    sizes: Sequence[int] = (),
    throughput_too: bool = True,
) -> None:
    previous = signal.signal(signal.SIGTERM, raise_on_sigterm)  # so `finally` stops servers
    try:
        _run(quick, postgres_too, tuple(sizes) or (QUICK_SIZES if quick else SIZES), throughput_too)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(quick: bool, postgres_too: bool, sizes: tuple[int, ...], throughput_too: bool) -> None:
    started = time.perf_counter()
    warm, secs = (1, 3) if quick else (3, 10)
    print(
        f"scale: registries of {', '.join(f'{s:,}' for s in sizes)} definitions"
        f" on SQLite{'' if quick or not postgres_too else f', and {sizes[-1]:,} on PostgreSQL'}"
        "; one uvicorn "
        f"worker; one client, p50/p95 of up to {REQUESTS} requests each over HTTP; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="tic-bench-scale-") as tmp:
        work = Path(tmp)
        columns: list[Column] = []
        last: tuple[str, list[int]] = ("", [])
        for size in sizes:
            url = f"sqlite:///{work / f'scale-{size}.db'}"
            column, ids = one_size(work, url, size, f"SQLite {size // 1000}k")
            columns.append(column)
            last = (url, ids)
        loader = Loader("auto", work, connections=8, threads=1)
        if not throughput_too:
            if postgres_too and not quick:
                with postgres() as url:
                    name = f"PostgreSQL {sizes[-1] // 1000}k"
                    columns.append(one_size(work, url, sizes[-1], name)[0])
            print_table(columns)
        elif quick or not postgres_too:
            print_table(columns)
            with phase("workers and ceiling (wrk)"):
                rows, ceiling = throughput(work, last[0], last[1], loader, warm, secs)
            print_throughput(rows, ceiling, f"SQLite, {sizes[-1]:,} definitions", loader)
        else:
            with postgres() as url:
                column, ids = one_size(work, url, sizes[-1], f"PostgreSQL {sizes[-1] // 1000}k")
                columns.append(column)
                print_table(columns)
                with phase("workers and ceiling (wrk)"):
                    rows, ceiling = throughput(work, url, ids, loader, warm, secs)
                print_throughput(rows, ceiling, f"PostgreSQL, {sizes[-1]:,} definitions", loader)
    print(
        f"\n(scale benchmark: {time.perf_counter() - started:.0f} s; load average "
        f"{os.getloadavg()[0]:.1f}: the machine is shared, so compare ratios within a run)"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.scale", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="1,000 definitions, short runs")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument(
        "--kept", action="store_true", help="print the table of the columns last measured"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=(), help="instead of the defaults")
    parser.add_argument("--no-throughput", action="store_true", help="no workers, no ceiling")
    args = parser.parse_args(argv)
    if args.kept:
        print_table(kept_columns())
        return
    started = time.perf_counter()
    run(args.quick, not args.no_postgres, args.sizes, not args.no_throughput)
    print("\nwhere the wall time went:")
    print(phases.table(time.perf_counter() - started))


if __name__ == "__main__":
    main()
