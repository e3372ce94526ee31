"""Observability: X-Request-ID on every response, one log line per request, Prometheus metrics
by route template (api/observe.py, api/metrics.py, api/logs.py)."""

import io
import json
import logging
import logging.config
import re
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from api.app import create_app
from api.db import Database
from api.logs import logging_config, wants_json
from tests.helpers import python_output

DEFINITION = "/v1/definitions/{definition_id}"


def sample(client: TestClient, name: str, **labels: str) -> float:
    """The value of one sample on /metrics (0 when the series does not exist yet)."""
    body = client.get("/metrics").text
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in body.splitlines():
        if line.startswith(f"{name}{{{wanted}}} ") or (not labels and line.startswith(name + " ")):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_every_response_carries_a_request_id(client: TestClient) -> None:
    generated = client.get("/v1/definitions/1").headers["x-request-id"]
    assert uuid.UUID(generated)
    assert client.get("/v1/definitions/1").headers["x-request-id"] != generated

    sane = "7d1c9a6e-0b5f.trace:42_a"
    assert (
        client.get("/v1/definitions/1", headers={"X-Request-ID": sane}).headers["x-request-id"]
        == sane
    )
    for absurd in ("x" * 129, "two words", "<script>", "-starts-with-a-dash"):
        answered = client.get("/healthz", headers={"X-Request-ID": absurd}).headers
        assert uuid.UUID(answered["x-request-id"]), absurd

    # Errors too: a 404 of no route, a 404 problem, a 405, a 413 before the app, a HEAD.
    assert "x-request-id" in client.get("/nowhere").headers
    assert "x-request-id" in client.get("/v1/definitions/999999").headers
    assert "x-request-id" in client.delete("/healthz").headers
    big = client.post("/v1/analyses", content=b"x" * 10_000_000)
    assert big.status_code == 413
    assert "x-request-id" in big.headers
    assert "x-request-id" in client.head("/v1/definitions/1").headers


def test_an_unexpected_error_keeps_the_request_id(database: Database) -> None:
    app = create_app(database=database)

    def fail() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/test-only/fail", fail)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/test-only/fail", headers={"X-Request-ID": "abc-123"})
        assert response.status_code == 500
        assert response.headers["x-request-id"] == "abc-123"
        assert (
            sample(
                client,
                "tic_http_requests_total",
                method="GET",
                route="/test-only/fail",
                status="500",
            )
            >= 1
        )


def test_one_log_line_per_request_with_no_key_in_it(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    key = "tic_0123456789ab_SeCrEtSeCrEtSeCrEt"
    with caplog.at_level(logging.INFO, logger="api.requests"):
        response = client.get(
            "/v1/definitions/1?api_key=" + key,
            headers={"Authorization": f"Bearer {key}", "X-Request-ID": "req-1"},
        )
    lines = [r for r in caplog.records if r.name == "api.requests"]
    assert len(lines) == 1
    line = lines[0]
    assert response.status_code == 200
    assert line.__dict__["request_id"] == "req-1"
    assert line.__dict__["route"] == DEFINITION
    assert line.__dict__["method"] == "GET"
    assert line.__dict__["status"] == 200
    assert 0 < line.__dict__["duration_ms"] < 60_000
    assert line.getMessage().startswith(f"GET {DEFINITION} 200 ")
    assert "SeCrEt" not in caplog.text
    assert "api_key" not in caplog.text


def test_json_lines_off_a_terminal_and_plain_on_one() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert wants_json("auto", io.StringIO())
    assert not wants_json("auto", Terminal())
    assert wants_json("json", Terminal())
    assert not wants_json("plain", io.StringIO())

    stream = io.StringIO()
    config = logging_config("json")
    config["handlers"]["default"]["stream"] = stream
    config["root"] = {"handlers": [], "level": "INFO"}
    config["loggers"] = {
        "test.json": {"handlers": ["default"], "level": "INFO", "propagate": False}
    }
    logging.config.dictConfig(config)
    logging.getLogger("test.json").info(
        "GET %s 200", "/x?token=tic_ab12_secret", extra={"route": "/x", "status": 200}
    )
    record = json.loads(stream.getvalue())
    assert record["message"] == "GET /x?token=[redacted] 200"
    assert record["route"] == "/x"
    assert record["status"] == 200
    assert record["level"] == "INFO"
    assert re.match(r"\d{4}-\d\d-\d\dT", record["time"])
    assert "request_id" in record


def test_metrics_count_requests_by_route_template(client: TestClient) -> None:
    labels = {"method": "GET", "route": DEFINITION, "status": "200"}
    before = sample(client, "tic_http_requests_total", **labels)
    latency = sample(
        client, "tic_http_request_duration_seconds_count", method="GET", route=DEFINITION
    )
    for definition_id in (1, 2, 3):
        assert client.get(f"/v1/definitions/{definition_id}").status_code == 200
    assert sample(client, "tic_http_requests_total", **labels) == before + 3
    assert (
        sample(client, "tic_http_request_duration_seconds_count", method="GET", route=DEFINITION)
        == latency + 3
    )
    body = client.get("/metrics").text
    assert 'route="/v1/definitions/1"' not in body  # never the raw path
    unmatched = sample(
        client, "tic_http_requests_total", method="GET", route="unmatched", status="404"
    )
    client.get("/no/such/path/12345")
    assert (
        sample(client, "tic_http_requests_total", method="GET", route="unmatched", status="404")
        == unmatched + 1
    )
    assert "/no/such/path" not in client.get("/metrics").text


def test_metrics_time_the_analyser_and_count_database_errors(
    client: TestClient, database: Database
) -> None:
    analysed = sample(client, "tic_analyser_duration_seconds_count")
    text_ = "We never make children retell their story, and staff get reflective supervision."
    assert client.post("/v1/analyses", json={"text": text_}).status_code == 200
    assert sample(client, "tic_analyser_duration_seconds_count") >= analysed + 1

    # SQLite calls a missing table an OperationalError, PostgreSQL a ProgrammingError.
    kind = "OperationalError" if database.dialect == "sqlite" else "ProgrammingError"
    errors = sample(client, "tic_database_errors_total", error=kind)
    with pytest.raises(DBAPIError) as raised, database.engine.connect() as connection:
        connection.execute(text("SELECT * FROM no_such_table"))
    assert type(raised.value).__name__ == kind
    assert sample(client, "tic_database_errors_total", error=kind) == errors + 1


def test_metrics_are_text_for_prometheus_and_not_in_the_api_document(client: TestClient) -> None:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    assert "# TYPE tic_http_requests_total counter" in response.text
    assert "# TYPE tic_http_request_duration_seconds histogram" in response.text
    assert "/metrics" not in client.get("/openapi.json").json()["paths"]


def test_importing_the_app_imports_no_prometheus_client_until_metrics_are_first_used() -> None:
    """prometheus-client takes about a twentieth of a second to import: the metrics are made at
    their first use, once even when the first uses come at once from several threads."""
    code = (
        "import sys, threading\n"
        "import api.main\n"
        "from api import metrics\n"
        "print('prometheus_client' in sys.modules)\n"
        "start, made = threading.Barrier(8), []\n"
        "def use():\n"
        "    start.wait()\n"
        "    made.append(metrics.metrics())\n"
        "threads = [threading.Thread(target=use) for _ in range(8)]\n"
        "for t in threads: t.start()\n"
        "for t in threads: t.join()\n"
        "print(len(made), len({id(m) for m in made}))\n"
        "print(b'tic_analyser_duration_seconds_count 0.0' in metrics.exposition()[0])\n"
    )
    assert python_output(code).splitlines() == ["False", "8 1", "True"]
