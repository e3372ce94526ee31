"""TCP_NODELAY on every connection the server accepts (api.tcp), whatever the worker count."""

import socket
from typing import Any

import pytest

from api import commands
from api.tcp import NoDelayH11Protocol, no_delay


class _Transport:
    def __init__(self, sock: socket.socket | None) -> None:
        self.sock = sock

    def get_extra_info(self, name: str) -> Any:
        return self.sock if name == "socket" else None


def test_no_delay_sets_tcp_nodelay_on_an_accepted_connection() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        client = socket.create_connection(server.getsockname())
        accepted, _ = server.accept()
        with client, accepted:
            accepted.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 0)
            no_delay(_Transport(accepted))  # type: ignore[arg-type]
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


def test_no_delay_leaves_other_sockets_alone() -> None:
    no_delay(_Transport(None))  # type: ignore[arg-type]
    left, right = socket.socketpair()
    with left, right:
        no_delay(_Transport(left))  # type: ignore[arg-type]  # a Unix socket has no TCP options


def test_serve_runs_uvicorn_with_the_no_delay_protocol(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    assert commands.serve("127.0.0.1", 8000, 1) == 0
    assert seen["app"] == "api.main:app"
    assert seen["http"] is NoDelayH11Protocol
