"""Idempotency-Key on every POST that creates: one write per key, replayed answers, expiry."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, update
from sqlmodel import Session, col, select

from api.models import Definition, IdempotencyRecord, Organisation, PracticeModel
from api.models.common import utcnow
from tests.conftest import Keys
from tests.helpers import assert_problem

# (path, a body, another body, the table each create adds a row to)
CREATES: list[tuple[str, dict[str, Any], dict[str, Any], type[Any]]] = [
    (
        "/v1/definitions",
        {"title": "Retry probe", "text": "Children feel safe."},
        {"title": "Retry probe", "text": "Parents are partners."},
        Definition,
    ),
    (
        "/v1/core-definition/proposals",
        {"title": "Core retry probe", "text": "Safety and trust."},
        {"title": "Core retry probe", "text": "Safety, trust and choice."},
        Definition,
    ),
    (
        "/v1/organisations",
        {"slug": "retry-team", "name": "Retry team (fictional)", "kind": "csc_team"},
        {"slug": "retry-team-2", "name": "Retry team 2 (fictional)", "kind": "csc_team"},
        Organisation,
    ),
    (
        "/v1/practice-models",
        {"slug": "retry-model", "name": "Retry model (fictional)", "kind": "training"},
        {"slug": "retry-model-2", "name": "Retry model 2 (fictional)", "kind": "training"},
        PracticeModel,
    ),
]


def _count(engine: Engine, table: type[Any]) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(table)).one())


@pytest.mark.parametrize(("path", "body", "other", "table"), CREATES, ids=lambda v: str(v)[:30])
def test_a_retry_replays_the_first_answer_and_writes_once(
    client: TestClient,
    keys: Keys,
    engine: Engine,
    path: str,
    body: dict[str, Any],
    other: dict[str, Any],
    table: type[Any],
) -> None:
    headers = {**keys.steward, "Idempotency-Key": f"probe-{path}"}
    before = _count(engine, table)

    first = client.post(path, json=body, headers=headers)
    again = client.post(path, json=body, headers=headers)
    reused = client.post(path, json=other, headers=headers)

    assert first.status_code == again.status_code == 201, first.text
    assert again.json() == first.json()
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert_problem(reused, 422)
    assert _count(engine, table) == before + 1


def test_an_expired_key_creates_anew(client: TestClient, keys: Keys, engine: Engine) -> None:
    headers = {**keys.steward, "Idempotency-Key": "expires"}
    body = {"title": "Expiry probe", "text": "Staff are supported."}
    first = client.post("/v1/definitions", json=body, headers=headers)
    assert first.status_code == 201
    with Session(engine) as session:
        session.execute(
            update(IdempotencyRecord)
            .where(col(IdempotencyRecord.idempotency_key) == "expires")
            .values(created_at=utcnow() - timedelta(hours=25))
        )
        session.commit()

    second = client.post("/v1/definitions", json=body, headers=headers)

    assert second.status_code == 201
    assert "Idempotent-Replayed" not in second.headers
    assert second.json()["id"] != first.json()["id"]
    with Session(engine) as session:
        records = session.exec(
            select(IdempotencyRecord).where(IdempotencyRecord.idempotency_key == "expires")
        ).all()
    assert len(records) == 1  # the expired record went when the key was remembered again
