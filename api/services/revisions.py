"""The one mechanism for resources with history: a head, immutable revisions, one compare-and-set.

Definitions (core proposals included), endorsements, practice models and team declarations each
declare a ``History`` naming their head and revision tables; everything about revisions is then
done here, the same way for all of them:

- ``start`` writes revision 1 of a new head;
- ``advance`` writes revision n+1 and moves the head's pointer with a compare-and-set
  (``UPDATE head SET current_revision = n+1 WHERE id = ? AND current_revision = n``): of several
  writers that read revision n, exactly one moves it; on PostgreSQL the others wait on the row
  lock and then match no row, on SQLite writers are serialised already. The losers are told the
  ETag that is current now (``Stale``);
- ``check_if_match`` refuses a change that does not name the current version;
- ``etag`` is the one recipe (``api.etags.version_etag``);
- ``page`` pages a history oldest first, ``at`` reads one revision.

Revision rows are only ever inserted; each holds every field, the author's organisation and key,
and the time.
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, TypeVar

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel, col, select

from api.domain import NotFound, PreconditionRequired, Stale
from api.etags import Version, if_match_holds, version_etag
from api.keys import Actor
from api.models.common import utcnow
from api.pagination import keyset_page

H = TypeVar("H", bound=SQLModel)
R = TypeVar("R", bound=SQLModel)


@dataclass(frozen=True)
class History(Generic[H, R]):
    what: str  # how a client names the resource ("definition"), for messages
    tag: str  # the ETag's prefix, unique per kind of resource
    head: type[H]
    revision: type[R]
    parent: str  # the revision column holding the head's id
    # What else shapes the representation (the analyser's version for definitions).
    variant: Callable[[], str] = lambda: ""

    # -- reading ---------------------------------------------------------------------------

    def version(self, head: H) -> Version:
        return (self.tag, _id(head), _number(head))

    def etag(self, head: H, extra: tuple[Version, ...] = ()) -> str:
        return version_etag((self.version(head), *extra), self.variant())

    def etag_at(self, head_id: int, number: int) -> str:
        """The ETag of the head ``head_id`` while revision ``number`` is its current one."""
        return version_etag([(self.tag, head_id, number)], self.variant())

    def revision_etag(self, head: H, number: int) -> str:
        """The ETag of one revision's own representation (a revision never changes)."""
        variant = "-".join(v for v in (self.variant(), "rev") if v)
        return version_etag([(self.tag, _id(head), number)], variant)

    def _parent(self) -> Any:
        return getattr(self.revision, self.parent)

    def at(self, session: Session, head: H, number: int) -> R:
        """Revision ``number`` of ``head``, or NotFound."""
        found = session.exec(
            select(self.revision)
            .where(self._parent() == _id(head))
            .where(col(getattr(self.revision, "number")) == number)  # noqa: B009
        ).first()
        if found is None:
            raise NotFound(f"No revision {number} of {self.what} {_id(head)}.")
        return found

    def current(self, session: Session, head: H) -> R:
        return self.at(session, head, _number(head))

    def page(
        self, session: Session, head: H, limit: int, cursor: str | None
    ) -> tuple[list[R], str | None]:
        """One page of the history, oldest first."""
        query = select(self.revision).where(self._parent() == _id(head))
        number = col(getattr(self.revision, "number"))  # noqa: B009
        return keyset_page(session, query, number, attrgetter("number"), limit, cursor)

    # -- writing ---------------------------------------------------------------------------

    def check_if_match(self, head: H, if_match: str | None) -> None:
        """Refuse a change that is not based on the current version (no lost updates)."""
        require_match(if_match, self.etag(head), self.what)

    def start(self, session: Session, head: H, values: dict[str, Any], author: Actor | None) -> R:
        """Revision 1 of a new head (added and flushed here). The caller commits."""
        session.add(head)
        session.flush()
        return self._insert(session, head, 1, values, author)

    def advance(
        self,
        session: Session,
        head: H,
        values: dict[str, Any],
        author: Actor | None,
    ) -> R:
        """Revision n+1 holding ``values``, made current by compare-and-set. The caller commits."""
        expected = _number(head)
        table: Any = self.head
        moved = session.execute(
            update(table)
            .where(col(table.id) == _id(head))
            .where(col(table.current_revision) == expected)
            .values(current_revision=expected + 1)
        )
        if moved.rowcount != 1:  # type: ignore[attr-defined]
            session.rollback()
            session.refresh(head)
            raise Stale(self.etag(head), self.what)
        # The UPDATE bypassed the ORM: keep the loaded head in step with the row.
        set_committed_value(head, "current_revision", expected + 1)
        return self._insert(session, head, expected + 1, values, author)

    def _insert(
        self,
        session: Session,
        head: H,
        number: int,
        values: dict[str, Any],
        author: Actor | None,
    ) -> R:
        revision = self.revision.model_validate(
            {
                **values,
                self.parent: _id(head),
                "number": number,
                "author_key_id": author.key.id if author else None,
                "author_organisation_id": author.organisation.id if author else None,
                "created_at": utcnow(),
            }
        )
        session.add(revision)
        session.flush()
        return revision


def require_match(
    if_match: str | None, current_etag: str, what: str, *, required: bool = True
) -> None:
    """PreconditionRequired without If-Match (when ``required``), Stale unless it names the
    current ETag."""
    if not if_match:
        if required:
            raise PreconditionRequired()
        return
    if not if_match_holds(if_match, current_etag):
        raise Stale(current_etag, what)


def carried(previous: SQLModel, fields: tuple[str, ...]) -> dict[str, Any]:
    """The fields a new revision takes over from the previous one unless a change names them."""
    return {f: getattr(previous, f) for f in fields}


def _id(head: SQLModel) -> int:
    value = getattr(head, "id")  # noqa: B009
    assert isinstance(value, int)
    return value


def _number(head: SQLModel) -> int:
    value = getattr(head, "current_revision")  # noqa: B009
    assert isinstance(value, int)
    return value
