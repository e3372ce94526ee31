"""Cache-Control: one policy for every response, checked as a table and over HTTP."""

import pytest
from fastapi.testclient import TestClient

from api.caching import ASSETS, IMMUTABLE, NO_STORE, PRIVATE, REVALIDATE, cache_control
from tests.conftest import Keys


@pytest.mark.parametrize(
    ("method", "path", "status", "authorised", "expected"),
    [
        ("GET", "/v1/definitions/3/revisions/2", 200, False, IMMUTABLE),
        ("GET", "/v1/definitions/3/revisions/2", 304, False, IMMUTABLE),
        ("GET", "/v1/definitions/3/revisions", 200, False, REVALIDATE),
        ("GET", "/v1/definitions/3", 200, False, REVALIDATE),
        ("GET", "/v1/definitions/3", 304, False, REVALIDATE),
        ("GET", "/v1/definitions", 200, False, REVALIDATE),
        ("GET", "/explore/definitions", 200, False, REVALIDATE),
        ("GET", "/static/site.css", 200, False, ASSETS),
        ("GET", "/healthz", 200, False, NO_STORE),
        ("GET", "/v1/definitions/3", 200, True, PRIVATE),
        ("GET", "/v1/definitions/3/revisions/2", 200, True, PRIVATE),
        ("GET", "/v1/definitions/3", 404, False, NO_STORE),
        ("GET", "/v1/definitions", 429, False, NO_STORE),
        ("POST", "/v1/comparisons", 200, False, NO_STORE),
        ("POST", "/v1/definitions", 201, True, NO_STORE),
        ("PATCH", "/v1/definitions/3", 200, True, NO_STORE),
        ("DELETE", "/v1/definitions/3", 204, True, NO_STORE),
    ],
)
def test_policy_table(method: str, path: str, status: int, authorised: bool, expected: str) -> None:
    assert cache_control(method, path, status, authorised=authorised) == expected


def test_every_kind_of_response_carries_its_policy(client: TestClient, keys: Keys) -> None:
    revision = client.get("/v1/definitions/1/revisions/1")
    assert revision.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.head("/v1/definitions/1/revisions/1").headers["Cache-Control"] == IMMUTABLE

    current = client.get("/v1/definitions/1")
    assert current.headers["Cache-Control"] == "no-cache"
    again = client.get("/v1/definitions/1", headers={"If-None-Match": current.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["Cache-Control"] == "no-cache"

    assert client.get("/v1/definitions").headers["Cache-Control"] == "no-cache"
    assert client.get("/v1/definitions/1", headers=keys.dfe).headers["Cache-Control"] == PRIVATE
    assert client.get("/v1/definitions/999999").headers["Cache-Control"] == "no-store"
    assert client.get("/healthz").headers["Cache-Control"] == "no-store"
    assert client.get("/static/explore.css").headers["Cache-Control"] == "public, max-age=86400"
    compared = client.post("/v1/comparisons", json={"text": "Children feel safe."})
    assert compared.status_code == 200
    assert compared.headers["Cache-Control"] == "no-store"
    created = client.post(
        "/v1/definitions", json={"title": "T", "text": "Children feel safe."}, headers=keys.dfe
    )
    assert created.status_code == 201
    assert created.headers["Cache-Control"] == "no-store"
