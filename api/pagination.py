"""Cursor pagination: ``{"items": [...], "next_cursor": str | null}``.

Cursors are opaque to clients (base64url JSON of the sort key of the last item), so paging is
keyset-based: any page costs the same, however deep, and rows added meanwhile are not skipped.
"""

import base64
import binascii
import json
from collections.abc import Callable
from operator import attrgetter
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from api.errors import Problem

LimitQuery = Annotated[int, Query(ge=1, le=200, description="Items per page (1 to 200).")]
CursorQuery = Annotated[
    str | None,
    Query(max_length=500, description="The `next_cursor` of the previous page."),
]


T = TypeVar("T")
R = TypeVar("R")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(key: list[Any]) -> str:
    raw = json.dumps(key, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, shape: tuple[type, ...]) -> list[Any] | None:
    """Decode a cursor whose items have the given types, or answer 400 if it was tampered with."""
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    ok = (
        isinstance(key, list)
        and len(key) == len(shape)
        and all(
            isinstance(v, t) and not (t is int and isinstance(v, bool))
            for v, t in zip(key, shape, strict=True)
        )
    )
    if not ok:
        raise Problem(
            400,
            "The cursor is not valid: use the next_cursor of a previous page unchanged.",
            kind="invalid-cursor",
        )
    assert isinstance(key, list)
    return key


def keyset_page(
    session: Session,
    query: Any,
    column: Any,
    key_of: Callable[[Any], int | str],
    limit: int,
    cursor: str | None,
    key_type: type = int,
) -> tuple[list[Any], str | None]:
    """One page of ``query`` in ascending order of a unique ``column``, and the next cursor.

    ``key_of`` reads the column's value from a result row (a model, or a tuple of them).
    """
    after = decode_cursor(cursor, (key_type,))
    query = query.order_by(column)
    if after is not None:
        query = query.where(column > after[0])
    rows = list(session.exec(query.limit(limit + 1)))
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor([key_of(rows[-1])])


def slug_page(
    session: Session, query: SelectOfScalar[R], slug_column: Any, limit: int, cursor: str | None
) -> tuple[list[R], str | None]:
    """One page of ``query`` ordered by a unique slug column, and the cursor of the next page."""
    return keyset_page(session, query, slug_column, attrgetter("slug"), limit, cursor, str)
