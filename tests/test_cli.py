"""`python -m api keys ...`: the key is printed once, alone on the last line; a hash is kept."""

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from api.auth import hash_secret
from api.cli import main
from api.db import Database
from api.models import ApiKey
from tests.conftest import ROOT


def run(engine: Engine, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    with Session(engine) as session:
        code = main(list(argv), session=session)
    return code, capsys.readouterr().out.strip().splitlines()


def test_create_list_revoke(
    engine: Engine, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run(
        engine, capsys, "keys", "create", "--organisation", "dfe", "--role", "submitter"
    )
    secret = lines[-1]
    assert code == 0
    assert secret.startswith("tic_")
    assert " " not in secret
    key_id = secret.split("_")[1]

    with Session(engine) as session:
        stored = session.exec(select(ApiKey).where(ApiKey.key_id == key_id)).one()
    assert stored.secret_hash == hash_secret(secret.split("_", 2)[2])
    assert secret not in stored.model_dump_json()

    code, listing = run(engine, capsys, "keys", "list", "--organisation", "dfe")
    assert code == 0
    assert any(key_id in line and "active" in line for line in listing)
    assert all(secret.split("_", 2)[2] not in line for line in listing)

    body = {"title": "T", "text": "Children feel safe."}
    auth = {"Authorization": f"Bearer {secret}"}
    assert client.post("/v1/definitions", json=body, headers=auth).status_code == 201
    assert run(engine, capsys, "keys", "revoke", key_id)[0] == 0
    assert client.post("/v1/definitions", json=body, headers=auth).status_code == 401
    _, listing = run(engine, capsys, "keys", "list")
    assert any(key_id in line and "revoked" in line for line in listing)


def test_unknown_organisation_and_key(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(
        engine, capsys, "keys", "create", "--organisation", "nobody", "--role", "steward"
    )
    assert code == 2
    assert "nobody" in lines[-1]
    assert run(engine, capsys, "keys", "revoke", "000000000000")[0] == 2


def test_module_entry_point_prints_the_key_last(database: Database) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "api",
            "keys",
            "create",
            "--organisation",
            "dhsc",
            "--role",
            "steward",
        ],
        cwd=ROOT,
        env={"TIC_DATABASE_URL": database.url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("tic_")
