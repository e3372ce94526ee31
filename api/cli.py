"""Command line: API keys, and whole-registry backup.

    python -m api keys create --organisation dfe --role submitter [--label TEXT]
    python -m api keys list [--organisation SLUG]
    python -m api keys revoke KEY_ID
    python -m api export --output FILE            (FILE "-": standard output)
    python -m api import --input FILE [--replace] (FILE "-": standard input)

`create` prints the new key alone on the last line of its output, once: only its hash is kept.
`export` writes every table as one versioned JSON document (see api/services/backup.py), to a
temporary file renamed into place when complete; `import` restores one into an empty migrated
database, or, with --replace, deletes what the database holds and restores in one transaction.
Both print rows per table (on standard error when the document goes to standard output) and
exit 2 with a message when refused.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sqlmodel import Session, col, select

from api.config import settings
from api.db import Database
from api.domain import DomainError
from api.keys import create_key
from api.models import ApiKey, Organisation
from api.models.api_key import ROLES
from api.models.common import utcnow
from api.services.backup import NotEmpty, export_registry, import_registry


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m api", description=__doc__.splitlines()[0])
    groups = parser.add_subparsers(dest="group", required=True)
    keys = groups.add_parser("keys", help="manage API keys").add_subparsers(
        dest="command", required=True
    )
    create = keys.add_parser("create", help="create a key and print it once")
    create.add_argument("--organisation", required=True, help="organisation slug")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--label", help="what the key is for (shown in lists)")
    listing = keys.add_parser("list", help="list keys (never their secrets)")
    listing.add_argument("--organisation", help="only this organisation's keys")
    revoke = keys.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id")
    export = groups.add_parser("export", help="write the whole registry as one JSON document")
    export.add_argument("--output", required=True, help='file to write ("-": standard output)')
    restore = groups.add_parser("import", help="restore a document written by export")
    restore.add_argument("--input", required=True, help='file to read ("-": standard input)')
    restore.add_argument(
        "--replace",
        action="store_true",
        help="delete everything the database holds first (in the same transaction)",
    )
    return parser


def main(argv: Sequence[str] | None = None, session: Session | None = None) -> int:
    args = _parser().parse_args(argv)
    if session is not None:
        return _run(session, args)
    database = Database(settings.database_url)
    try:
        with database.session(write=args.group != "export") as s:
            return _run(s, args)
    finally:
        database.dispose()


def _run(session: Session, args: argparse.Namespace) -> int:
    if args.group == "export":
        return _export(session, args.output)
    if args.group == "import":
        return _import(session, args.input, args.replace)
    if args.command == "create":
        return _create(session, args.organisation, args.role, args.label)
    if args.command == "list":
        return _list(session, args.organisation)
    return _revoke(session, args.key_id)


def _create(session: Session, slug: str, role: str, label: str | None) -> int:
    organisation = session.exec(select(Organisation).where(Organisation.slug == slug)).first()
    if organisation is None:
        print(f"error: no organisation {slug!r}; see GET /v1/organisations")
        return 2
    key, secret = create_key(session, organisation, role, label)
    print(f"Created {role} key {key.key_id} for {slug}. Store it now: it is not shown again.")
    print(secret)
    return 0


def _list(session: Session, slug: str | None) -> int:
    query = select(ApiKey, Organisation).join(
        Organisation, col(Organisation.id) == ApiKey.organisation_id
    )
    if slug:
        query = query.where(Organisation.slug == slug)
    print(f"{'key id':<14} {'organisation':<24} {'role':<10} {'created':<20} {'state':<8} label")
    for key, org in session.exec(query.order_by(col(ApiKey.id))):
        state = "revoked" if key.revoked_at else "active"
        created = key.created_at.strftime("%Y-%m-%d %H:%M")
        label = key.label or ""
        print(f"{key.key_id:<14} {org.slug:<24} {key.role:<10} {created:<20} {state:<8} {label}")
    return 0


def _revoke(session: Session, key_id: str) -> int:
    key = session.exec(select(ApiKey).where(ApiKey.key_id == key_id)).first()
    if key is None:
        print(f"error: no key {key_id!r}")
        return 2
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


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2
