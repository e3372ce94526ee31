"""What the container does, without Docker: the image's steps in a clean venv.

No Docker engine runs on the development machines or CI, so this repeats the image: build the
wheel, install it into a venv that is not the development one (the wheel and its runtime
dependencies only: no pytest in it), and run ``docker-entrypoint.sh``, the Dockerfile's own
ENTRYPOINT (migrate, seed, serve with two workers), on the suite's backend: a temporary SQLite
file, or a new database on the throwaway PostgreSQL. Then /readyz, a definition, the JSON log
lines and /metrics added up across both workers. It also checks that the Dockerfile runs that
script from that wheel, and compose.yaml's shape.

The clean venv is kept in build/ between runs, keyed by the runtime dependencies (installing
numpy, scipy and psycopg anew takes minutes); the wheel is reinstalled into it every run.
"""

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.conftest import ROOT, Backend

pytestmark = pytest.mark.slow

ENTRYPOINT = ROOT / "docker-entrypoint.sh"
STARTUP_SECONDS = 180  # two workers importing numpy and scipy on a loaded 2-core machine


def _run(*argv: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, check=False, **kwargs
    )  # type: ignore[call-overload]
    assert result.returncode == 0, f"{argv}: {result.stdout}\n{result.stderr}"
    return result  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def clean_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding the freshly built wheel and its runtime dependencies, nothing else."""
    wheels = tmp_path_factory.mktemp("wheels")
    _run(
        sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--wheel-dir", wheels, ROOT,
    )  # fmt: skip
    (wheel,) = wheels.glob("tic_registry-*.whl")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    key = hashlib.sha256(
        json.dumps([sys.version, sorted(project["dependencies"])]).encode()
    ).hexdigest()[:12]
    venv = ROOT / "build" / f"container-venv-{key}"
    python = venv / "bin" / "python"
    if not python.exists():
        for stale in venv.parent.glob("container-venv-*"):  # other dependencies' venvs
            shutil.rmtree(stale)
        _run(sys.executable, "-m", "venv", "--clear", venv)
        _run(python, "-m", "pip", "install", "--quiet", wheel, timeout=1800)
    else:
        _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", wheel)
    return venv


def test_the_venv_is_clean_and_the_wheel_carries_what_the_service_needs(
    clean_venv: Path,
) -> None:
    python = clean_venv / "bin" / "python"
    assert subprocess.run([python, "-c", "import pytest"], capture_output=True).returncode != 0
    listing = _run(
        python,
        "-c",
        "import api, pathlib; root = pathlib.Path(api.__file__).parent; "
        "print(root); print(*sorted(str(p.relative_to(root.parent)) for p in root.parent.glob("
        "'[as][pe][ie]*/**/*') if p.suffix in {'.html', '.css', '.svg', '.py', '.json', '.toml'}"
        " or p.name == 'script.py.mako'), sep='\\n')",
        cwd="/",
    ).stdout.splitlines()
    assert listing[0].startswith(str(clean_venv))  # the installed package, not this checkout
    files = set(listing[1:])
    for wanted in (
        "api/templates/explore/base.html",
        "api/static/explore.css",
        "api/alembic/env.py",
        "api/alembic/script.py.mako",
        "seed/data/definitions.json",
        "api/comparison/principles.json",
    ):
        assert wanted in files, wanted
    migrations = {f for f in files if f.startswith("api/alembic/versions/")}
    assert len(migrations) == len(list((ROOT / "alembic" / "versions").glob("*.py")))


@pytest.fixture
def database_url(backend: Backend, tmp_path: Path) -> Iterator[str]:
    """An empty database on the suite's backend: the container's first start."""
    if os.environ.get("TIC_TEST_BACKEND", "sqlite") == "postgres":
        url = backend.new_url()
        yield url
        backend.drop(url)
    else:
        yield f"sqlite:///{tmp_path / 'container.db'}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_entrypoint_migrates_seeds_and_serves_with_two_workers(
    clean_venv: Path, database_url: str, tmp_path: Path
) -> None:
    port = _free_port()
    env = {
        "PATH": f"{clean_venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "TIC_DATABASE_URL": database_url,
        "TIC_HOST": "127.0.0.1",
        "TIC_PORT": str(port),
        "TIC_WORKERS": "2",
        "TIC_LOG_FORMAT": "json",
        "TMPDIR": str(tmp_path),  # where serve makes the workers' metrics directory
    }
    log, out = tmp_path / "stderr.log", tmp_path / "stdout.log"
    started = time.monotonic()
    with log.open("w") as stderr, out.open("w") as stdout:
        server = subprocess.Popen(
            ["sh", str(ENTRYPOINT)],
            cwd=tmp_path,  # not the checkout: only the installed package can be imported
            env=env,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        ready = None
        while time.monotonic() - started < STARTUP_SECONDS:
            assert server.poll() is None, log.read_text()
            try:
                ready = httpx.get(f"{base}/readyz", timeout=2)
            except httpx.TransportError:
                time.sleep(0.5)
                continue
            # 503 "starting" while a worker still builds its index: a readiness probe waits.
            if ready.status_code != 503 or "starting" not in ready.json().get("type", ""):
                break
            time.sleep(0.5)
        assert ready is not None, f"no answer in {STARTUP_SECONDS} s:\n{log.read_text()}"
        assert ready.status_code == 200, ready.text
        assert ready.json()["status"] == "ready"
        print(f"\ncontainer steps: ready in {time.monotonic() - started:.1f} s on {database_url}")

        answers = [
            httpx.get(f"{base}/v1/definitions/1", headers={"X-Request-ID": f"container-{i}"})
            for i in range(8)
        ]
        assert {a.status_code for a in answers} == {200}
        assert answers[0].json()["id"] == 1
        assert "server" not in answers[0].headers
        assert [a.headers["x-request-id"] for a in answers] == [f"container-{i}" for i in range(8)]

        metrics = httpx.get(f"{base}/metrics").text
        series = 'tic_http_requests_total{method="GET",route="/v1/definitions/{definition_id}",'
        counted = [line for line in metrics.splitlines() if line.startswith(series)]
        # Both workers' counts added up: all eight, whichever worker answered each.
        assert counted == [series + 'status="200"} 8.0'], counted
        assert "tic_analyser_duration_seconds_count" in metrics
        print(*(line for line in metrics.splitlines() if line.startswith(series)), sep="\n")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)

    assert "seed: " in out.read_text()  # the seed ran before serving
    assert not list(tmp_path.glob("tic-metrics-*"))  # removed when the server stopped
    lines = log.read_text().splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    requests = [r for r in records if r.get("logger") == "api.requests"]
    mine = [r for r in requests if str(r.get("request_id", "")).startswith("container-")]
    assert len(mine) == 8, lines[-20:]
    assert mine[0]["route"] == "/v1/definitions/{definition_id}"
    assert mine[0]["status"] == 200
    assert isinstance(mine[0]["duration_ms"], float)
    print(json.dumps(mine[0]))
    # Every line uvicorn and the app wrote while serving is JSON (alembic's migrate output may
    # precede them as plain text: it configures its own logging).
    serving = lines[next(i for i, line in enumerate(lines) if "Started parent process" in line) :]
    assert all(line.startswith("{") for line in serving), serving[:5]


def test_the_dockerfile_runs_the_tested_steps() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    instructions = [
        line.split(None, 1)
        for line in re.sub(r"\\\n\s*", " ", dockerfile).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    names = [i[0] for i in instructions]
    assert names.count("FROM") == 2  # a build stage, then a small runtime stage
    runtime = instructions[len(names) - 1 - names[::-1].index("FROM") :]
    runtime_text = " ".join(" ".join(i) for i in runtime)
    assert "pip install /wheels/*.whl" in runtime_text  # the wheel, not the source tree
    assert "COPY docker-entrypoint.sh" in runtime_text
    assert ["ENTRYPOINT", '["docker-entrypoint.sh"]'] in runtime
    users = [i[1] for i in runtime if i[0] == "USER"]
    assert users
    assert users[-1] not in ("root", "0")
    healthcheck = next(i[1] for i in runtime if i[0] == "HEALTHCHECK")
    assert "/readyz" in healthcheck
    assert "TIC_WORKERS" in runtime_text

    script = ENTRYPOINT.read_text()
    steps = [line for line in script.splitlines() if line.startswith(("tic-registry", "exec "))]
    assert steps == ["tic-registry migrate", "tic-registry seed", 'exec tic-registry serve "$@"']
    assert os.access(ENTRYPOINT, os.X_OK)

    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".git", "tests", "build"} <= set(ignored)


def test_compose_runs_the_image_with_postgresql() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    db, registry = compose["services"]["db"], compose["services"]["registry"]

    assert db["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]  # a named volume, kept across restarts

    assert registry["build"] == "."
    assert registry["depends_on"]["db"]["condition"] == "service_healthy"
    url = registry["environment"]["TIC_DATABASE_URL"]
    assert url.startswith("${TIC_DATABASE_URL")  # from the environment, with a default
    assert "postgresql+psycopg://" in url
    assert "@db:5432/" in url
    assert "TIC_WORKERS" in registry["environment"]
    assert any(str(p).endswith(":8000") for p in registry["ports"])
