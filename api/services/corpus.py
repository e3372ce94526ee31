"""The registry's corpus of current definitions, and the TF-IDF index fitted on it.

Fitting is the expensive part of a comparison, so the index is kept per process and refitted
only when a revision has been written since (the key is the count and highest id of revisions;
both only grow). Readers share one immutable index object.
"""

import threading
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.sql import Select
from sqlmodel import Session, and_, col, select

from api.comparison.similarity import TfidfIndex
from api.models import Definition, DefinitionRevision

# Statuses of definitions that are "current": drafts count (they are someone's live text);
# withdrawn and superseded ones do not.
CURRENT_STATUSES = ("published", "draft")


def current_join() -> Select[tuple[Definition, DefinitionRevision]]:
    """Definitions joined to their current revision."""
    return select(Definition, DefinitionRevision).join(  # type: ignore[return-value]
        DefinitionRevision,
        and_(
            col(DefinitionRevision.definition_id) == Definition.id,
            col(DefinitionRevision.number) == Definition.current_revision,
        ),
    )


@dataclass(frozen=True)
class Corpus:
    key: tuple[int, int]
    index: TfidfIndex
    size: int


_lock = threading.Lock()
_cache: dict[str, Corpus] = {}


def current_definitions(session: Session) -> list[tuple[Definition, DefinitionRevision]]:
    rows = session.exec(  # type: ignore[call-overload]
        current_join()
        .where(col(DefinitionRevision.status).in_(CURRENT_STATUSES))
        .order_by(col(Definition.id))
    ).all()
    return [(r[0], r[1]) for r in rows]


def current_count(session: Session) -> int:
    """How many definitions are current (one count; nothing is loaded)."""
    query = (
        select(func.count())
        .select_from(Definition)
        .join(
            DefinitionRevision,
            (col(DefinitionRevision.definition_id) == Definition.id)
            & (col(DefinitionRevision.number) == Definition.current_revision),
        )
        .where(col(DefinitionRevision.status).in_(CURRENT_STATUSES))
    )
    return int(session.exec(query).one())


def revisions_key(session: Session) -> tuple[int, int]:
    """The count and highest id of definition revisions: both only grow, and every write to a
    definition (a status change included) adds a revision, so what is derived from the current
    definitions is still valid while this key is unchanged."""
    count, highest = session.exec(
        select(func.count(col(DefinitionRevision.id)), func.max(col(DefinitionRevision.id)))
    ).one()
    return int(count or 0), int(highest or 0)


def corpus(session: Session) -> Corpus:
    key = revisions_key(session)
    bind = session.get_bind()
    cache_key = str(bind.engine.url)
    cached = _cache.get(cache_key)
    if cached is not None and cached.key == key:
        return cached
    with _lock:
        texts = [revision.text for _, revision in current_definitions(session)]
        built = Corpus(key=key, index=TfidfIndex.fit(texts), size=len(texts))
        _cache[cache_key] = built
        return built
