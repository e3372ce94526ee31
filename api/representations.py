"""Rendered representations of immutable revisions, kept so a read builds nothing twice.

A revision never changes, so the JSON of (definition, revision, analyser version) is rendered
once and served from then on: a single GET costs one indexed lookup of the head's current
revision, a conditional GET is answered from the ETag before any body exists, and a list page
joins the cached items of its rows. Each app holds its own cache (``app.state``), bounded by
entry count (least recently used out first), so tests and several apps never share one.

What a representation shows besides its revision (the organisation's slug and name, the source's
slug) cannot change through the API; the seed can rename an organisation, and a restart after
re-seeding clears the cache.

``CachedReads`` answers a single GET whose answer is already known (a 304, or a body in the
cache) before FastAPI routes it: routing and dependency injection were about 40% of such a
GET's cost. It sits inside every middleware, so the response goes out through the same layers
(headers, compression, rate limits, log line and metrics) as a routed one, and it builds that
response with the route's own code (``_known_answer``); anything else (no such definition, a
body not rendered yet, a database error, a query string) goes on to the router.
"""

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from fastapi import Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute
from sqlalchemy import bindparam
from sqlmodel import Session, select
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from api.db import Database
from api.domain import NotFound
from api.etags import none_match
from api.models import Definition
from api.models.common import MAX_INTEGER
from api.services import definitions
from api.services.definitions import DEFINITIONS, Key

JSON = "application/json"


class RenderedCache:
    """A thread-safe LRU of rendered bytes keyed by immutable versions."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._items: OrderedDict[Any, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: Any, body: bytes) -> None:
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


# The head lookup every single GET starts with: one indexed read, compiled once.
CURRENT_REVISION = select(Definition.current_revision).where(Definition.id == bindparam("id"))


def _cache(request: Request) -> RenderedCache:
    cache: RenderedCache = request.app.state.representations
    return cache


def _database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


async def current_revision(database: Database, definition_id: int) -> int | None:
    """The number of a definition's current revision, None when there is no such definition.

    On SQLite the head lookup takes microseconds and runs on the event loop; on PostgreSQL it
    waits on the network, so it runs in the thread pool like every other database call.
    """
    if database.dialect == "sqlite":
        number: int | None = database.scalar(CURRENT_REVISION, id=definition_id)
        return number
    number = await run_in_threadpool(database.scalar, CURRENT_REVISION, id=definition_id)
    return number


def _known_answer(cache: RenderedCache, etag: str, if_none_match: str | None) -> Response | None:
    """304 when the client holds ``etag``, the cached body when there is one, else None."""
    if none_match(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    body = cache.get(("definition", etag))
    if body is None:
        return None
    return Response(body, media_type=JSON, headers={"ETag": etag})


async def cached_definition(request: Request, definition_id: int) -> Response:
    """``GET /v1/definitions/{id}``: 304 from the ETag, else the rendered current revision."""
    database = _database(request)
    number = await current_revision(database, definition_id)
    if number is None:
        raise NotFound.of("definition", definition_id)
    etag = DEFINITIONS.etag_at(definition_id, number)
    cache = _cache(request)
    known = _known_answer(cache, etag, request.headers.get("if-none-match"))
    if known is not None:
        return known
    body = await run_in_threadpool(_render_definition, database, definition_id, number)
    cache.put(("definition", etag), body)
    return Response(body, media_type=JSON, headers={"ETag": etag})


def _render_definition(database: Database, definition_id: int, number: int) -> bytes:
    with database.session() as session:
        [(definition, revision)] = definitions.at_revisions(session, [(definition_id, number)])
        public = definitions.present_definition(session, definition, revision)
        return public.model_dump_json().encode()


def cached_summaries(
    request: Request, session: Session, keys: Sequence[Key], next_cursor: str | None
) -> Response:
    """A list page whose items are each definition's rendered summary at its revision."""
    cache = _cache(request)
    names = [("summary", DEFINITIONS.etag_at(i, n)) for i, n in keys]
    bodies = [cache.get(name) for name in names]
    missing = [i for i, b in enumerate(bodies) if b is None]
    if missing:
        pairs = definitions.at_revisions(session, [keys[i] for i in missing])
        rendered = definitions.present_summaries(session, pairs)
        for i, summary in zip(missing, rendered, strict=True):
            bodies[i] = summary.model_dump_json().encode()
            cache.put(names[i], bodies[i] or b"")
    cursor = b"null" if next_cursor is None else b'"' + next_cursor.encode() + b'"'
    body = b'{"items":[' + b",".join(b or b"" for b in bodies) + b'],"next_cursor":' + cursor + b"}"
    return Response(body, media_type=JSON)


class CachedReads:
    """``GET /v1/definitions/{id}`` answered before routing when the answer is known (see the
    module's docstring); the innermost middleware, given the route it stands in for.

    Only a plain request takes this path: the path a canonical id (digits, no leading zero,
    within the id type's bounds, as the route's validation would read it) and no query string.
    The route template is set in the scope as the router sets it, for the log line and metrics.
    """

    def __init__(self, app: ASGIApp, route: APIRoute) -> None:
        self.app = app
        self.route = route

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and not scope["query_string"]
            and not scope.get("root_path")
        ):
            response = await self._answer(scope)
            if response is not None:
                scope["route"] = self.route
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _answer(self, scope: Scope) -> Response | None:
        match = self.route.path_regex.match(scope["path"])
        if match is None:
            return None
        [text] = match.groups()
        if not (text.isascii() and text.isdigit() and text[0] != "0" and len(text) <= 10):
            return None
        definition_id = int(text)
        if definition_id > MAX_INTEGER:
            return None
        state = scope["app"].state
        try:
            number = await current_revision(state.database, definition_id)
        except Exception:  # the router asks again and answers with the app's error handlers
            return None
        if number is None:
            return None  # the router's 404
        etag = DEFINITIONS.etag_at(definition_id, number)
        return _known_answer(state.representations, etag, Headers(scope=scope).get("if-none-match"))
