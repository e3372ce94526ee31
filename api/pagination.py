"""Cursor pagination: ``{"items": [...], "next_cursor": str | null}``.

Cursors are opaque to clients (base64url JSON of the sort key of the last item), so paging is
keyset-based: any page costs the same, however deep, and rows added meanwhile are not skipped.
``keyset_page`` is the one helper every list and every history uses.
"""

import base64
import binascii
import json
from collections.abc import Callable
from operator import attrgetter
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from api.domain import InvalidCursor

T = TypeVar("T")
R = TypeVar("R")

# Keys inside a cursor stay within what every engine's integer columns hold.
MAX_KEY = 2**31 - 1
MAX_TEXT_KEY = 500


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(key: list[Any]) -> str:
    raw = json.dumps(key, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _fits(value: Any, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_KEY
    if kind is float:
        return isinstance(value, float) and value == value and abs(value) < 1e300
    if kind is str:
        return (
            isinstance(value, str)
            and len(value) <= MAX_TEXT_KEY
            and value.isprintable()
            and value.encode("utf-8", "surrogatepass").decode("utf-8", "ignore") == value
        )
    return False


def decode_cursor(cursor: str | None, shape: tuple[type, ...]) -> list[Any] | None:
    """Decode a cursor whose items have the given types; InvalidCursor if it was tampered with."""
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeError):
        raise InvalidCursor() from None
    if not (
        isinstance(key, list)
        and len(key) == len(shape)
        and all(_fits(v, t) for v, t in zip(key, shape, strict=True))
    ):
        raise InvalidCursor()
    return key


def keyset_page(
    session: Session,
    query: Any,
    column: Any,
    key_of: Callable[[Any], int | str],
    limit: int,
    cursor: str | None,
    key_type: type = int,
    *,
    descending: bool = False,
) -> tuple[list[Any], str | None]:
    """One page of ``query`` ordered by a unique ``column``, and the next cursor.

    ``key_of`` reads the column's value from a result row (a model, or a tuple of them).
    """
    after = decode_cursor(cursor, (key_type,))
    query = query.order_by(column.desc() if descending else column)
    if after is not None:
        query = query.where(column < after[0] if descending else column > after[0])
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
