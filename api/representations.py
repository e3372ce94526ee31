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
from sqlmodel import Session, select

from api.domain import NotFound
from api.etags import none_match
from api.models import Definition, DefinitionRevision
from api.services import definitions
from api.services.definitions import DEFINITIONS

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


def _cache(request: Request) -> RenderedCache:
    cache: RenderedCache = request.app.state.representations
    return cache


def cached_definition(request: Request, session: Session, definition_id: int) -> Response:
    """``GET /v1/definitions/{id}``: 304 from the ETag, else the rendered current revision."""
    head = session.exec(select(Definition).where(Definition.id == definition_id)).first()
    if head is None:
        raise NotFound.of("definition", definition_id)
    etag = DEFINITIONS.etag(head)
    if none_match(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers={"ETag": etag})
    cache = _cache(request)
    key = ("definition", etag)
    body = cache.get(key)
    if body is None:
        revision = DEFINITIONS.current(session, head)
        body = definitions.present_definition(session, head, revision).model_dump_json().encode()
        cache.put(key, body)
    return Response(body, media_type=JSON, headers={"ETag": etag})


def cached_summaries(
    request: Request,
    session: Session,
    pairs: Sequence[tuple[Definition, DefinitionRevision]],
    next_cursor: str | None,
) -> Response:
    """A list page whose items are each definition's rendered summary at its revision."""
    cache = _cache(request)
    keys = [("summary", DEFINITIONS.etag(d)) for d, _ in pairs]
    bodies = [cache.get(k) for k in keys]
    missing = [i for i, b in enumerate(bodies) if b is None]
    if missing:
        rendered = definitions.present_summaries(session, [pairs[i] for i in missing])
        for i, summary in zip(missing, rendered, strict=True):
            bodies[i] = summary.model_dump_json().encode()
            cache.put(keys[i], bodies[i] or b"")
    cursor = b"null" if next_cursor is None else b'"' + next_cursor.encode() + b'"'
    body = b'{"items":[' + b",".join(b or b"" for b in bodies) + b'],"next_cursor":' + cursor + b"}"
    return Response(body, media_type=JSON)
