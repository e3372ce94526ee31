"""Rendered representations: built once per revision, answered from the ETag, never stale."""

from typing import Any

from fastapi.testclient import TestClient

from api.models.definition import DefinitionPublic, DefinitionSummary
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

    patch = client.patch(
        url,
        json={"text": "Parents are equal partners in every plan."},
        headers={**keys.dfe, "If-Match": before.headers["ETag"]},
    )
    assert patch.status_code == 200, patch.text
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
