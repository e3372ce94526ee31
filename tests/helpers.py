"""Small assertions shared by the HTTP tests."""

from typing import Any

import httpx2 as httpx


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem with the given status, leaking no internals."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    # An absolute URI of the page this service serves about the problem (tests/test_problems.py).
    assert body["type"].startswith(("http://", "https://")), body["type"]
    assert "/problems/" in body["type"]
    assert body["title"]
    assert body["detail"]
    lowered = response.text.lower()
    for leak in ("traceback", "sqlalchemy", "select ", "psycopg", "sqlite3", 'file "'):
        assert leak not in lowered, f"problem leaks {leak!r}: {response.text}"
    return body


def walk_pages(client: Any, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paginated list, following next_cursor to the end."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        response = client.get(path, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")
