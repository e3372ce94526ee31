"""Every write endpoint against every kind of caller: the exact status each must get."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from api.models import ApiKey
from tests.conftest import Keys


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    body: dict[str, Any]
    headers: dict[str, str]


def own_definition(client: TestClient, keys: Keys) -> tuple[str, str]:
    created = client.post(
        "/v1/definitions", json={"title": "DfE", "text": "Children feel safe."}, headers=keys.dfe
    )
    assert created.status_code == 201
    return created.headers["location"], created.headers["etag"]


def core_endorsements(client: TestClient) -> str:
    core_id = client.get("/v1/core-definition").json()["proposal"]["id"]
    return f"/v1/core-definition/proposals/{core_id}/endorsements"


Setup = Callable[[TestClient, Keys], Call]

WRITES: dict[str, Setup] = {
    # A definition for DfE: the body names the organisation so another key's attempt is 403.
    "create definition": lambda c, k: Call(
        "POST", "/v1/definitions", {"title": "T", "text": "Safe.", "organisation": "dfe"}, {}
    ),
    "revise definition": lambda c, k: (
        lambda loc_etag: Call("PATCH", loc_etag[0], {"title": "New"}, {"If-Match": loc_etag[1]})
    )(own_definition(c, k)),
    "withdraw definition": lambda c, k: (
        lambda loc_etag: Call("DELETE", loc_etag[0], {}, {"If-Match": loc_etag[1]})
    )(own_definition(c, k)),
    "register organisation": lambda c, k: Call(
        "POST", "/v1/organisations", {"slug": "x-team", "name": "X", "kind": "csc_team"}, {}
    ),
    "propose core definition": lambda c, k: Call(
        "POST", "/v1/core-definition/proposals", {"title": "Core", "text": "Feel safe."}, {}
    ),
    "record endorsement": lambda c, k: Call(
        "PUT", f"{core_endorsements(c)}/dfe", {"position": "endorse"}, {}
    ),
}

# Callers: no key, a revoked DfE key, another department's key, DfE's own key, a steward's key.
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "create definition": (401, 401, 403, 201, 201),
    "revise definition": (401, 401, 403, 200, 200),
    "withdraw definition": (401, 401, 403, 204, 204),
    "register organisation": (401, 401, 403, 403, 201),
    "propose core definition": (401, 401, 403, 403, 201),
    "record endorsement": (401, 401, 403, 201, 201),
}
CALLERS = ("none", "revoked", "other organisation", "own", "steward")


def headers_for(caller: str, keys: Keys) -> dict[str, str]:
    return {
        "none": {},
        "revoked": keys.revoked,
        "other organisation": keys.home_office,
        "own": keys.dfe,
        "steward": keys.steward,
    }[caller]


@pytest.mark.parametrize("endpoint", list(WRITES))
@pytest.mark.parametrize("caller", CALLERS)
def test_write_authorisation(client: TestClient, keys: Keys, endpoint: str, caller: str) -> None:
    call = WRITES[endpoint](client, keys)
    response = client.request(
        call.method,
        call.path,
        json=call.body or None,
        headers={**call.headers, **headers_for(caller, keys)},
    )

    expected = EXPECTED[endpoint][CALLERS.index(caller)]
    assert response.status_code == expected, response.text
    if expected == 401:
        assert response.headers["www-authenticate"].startswith("Bearer")


def test_malformed_keys_are_401(client: TestClient) -> None:
    for header in ("Bearer", "Bearer ", "Bearer tic_", "Bearer tic_x_y", "Basic abc", "tic_a_b"):
        response = client.post(
            "/v1/definitions",
            json={"title": "T", "text": "Safe."},
            headers={"Authorization": header},
        )
        assert response.status_code == 401, header


def test_a_successful_write_records_when_the_key_was_last_used(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    key_id = keys.dfe["Authorization"].split("_")[1]
    with Session(engine) as session:
        before = session.exec(select(ApiKey).where(ApiKey.key_id == key_id)).one().last_used_at

    created = client.post("/v1/definitions", json={"title": "T", "text": "Safe."}, headers=keys.dfe)

    assert before is None
    assert created.status_code == 201
    with Session(engine) as session:
        after = session.exec(select(ApiKey).where(ApiKey.key_id == key_id)).one().last_used_at
    assert after is not None
    assert after.tzinfo is not None
