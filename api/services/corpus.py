"""The registry's corpus: its current definitions, how many, and a key that moves with every write.

The TF-IDF weights comparisons use come from the neighbour index (``api.services.neighbours``),
kept up to date write by write, not from a fit of this corpus per process.
"""

from sqlalchemy import func
from sqlalchemy.sql import Select
from sqlmodel import Session, and_, col, select

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
