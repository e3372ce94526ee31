"""Health, readiness, docs pages and the error shape of the service itself."""

from fastapi.testclient import TestClient

from api.app import create_app
from api.db import Database
from tests.conftest import BACKEND
from tests.helpers import assert_problem


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_readyz_when_the_database_answers(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"


def test_readyz_is_503_when_the_database_is_gone() -> None:
    # A database that cannot be reached: a closed port, or a file in a folder that does not exist.
    url = (
        "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2"
        if BACKEND == "postgres"
        else "sqlite:////nonexistent-folder/tic.db"
    )
    database = Database(url)
    try:
        with TestClient(create_app(database=database), raise_server_exceptions=False) as client:
            response = client.get("/readyz")
            assert client.get("/healthz").status_code == 200
    finally:
        database.dispose()
    body = assert_problem(response, 503)
    assert "nonexistent" not in response.text
    assert "127.0.0.1" not in response.text
    assert body["detail"] == "The database does not answer."


def test_unknown_path_is_a_problem(client: TestClient) -> None:
    assert_problem(client.get("/v1/nothing-here"), 404)


def test_wrong_method_is_a_problem(client: TestClient) -> None:
    assert_problem(client.delete("/v1/sources"), 405)


def test_docs_pages_use_their_own_assets(client: TestClient) -> None:
    docs = client.get("/docs")
    redoc = client.get("/redoc")

    assert docs.status_code == redoc.status_code == 200
    for page in (docs.text, redoc.text):
        assert "cdn." not in page
        assert "fonts.googleapis" not in page
    assert "/docs-assets/swagger-ui-bundle.js" in docs.text
    assert "/docs-assets/redoc.standalone.js" in redoc.text
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        response = client.get(f"/docs-assets/{asset}")
        assert response.status_code == 200
        assert len(response.content) > 10_000


def test_openapi_document_describes_the_registry(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()

    assert spec["info"]["title"] == "Trauma-informed care definitions registry"
    assert "/v1/definitions/{definition_id}" in spec["paths"]
    assert "/v1/sources/{source_slug}" in spec["paths"]


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    get = client.get("/v1/sources/eif-2022-trauma-informed-care")
    head = client.head("/v1/sources/eif-2022-trauma-informed-care")

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == str(len(get.content))
    assert client.head("/v1/sources/nothing").status_code == 404


def test_method_not_allowed_lists_every_method(client: TestClient) -> None:
    response = client.put("/v1/definitions")

    assert_problem(response, 405)
    assert response.headers["allow"] == "GET, HEAD, POST"
