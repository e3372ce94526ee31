"""Definitions and their immutable revisions: reading them joined, writing revision n+1."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.sql import Select
from sqlmodel import Session, and_, col, select

from api.comparison.analyser import METHOD_VERSION
from api.comparison.diff import DiffOp, diff_stats
from api.models import ApiKey, Definition, DefinitionRevision, Organisation, Source
from api.models.common import utcnow
from api.models.definition import (
    DefinitionPublic,
    DefinitionSummary,
    DiffOpPublic,
    RevisionPublic,
)
from api.search import index_definition
from api.services.analysis import store_analysis, stored_analyses
from api.services.revisions import advance_revision

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


def current_join() -> Select[tuple[Definition, DefinitionRevision]]:
    """Definitions joined to their current revision."""
    return select(Definition, DefinitionRevision).join(  # type: ignore[return-value]
        DefinitionRevision,
        and_(
            col(DefinitionRevision.definition_id) == Definition.id,
            col(DefinitionRevision.number) == Definition.current_revision,
        ),
    )


def current_revision(session: Session, definition: Definition) -> DefinitionRevision:
    revision = session.exec(
        select(DefinitionRevision).where(
            DefinitionRevision.definition_id == definition.id,
            DefinitionRevision.number == definition.current_revision,
        )
    ).one()
    return revision


def definition_etag(definition: Definition) -> str:
    """Changes with every revision (and with the analyser, which shapes the representation)."""
    return f'"d{definition.id}-r{definition.current_revision}-{METHOD_VERSION}"'


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
    key_ids = {r.author_key_id for r in revisions if r.author_key_id}
    keys = {
        i: k
        for i, k in session.exec(
            select(ApiKey.id, ApiKey.key_id).where(col(ApiKey.id).in_(key_ids))
        )
        if i is not None
    }
    return orgs, sources, keys


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
    analyses = stored_analyses(session, [revision])
    return DefinitionPublic.model_validate(
        {
            **_fields(definition, revision, orgs, sources),
            "principles": analyses.get(revision.id or 0, []),
            "analysis_method": METHOD_VERSION,
        }
    )


def present_revisions(
    session: Session, revisions: Sequence[DefinitionRevision]
) -> list[RevisionPublic]:
    orgs, sources, keys = _lookups(session, revisions, [])
    analyses = stored_analyses(session, revisions)
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
                "principles": analyses.get(r.id or 0, []),
                "analysis_method": METHOD_VERSION,
            }
        )
        for r in revisions
    ]


def write_revision(
    session: Session,
    definition: Definition,
    number: int,
    values: dict[str, Any],
    *,
    author: ApiKey | None,
    change_note: str | None = None,
) -> DefinitionRevision:
    """Add revision ``number`` holding ``values``, analyse it, index it and make it current.

    The caller commits. Nothing is updated in place except the definition's pointer; a second
    writer of the same number fails on the (definition_id, number) unique constraint.
    """
    assert definition.id is not None
    revision = DefinitionRevision(
        definition_id=definition.id,
        number=number,
        change_note=change_note,
        author_key_id=author.id if author else None,
        author_organisation_id=author.organisation_id if author else None,
        created_at=utcnow(),
        **values,
    )
    session.add(revision)
    definition.current_revision = number
    session.add(definition)
    session.flush()
    store_analysis(session, revision)
    index_definition(session, definition.id, revision.title, revision.text)
    return revision


def revise(
    session: Session,
    definition: Definition,
    changes: dict[str, Any],
    *,
    author: ApiKey | None,
    change_note: str | None = None,
) -> DefinitionRevision:
    """Revision n+1: the previous revision's fields, with ``changes`` applied on top.

    The pointer moves with a compare-and-set (``WHERE current_revision = n``), so of two writers
    that both read revision n exactly one succeeds; the other gets 412, and its
    text is neither merged nor dropped silently.
    """
    assert definition.id is not None
    previous = current_revision(session, definition)

    def now_current() -> str:
        session.refresh(definition)
        return definition_etag(definition)

    number = advance_revision(
        session, Definition, definition.id, previous.number, now_current, "definition"
    )
    values = {f: getattr(previous, f) for f in REVISION_FIELDS}
    values.update(changes)
    if author is not None and (values["text"], values["title"]) != (previous.text, previous.title):
        # New wording is the author's, not the cited source's: it is no verified quotation,
        # whatever the previous revision was. Citation and source stay, to show its origin.
        values["verified"] = False
        values["provenance"] = f"Wording revised through the API (key {author.key_id})."
        values["provenance_url"] = None
    return write_revision(
        session, definition, number, values, author=author, change_note=change_note
    )


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
