"""RFC 9457 problem details for every error the API returns.

Services raise domain exceptions (``api.domain``); ``DOMAIN_STATUS`` below is the one place a
status is chosen for them. The HTTP layer raises ``Problem`` for what only HTTP knows (401, 413,
503). The handlers turn everything, validation errors and unexpected exceptions included, into
application/problem+json. Unexpected exceptions are logged server-side and answered with a
generic 500 that leaks nothing.
"""

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import Scope

from api import domain
from api.config import settings
from api.problems import BY_STATUS

logger = logging.getLogger("api.errors")

PROBLEM_JSON = "application/problem+json"
PROBLEMS_PATH = "/problems"


class Problem(Exception):
    """An error a client can act on. ``kind`` becomes the problem ``type`` URI."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        kind: str | None = None,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind or _default_kind(status)
        self.title = title or HTTPStatus(status).phrase
        self.headers = headers or {}
        self.extra = extra


class NotModified(Exception):
    """Raised when If-None-Match matches: answered with an empty 304 carrying the ETag."""

    def __init__(self, etag: str) -> None:
        super().__init__(etag)
        self.etag = etag


def _default_kind(status: int) -> str:
    return BY_STATUS.get(status) or HTTPStatus(status).phrase.lower().replace(" ", "-")


def public_base(scope: Scope | None) -> str:
    """The registry's absolute base URL: TIC_PUBLIC_BASE_URL when set, else the request's."""
    if settings.public_base_url or scope is None:
        return settings.public_base_url.rstrip("/")
    return str(Request(scope).base_url).rstrip("/")


def problem_type(kind: str, scope: Scope | None) -> str:
    """The problem's ``type``: the page this service serves about it (api.routers.problems)."""
    return f"{public_base(scope)}{PROBLEMS_PATH}/{kind}"


def problem_response(
    status: int,
    detail: str,
    *,
    kind: str | None = None,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
    scope: Scope | None = None,
    **extra: Any,
) -> JSONResponse:
    """``scope`` (the request's) makes the ``type`` absolute when no public base URL is set."""
    body: dict[str, Any] = {
        "type": problem_type(kind or _default_kind(status), scope),
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    # An error describes this moment, not the resource: no cache keeps it.
    headers = {"Cache-Control": "no-store", **(headers or {})}
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _field_name(loc: tuple[Any, ...]) -> str:
    # ("body", "title") -> "title"; ("query", "limit") -> "limit"; ("body",) -> "body"
    parts = [str(p) for p in loc[1:]] if len(loc) > 1 else [str(p) for p in loc]
    return ".".join(parts)


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        if err.get("type") == "json_invalid":
            loc = ("body",)  # FastAPI puts the character offset where the field would be
        errors.append(
            {
                "location": str(loc[0]) if loc else "body",
                "field": _field_name(loc),
                "pointer": "/" + "/".join(str(p) for p in loc[1:]),
                "message": str(err.get("msg", "invalid value")),
                "code": str(err.get("type", "invalid")),
            }
        )
    return errors


async def _problem_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return problem_response(
        exc.status,
        exc.detail,
        kind=exc.kind,
        title=exc.title,
        headers=exc.headers,
        instance=request.url.path,
        scope=request.scope,
        **exc.extra,
    )


# The only place a domain exception gets an HTTP status (most specific class first).
DOMAIN_STATUS: tuple[tuple[type[domain.DomainError], int], ...] = (
    (domain.NotFound, 404),
    (domain.Conflict, 409),
    (domain.Stale, 412),
    (domain.PreconditionRequired, 428),
    (domain.Unauthenticated, 401),
    (domain.Forbidden, 403),
    (domain.InvalidField, 422),
    (domain.Unprocessable, 422),
    (domain.InvalidCursor, 400),
)


def status_of(exc: domain.DomainError) -> int:
    return next((status for cls, status in DOMAIN_STATUS if isinstance(exc, cls)), 400)


async def _domain_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, domain.DomainError)
    extra = dict(exc.extra)
    headers: dict[str, str] = {}
    title = None
    if isinstance(exc, domain.Unauthenticated):
        headers["WWW-Authenticate"] = 'Bearer realm="tic"'
    if isinstance(exc, domain.Stale) and exc.current_etag:
        headers["ETag"] = exc.current_etag
    if isinstance(exc, domain.InvalidField):
        title = "Invalid request"
        extra["errors"] = [
            {
                "location": exc.location,
                "field": exc.field,
                "pointer": "" if exc.field == "body" else "/" + exc.field.replace(".", "/"),
                "message": exc.message,
                "code": exc.code,
            }
        ]
    return problem_response(
        status_of(exc),
        exc.detail,
        kind=exc.problem_kind,
        title=title,
        headers=headers,
        instance=request.url.path,
        scope=request.scope,
        **extra,
    )


async def _http_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    headers = dict(exc.headers or {})
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"No resource at {request.url.path}"
    if exc.status_code == 405:
        allowed = _allowed_methods(request)
        headers["Allow"] = ", ".join(allowed)
        detail = f"{request.method} is not allowed here; use {', '.join(allowed)}."
    return problem_response(
        exc.status_code, detail, headers=headers, instance=request.url.path, scope=request.scope
    )


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's).

    Each candidate method is matched against the app's routes as a full request would be, so
    included routers are searched the way the router itself searches them.
    """
    allowed = []
    for method in ("DELETE", "GET", "PATCH", "POST", "PUT"):
        scope = {**request.scope, "method": method}
        if any(r.matches(scope)[0] == Match.FULL for r in request.app.router.routes):
            allowed.append(method)
    if "GET" in allowed:
        allowed.insert(allowed.index("GET") + 1, "HEAD")
    return allowed


async def _validation_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = validation_errors(exc)
    fields = ", ".join(sorted({e["field"] for e in errors}))
    return problem_response(
        422,
        f"The request is not valid: check {fields}.",
        kind="validation-error",
        title="Invalid request",
        instance=request.url.path,
        scope=request.scope,
        errors=errors,
    )


async def _not_modified_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotModified)
    return Response(status_code=304, headers={"ETag": exc.etag})


async def _unexpected_handler(request: Request, exc: Exception) -> Response:
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        500,
        "The server could not complete the request. It has been logged.",
        instance=request.url.path,
        scope=request.scope,
    )


async def _database_unavailable_handler(request: Request, exc: Exception) -> Response:
    """The database refused, dropped or timed out a connection or statement (stopped, restarting,
    overloaded, or SQLite's write lock held past busy_timeout): a transient 503, never a 500."""
    logger.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    return problem_response(
        503,
        "The database is not answering; nothing was changed. Try again shortly.",
        kind="database-unavailable",
        headers={"Retry-After": str(settings.retry_after_seconds), "Cache-Control": "no-store"},
        instance=request.url.path,
        scope=request.scope,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _problem_handler)
    app.add_exception_handler(domain.DomainError, _domain_handler)
    app.add_exception_handler(NotModified, _not_modified_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    for unavailable in (OperationalError, InterfaceError, SQLAlchemyTimeoutError):
        app.add_exception_handler(unavailable, _database_unavailable_handler)
    app.add_exception_handler(Exception, _unexpected_handler)
