"""Idempotent submission: a retried create gets the first answer and stores nothing new.

Records are per API key and expire after ``settings.idempotency_ttl_hours``. The same key with a
different request is refused, since replaying the first answer would silently drop the second
body. Under a race, the unique constraint on (api_key_id, idempotency_key) lets exactly one
transaction commit; ``run`` then rolls the loser back and hands it the winner's stored answer.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.config import settings
from api.domain import Unprocessable
from api.keys import Actor
from api.models import IdempotencyRecord
from api.models.common import utcnow

# Response headers worth replaying: where the resource is, and its version.
KEPT_HEADERS = ("location", "etag")


@dataclass(frozen=True)
class Answer:
    """What a create answered: replayed unchanged for a retry."""

    status_code: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    replayed: bool = False


def request_hash(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def _cutoff() -> datetime:
    return utcnow() - timedelta(hours=settings.idempotency_ttl_hours)


def _find(session: Session, actor: Actor, key: str) -> IdempotencyRecord | None:
    return session.exec(
        select(IdempotencyRecord).where(
            IdempotencyRecord.api_key_id == actor.key.id,
            IdempotencyRecord.idempotency_key == key,
            col(IdempotencyRecord.created_at) >= _cutoff(),
        )
    ).first()


def _forget_expired(session: Session, actor: Actor) -> None:
    """Expired records of this key go when it next remembers one (its key may be reused)."""
    session.execute(
        delete(IdempotencyRecord)
        .where(col(IdempotencyRecord.api_key_id) == actor.key.id)
        .where(col(IdempotencyRecord.created_at) < _cutoff())
    )


def _replay(record: IdempotencyRecord, method: str, path: str, body_hash: str) -> Answer:
    if (record.method, record.path, record.request_hash) != (method, path, body_hash):
        raise Unprocessable(
            "This Idempotency-Key was already used for a different request; use a new key.",
            kind="idempotency-key-reused",
        )
    return Answer(record.status_code, record.body, dict(record.headers), replayed=True)


def run(
    session: Session,
    actor: Actor,
    key: str | None,
    *,
    method: str,
    path: str,
    body: Any,
    create: Callable[[], Answer],
) -> Answer:
    """Answer a create once per (key, Idempotency-Key): ``create`` writes and presents, this
    remembers its answer and commits. Without an Idempotency-Key it just creates and commits."""
    body_hash = request_hash(body)
    if key:
        prior = _find(session, actor, key)
        if prior is not None:
            return _replay(prior, method, path, body_hash)
    answer = create()
    if key:
        assert actor.key.id is not None
        _forget_expired(session, actor)
        session.add(
            IdempotencyRecord(
                api_key_id=actor.key.id,
                idempotency_key=key,
                method=method,
                path=path,
                request_hash=body_hash,
                status_code=answer.status_code,
                body=answer.body,
                headers={
                    k.lower(): v for k, v in answer.headers.items() if k.lower() in KEPT_HEADERS
                },
            )
        )
    try:
        session.commit()
    except IntegrityError:
        # Another request with the same Idempotency-Key committed first: answer as it did.
        session.rollback()
        prior = _find(session, actor, key) if key else None
        if prior is None:
            raise
        return _replay(prior, method, path, body_hash)
    return answer
