"""Small assertions and steps shared by the tests."""

import subprocess
import sys
from collections.abc import Callable
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


def python_output(code: str) -> str:
    """What ``code`` prints in a fresh interpreter (for what importing does to a process)."""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


# Texts whose readings differ: two principles, two others, a third pair, and one in French
# (not read), so that each write changes what the maintained counts must say.
TEXTS = (
    "Children and families feel safe. Practitioners are open and honest about decisions.",
    "Plans are made in partnership with parents, and staff receive reflective supervision.",
    "Workers notice the signs of trauma and avoid practices that re-traumatise children.",
    "Les enfants et les familles se sentent en sécurité et sont écoutés avec respect.",
)


def write_series(
    client: Any, writers: list[dict[str, str]], check: Callable[[], None]
) -> list[int]:
    """Create eight definitions with ``writers``' keys (taken in turn), then revise, withdraw,
    supersede and republish some, calling ``check`` after every write; the definitions' ids."""
    created = []
    for n, text in enumerate(TEXTS * 2):
        headers = writers[n % len(writers)]
        body = {"title": f"T{n}", "text": text, **({"language": "fr"} if "Les" in text else {})}
        response = client.post("/v1/definitions", json=body, headers=headers)
        assert response.status_code == 201, response.text
        created.append((response.json()["id"], headers, response.headers["ETag"]))
        check()

    def write(i: int, method: str, body: dict[str, object] | None = None) -> None:
        definition_id, headers, etag = created[i]
        response = client.request(
            method,
            f"/v1/definitions/{definition_id}",
            json=body,
            headers={**headers, "If-Match": etag},
        )
        assert response.status_code in (200, 204), response.text
        created[i] = (definition_id, headers, response.headers["ETag"])
        check()

    write(0, "PATCH", {"text": TEXTS[2]})  # carries other principles now
    write(1, "PATCH", {"status": "draft"})  # drafts still count
    write(2, "DELETE")  # withdrawn: no longer counts
    write(3, "PATCH", {"text": TEXTS[0], "language": "en"})  # now read
    write(4, "PATCH", {"status": "superseded", "superseded_by": created[0][0]})
    write(5, "PATCH", {"text": TEXTS[3], "language": "fr"})  # now unread
    write(6, "DELETE")
    write(1, "PATCH", {"status": "published"})
    return [definition_id for definition_id, _, _ in created]
