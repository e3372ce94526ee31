"""Tallies of what each organisation's current definitions carry, kept by every write.

``record`` runs in the transaction of each write of a definition (``api.services.definitions``),
after the change log's lock, so on PostgreSQL the writers of definitions update tallies one at
a time and an absent row can be inserted without a race. It takes the previous current
revision's contribution away and adds the new one's: a definition counts for its organisation
while it is current (published or draft), not a core proposal, and read by the analyser (or not
analysed by this version yet); it then counts for each principle its stored analysis carries.
So the figures follow the stored analysis, and what the analyser could not read is left out.

``rebuild`` counts everything from scratch for the current analyser version (the migration and
the seed run it); until it has, or after revisions were written some other way (a bulk load),
``carriers`` answers None and consensus counts from scratch.
"""

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    text,
    true,
    update,
)
from sqlmodel import Session, col, select

from api.comparison.analyser import METHOD_VERSION
from api.models import (
    Analysis,
    AnalysisFinding,
    Definition,
    DefinitionRevision,
    Organisation,
    OrganisationTally,
    Principle,
    PrincipleTally,
    TallyVersion,
)
from api.models.definition import CORE_PROPOSAL
from api.services.corpus import CURRENT_STATUSES, revisions_key

# Any constant naming the definition writers' lock among PostgreSQL's advisory locks.
_WRITERS_LOCK = 0x71C_C4A6


def lock_definition_writes(executor: Session | Connection) -> None:
    """Until this transaction ends, be the only one writing definitions (PostgreSQL; SQLite
    has one writer at a time already). Taken last in a write, so writers of different
    definitions wait only for each other's commit."""
    bind = executor.get_bind() if isinstance(executor, Session) else executor
    if bind.dialect.name == "postgresql":
        executor.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITERS_LOCK})


def ready(session: Session, version: str = METHOD_VERSION) -> bool:
    """The tallies account for every definition revision there is."""
    stamp = session.get(TallyVersion, version)
    return stamp is not None and (stamp.revisions, stamp.highest) == revisions_key(session)


def _contribution(
    session: Session, definition: Definition, revision: DefinitionRevision | None
) -> set[int] | None:
    """The principle ids ``revision`` counts for, or None when it does not count at all."""
    if (
        revision is None
        or definition.kind == CORE_PROPOSAL
        or revision.status not in CURRENT_STATUSES
    ):
        return None
    analysis = session.exec(
        select(Analysis)
        .where(col(Analysis.revision_id) == revision.id)
        .where(col(Analysis.method_version) == METHOD_VERSION)
    ).first()
    if analysis is None:
        return set()  # not analysed by this version yet: counted as read, carrying nothing
    if not analysis.analysed:
        return None
    return set(
        session.exec(
            select(AnalysisFinding.principle_id)
            .where(col(AnalysisFinding.analysis_id) == analysis.id)
            .where(col(AnalysisFinding.stance) == "carried")
        ).all()
    )


def _bump(session: Session, table: Any, keys: dict[str, Any], by: int) -> None:
    if by == 0:
        return
    where = [getattr(table, k) == v for k, v in keys.items()]
    moved = session.execute(update(table).where(*where).values(definitions=table.definitions + by))
    if moved.rowcount == 0:  # type: ignore[attr-defined]
        session.execute(insert(table).values(**keys, definitions=by))


def record(
    session: Session,
    definition: Definition,
    previous: DefinitionRevision | None,
    revision: DefinitionRevision,
) -> None:
    """Move ``definition``'s organisation's tallies from ``previous`` to ``revision``."""
    highest = col(TallyVersion.highest)
    stamped = session.execute(
        update(TallyVersion)
        .where(col(TallyVersion.method_version) == METHOD_VERSION)
        .values(
            revisions=col(TallyVersion.revisions) + 1,
            highest=case((highest < revision.id, revision.id), else_=highest),
        )
    )
    if stamped.rowcount == 0:  # type: ignore[attr-defined]
        return  # not counted for this analyser version yet
    before = _contribution(session, definition, previous)
    after = _contribution(session, definition, revision)
    keys = {"organisation_id": definition.organisation_id, "method_version": METHOD_VERSION}
    _bump(session, OrganisationTally, keys, (after is not None) - (before is not None))
    for principle_id in (before or set()) ^ (after or set()):
        by = 1 if principle_id in (after or set()) else -1
        _bump(session, PrincipleTally, {**keys, "principle_id": principle_id}, by)


def rebuild(session: Session) -> None:
    """Count the current analyser version's tallies from every current definition: two
    INSERT ... SELECT ... GROUP BY in the database (at 100,000 definitions, reading every
    finding into Python took longer than the rest of a bulk load's bookkeeping)."""
    lock_definition_writes(session)
    version = METHOD_VERSION
    session.execute(
        delete(OrganisationTally).where(col(OrganisationTally.method_version) == version)
    )
    session.execute(delete(PrincipleTally).where(col(PrincipleTally.method_version) == version))
    organisation = col(Definition.organisation_id)
    current = (
        select(organisation)
        .join(
            DefinitionRevision,
            (col(DefinitionRevision.definition_id) == Definition.id)
            & (col(DefinitionRevision.number) == Definition.current_revision),
        )
        .outerjoin(
            Analysis,
            (col(Analysis.revision_id) == DefinitionRevision.id)
            & (col(Analysis.method_version) == version),
        )
        .where(col(Definition.kind) != CORE_PROPOSAL)
        .where(col(DefinitionRevision.status).in_(CURRENT_STATUSES))
    )
    # Counted unless the analysis says it could not read the text (not analysed yet counts).
    counted = current.where(or_(col(Analysis.analysed).is_(None), col(Analysis.analysed)))
    session.execute(
        insert(OrganisationTally).from_select(
            ["organisation_id", "method_version", "definitions"],
            counted.add_columns(literal(version), func.count()).group_by(organisation),
        )
    )
    principle = col(AnalysisFinding.principle_id)
    carried = (
        current.join(AnalysisFinding, col(AnalysisFinding.analysis_id) == Analysis.id)
        .where(col(Analysis.analysed))
        .where(col(AnalysisFinding.stance) == "carried")
    )
    session.execute(
        insert(PrincipleTally).from_select(
            ["organisation_id", "method_version", "principle_id", "definitions"],
            carried.add_columns(literal(version), principle, func.count()).group_by(
                organisation, principle
            ),
        )
    )
    stamp = session.get(TallyVersion, version) or TallyVersion(method_version=version)
    stamp.revisions, stamp.highest = revisions_key(session)
    session.add(stamp)
    session.flush()


def _of_kind(kind: str | None) -> ColumnElement[bool]:
    return true() if kind is None else col(Organisation.kind) == kind


def carriers(session: Session, kind: str | None) -> dict[str, set[str]] | None:
    """Organisation slug -> principles any of its counted current definitions carries (for
    organisations of ``kind``, or all when None); None until the tallies are complete."""
    if not ready(session):
        return None
    counted = session.exec(
        select(Organisation.slug)
        .join(OrganisationTally, col(OrganisationTally.organisation_id) == Organisation.id)
        .where(col(OrganisationTally.method_version) == METHOD_VERSION)
        .where(col(OrganisationTally.definitions) > 0)
        .where(_of_kind(kind))
    ).all()
    out: dict[str, set[str]] = {slug: set() for slug in counted}
    carried = session.exec(
        select(Organisation.slug, Principle.slug)
        .join(PrincipleTally, col(PrincipleTally.organisation_id) == Organisation.id)
        .join(Principle, col(Principle.id) == PrincipleTally.principle_id)
        .where(col(PrincipleTally.method_version) == METHOD_VERSION)
        .where(col(PrincipleTally.definitions) > 0)
        .where(_of_kind(kind))
    ).all()
    for organisation, principle in carried:
        if organisation in out:
            out[organisation].add(principle)
    return out
