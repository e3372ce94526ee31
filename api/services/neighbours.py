"""Nearest neighbours: the current definitions most similar to a definition or a text.

Each process keeps one ``NeighbourIndex`` per database, built from the current definitions the
first time it is needed and then kept up to date from the change log (``definition_change``):
a request first reads the highest change number, and when another worker (or this one) has
written since, applies just the definitions changed since the last number it applied. Nothing
is rebuilt per request and a write in any worker is seen by the next query in every worker.

Only current definitions (``CURRENT_STATUSES``: published and drafts) are indexed, core
proposals included; a withdrawn or superseded definition drops out with the write that ends it.
Its own neighbours can still be asked for (from its last text).

The same index weighs the terms of every comparison (``api.services.comparison``, through
``NeighbourIndex.tfidf``): a write costs the comparisons a catch-up, never a refit. ``warm``
builds it when the server starts, so no request pays for the first build.
"""

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.comparison.compare import SIMILARITY_METHOD
from api.comparison.neighbours import NeighbourIndex
from api.models import Definition, DefinitionChange, DefinitionRevision, Organisation
from api.models.comparison import DefinitionRef, Neighbour, NeighbourMethod, NeighboursResult
from api.services.corpus import CURRENT_STATUSES, current_join
from api.services.definitions import current_revision, get


@dataclass(frozen=True)
class _Held:
    index: NeighbourIndex
    seq: int  # the last change applied


_held: dict[str, _Held] = {}
_KEPT = 8  # databases per process (tests open many; a server opens one)
_lock = threading.Lock()


def _latest(session: Session) -> int:
    return int(session.exec(select(func.max(col(DefinitionChange.seq)))).one() or 0)


def _current_texts(session: Session, ids: Sequence[int] | None) -> dict[int, str]:
    query = (
        select(col(Definition.id), col(DefinitionRevision.text))
        .join(
            DefinitionRevision,
            (col(DefinitionRevision.definition_id) == Definition.id)
            & (col(DefinitionRevision.number) == Definition.current_revision),
        )
        .where(col(DefinitionRevision.status).in_(CURRENT_STATUSES))
    )
    if ids is not None:
        query = query.where(col(Definition.id).in_(ids))
    return {i or 0: t for i, t in session.exec(query.order_by(col(Definition.id)))}


def index(session: Session) -> NeighbourIndex:
    """This database's index, caught up with every change committed before the call."""
    key = str(session.get_bind().engine.url)
    latest = _latest(session)
    held = _held.get(key)
    if held is not None and held.seq == latest:
        return held.index
    with _lock:  # one catch-up at a time; readers keep the snapshot they hold meanwhile
        held = _held.get(key)
        if held is None or latest < held.seq:
            # First use, or a database restored from a backup under us: build from scratch.
            # The number is read before the texts, so a change in between is applied again.
            held = _Held(NeighbourIndex.build(_current_texts(session, None).items()), latest)
        elif latest > held.seq:
            changed = session.exec(
                select(DefinitionChange.seq, DefinitionChange.definition_id).where(
                    col(DefinitionChange.seq) > held.seq
                )
            ).all()
            ids = sorted({d for _, d in changed})
            texts = _current_texts(session, ids)
            changes: dict[int, str | None] = {i: texts.get(i) for i in ids}
            held = _Held(held.index.apply(changes), max(s for s, _ in changed))
        held.index.tfidf  # noqa: B018 - computed while no apply can grow the shared vocabulary
        if key not in _held and len(_held) >= _KEPT:
            _held.pop(next(iter(_held)))
        _held[key] = held
        return held.index


def warm(session: Session) -> int:
    """Build (or catch up) this database's index now; return how many definitions it holds."""
    return index(session).size


def _refs(session: Session, ids: Sequence[int]) -> dict[int, DefinitionRef]:
    rows = session.exec(  # type: ignore[call-overload]
        current_join()
        .add_columns(col(Organisation.slug))
        .join(Organisation, col(Organisation.id) == Definition.organisation_id)
        .where(col(Definition.id).in_(ids))
    ).all()
    return {
        d.id: DefinitionRef(
            definition_id=d.id, revision=r.number, title=r.title, organisation=slug, kind=d.kind
        )
        for d, r, slug in rows
    }


def _result(
    session: Session, found: NeighbourIndex, text: str, k: int, subject_id: int | None
) -> NeighboursResult:
    nearest = found.nearest(text, k, exclude=subject_id)
    refs = _refs(session, [n.id for n in nearest] + ([subject_id] if subject_id else []))
    return NeighboursResult(
        subject=refs.get(subject_id) if subject_id else None,
        # A neighbour changed since the snapshot is shown as it is now; one deleted is skipped.
        neighbours=[
            Neighbour(definition=refs[n.id], similarity=round(n.score, 6))
            for n in nearest
            if n.id in refs
        ],
        method=NeighbourMethod(similarity=SIMILARITY_METHOD, corpus_size=found.size),
    )


def of_definition(session: Session, definition_id: int, k: int) -> NeighboursResult:
    """The ``k`` current definitions most like definition ``definition_id``'s current text."""
    definition = get(session, definition_id)
    text = current_revision(session, definition).text
    return _result(session, index(session), text, k, definition_id)


def of_text(session: Session, text: str, k: int) -> NeighboursResult:
    """The ``k`` current definitions most like ``text``."""
    return _result(session, index(session), text, k, None)
