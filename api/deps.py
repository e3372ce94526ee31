"""Request dependencies: sessions chosen per route, and the lookups that answer 404.

The database belongs to the app (``app.state.database``, opened by its lifespan). A route asks
for ``ReadSession`` or ``WriteSession``: every GET, analysis, comparison, matrix and consensus
reads, so on SQLite none of them takes the write lock (``api.db``).
"""

from collections.abc import Callable, Iterator
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import event
from sqlmodel import Session, SQLModel, select

from api.db import Database
from api.domain import NotFound
from api.models import Framework
from api.models.common import MAX_INTEGER, SLUG_PATTERN

M = TypeVar("M", bound=SQLModel)

SlugPath = Annotated[str, Path(min_length=1, max_length=120, pattern=SLUG_PATTERN)]
IdPath = Annotated[int, Path(ge=1, le=MAX_INTEGER)]


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def read_session(request: Request) -> Iterator[Session]:
    with get_database(request).session() as session:
        yield session


# Set in a request's ASGI state when api.deadline has answered it with 503.
ABANDONED = "abandoned"


class RequestAbandoned(Exception):
    """Raised instead of committing the write of a request already answered with 503."""


def write_session(request: Request) -> Iterator[Session]:
    with get_database(request).session(write=True) as session:

        @event.listens_for(session, "before_commit")
        def _not_after_503(_: Session) -> None:
            # The client was told 503 (api.deadline): committing now would apply a write
            # reported failed.
            if request.scope.get("state", {}).get(ABANDONED):
                raise RequestAbandoned

        yield session


ReadSession = Annotated[Session, Depends(read_session)]
WriteSession = Annotated[Session, Depends(write_session)]

T = TypeVar("T")


def _on_read_session(database: Database, work: Callable[[Session], T]) -> T:
    with database.session() as session:
        return work(session)


async def run_read(request: Request, work: Callable[[Session], T], *, heavy: bool = False) -> T:
    """Run ``work`` on a read session for an ``async`` route, without the thread-pool hops a
    sync route and its session dependency cost (the hottest reads use this).

    SQLite answers a short read from local memory in about a millisecond, so it runs on the
    event loop; PostgreSQL waits on the network and ``heavy`` work (an export) takes long, so
    those run in the thread pool.
    """
    database = get_database(request)
    if database.dialect == "sqlite" and not heavy:
        return _on_read_session(database, work)
    return await run_in_threadpool(_on_read_session, database, work)


def by_slug(session: Session, model: type[M], slug: str, what: str) -> M:
    row = session.exec(select(model).where(getattr(model, "slug") == slug)).first()  # noqa: B009
    if row is None:
        raise NotFound.of(what, slug)
    return row


def get_framework_or_404(framework_slug: SlugPath, session: ReadSession) -> Framework:
    return by_slug(session, Framework, framework_slug, "framework")


FrameworkDep = Annotated[Framework, Depends(get_framework_or_404)]

LimitQuery = Annotated[int, Query(ge=1, le=200, description="Items per page (1 to 200).")]
CursorQuery = Annotated[
    str | None,
    Query(max_length=500, description="The `next_cursor` of the previous page."),
]

# The `responses=` of a route: extra statuses the OpenAPI document lists for it.
Responses = dict[int | str, dict[str, Any]]

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=500,
        description="The ETag of the version you are changing: required to change a resource "
        "that exists (428 without it, 412 when it is no longer current).",
    ),
]
