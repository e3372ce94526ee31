"""Definitions: list and search, read with ETags, and every revision of each."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from sqlmodel import and_, col, exists, select

from api.comparison.analyser import METHOD_VERSION
from api.deps import DefinitionDep, SessionDep, not_found
from api.http import conditional_get
from api.models import (
    Analysis,
    AnalysisFinding,
    Definition,
    DefinitionRevision,
    Organisation,
    Principle,
)
from api.models.definition import (
    DefinitionKind,
    DefinitionPublic,
    DefinitionSummary,
    RevisionPublic,
    Status,
)
from api.pagination import CursorQuery, LimitQuery, Page, decode_cursor, encode_cursor
from api.search import definition_matches
from api.services.definitions import (
    current_join,
    current_revision,
    definition_etag,
    present_definition,
    present_revisions,
    present_summaries,
)

router = APIRouter(prefix="/v1/definitions", tags=["definitions"])


@router.get("", summary="List or search definitions")
def list_definitions(
    session: SessionDep,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Full-text search, ranked by relevance: every word must match "
            "(English stemming, so 'relationship' finds 'relationships').",
        ),
    ] = None,
    organisation: Annotated[
        list[str] | None, Query(max_length=20, description="Organisation slug(s).")
    ] = None,
    kind: Annotated[list[DefinitionKind] | None, Query(max_length=3)] = None,
    status: Annotated[list[Status] | None, Query(max_length=4)] = None,
    principle: Annotated[
        list[str] | None,
        Query(max_length=12, description="Principle slug(s): the text must carry all of them."),
    ] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[DefinitionSummary]:
    query = current_join()
    if organisation:
        query = query.join(Organisation, col(Organisation.id) == Definition.organisation_id).where(
            col(Organisation.slug).in_(organisation)
        )
    if kind:
        query = query.where(col(Definition.kind).in_(kind))
    if status:
        query = query.where(col(DefinitionRevision.status).in_(status))
    if year is not None:
        query = query.where(col(DefinitionRevision.year) == year)
    for slug in principle or []:
        query = query.where(
            exists()
            .where(col(Analysis.revision_id) == DefinitionRevision.id)
            .where(col(Analysis.method_version) == METHOD_VERSION)
            .where(col(AnalysisFinding.analysis_id) == Analysis.id)
            .where(col(AnalysisFinding.principle_id) == Principle.id)
            .where(col(Principle.slug) == slug)
        )

    matches = definition_matches(session, q) if q is not None else None
    if q is not None and matches is None:
        return Page(items=[])  # a query of punctuation alone matches nothing
    if matches is not None:
        score = matches.c.score
        query = query.join(matches, matches.c.definition_id == Definition.id).add_columns(score)
        after = decode_cursor(cursor, (float, int))
        if after is not None:
            query = query.where(
                (score < after[0]) | and_(score == after[0], col(Definition.id) > after[1])
            )
        query = query.order_by(score.desc(), col(Definition.id))
    else:
        after = decode_cursor(cursor, (int,))
        if after is not None:
            query = query.where(col(Definition.id) > after[0])
        query = query.order_by(col(Definition.id))

    rows = session.exec(query.limit(limit + 1)).all()  # type: ignore[call-overload]
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more:
        last = rows[-1]
        key = [float(last[2]), last[0].id] if matches is not None else [last[0].id]
        next_cursor = encode_cursor(key)
    return Page(
        items=present_summaries(session, [(row[0], row[1]) for row in rows]),
        next_cursor=next_cursor,
    )


@router.get("/{definition_id}", summary="One definition at its current revision")
def get_definition(
    definition: DefinitionDep, session: SessionDep, request: Request, response: Response
) -> DefinitionPublic:
    conditional_get(request, response, definition_etag(definition))
    return present_definition(session, definition, current_revision(session, definition))


@router.get("/{definition_id}/revisions", summary="Every revision of a definition, oldest first")
def list_revisions(
    definition: DefinitionDep,
    session: SessionDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[RevisionPublic]:
    query = select(DefinitionRevision).where(DefinitionRevision.definition_id == definition.id)
    after = decode_cursor(cursor, (int,))
    if after is not None:
        query = query.where(col(DefinitionRevision.number) > after[0])
    rows = list(session.exec(query.order_by(col(DefinitionRevision.number)).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(
        items=present_revisions(session, rows),
        next_cursor=encode_cursor([rows[-1].number]) if more else None,
    )


@router.get("/{definition_id}/revisions/{number}", summary="One revision of a definition")
def get_revision(
    definition: DefinitionDep,
    number: Annotated[int, Path(ge=1, le=2**31 - 1)],
    session: SessionDep,
    request: Request,
    response: Response,
) -> RevisionPublic:
    revision = session.exec(
        select(DefinitionRevision).where(
            DefinitionRevision.definition_id == definition.id, DefinitionRevision.number == number
        )
    ).first()
    if revision is None:
        raise not_found(f"revision of definition {definition.id} numbered", number)
    # Revisions never change, so their ETag only needs to tell revisions (and analysers) apart.
    conditional_get(request, response, f'"d{definition.id}-r{number}-{METHOD_VERSION}-rev"')
    return present_revisions(session, [revision])[0]
