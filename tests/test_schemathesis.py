"""Schemathesis against the live OpenAPI document of a running server: zero failures.

Every phase runs (examples, coverage, fuzzing, and stateful, which follows the document's links
from each create to what uses it) with every check, as a steward and as a department's
submitter, so writes are exercised. ``tests/schemathesis.toml`` says which key each operation is
called with, and where a check is widened for a refusal no schema can state, why. The run is
bounded by the number of examples per operation; the number of cases it ran is printed.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest
from sqlmodel import Session, select

from api.db import Database
from api.keys import create_key
from api.models import Organisation

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tests" / "schemathesis.toml"
PHASES = ("examples", "coverage", "fuzzing", "stateful")
# Cases per operation and phase: what keeps one engine's run to a few minutes on CI's two cores.
# (`--max-time` would not bound it: fuzzing and stateful testing repeat until it is spent.)
MAX_EXAMPLES = 20
# A hard stop, far above a normal run.
TIMEOUT_SECONDS = 900
SEED = 20_260_129  # reproducible: the same cases on every run


def _keys(database: Database) -> dict[str, str]:
    with Session(database.write_engine) as session:

        def org(slug: str) -> Organisation:
            return session.exec(select(Organisation).where(Organisation.slug == slug)).one()

        _, steward = create_key(session, org("dhsc"), "steward")
        _, submitter = create_key(session, org("dfe"), "submitter")
    return {"TIC_ST_STEWARD_KEY": steward, "TIC_ST_SUBMITTER_KEY": submitter}


@pytest.fixture
def unlimited(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server under test keeps no rate limit (set before ``live_server`` starts it): the
    limits have their own tests, and schemathesis sends far more than a client may."""
    monkeypatch.setenv("TIC_RATE_LIMIT_ENABLED", "false")


@pytest.mark.slow
def test_schemathesis_finds_nothing(
    unlimited: None,
    live_server: str,
    database: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The analyser compiles its rules on first use, which on a loaded two-CPU machine takes longer
    # than schemathesis waits for one response (10 s): the document's examples now make an
    # analysis the first request, so warm the server with one first.
    warm = httpx2.post(f"{live_server}/v1/analyses", json={"text": "Staff feel safe."}, timeout=120)
    assert warm.status_code == 200
    report = tmp_path / "report.json"
    command = [
        str(Path(sys.executable).with_name("st")),
        "--config-file",
        str(CONFIG),
        "--no-color",
        "run",
        f"{live_server}/openapi.json",
        "--phases",
        ",".join(PHASES),
        "--checks",
        "all",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--request-timeout",
        "60",
        "--generation-database",
        "none",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    # Run where nothing is cached: schemathesis replays crashes it stored in its working folder.
    result = subprocess.run(
        command,
        cwd=tmp_path,
        env={**os.environ, **_keys(database)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    (tmp_path / "schemathesis.txt").write_text(result.stdout + result.stderr)
    summary = json.loads(report.read_text())

    cases = summary["test_cases"]
    failures = {f["code"]: (f["title"], f["count"], f["operations"]) for f in summary["failures"]}
    phases = {name: phase["status"] for name, phase in summary["phases"].items()}
    with capsys.disabled():
        print(
            f"\nschemathesis ({os.environ.get('TIC_TEST_BACKEND', 'sqlite')}): "
            f"{cases['generated']} cases over {summary['operations']['tested']} operations, "
            f"{len(summary['failures'])} failures, {len(summary['errors'])} errors; phases "
            + ", ".join(f"{name} {status}" for name, status in phases.items())
            + f"; {summary['running_time']:.0f} s"
        )
    output = result.stdout[-6000:]
    assert not failures, f"{failures}\n{output}"
    assert not summary["errors"], f"{summary['errors']}\n{output}"
    assert result.returncode == 0, output
    assert summary["operations"]["tested"] == summary["operations"]["total"]
    # Every phase ran and passed: none was skipped for want of examples or links.
    assert phases == dict.fromkeys(PHASES, "success"), output
    assert cases["generated"] >= 1000
