"""An unexpected error is a problem+json 500 that leaves the keep-alive connection usable.

Starlette's ServerErrorMiddleware re-raises after sending its 500, and uvicorn then closes the
connection, so a client's next request on it was reset. The product has no route that fails on
purpose; these tests add two to their own app instance (a failing handler and a failing
dependency) and serve it with uvicorn in-process, then speak HTTP/1.1 over one raw socket.
"""

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Annotated

import pytest
import uvicorn
from fastapi import Depends

from api.app import create_app
from api.db import Database


def _failing_dependency() -> None:
    raise LookupError("a dependency failed")


def _fail() -> None:
    raise RuntimeError("a handler failed")


async def _fail_async() -> None:
    raise ValueError("an async handler failed")


def _uses_failing_dependency(_: Annotated[None, Depends(_failing_dependency)]) -> None:
    return None


@pytest.fixture
def server(database: Database) -> Iterator[int]:
    app = create_app(database=database)
    app.add_api_route("/test-only/fail", _fail)
    app.add_api_route("/test-only/fail-async", _fail_async)
    app.add_api_route("/test-only/fail-dependency", _uses_failing_dependency)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical")
    served = uvicorn.Server(config)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not served.started:
        assert thread.is_alive(), "server exited"
        assert time.monotonic() < deadline, "server did not start within 30 s"
        time.sleep(0.05)
    try:
        yield port
    finally:
        served.should_exit = True
        thread.join(timeout=10)


class Connection:
    """One HTTP/1.1 connection, kept open across requests."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buffer = b""

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        self.sock.sendall(f"GET {path} HTTP/1.1\r\nHost: test\r\n\r\n".encode())
        while b"\r\n\r\n" not in self.buffer:
            self._read()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, v in (x.split(":", 1) for x in lines)}
        length = int(headers["content-length"])
        while len(self.buffer) < length:
            self._read()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return int(status_line.split()[1]), headers, body

    def _read(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buffer += chunk

    def close(self) -> None:
        self.sock.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", ["/test-only/fail", "/test-only/fail-async", "/test-only/fail-dependency"]
)
def test_a_500_is_a_problem_and_the_connection_stays_usable(server: int, path: str) -> None:
    connection = Connection(server)
    try:
        status, headers, body = connection.get(path)
        assert status == 500
        assert headers["content-type"].startswith("application/problem+json")
        assert headers.get("connection", "").lower() != "close"
        problem = json.loads(body)
        assert problem["status"] == 500
        assert "failed" not in problem["detail"]  # the exception's text does not leak

        # The same connection answers the next requests, failing or not.
        assert connection.get("/healthz")[0] == 200
        assert connection.get(path)[0] == 500
        assert connection.get("/v1/principles/safety")[0] == 200
    finally:
        connection.close()
