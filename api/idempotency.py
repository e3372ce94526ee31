"""Idempotency-Key on POST: a retried request gets the first response and stores nothing new.

Records are per API key. The same key with a different body is refused (422), since replaying
the first response would silently drop the second body. Under a race, the unique constraint on
(api_key_id, idempotency_key) lets exactly one transaction commit; the loser rolls back and
replays the winner's stored response.
"""

import hashlib
import json
from typing import Annotated, Any

from fastapi import Header
from fastapi.responses import JSONResponse
from sqlmodel import Session, select

from api.auth import Caller
from api.errors import Problem
from api.models import IdempotencyRecord

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="A unique value per logical request (a UUID, say): retries with the same "
        "key and body return the first response instead of writing again.",
    ),
]


def request_hash(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def find(session: Session, caller: Caller, key: str) -> IdempotencyRecord | None:
    return session.exec(
        select(IdempotencyRecord).where(
            IdempotencyRecord.api_key_id == caller.key.id,
            IdempotencyRecord.idempotency_key == key,
        )
    ).first()


def replay(record: IdempotencyRecord, method: str, path: str, body_hash: str) -> JSONResponse:
    if (record.method, record.path, record.request_hash) != (method, path, body_hash):
        raise Problem(
            422,
            "This Idempotency-Key was already used for a different request; use a new key.",
            kind="idempotency-key-reused",
        )
    headers = {**record.headers, "Idempotent-Replayed": "true"}
    return JSONResponse(record.body, status_code=record.status_code, headers=headers)


def remember(
    session: Session,
    caller: Caller,
    key: str,
    *,
    method: str,
    path: str,
    body_hash: str,
    response: JSONResponse,
    body: dict[str, Any],
) -> None:
    assert caller.key.id is not None
    session.add(
        IdempotencyRecord(
            api_key_id=caller.key.id,
            idempotency_key=key,
            method=method,
            path=path,
            request_hash=body_hash,
            status_code=response.status_code,
            body=body,
            headers={k: v for k, v in response.headers.items() if k in ("location", "etag")},
        )
    )
