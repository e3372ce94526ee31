"""API keys: generation, hashing and verification, and the actor a verified key speaks for.

A key reads ``tic_<key_id>_<secret>``. Only SHA-256 of the secret is stored: the secret is 256
random bits, so a slow password hash would add latency without adding safety. The key id finds
the row; the hash is compared in constant time. Keys are never logged. Nothing here knows HTTP:
the web layer, the command line and the seed's demo all use it.
"""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from api.domain import Conflict, Forbidden, NotFound, Unauthenticated
from api.models import ApiKey, Organisation
from api.models.common import utcnow

# last_used_at is a hint for key hygiene, not an audit log (a refused request does not record
# it): writing it at most this often keeps most requests from updating the key row at all.
LAST_USED_RESOLUTION = timedelta(minutes=1)
STEWARD = "steward"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_key() -> tuple[str, str, str]:
    """(full key to hand out once, public key id, hash to store)."""
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return f"tic_{key_id}_{secret}", key_id, hash_secret(secret)


def create_key(
    session: Session,
    organisation: Organisation,
    role: str,
    label: str | None = None,
    *,
    expires_at: datetime | None = None,
) -> tuple[ApiKey, str]:
    """Store a new key for ``organisation`` and return it with its secret (shown once)."""
    assert organisation.id is not None
    full, key_id, hashed = new_key()
    key = ApiKey(
        key_id=key_id,
        secret_hash=hashed,
        organisation_id=organisation.id,
        role=role,
        label=label,
        expires_at=expires_at,
    )
    session.add(key)
    session.commit()
    session.refresh(key)
    return key, full


def key_state(key: ApiKey, now: datetime | None = None) -> str:
    """``revoked``, ``expired`` or ``active``."""
    if key.revoked_at is not None:
        return "revoked"
    if key.expires_at is not None and key.expires_at <= (now or utcnow()):
        return "expired"
    return "active"


def rotate_key(
    session: Session, key_id: str, grace: timedelta, *, expires_at: datetime | None = None
) -> tuple[ApiKey, ApiKey, str]:
    """Issue a new key like ``key_id`` (same organisation, role and label) and let the old one
    expire after ``grace``, so its holders can switch without an outage. Returns (old key, new
    key, new secret). A revoked or expired key is not rotated: create a new one instead."""
    old = session.exec(select(ApiKey).where(ApiKey.key_id == key_id)).first()
    if old is None:
        raise NotFound(f"No key {key_id!r}.")
    state = key_state(old)
    if state != "active":
        raise Conflict(f"Key {key_id!r} is {state}: create a new key instead of rotating it.")
    organisation = session.get(Organisation, old.organisation_id)
    assert organisation is not None
    deadline = utcnow() + grace
    if old.expires_at is None or old.expires_at > deadline:
        old.expires_at = deadline
    session.add(old)
    new, secret = create_key(  # commits the old key's expiry with the new key
        session, organisation, old.role, old.label, expires_at=expires_at
    )
    session.refresh(old)
    return old, new, secret


@dataclass(frozen=True)
class Actor:
    """Who a write is attributed to: a key and the organisation it belongs to."""

    key: ApiKey
    organisation: Organisation

    @property
    def is_steward(self) -> bool:
        return self.key.role == STEWARD

    def may_act_for(self, organisation: Organisation) -> bool:
        return self.is_steward or organisation.id == self.organisation.id

    def require_acting_for(self, organisation: Organisation) -> None:
        if not self.may_act_for(organisation):
            raise Forbidden(
                f"This key belongs to {self.organisation.slug!r} and may not act for "
                f"{organisation.slug!r}."
            )

    def require_steward(self) -> None:
        if not self.is_steward:
            raise Forbidden("Only a steward's key may do this.")


def authenticate(session: Session, presented: str) -> Actor:
    """The actor behind a presented key, or Unauthenticated. Notes when the key was last used,
    inside the caller's transaction (committed with its write, never on its own)."""
    parts = presented.split("_", 2)
    key = None
    if len(parts) == 3 and parts[0] == "tic" and len(parts[1]) <= 32:
        key = session.exec(select(ApiKey).where(ApiKey.key_id == parts[1])).first()
    # Hash and compare even when the id is unknown, so timing does not reveal which ids exist.
    expected = key.secret_hash if key is not None else hash_secret("")
    supplied = hash_secret(parts[2]) if len(parts) == 3 else ""
    if key is None or not hmac.compare_digest(expected, supplied):
        raise Unauthenticated("The API key is not recognised.")
    if key.revoked_at is not None:
        raise Unauthenticated("The API key has been revoked.")
    now = utcnow()
    if key.expires_at is not None and key.expires_at <= now:
        raise Unauthenticated(
            f"The API key expired at {key.expires_at:%Y-%m-%d %H:%M} UTC: ask the registry's "
            "stewards for a new one."
        )
    organisation = session.get(Organisation, key.organisation_id)
    assert organisation is not None
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        key.last_used_at = now
        session.add(key)
    return Actor(key=key, organisation=organisation)


def public_key_ids(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """The public id of each stored key id given: how histories name who wrote a revision."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(ApiKey.id, ApiKey.key_id).where(col(ApiKey.id).in_(wanted)))
    return {i: k for i, k in rows.all() if i is not None}
