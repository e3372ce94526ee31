"""Faults answer 503 with Retry-After within the configured time, lose nothing, and pass.

On SQLite the fault is a writer holding the write lock past the wait a writer allows. On
PostgreSQL the server itself is stopped, and then hung (every process SIGSTOPped), under a
running service: /readyz and the data endpoints answer 503 problem+json in bounded time, the
service recovers without a restart, every write acknowledged before is still there, and no
write reported failed was applied.
"""

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.app import create_app
from api.config import Settings
from api.db import Database
from tests.conftest import BACKEND, Keys
from tests.helpers import assert_problem

READS = [
    "/readyz",
    "/v1/definitions",
    "/v1/definitions/1",
    "/v1/core-definition",
    "/v1/organisations",
    "/v1/practice-models",
    "/v1/consensus",
]


def _title() -> str:
    return f"Fault probe {uuid.uuid4().hex[:10]}"


def _write(client: Any, headers: dict[str, str], title: str) -> Any:
    return client.post(
        "/v1/definitions", json={"title": title, "text": "Children feel safe."}, headers=headers
    )


def _titles(client: Any) -> set[str]:
    found: set[str] = set()
    cursor = None
    while True:
        params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        body = client.get("/v1/definitions", params=params).json()
        found |= {d["title"] for d in body["items"]}
        cursor = body["next_cursor"]
        if cursor is None:
            return found


def _unavailable(response: Any) -> None:
    body = assert_problem(response, 503)
    assert body["type"].endswith("/database-unavailable")
    assert int(response.headers["Retry-After"]) > 0


if BACKEND == "sqlite":

    def test_a_write_lock_held_too_long_is_a_503_and_changes_nothing(
        database: Database, keys: Keys
    ) -> None:
        config = Settings(database_url=database.url, database_connect_timeout=0.5)
        impatient = Database(database.url, connect_timeout=0.5)
        with TestClient(create_app(config, impatient), raise_server_exceptions=False) as client:
            acked = _title()
            assert _write(client, keys.dfe, acked).status_code == 201
            refused = _title()
            with database.write_engine.connect() as holder:
                holder.execute(text("UPDATE definition SET current_revision = current_revision"))
                _unavailable(_write(client, keys.dfe, refused))
                assert client.get("/v1/definitions").status_code == 200  # reads go on
            after = _title()
            assert _write(client, keys.dfe, after).status_code == 201
            titles = _titles(client)
        impatient.dispose()
        assert {acked, after} <= titles
        assert refused not in titles


if BACKEND == "postgres":
    PG_DIR = Path(os.environ.get("PG_DIR", ""))
    PG_BIN = os.environ.get("PG_BIN", "")
    TIMEOUT = 3.0  # TIC_REQUEST_TIMEOUT for the server under test

    def _pg_ctl(*args: str) -> None:
        command = [f"{PG_BIN}/pg_ctl", "-D", str(PG_DIR / "data"), *args]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def _pg_pids() -> list[int]:
        postmaster = int((PG_DIR / "data" / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(
            ["pgrep", "-P", str(postmaster)], capture_output=True, text=True, check=False
        ).stdout.split()
        return [postmaster, *map(int, children)]

    @contextmanager
    def _stopped() -> Iterator[None]:
        _pg_ctl("-m", "fast", "-w", "stop")
        try:
            yield
        finally:
            # restart takes the options the cluster was started with (postmaster.opts).
            _pg_ctl("-l", str(PG_DIR / "log"), "-w", "restart")

    @contextmanager
    def _hung() -> Iterator[None]:
        pids = _pg_pids()
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        try:
            yield
        finally:
            for pid in reversed(pids):
                os.kill(pid, signal.SIGCONT)

    @pytest.fixture
    def server_env() -> Iterator[None]:
        """The live server's settings: short waits, so a fault is answered in seconds."""
        names = {
            "TIC_REQUEST_TIMEOUT": str(TIMEOUT),
            "TIC_DATABASE_CONNECT_TIMEOUT": "2",
            "TIC_DATABASE_STATEMENT_TIMEOUT": "5",
        }
        saved = {k: os.environ.get(k) for k in names}
        os.environ.update(names)
        yield
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v

    def _within_timeout(call: Any) -> Any:
        start = time.monotonic()
        response = call()
        # A bound on the configured wait, not a speed target: without the deadline a hung
        # database holds the request for as long as it hangs.
        assert time.monotonic() - start < TIMEOUT + 4
        return response

    def _recovered(base: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise AssertionError("the service did not recover after the database returned")

    @pytest.mark.slow
    @pytest.mark.parametrize("fault", ["stopped", "hung"])
    def test_a_database_fault_is_a_bounded_503_and_loses_nothing(
        server_env: None,
        live_server: str,
        keys: Keys,
        fault: str,
        request: pytest.FixtureRequest,
    ) -> None:
        client = httpx.Client(base_url=live_server, timeout=30)
        request.addfinalizer(client.close)
        acked = [_title() for _ in range(3)]
        for title in acked:
            assert _write(client, keys.dfe, title).status_code == 201
        refused: list[str] = []

        with _stopped() if fault == "stopped" else _hung():
            for path in READS:
                _unavailable(_within_timeout(lambda p=path: client.get(p)))
            for _ in range(2):
                title = _title()
                response = _within_timeout(lambda t=title: _write(client, keys.dfe, t))
                _unavailable(response)
                refused.append(title)

        _recovered(live_server)
        time.sleep(TIMEOUT)  # let any abandoned write wake up and roll back
        after = _title()
        assert _write(client, keys.dfe, after).status_code == 201
        titles = _titles(client)
        assert set(acked) | {after} <= titles  # every acknowledged write survived
        assert not titles & set(refused)  # no write reported failed was applied
