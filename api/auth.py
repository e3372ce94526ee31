"""API keys: generation, hashing, and the dependencies that authenticate and authorise writes.

A key reads ``tic_<key_id>_<secret>``. Only SHA-256 of the secret is stored: the secret is 256
random bits, so a slow password hash would add latency without adding safety. The key id finds
the row; the hash is compared in constant time. Keys are never logged.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session, select

from api.deps import SessionDep
from api.errors import Problem
from api.models import ApiKey, Organisation
from api.models.common import utcnow

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key from `python -m api keys create`, sent as `Authorization: Bearer "
    "<key>`. Submitters write for their own organisation; stewards run the registry.",
)

# last_used_at is a hint for key hygiene, not an audit log (a refused request does not record
# it): writing it at most this often keeps most requests from updating the key row at all.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_key() -> tuple[str, str, str]:
    """(full key to hand out once, public key id, hash to store)."""
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return f"tic_{key_id}_{secret}", key_id, hash_secret(secret)


def create_key(
    session: Session, organisation: Organisation, role: str, label: str | None = None
) -> tuple[ApiKey, str]:
    assert organisation.id is not None
    full, key_id, hashed = new_key()
    key = ApiKey(
        key_id=key_id, secret_hash=hashed, organisation_id=organisation.id, role=role, label=label
    )
    session.add(key)
    session.commit()
    session.refresh(key)
    return key, full


@dataclass(frozen=True)
class Caller:
    key: ApiKey
    organisation: Organisation

    @property
    def is_steward(self) -> bool:
        return self.key.role == "steward"

    def may_act_for(self, organisation: Organisation) -> bool:
        return self.is_steward or organisation.id == self.organisation.id


def _unauthorised(detail: str) -> Problem:
    return Problem(
        401, detail, kind="unauthorised", headers={"WWW-Authenticate": 'Bearer realm="tic"'}
    )


def get_caller(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorised("This request needs an API key: send Authorization: Bearer <key>.")
    parts = credentials.credentials.split("_", 2)
    key = None
    if len(parts) == 3 and parts[0] == "tic" and len(parts[1]) <= 32:
        key = session.exec(select(ApiKey).where(ApiKey.key_id == parts[1])).first()
    # Hash and compare even when the id is unknown, so timing does not reveal which ids exist.
    expected = key.secret_hash if key is not None else hash_secret("")
    supplied = hash_secret(parts[2]) if len(parts) == 3 else ""
    if key is None or not hmac.compare_digest(expected, supplied):
        raise _unauthorised("The API key is not recognised.")
    if key.revoked_at is not None:
        raise _unauthorised("The API key has been revoked.")
    organisation = session.get(Organisation, key.organisation_id)
    assert organisation is not None
    now = utcnow()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        # Part of the request's own transaction: committed with its write, never on its own.
        key.last_used_at = now
        session.add(key)
    return Caller(key=key, organisation=organisation)


CallerDep = Annotated[Caller, Depends(get_caller)]


def forbidden(detail: str) -> Problem:
    return Problem(403, detail, kind="forbidden")


def get_steward(caller: CallerDep) -> Caller:
    if not caller.is_steward:
        raise forbidden("Only a steward's key may do this.")
    return caller


StewardDep = Annotated[Caller, Depends(get_steward)]


def require_acting_for(caller: Caller, organisation: Organisation) -> None:
    if not caller.may_act_for(organisation):
        raise forbidden(
            f"This key belongs to {caller.organisation.slug!r} and may not act for "
            f"{organisation.slug!r}."
        )
