"""Moving a resource's revision pointer with a compare-and-set: the guard against lost updates."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, SQLModel, col

from api.http import stale


def advance_revision(
    session: Session,
    model: type[SQLModel],
    row_id: int,
    expected: int,
    current_etag: Callable[[], str],
    what: str,
) -> int:
    """Set ``current_revision`` from ``expected`` to ``expected + 1``, or answer 412.

    ``UPDATE ... WHERE current_revision = expected`` lets exactly one of several writers that
    read the same revision through: on PostgreSQL the others wait on the row lock and then match
    no row; on SQLite writers are serialised already. The loser's transaction is rolled back and
    it is told the ETag that is now current.
    """
    table: Any = model
    moved = session.execute(
        update(table)
        .where(col(table.id) == row_id)
        .where(col(table.current_revision) == expected)
        .values(current_revision=expected + 1)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise stale(current_etag(), what)
    return expected + 1
