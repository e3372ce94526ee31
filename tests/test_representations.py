"""Rendered representations: built once per revision, answered from the ETag, never stale."""

import logging
from typing import Any, cast

import httpx2
import pytest
from fastapi import FastAPI, Request, Response
from fastapi.testclient import TestClient

from api.app import create_app
from api.db import Database
from api.models.definition import DefinitionPublic, DefinitionSummary
from api.representations import CachedReads, cached_definition
from tests.conftest import Keys


def _cache(client: TestClient) -> Any:
    app: Any = client.app
    return app.state.representations


def _submit(client: TestClient, keys: Keys) -> dict[str, Any]:
    body = {"title": "Cache probe", "text": "Children feel safe and staff are supported."}
    response = client.post("/v1/definitions", json=body, headers=keys.dfe)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def _revise(client: TestClient, keys: Keys, url: str, etag: str) -> httpx2.Response:
    patch = client.patch(
        url,
        json={"text": "Parents are equal partners in every plan."},
        headers={**keys.dfe, "If-Match": etag},
    )
    assert patch.status_code == 200, patch.text
    return patch


def test_a_conditional_get_is_answered_before_any_body_is_built(
    client: TestClient, keys: Keys
) -> None:
    created = _submit(client, keys)
    url = f"/v1/definitions/{created['id']}"
    etag = client.head(url).headers["ETag"]
    cache = _cache(client)
    entries = len(cache)

    not_modified = client.get(url, headers={"If-None-Match": etag})

    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified.headers["ETag"] == etag
    assert len(cache) == entries  # nothing rendered for a 304


def test_the_rendered_body_is_the_public_model_and_is_reused(
    client: TestClient, keys: Keys
) -> None:
    created = _submit(client, keys)
    url = f"/v1/definitions/{created['id']}"

    first = client.get(url)
    second = client.get(url)

    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first.headers["content-type"] == "application/json"
    public = DefinitionPublic.model_validate_json(first.content)
    assert public.text == created["text"]
    assert [p.slug for p in public.principles] == [p["slug"] for p in created["principles"]]
    assert first.json() == created  # the same representation the POST answered with


def test_a_new_revision_is_served_at_once_with_a_new_etag(client: TestClient, keys: Keys) -> None:
    created = _submit(client, keys)
    url = f"/v1/definitions/{created['id']}"
    before = client.get(url)
    client.get("/v1/definitions", params={"limit": 200})  # the summary is cached too

    patch = _revise(client, keys, url, before.headers["ETag"])
    after = client.get(url)

    assert after.headers["ETag"] == patch.headers["ETag"] != before.headers["ETag"]
    assert after.json()["text"] == "Parents are equal partners in every plan."
    assert after.json()["revision"] == 2
    assert client.get(url, headers={"If-None-Match": before.headers["ETag"]}).status_code == 200
    listed = [
        d
        for d in client.get("/v1/definitions", params={"limit": 200}).json()["items"]
        if d["id"] == created["id"]
    ]
    assert [(d["revision"], d["text"]) for d in listed] == [(2, after.json()["text"])]


def test_list_pages_are_the_same_cold_and_warm(client: TestClient) -> None:
    cold = client.get("/v1/definitions", params={"limit": 3})
    warm = client.get("/v1/definitions", params={"limit": 3})

    assert cold.status_code == warm.status_code == 200
    assert cold.json() == warm.json()
    items = cold.json()["items"]
    assert len(items) == 3
    assert cold.json()["next_cursor"] is not None
    for item in items:
        DefinitionSummary.model_validate(item)


# --- the single GET answered before routing (api.representations.CachedReads) -----------------

# What differs between any two responses: the request id (new each time) and the date.
UNIQUE = {"x-request-id", "date"}


class RouterCalls:
    """Counts the single GETs that reached the route's handler (through routing)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0

        async def counted(request: Request, definition_id: int) -> Response:
            self.count += 1
            return await cached_definition(request, definition_id)

        monkeypatch.setattr("api.routers.definitions.cached_definition", counted)


def _routed_only(database: Database) -> FastAPI:
    """The app without its layer before routing: every request goes through the router."""
    app = create_app(database=database)
    app.user_middleware = [m for m in app.user_middleware if cast(object, m.cls) is not CachedReads]
    return app


def _seen(response: httpx2.Response) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = [(k, v) for k, v in response.headers.multi_items() if k not in UNIQUE]
    return response.status_code, headers, response.content


def _variants(etag: str) -> list[tuple[str, dict[str, str]]]:
    """Each way of asking that the routed GET answers differently: method, conditional,
    authorised (private cache policy), compressed, with the client's request id."""
    return [
        ("GET", {}),
        ("HEAD", {}),
        ("GET", {"If-None-Match": etag}),
        ("HEAD", {"If-None-Match": etag}),
        ("GET", {"If-None-Match": f'"other", W/{etag}'}),
        ("GET", {"If-None-Match": '"other"'}),
        ("GET", {"If-None-Match": "*"}),
        ("GET", {"Authorization": "Bearer tic_0_unknown"}),
        ("GET", {"Accept-Encoding": "gzip"}),
        ("GET", {"X-Request-ID": "client-id-1"}),
    ]


def test_a_cached_read_answered_before_routing_is_the_routed_answer(
    client: TestClient, database: Database, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = _submit(client, keys)
    calls = RouterCalls(monkeypatch)
    ids = [1, 2, created["id"]]
    with TestClient(_routed_only(database)) as routed:
        for definition_id in ids:
            url = f"/v1/definitions/{definition_id}"
            cold = client.get(url)  # not rendered in this app yet: the router renders it
            assert calls.count == 1
            etag = cold.headers["ETag"]
            for method, headers in _variants(etag):
                before = calls.count
                expected = routed.request(method, url, headers=headers)
                fast = client.request(method, url, headers=headers)
                assert calls.count == before + 1  # the routed app's handler ran, not the other's
                assert _seen(fast) == _seen(expected), (method, headers)
            assert _seen(client.get(url)) == _seen(cold)
            calls.count = 0


def test_what_is_not_known_goes_through_the_router(
    client: TestClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No such definition, an id the route's validation refuses or reads differently, a query
    string: the same answer as without the layer, from the router (its handler runs in both
    apps, or, when validation refuses the id, in neither)."""
    calls = RouterCalls(monkeypatch)
    assert client.get("/v1/definitions/1").status_code == 200  # rendered
    with TestClient(_routed_only(database)) as routed:
        for url in (
            "/v1/definitions/99999",
            "/v1/definitions/01",
            "/v1/definitions/2147483648",
            "/v1/definitions/0",
            "/v1/definitions/1?fields=all",
        ):
            before = calls.count
            expected = routed.get(url)
            by_router = calls.count - before
            fast = client.get(url)
            assert calls.count - before == 2 * by_router, url
            assert _seen(fast) == _seen(expected), url


def test_a_read_before_routing_is_logged_and_counted_under_its_route(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    url = "/v1/definitions/1"
    client.get(url)  # rendered
    metrics = client.get("/metrics").text
    counted = 'tic_http_requests_total{method="GET",route="/v1/definitions/{definition_id}",'
    before = _sample(metrics, counted + 'status="200"}')
    with caplog.at_level(logging.INFO, logger="api.requests"):
        caplog.clear()  # the lines above, when an earlier test left the logger at INFO
        fast = client.get(url)
    lines = [r for r in caplog.records if r.name == "api.requests"]

    assert [(r.route, r.method, r.status) for r in lines] == [  # type: ignore[attr-defined]
        ("/v1/definitions/{definition_id}", "GET", 200)
    ]
    assert lines[0].request_id == fast.headers["x-request-id"]  # type: ignore[attr-defined]
    after = _sample(client.get("/metrics").text, counted + 'status="200"}')
    assert after == before + 1


def _sample(metrics: str, series: str) -> float:
    for line in metrics.splitlines():
        if line.startswith(series + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_a_write_makes_the_next_read_fresh_in_every_app(
    client: TestClient, database: Database, keys: Keys
) -> None:
    """Two apps on one database (two workers): a revision written through one is what the
    other's next read answers, though the other had the old one rendered; the head in the
    database is the one thing that says which revision is current."""
    created = _submit(client, keys)
    url = f"/v1/definitions/{created['id']}"
    with TestClient(create_app(database=database)) as other:
        old = other.get(url)
        assert other.get(url).content == old.content  # rendered and served before routing
        patch = _revise(client, keys, url, old.headers["ETag"])

        fresh = other.get(url)
        again = other.get(url)
        conditional = other.get(url, headers={"If-None-Match": old.headers["ETag"]})

    assert fresh.headers["ETag"] == again.headers["ETag"] == patch.headers["ETag"]
    assert fresh.headers["ETag"] != old.headers["ETag"]
    assert fresh.json()["revision"] == 2
    assert fresh.json()["text"] == "Parents are equal partners in every plan."
    assert again.content == fresh.content
    assert conditional.status_code == 200
    assert conditional.content == fresh.content
