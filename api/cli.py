"""Command line: API keys.

    python -m api keys create --organisation dfe --role submitter [--label TEXT]
    python -m api keys list [--organisation SLUG]
    python -m api keys revoke KEY_ID

`create` prints the new key alone on the last line of its output, once: only its hash is kept.
"""

import argparse
from collections.abc import Sequence

from sqlmodel import Session, col, select

from api.config import settings
from api.db import Database
from api.keys import create_key
from api.models import ApiKey, Organisation
from api.models.api_key import ROLES
from api.models.common import utcnow


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
    return parser


def main(argv: Sequence[str] | None = None, session: Session | None = None) -> int:
    args = _parser().parse_args(argv)
    if session is not None:
        return _run(session, args)
    database = Database(settings.database_url)
    try:
        with database.session(write=True) as s:
            return _run(s, args)
    finally:
        database.dispose()


def _run(session: Session, args: argparse.Namespace) -> int:
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
