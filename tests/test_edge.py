"""Edge protections: rate limits, security headers, CORS closed by default, nothing leaks."""

from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.config import Settings
from api.db import Database
from api.logs import redact
from tests.conftest import Keys
from tests.helpers import assert_problem, python_output


@pytest.fixture
def strict(database: Database) -> Iterator[TestClient]:
    """An app with small limits, so they are reached within a test."""
    config = Settings(
        database_url=database.url,
        rate_limit_per_address="20/minute",
        rate_limit_per_key="30/minute",
        rate_limit_anonymous_compute="3/minute",
    )
    with TestClient(create_app(config, database), raise_server_exceptions=False) as client:
        yield client


def test_every_address_is_limited_and_told_when_to_retry(strict: TestClient) -> None:
    answers = [strict.get("/v1/principles").status_code for _ in range(20)]
    limited = strict.get("/v1/principles")

    assert answers == [200] * 20
    body = assert_problem(limited, 429)
    assert body["type"].endswith("/too-many-requests")
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert strict.get("/healthz").status_code == 200  # probes are never limited


def test_bad_keys_are_limited_like_anything_else(strict: TestClient) -> None:
    bad = {"Authorization": "Bearer tic_0123456789ab_not-a-real-secret"}
    codes = [strict.post("/v1/definitions", json={}, headers=bad).status_code for _ in range(25)]

    assert set(codes[:20]) == {401}
    assert codes[20:] == [429] * 5


def test_anonymous_comparisons_are_limited_more_strictly(strict: TestClient, keys: Keys) -> None:
    body = {"text": "Children feel safe."}
    anonymous = [strict.post("/v1/analyses", json=body).status_code for _ in range(4)]
    with_key = [
        strict.post("/v1/analyses", json=body, headers=keys.dfe).status_code for _ in range(4)
    ]

    assert anonymous == [200, 200, 200, 429]
    assert with_key == [200] * 4  # a key's own, larger budget


def test_anonymous_neighbours_share_the_compute_limit(strict: TestClient) -> None:
    """Both neighbour routes cost a pass over the index: limited like comparisons."""
    codes = [
        strict.get("/v1/definitions/1/neighbours").status_code,
        strict.post("/v1/comparisons/neighbours", json={"text": "Children feel safe."}).status_code,
        strict.get("/v1/definitions/1/neighbours").status_code,
        strict.post("/v1/comparisons/neighbours", json={"text": "safe"}).status_code,
    ]
    assert codes == [200, 200, 200, 429]
    assert strict.get("/v1/definitions/1").status_code == 200  # plain reads are not


def test_security_headers_fit_each_kind_of_page(client: TestClient) -> None:
    api = client.get("/v1/principles")
    docs = client.get("/docs")
    error = client.get("/v1/definitions/999999")

    for response in (api, docs, error):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["X-Frame-Options"] == "DENY"
    assert api.headers["Content-Security-Policy"].startswith("default-src 'none'")
    docs_policy = docs.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in docs_policy  # Swagger UI's start-up script
    assert "https:" not in docs_policy  # its assets are our own
    assert error.headers["Cache-Control"] == "no-store"
    assert "no-store" not in api.headers.get("Cache-Control", "")


def test_cors_is_closed_by_default_and_opens_to_configured_origins(database: Database) -> None:
    origin = "https://dfe.example.gov.uk"
    preflight = {"Origin": origin, "Access-Control-Request-Method": "PATCH"}
    with TestClient(create_app(database=database)) as closed:
        assert (
            "access-control-allow-origin"
            not in closed.get("/v1/principles", headers={"Origin": origin}).headers
        )
        assert (
            "access-control-allow-origin"
            not in closed.options("/v1/definitions/1", headers=preflight).headers
        )
    config = Settings(database_url=database.url, cors_origins=[origin])
    with TestClient(create_app(config, database)) as opened:
        answer = opened.options("/v1/definitions/1", headers=preflight)
        other = opened.get("/v1/principles", headers={"Origin": "https://elsewhere.example"})
    assert answer.headers["access-control-allow-origin"] == origin
    assert "PATCH" in answer.headers["access-control-allow-methods"]
    assert "access-control-allow-origin" not in other.headers


def test_key_like_query_strings_are_redacted() -> None:
    line = redact('"GET /v1/definitions?q=safe&api_key=s3cr3t&token=abc HTTP/1.1" 200')
    assert "s3cr3t" not in line
    assert "abc" not in line
    assert "q=safe" in line
    assert redact("/v1/x?k=tic_0123abcd_Zz-9_secret") == "/v1/x?k=[redacted]"


@pytest.mark.slow
def test_the_running_server_hides_itself_and_logs_no_key(live_server: str, tmp_path: Path) -> None:
    secret = "tic_0123abcd4567_SuperSecretValue-123"
    with httpx.Client(base_url=live_server) as client:
        plain = client.get("/v1/principles")
        client.get("/v1/definitions", params={"api_key": secret, "q": "safety"})
        client.get(f"/v1/definitions?access_token={secret}")

    assert "server" not in plain.headers
    log = (tmp_path / "server.log").read_text()
    assert "/v1/definitions" in log  # the requests were logged...
    assert "SuperSecretValue" not in log  # ...without the key


def test_importing_the_app_imports_no_limits_until_the_first_request() -> None:
    """limits takes about a tenth of a second to import: the rate limiter loads it when
    Starlette builds the middleware, at the app's first request."""
    code = (
        "import sys\n"
        "from fastapi.testclient import TestClient\n"
        "import api.main\n"
        "print('limits' in sys.modules)\n"
        "TestClient(api.main.app).get('/healthz')\n"
        "print('limits' in sys.modules)\n"
    )
    assert python_output(code).splitlines() == ["False", "True"]
