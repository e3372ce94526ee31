"""What each command of ``api.cli`` does. Nothing here knows HTTP: commands use the services.

`keys create` and `keys rotate` print the new key alone on the last line, once: only its hash is
kept. `export` writes every table as one versioned JSON document (api/services/backup.py) to a
temporary file renamed into place when complete; `import` restores one into an empty migrated
database, or with --replace deletes what the database holds and restores in one transaction.
Both print rows per table (on standard error when the document goes to standard output).
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import TextIO

from alembic import command as alembic_command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

import api
from api.config import settings
from api.db import Database, is_sqlite
from api.domain import DomainError
from api.keys import create_key, key_state, rotate_key
from api.logs import logging_config
from api.models import ApiKey, Organisation
from api.models.common import utcnow
from api.services.backup import NotEmpty, export_registry, import_registry


def run(args: argparse.Namespace, session: Session | None) -> int:
    if args.group == "serve":
        return serve(
            args.host or settings.host, args.port or settings.port, args.workers or settings.workers
        )
    if args.group == "migrate":
        return migrate(settings.database_url)
    if args.group == "check":
        return check(settings.database_url)
    if session is not None:
        return _on(session, args)
    database = Database.from_settings(settings)
    try:
        with database.session(write=args.group != "export") as s:
            return _on(s, args)
    finally:
        database.dispose()


def _on(session: Session, args: argparse.Namespace) -> int:
    if args.group == "seed":
        return seed(session)
    if args.group == "export":
        return _export(session, args.output)
    if args.group == "import":
        return _import(session, args.input, args.replace)
    if args.command == "create":
        return _create(session, args.organisation, args.role, args.label, args.expires_in)
    if args.command == "list":
        return _list(session, args.organisation)
    if args.command == "rotate":
        return _rotate(session, args.key_id, args.grace, args.expires_in)
    return _revoke(session, args.key_id)


def serve(host: str, port: int, workers: int) -> int:
    import uvicorn

    from api.tcp import NoDelayH11Protocol

    created = _prepare_multiprocess_metrics(workers)
    try:
        uvicorn.run(
            "api.main:app",
            host=host,
            port=port,
            workers=workers,
            server_header=False,
            http=NoDelayH11Protocol,
            # api.observe writes one line per request (request id, route template, status and
            # duration; no query string), so uvicorn's own access line would only repeat it.
            access_log=False,
            log_config=logging_config(settings.log_format, settings.log_level),
        )
    finally:
        if created is not None:
            shutil.rmtree(created, ignore_errors=True)
    return 0


def _prepare_multiprocess_metrics(workers: int) -> Path | None:
    """Each worker writes its metrics to files in PROMETHEUS_MULTIPROC_DIR, which /metrics adds
    up. Files a previous run left would be counted again, so a directory that is set starts
    empty; with several workers and none set, a temporary one is made (and returned, to be
    removed when the server stops)."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        for leftover in path.glob("*.db"):
            leftover.unlink()
        return None
    if workers > 1:
        made = Path(tempfile.mkdtemp(prefix="tic-metrics-"))
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(made)
        return made
    return None


def migrations() -> Path:
    """The Alembic scripts: inside the installed package (the wheel carries them as
    api/alembic), or beside it in a checkout."""
    here = Path(api.__file__).resolve().parent
    for candidate in (here / "alembic", here.parent / "alembic"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError(f"no migrations beside {here}")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations()))
    config.attributes["database_url"] = url
    return config


def migrate(url: str) -> int:
    try:
        alembic_command.upgrade(alembic_config(url), "head")
    except SQLAlchemyError as error:
        return _fail(f"cannot migrate the database: {_first_line(error)}")
    print(f"Database at migration {', '.join(_heads(url)[0])}.")
    return 0


def _heads(url: str) -> tuple[list[str], list[str]]:
    """(the database's current revisions, the newest revisions of the migrations)."""
    database = Database(url, connect_timeout=settings.database_connect_timeout)
    try:
        with database.write_engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = list(MigrationContext.configure(connection).get_current_heads())
    finally:
        database.dispose()
    newest = list(ScriptDirectory.from_config(alembic_config(url)).get_heads())
    return current, newest


def check(url: str) -> int:
    print("ok    configuration: TIC_* settings are valid")
    path = make_url(url).database
    if is_sqlite(url) and path and path != ":memory:" and not Path(path).is_file():
        print(
            f"FAIL  database: no SQLite file at {path}: run `tic-registry migrate`", file=sys.stderr
        )
        return 1
    try:
        current, newest = _heads(url)
    except SQLAlchemyError as error:
        print(f"FAIL  database: cannot reach it: {_first_line(error)}", file=sys.stderr)
        return 1
    print(f"ok    database: {'SQLite' if is_sqlite(url) else 'PostgreSQL'} answers")
    if sorted(current) != sorted(newest):
        have = ", ".join(current) or "none"
        print(
            f"FAIL  schema: at migration {have}, the newest is {', '.join(newest)}: run "
            "`tic-registry migrate`",
            file=sys.stderr,
        )
        return 1
    print(f"ok    schema: at the newest migration ({', '.join(newest)})")
    return 0


def seed(session: Session) -> int:
    from seed.loader import seed as load

    changed = load(session)
    print(f"seed: {changed} record(s) added or changed")
    return 0


def _create(
    session: Session, slug: str, role: str, label: str | None, expires_in: float | None
) -> int:
    organisation = session.exec(select(Organisation).where(Organisation.slug == slug)).first()
    if organisation is None:
        return _fail(f"no organisation {slug!r}; see GET /v1/organisations")
    expires_at = None if expires_in is None else utcnow() + timedelta(days=expires_in)
    key, secret = create_key(session, organisation, role, label, expires_at=expires_at)
    until = f", valid until {key.expires_at:%Y-%m-%d %H:%M} UTC" if key.expires_at else ""
    print(f"Created {role} key {key.key_id} for {slug}{until}. Store it now: it is not shown again")
    print(secret)
    return 0


def _list(session: Session, slug: str | None) -> int:
    query = select(ApiKey, Organisation).join(
        Organisation, col(Organisation.id) == ApiKey.organisation_id
    )
    if slug:
        query = query.where(Organisation.slug == slug)
    now = utcnow()
    print(f"{'key id':<14} {'organisation':<24} {'role':<10} {'created':<17} {'state':<24} label")
    for key, org in session.exec(query.order_by(col(ApiKey.id))):
        state = key_state(key, now)
        if state == "active" and key.expires_at is not None:
            state = f"expires {key.expires_at:%Y-%m-%d %H:%M}"
        created = key.created_at.strftime("%Y-%m-%d %H:%M")
        label = key.label or ""
        print(f"{key.key_id:<14} {org.slug:<24} {key.role:<10} {created:<17} {state:<24} {label}")
    return 0


def _rotate(session: Session, key_id: str, grace_hours: float, expires_in: float | None) -> int:
    if grace_hours < 0:
        return _fail("--grace must be 0 or more hours")
    expires_at = None if expires_in is None else utcnow() + timedelta(days=expires_in)
    try:
        old, new, secret = rotate_key(
            session, key_id, timedelta(hours=grace_hours), expires_at=expires_at
        )
    except DomainError as error:
        session.rollback()
        return _fail(error.detail)
    assert old.expires_at is not None
    print(
        f"Created {new.role} key {new.key_id} to replace {old.key_id}, which stops working at "
        f"{old.expires_at:%Y-%m-%d %H:%M} UTC. Store the new key now: it is not shown again."
    )
    print(secret)
    return 0


def _revoke(session: Session, key_id: str) -> int:
    key = session.exec(select(ApiKey).where(ApiKey.key_id == key_id)).first()
    if key is None:
        return _fail(f"no key {key_id!r}")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        session.add(key)
        session.commit()
    print(f"Revoked key {key_id}.")
    return 0


def _export(session: Session, output: str) -> int:
    started = time.perf_counter()
    try:
        document = export_registry(session)
    except DomainError as error:
        return _fail(error.detail)
    finally:
        session.rollback()  # ends the read snapshot
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        size = _write(output, data.encode())
    except OSError as error:
        return _fail(f"cannot write {output}: {error}")
    report = sys.stderr if output == "-" else sys.stdout
    counts = {name: len(table["rows"]) for name, table in document["tables"].items()}
    _summary(counts, report)
    elapsed = time.perf_counter() - started
    print(
        f"Exported {sum(counts.values())} rows at schema revision "
        f"{document['schema_revision']} to {output}: {size} bytes in {elapsed:.2f} s.",
        file=report,
    )
    return 0


def _write(output: str, data: bytes) -> int:
    """Write ``data`` whole or not at all: a temporary file beside the target, renamed over it.
    It is created readable by its owner only (it holds the keys' hashes)."""
    if output == "-":
        sys.stdout.write(data.decode())
        sys.stdout.flush()
        return len(data)
    target = Path(output)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  (renamed, not deleted, on success)
        "wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return len(data)


def _import(session: Session, source: str, replace: bool) -> int:
    started = time.perf_counter()
    try:
        raw = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        document = json.loads(raw)
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"cannot read {source}: {error}")
    except json.JSONDecodeError as error:
        return _fail(f"{source} is not JSON: {error}")
    try:
        counts = import_registry(session, document, replace=replace)
        session.commit()
    except NotEmpty as error:
        session.rollback()
        return _fail(f"{error.detail} To replace it, add --replace.")
    except DomainError as error:
        session.rollback()
        return _fail(error.detail)
    _summary(counts, sys.stdout)
    elapsed = time.perf_counter() - started
    print(
        f"Imported {sum(counts.values())} rows taken at {document.get('exported_at')} from {source}"
        f"{' (replacing what was there)' if replace else ''} in {elapsed:.2f} s."
    )
    return 0


def _summary(counts: dict[str, int], report: TextIO) -> None:
    """Rows per table, one table a line."""
    width = max(map(len, counts), default=0)
    for name, rows in counts.items():
        print(f"{name:<{width}} {rows:>8}", file=report)


def _first_line(error: Exception) -> str:
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2
