"""Rendered representations of immutable revisions, kept so a read builds nothing twice.

A revision never changes, so the JSON of (definition, revision, analyser version) is rendered
once and served from then on: a single GET costs one indexed lookup of the head's current
revision, a conditional GET is answered from the ETag before any body exists, and a list page
joins the cached items of its rows. Each app holds its own cache (``app.state``), bounded by
entry count (least recently used out first), so tests and several apps never share one.

What a representation shows besides its revision (the organisation's slug and name, the source's
slug) cannot change through the API; the seed can rename an organisation, and a restart after
re-seeding clears the cache.
"""

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from fastapi import Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import bindparam
from sqlmodel import Session, select

from api.db import Database
from api.domain import NotFound
from api.etags import none_match
from api.models import Definition
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


async def cached_definition(request: Request, definition_id: int) -> Response:
    """``GET /v1/definitions/{id}``: 304 from the ETag, else the rendered current revision.

    On SQLite the head lookup takes microseconds and runs on the event loop; on PostgreSQL it
    waits on the network, so it runs in the thread pool like every other database call.
    """
    database = _database(request)
    if database.dialect == "sqlite":
        number = database.scalar(CURRENT_REVISION, id=definition_id)
    else:
        number = await run_in_threadpool(database.scalar, CURRENT_REVISION, id=definition_id)
    if number is None:
        raise NotFound.of("definition", definition_id)
    etag = DEFINITIONS.etag_at(definition_id, number)
    if none_match(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers={"ETag": etag})
    cache = _cache(request)
    body = cache.get(("definition", etag))
    if body is None:
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
