"""Every request observed and finished once, in one layer: an ``X-Request-ID``, HEAD served from
GET, each response's own headers, one log line, and its metrics.

- The id is the client's ``X-Request-ID`` when it sends a sane one (1 to 128 letters, digits
  and ``.-_:``, so it can be joined with the client's own logs), otherwise a new UUID: an
  absurd value (too long, spaces, control characters) is replaced rather than echoed into
  headers and logs. It is on every response, errors included, and on every log line written
  while the request is answered (``api.logs.request_id``).
- One log line per request (logger ``api.requests``): request id, route template, method,
  status and duration in ms. Never the query string, a header or a body, so no key is logged.
- Metrics (``api.metrics``) by route template, method and status; latency histograms.

- HEAD is answered like GET without the body (RFC 9110), for every GET route: FastAPI registers
  GET routes only, and clients check ETags and sizes cheaply this way. The headers,
  Content-Length included, are those the GET would send.
- Headers every response gets: ``Cache-Control`` from ``api.caching.cache_control`` (replacing
  any the app set), the security headers of ``api.edge.security_headers`` it lacks, and the
  request id. One pass over the headers, in the one ``send`` wrapper of this layer: the app's
  layers used to wrap ``send`` once each for this, and that was a measurable part of a cached
  GET's cost.

The route template is the one the router matched (``scope["route"]``), so ``/v1/definitions/7``
and ``/v1/definitions/8`` are one series; a path no route matched is ``unmatched``.
"""

import logging
import re
import time
import uuid

from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.caching import cache_control
from api.edge import security_headers
from api.logs import request_id
from api.metrics import metrics

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


def response_headers(
    scope: Scope, status: int, headers: list[tuple[bytes, bytes]], rid: bytes, *, authorised: bool
) -> list[tuple[bytes, bytes]]:
    """``headers`` as sent: the app's, less any Cache-Control and request id, then the security
    headers they lack, the cache policy and the request id."""
    kept = []
    present = set()
    content_type = b""
    for name, value in headers:
        lower = name.lower()
        if lower == b"content-type":
            content_type = value
        present.add(lower)
        if lower != b"cache-control" and lower != HEADER:
            kept.append((name, value))
    kept += security_headers(scope["path"], present, content_type)
    policy = cache_control(scope["method"], scope["path"], status, authorised=authorised)
    kept.append((b"cache-control", policy.encode()))
    kept.append((HEADER, rid))
    return kept


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
        rid_bytes = rid.encode()
        method = scope["method"]
        head = method == "HEAD"
        inner = {**scope, "method": "GET"} if head else scope
        authorised = any(name == b"authorization" for name, _ in scope.get("headers", []))
        status = 500  # unless a response starts: an exception escaped, answered outside
        started = time.perf_counter()

        async def finish(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = response_headers(
                    scope, status, message.get("headers", []), rid_bytes, authorised=authorised
                )
                message = {**message, "headers": headers}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(inner, receive, finish)
        finally:
            elapsed = time.perf_counter() - started
            route = route_template(inner)
            counted = metrics()
            counted.requests.labels(route, method, str(status)).inc()
            counted.latency.labels(route, method).observe(elapsed)
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
