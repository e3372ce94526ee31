"""The command line: keys (printed once, alone on the last line; a hash is kept; expiry and
rotation), migrate and check, help on every command, errors on standard error."""

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from api import commands
from api.auth import hash_secret
from api.cli import main, parser
from api.db import Database
from api.models import ApiKey
from api.models.common import utcnow
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
    with Session(engine) as session:
        code = main(["keys", "create", "--organisation", "nobody", "--role", "steward"], session)
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""  # errors go to standard error
    assert "nobody" in err
    assert run(engine, capsys, "keys", "revoke", "000000000000")[0] == 2
    assert run(engine, capsys, "keys", "rotate", "000000000000")[0] == 2


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


def _key(engine: Engine, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code, lines = run(
        engine, capsys, "keys", "create", "--organisation", "dfe", "--role", "submitter", *extra
    )
    assert code == 0
    return lines[-1]


def _post(client: TestClient, secret: str) -> tuple[int, str]:
    body = {"title": "T", "text": "Children feel safe."}
    response = client.post(
        "/v1/definitions", json=body, headers={"Authorization": f"Bearer {secret}"}
    )
    return response.status_code, response.json().get("detail", "")


def _expire(engine: Engine, secret: str) -> None:
    with Session(engine) as session:
        key = session.exec(select(ApiKey).where(ApiKey.key_id == secret.split("_")[1])).one()
        key.expires_at = utcnow() - timedelta(seconds=1)
        session.add(key)
        session.commit()


def test_an_expired_key_is_refused_with_a_clear_problem(
    engine: Engine, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = _key(engine, capsys, "--expires-in", "30")
    assert _post(client, secret)[0] == 201
    _, listing = run(engine, capsys, "keys", "list")
    assert any(secret.split("_")[1] in line and "expires " in line for line in listing)

    _expire(engine, secret)
    status, detail = _post(client, secret)
    assert status == 401
    assert "expired" in detail
    _, listing = run(engine, capsys, "keys", "list")
    assert any(secret.split("_")[1] in line and "expired" in line.split() for line in listing)


def test_rotate_issues_a_new_key_and_ends_the_old_one_after_the_grace_period(
    engine: Engine, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _key(engine, capsys, "--label", "policy team")
    old_id = old.split("_")[1]
    code, lines = run(engine, capsys, "keys", "rotate", old_id, "--grace", "2")
    new = lines[-1]
    assert code == 0
    assert new.startswith("tic_")
    assert new != old
    assert _post(client, new)[0] == 201
    assert _post(client, old)[0] == 201  # still inside its grace period

    with Session(engine) as session:
        keys = {k.key_id: k for k in session.exec(select(ApiKey))}
    stored_old, stored_new = keys[old_id], keys[new.split("_")[1]]
    assert stored_old.expires_at is not None
    left = stored_old.expires_at - utcnow()
    assert timedelta(hours=1, minutes=59) < left <= timedelta(hours=2)
    assert stored_new.expires_at is None
    assert (stored_new.organisation_id, stored_new.role, stored_new.label) == (
        stored_old.organisation_id,
        stored_old.role,
        "policy team",
    )

    # No grace: the old key stops at once; a key that no longer works is not rotated again.
    code, lines = run(engine, capsys, "keys", "rotate", new.split("_")[1], "--grace", "0")
    assert code == 0
    assert _post(client, new)[0] == 401
    assert _post(client, lines[-1])[0] == 201
    assert run(engine, capsys, "keys", "rotate", new.split("_")[1])[0] == 2


def _subcommands(command: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [command]
    for action in command._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found += _subcommands(child)
    return found


def test_every_command_has_help_with_a_description_and_examples() -> None:
    commands_found = _subcommands(parser())
    assert len(commands_found) == 12  # the program, its 7 commands, the 4 key actions
    for command in commands_found:
        text = command.format_help()
        assert command.description, command.prog
        assert "examples:" in text, command.prog
        assert command.prog.split()[0] == "tic-registry"


def test_migrate_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert commands.check(url) == 1
    assert "run `tic-registry migrate`" in capsys.readouterr().err
    assert not (tmp_path / "fresh.db").exists()  # check never creates a database

    assert commands.migrate(url) == 0
    assert commands.check(url) == 0
    out = capsys.readouterr().out
    assert "ok    schema: at the newest migration" in out

    with Database(url).write_engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '050fa6db3aa9'")
    assert commands.check(url) == 1
    assert "FAIL  schema: at migration 050fa6db3aa9" in capsys.readouterr().err


def _cli(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "tic-registry"), *argv],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_installed_command_reports_an_invalid_setting_and_an_unreachable_database(
    tmp_path: Path,
) -> None:
    result = _cli("check", TIC_WORKERS="none", TIC_DATABASE_URL=f"sqlite:///{tmp_path}/x.db")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "TIC_WORKERS" in result.stderr

    result = _cli("check", TIC_DATABASE_URL="postgresql+psycopg://u:p@127.0.0.1:9/none")
    assert result.returncode == 1
    assert "FAIL  database: cannot reach it" in result.stderr


def test_seed_help_prints_help_and_touches_no_database(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "seed", "--help"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "TIC_DATABASE_URL": f"sqlite:///{tmp_path}/seeded.db"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("usage: python -m seed")
    assert not (tmp_path / "seeded.db").exists()


def test_several_workers_share_a_metrics_directory_that_starts_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # setenv first, so the variable this test sets is removed afterwards even if absent before
    # (a leftover would switch later tests' /metrics to multiprocess mode).
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert commands._prepare_multiprocess_metrics(1) is None  # one process: in memory
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ

    made = commands._prepare_multiprocess_metrics(2)
    assert made is not None
    assert made.parent == tmp_path
    assert os.environ["PROMETHEUS_MULTIPROC_DIR"] == str(made)

    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "counter_123.db").write_bytes(b"left by an earlier run")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(chosen))
    assert commands._prepare_multiprocess_metrics(4) is None  # the operator's: kept, emptied
    assert list(chosen.iterdir()) == []
