"""Definitions (core proposals included): list, get, create, revise, withdraw, history.

Every write goes through ``DEFINITIONS`` (``api.services.revisions``): a new immutable revision,
analysed and indexed for search as it is written, made current by compare-and-set.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, literal, tuple_
from sqlmodel import Session, and_, col, exists, select

from api.comparison.analyser import METHOD_VERSION
from api.comparison.diff import DiffOp, diff_stats, word_diff
from api.domain import Conflict, Forbidden, InvalidField, NotFound, require_patch
from api.keys import Actor, public_key_ids
from api.models import (
    Analysis,
    AnalysisFinding,
    Definition,
    DefinitionChange,
    DefinitionRevision,
    Organisation,
    Principle,
    Source,
)
from api.models.definition import (
    CORE_PROPOSAL,
    SUBMITTED,
    DefinitionCreate,
    DefinitionPublic,
    DefinitionSummary,
    DefinitionUpdate,
    DiffOpPublic,
    RevisionDiff,
    RevisionPublic,
)
from api.pagination import decode_cursor, encode_cursor, keyset_page
from api.search import definition_matches, index_definition
from api.services import tallies
from api.services.analysis import (
    IN_CHUNK,
    Reading,
    store_analysis,
    stored_analyses,
    stored_readings,
)
from api.services.corpus import current_join
from api.services.revisions import History, carried
from api.services.tallies import lock_definition_writes

DEFINITIONS = History(
    what="definition",
    tag="d",
    head=Definition,
    revision=DefinitionRevision,
    parent="definition_id",
    variant=lambda: METHOD_VERSION,
)

# The fields a revision carries over from the previous one when a PATCH does not send them.
REVISION_FIELDS = (
    "title",
    "text",
    "status",
    "adoption_status",
    "scope",
    "source_id",
    "citation",
    "url",
    "year",
    "language",
    "note",
    "superseded_by_id",
    "verified",
    "provenance",
    "provenance_url",
)
REQUIRED_FIELDS = ("title", "text", "status", "language")


# -- reading -----------------------------------------------------------------------------------


def get(session: Session, definition_id: int) -> Definition:
    definition = session.get(Definition, definition_id)
    if definition is None:
        raise NotFound.of("definition", definition_id)
    return definition


def current_revision(session: Session, definition: Definition) -> DefinitionRevision:
    return DEFINITIONS.current(session, definition)


@dataclass(frozen=True)
class DefinitionFilters:
    q: str | None = None
    organisation: Sequence[str] = ()
    kind: Sequence[str] = ()
    status: Sequence[str] = ()
    principle: Sequence[str] = ()
    year: int | None = None


# One definition's identity at one revision: what a list page is made of.
Key = tuple[int, int]


def list_page(
    session: Session, filters: DefinitionFilters, limit: int | None, cursor: str | None
) -> tuple[list[Key], str | None]:
    """(id, current revision) of the current definitions matching ``filters``, by relevance
    when searching, else by id: enough to name each item's representation without loading it.

    ``limit=None`` returns every match (exports); otherwise one page and the next cursor.
    """
    query: Any = select(Definition.id, Definition.current_revision).join(
        DefinitionRevision,
        and_(
            col(DefinitionRevision.definition_id) == Definition.id,
            col(DefinitionRevision.number) == Definition.current_revision,
        ),
    )
    if filters.organisation:
        query = query.join(Organisation, col(Organisation.id) == Definition.organisation_id).where(
            col(Organisation.slug).in_(filters.organisation)
        )
    if filters.kind:
        query = query.where(col(Definition.kind).in_(filters.kind))
    if filters.status:
        query = query.where(col(DefinitionRevision.status).in_(filters.status))
    if filters.year is not None:
        query = query.where(col(DefinitionRevision.year) == filters.year)
    for slug in filters.principle:
        query = query.where(
            exists()
            .where(col(Analysis.revision_id) == DefinitionRevision.id)
            .where(col(Analysis.method_version) == METHOD_VERSION)
            .where(col(AnalysisFinding.analysis_id) == Analysis.id)
            .where(col(AnalysisFinding.principle_id) == Principle.id)
            .where(col(Principle.slug) == slug)
        )

    if filters.q is None:
        if limit is None:
            return _keys(session.exec(query.order_by(col(Definition.id)))), None
        rows, next_cursor = keyset_page(
            session, query, col(Definition.id), lambda r: r[0], limit, cursor
        )
        return _keys(rows), next_cursor

    matches = definition_matches(session, filters.q)
    if matches is None:
        return [], None  # a query of punctuation alone matches nothing
    score = matches.c.score
    query = query.join(matches, matches.c.definition_id == Definition.id).add_columns(score)
    after = decode_cursor(cursor, (float, int))
    if after is not None:
        query = query.where(
            (score < after[0]) | and_(score == after[0], col(Definition.id) > after[1])
        )
    query = query.order_by(score.desc(), col(Definition.id))
    if limit is not None:
        query = query.limit(limit + 1)
    rows = list(session.exec(query).all())
    if limit is None or len(rows) <= limit:
        return _keys(rows), None
    rows = rows[:limit]
    return _keys(rows), encode_cursor([float(rows[-1][2]), rows[-1][0]])


def _keys(rows: Any) -> list[Key]:
    return [(int(r[0]), int(r[1])) for r in rows]


def at_revisions(
    session: Session, keys: Sequence[Key]
) -> list[tuple[Definition, DefinitionRevision]]:
    """Each definition with the revision the key names (not whatever is current by now), in the
    order given: what a list page's items are rendered from."""
    if not keys:
        return []
    found: dict[Key, tuple[Definition, DefinitionRevision]] = {}
    unique = list(dict.fromkeys(keys))
    pair = tuple_(col(DefinitionRevision.definition_id), col(DefinitionRevision.number))
    for start in range(0, len(unique), IN_CHUNK):
        rows = session.exec(
            select(Definition, DefinitionRevision)
            .join(DefinitionRevision, col(DefinitionRevision.definition_id) == Definition.id)
            .where(pair.in_(unique[start : start + IN_CHUNK]))
        ).all()
        for definition, revision in rows:
            found[(revision.definition_id, revision.number)] = (definition, revision)
    return [found[k] for k in keys]


@dataclass(frozen=True)
class Headline:
    """A current definition in brief: enough to name it in a list or quote its text."""

    id: int
    title: str
    organisation: str
    organisation_name: str
    kind: str
    text: str


def headlines(session: Session, *, ids: Sequence[int] = (), first: int = 0) -> list[Headline]:
    """The current definitions named by ``ids`` and the ``first`` ones by id, in id order (one
    query; no analysis is read)."""
    query: Any = current_join().add_columns(col(Organisation.slug), col(Organisation.name))
    query = query.join(Organisation, col(Organisation.id) == Definition.organisation_id)
    rows: list[Any] = []
    if first:
        rows += session.exec(query.order_by(col(Definition.id)).limit(first)).all()
    wanted = [i for i in dict.fromkeys(ids) if i not in {r[0].id for r in rows}]
    for start in range(0, len(wanted), IN_CHUNK):
        chunk = wanted[start : start + IN_CHUNK]
        rows += session.exec(query.where(col(Definition.id).in_(chunk))).all()
    return sorted(
        (Headline(d.id or 0, r.title, slug, name, d.kind, r.text) for d, r, slug, name in rows),
        key=lambda h: h.id,
    )


def history(
    session: Session, definition_id: int, limit: int, cursor: str | None
) -> tuple[list[DefinitionRevision], str | None]:
    return DEFINITIONS.page(session, get(session, definition_id), limit, cursor)


def revision(session: Session, definition_id: int, number: int) -> DefinitionRevision:
    return DEFINITIONS.at(session, get(session, definition_id), number)


def diff(
    session: Session, definition_id: int, from_number: int | None, to_number: int | None
) -> RevisionDiff:
    """Word diff between two revisions (default: the previous and the current one)."""
    definition = get(session, definition_id)
    to_n = to_number or definition.current_revision
    from_n = from_number or max(1, to_n - 1)
    a = DEFINITIONS.at(session, definition, from_n)
    b = DEFINITIONS.at(session, definition, to_n)
    changed = [f for f in REVISION_FIELDS if f != "text" and getattr(a, f) != getattr(b, f)]
    return RevisionDiff(
        definition_id=definition_id,
        from_revision=from_n,
        to_revision=to_n,
        text_changed=a.text != b.text,
        changed_fields=changed,
        **present_diff(word_diff(a.text, b.text)),
    )


# -- writing -----------------------------------------------------------------------------------


def add(
    session: Session,
    organisation: Organisation,
    kind: str,
    values: dict[str, Any],
    author: Actor | None,
    *,
    slug: str | None = None,
) -> tuple[Definition, DefinitionRevision]:
    """A new definition at revision 1, analysed and indexed. The caller commits."""
    assert organisation.id is not None
    definition = Definition(
        slug=slug,
        organisation_id=organisation.id,
        kind=kind,
        created_by_key_id=author.key.id if author else None,
    )
    return definition, _written(session, definition, DEFINITIONS.start, values, author)


def create(
    session: Session, actor: Actor, body: DefinitionCreate
) -> tuple[Definition, DefinitionRevision]:
    """A department's (or a steward's) new definition; it belongs to the key's organisation."""
    organisation = actor.organisation
    if body.organisation is not None:
        found = session.exec(
            select(Organisation).where(Organisation.slug == body.organisation)
        ).first()
        if found is None:
            raise InvalidField(
                "organisation", f"No organisation {body.organisation!r} in the registry.", "unknown"
            )
        actor.require_acting_for(found)
        organisation = found
    values = body.model_dump(exclude={"organisation"})
    return add(session, organisation, SUBMITTED, values, actor)


def write_revision(
    session: Session,
    actor: Actor | None,
    definition: Definition,
    changes: dict[str, Any],
    *,
    change_note: str | None = None,
) -> DefinitionRevision:
    """Revision n+1: the previous revision's fields with ``changes`` on top. The caller commits.

    New wording from a key is the author's, not the cited source's: it is no verified quotation,
    whatever the previous revision was. Citation and source stay, to show its origin.
    """
    previous = DEFINITIONS.current(session, definition)
    values = {**carried(previous, REVISION_FIELDS), **changes, "change_note": change_note}
    if actor is not None and (values["text"], values["title"]) != (previous.text, previous.title):
        values["verified"] = False
        values["provenance"] = f"Wording revised through the API (key {actor.key.key_id})."
        values["provenance_url"] = None
    return _written(session, definition, DEFINITIONS.advance, values, actor)


def revise(
    session: Session,
    actor: Actor,
    definition_id: int,
    body: DefinitionUpdate,
    if_match: str | None,
) -> tuple[Definition, DefinitionRevision]:
    """A PATCH: only the fields sent change; the rest carry over into the new revision."""
    definition = _changeable(session, actor, definition_id, if_match)
    changes = body.model_dump(exclude_unset=True)
    change_note = changes.pop("change_note", None)
    require_patch(changes, REQUIRED_FIELDS)
    _check_supersession(session, definition, changes)
    if "superseded_by" in changes:
        changes["superseded_by_id"] = changes.pop("superseded_by")
    elif "status" in changes:
        changes["superseded_by_id"] = None
    return definition, write_revision(session, actor, definition, changes, change_note=change_note)


def withdraw(
    session: Session, actor: Actor, definition_id: int, if_match: str | None
) -> Definition:
    """Status withdrawn, as a new revision; every earlier revision stays readable."""
    definition = _changeable(session, actor, definition_id, if_match)
    if DEFINITIONS.current(session, definition).status == "withdrawn":
        raise Conflict("The definition is already withdrawn.")
    changes = {"status": "withdrawn", "superseded_by_id": None}
    write_revision(session, actor, definition, changes, change_note="Withdrawn.")
    return definition


def _changeable(
    session: Session, actor: Actor, definition_id: int, if_match: str | None
) -> Definition:
    definition = get(session, definition_id)
    if definition.kind == CORE_PROPOSAL and not actor.is_steward:
        raise Forbidden("Core definition proposals are changed by stewards only.")
    organisation = session.get(Organisation, definition.organisation_id)
    assert organisation is not None
    actor.require_acting_for(organisation)
    DEFINITIONS.check_if_match(definition, if_match)
    return definition


def _check_supersession(session: Session, definition: Definition, changes: dict[str, Any]) -> None:
    def invalid(message: str) -> InvalidField:
        return InvalidField("superseded_by", message, "invalid_supersession")

    successor = changes.get("superseded_by")
    if changes.get("status") == "superseded":
        if successor is None:
            raise invalid("status 'superseded' needs superseded_by: the id of its successor.")
        if successor == definition.id or session.get(Definition, successor) is None:
            raise invalid(f"superseded_by must be another definition's id, not {successor}.")
    elif successor is not None:
        raise invalid("superseded_by is only allowed with status 'superseded'.")


def _written(
    session: Session,
    definition: Definition,
    write: Any,
    values: dict[str, Any],
    author: Actor | None,
) -> DefinitionRevision:
    revision: DefinitionRevision = write(session, definition, values, author)
    store_analysis(session, revision)
    assert definition.id is not None
    index_definition(session, definition.id, revision.title, revision.text)
    record_change(session, definition.id)  # takes the writers' lock: the tallies need it too
    previous = (
        None if revision.number == 1 else DEFINITIONS.at(session, definition, revision.number - 1)
    )
    tallies.record(session, definition, previous, revision)
    return revision


def record_change(session: Session, definition_id: int) -> None:
    """Log a write of ``definition_id`` as the next change, in commit order.

    Readers catch up from the changes numbered after the last they applied, so a number must
    never become visible after a higher one: the writers' lock, held until commit, orders them.
    """
    lock_definition_writes(session)
    seq = col(DefinitionChange.seq)
    session.execute(
        insert(DefinitionChange).from_select(
            ["seq", "definition_id"],
            select(func.coalesce(func.max(seq), 0) + 1, literal(definition_id)),
        )
    )


def record_changes(executor: Session | Connection, definition_ids: Sequence[int]) -> None:
    """``record_change`` for many writes at once, in the order given (a bulk load)."""
    if not definition_ids:
        return
    lock_definition_writes(executor)
    seq = col(DefinitionChange.seq)
    last = int(executor.execute(select(func.coalesce(func.max(seq), 0))).scalar_one())
    rows = [{"seq": last + n, "definition_id": i} for n, i in enumerate(definition_ids, 1)]
    executor.execute(insert(DefinitionChange), rows)


# -- presenting --------------------------------------------------------------------------------


def _lookups(
    session: Session, revisions: Sequence[DefinitionRevision], definitions: Sequence[Definition]
) -> tuple[dict[int, Organisation], dict[int, str], dict[int, str]]:
    org_ids = {d.organisation_id for d in definitions} | {
        r.author_organisation_id for r in revisions if r.author_organisation_id
    }
    orgs = {
        o.id: o
        for o in session.exec(select(Organisation).where(col(Organisation.id).in_(org_ids)))
        if o.id is not None
    }
    source_ids = {r.source_id for r in revisions if r.source_id}
    sources = {
        i: s
        for i, s in session.exec(
            select(Source.id, Source.slug).where(col(Source.id).in_(source_ids))
        )
        if i is not None
    }
    return orgs, sources, public_key_ids(session, (r.author_key_id for r in revisions))


def _fields(
    definition: Definition,
    revision: DefinitionRevision,
    orgs: dict[int, Organisation],
    sources: dict[int, str],
) -> dict[str, Any]:
    org = orgs[definition.organisation_id]
    return {
        **revision.model_dump(exclude={"id", "created_at"}),
        "id": definition.id,
        "slug": definition.slug,
        "organisation": org.slug,
        "organisation_name": org.name,
        "kind": definition.kind,
        "revision": revision.number,
        "source": sources.get(revision.source_id) if revision.source_id else None,
        "superseded_by": revision.superseded_by_id,
        "created_at": definition.created_at,
        "updated_at": revision.created_at,
    }


def present_summaries(
    session: Session, pairs: Sequence[tuple[Definition, DefinitionRevision]]
) -> list[DefinitionSummary]:
    revisions = [r for _, r in pairs]
    orgs, sources, _ = _lookups(session, revisions, [d for d, _ in pairs])
    analyses = stored_analyses(session, revisions)
    return [
        DefinitionSummary.model_validate(
            {
                **_fields(d, r, orgs, sources),
                "principles": [p.slug for p in analyses.get(r.id or 0, [])],
            }
        )
        for d, r in pairs
    ]


def present_definition(
    session: Session, definition: Definition, revision: DefinitionRevision
) -> DefinitionPublic:
    orgs, sources, _ = _lookups(session, [revision], [definition])
    reading = stored_readings(session, [revision])[revision.id or 0]
    return DefinitionPublic.model_validate(
        {
            **_fields(definition, revision, orgs, sources),
            **_reading_fields(reading),
        }
    )


def _reading_fields(reading: Reading) -> dict[str, Any]:
    return {
        "principles": reading.principles,
        "analysis_method": METHOD_VERSION,
        "analysed": reading.analysed,
        "not_analysed_reason": reading.reason,
        "denied": reading.denied,
    }


def present_revisions(
    session: Session, revisions: Sequence[DefinitionRevision]
) -> list[RevisionPublic]:
    orgs, sources, keys = _lookups(session, revisions, [])
    readings = stored_readings(session, revisions)
    return [
        RevisionPublic.model_validate(
            {
                **r.model_dump(),
                "source": sources.get(r.source_id) if r.source_id else None,
                "superseded_by": r.superseded_by_id,
                "author_organisation": (
                    orgs[r.author_organisation_id].slug if r.author_organisation_id else None
                ),
                "author_key_id": keys.get(r.author_key_id) if r.author_key_id else None,
                **_reading_fields(readings[r.id or 0]),
            }
        )
        for r in revisions
    ]


def present_diff(ops: Sequence[DiffOp]) -> dict[str, Any]:
    """The fields of a DiffPublic for a word diff (ops read from the old text to the new)."""
    stats = diff_stats(ops)
    return {
        "ops": [
            DiffOpPublic(
                op=o.op,
                from_text=o.a_text,
                to_text=o.b_text,
                from_start=o.a_start,
                from_end=o.a_end,
                to_start=o.b_start,
                to_end=o.b_end,
            )
            for o in ops
        ],
        "words_added": stats.words_added,
        "words_removed": stats.words_removed,
        "words_unchanged": stats.words_unchanged,
    }
