"""Every request observed once: an ``X-Request-ID``, one log line, and its metrics.

- The id is the client's ``X-Request-ID`` when it sends a sane one (1 to 128 letters, digits
  and ``.-_:``, so it can be joined with the client's own logs), otherwise a new UUID: an
  absurd value (too long, spaces, control characters) is replaced rather than echoed into
  headers and logs. It is on every response, errors included, and on every log line written
  while the request is answered (``api.logs.request_id``).
- One log line per request (logger ``api.requests``): request id, route template, method,
  status and duration in ms. Never the query string, a header or a body, so no key is logged.
- Metrics (``api.metrics``) by route template, method and status; latency histograms.

The route template is the one the router matched (``scope["route"]``), so ``/v1/definitions/7``
and ``/v1/definitions/8`` are one series; a path no route matched is ``unmatched``.
"""

import logging
import re
import time
import uuid

from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.logs import request_id
from api.metrics import LATENCY, REQUESTS

HEADER = b"x-request-id"
_SANE_ID = re.compile(rb"[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}")
logger = logging.getLogger("api.requests")


def incoming_id(scope: Scope) -> str:
    """The client's request id when it is sane, else a new one."""
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    for name, value in headers:
        if name == HEADER and _SANE_ID.fullmatch(value):
            return value.decode()
    return str(uuid.uuid4())


def route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    if not isinstance(path, str):
        return "unmatched"
    if isinstance(route, Mount):
        return f"{path}/{{path}}"  # static assets: one series for all the files of a mount
    return path


class Observe:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = incoming_id(scope)
        # Left set when the request ends: uvicorn answers each request in its own task, so the
        # value ends with it, and the 500 handler outside (UnexpectedErrors) still sees it.
        request_id.set(rid)
        header = (HEADER, rid.encode())
        status = 500  # unless a response starts: an exception escaped, answered outside
        started = time.perf_counter()

        async def with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [h for h in message.get("headers", []) if h[0].lower() != HEADER]
                message = {**message, "headers": [*headers, header]}
            await send(message)

        try:
            await self.app(scope, receive, with_id)
        finally:
            elapsed = time.perf_counter() - started
            route, method = route_template(scope), scope["method"]
            REQUESTS.labels(route, method, str(status)).inc()
            LATENCY.labels(route, method).observe(elapsed)
            duration_ms = round(elapsed * 1000, 2)
            logger.info(
                "%s %s %d %.1f ms",
                method,
                route,
                status,
                duration_ms,
                extra={
                    "request_id": rid,
                    "route": route,
                    "method": method,
                    "status": status,
                    "duration_ms": duration_ms,
                },
            )
