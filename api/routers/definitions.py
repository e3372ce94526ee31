"""Definitions: list, search and export; read with ETags; submit, revise, withdraw; history."""

from operator import attrgetter
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, and_, col, exists, select

from api.auth import Caller, CallerDep, forbidden, require_acting_for
from api.comparison.analyser import METHOD_VERSION
from api.comparison.diff import word_diff
from api.config import settings
from api.deps import DefinitionDep, SessionDep, not_found
from api.errors import Problem, check_patch, field_error
from api.exports import definitions_csv, definitions_jsonld
from api.http import conditional_get, require_if_match
from api.idempotency import IdempotencyKey, find, remember, replay, request_hash
from api.models import (
    Analysis,
    AnalysisFinding,
    Definition,
    DefinitionRevision,
    Organisation,
    Principle,
)
from api.models.definition import (
    DefinitionCreate,
    DefinitionKind,
    DefinitionPublic,
    DefinitionSummary,
    DefinitionUpdate,
    RevisionDiff,
    RevisionPublic,
    Status,
)
from api.pagination import (
    CursorQuery,
    LimitQuery,
    Page,
    decode_cursor,
    encode_cursor,
    keyset_page,
)
from api.search import definition_matches
from api.services.definitions import (
    REVISION_FIELDS,
    current_join,
    current_revision,
    definition_etag,
    present_definition,
    present_diff,
    present_revisions,
    present_summaries,
    revise,
    write_revision,
)

router = APIRouter(prefix="/v1/definitions", tags=["definitions"])

CSV = "text/csv"
JSONLD = "application/ld+json"
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No API key, or an unknown or revoked one."},
    403: {"description": "The key may not act for this organisation, or lacks the role."},
    422: {"description": "The body is not valid; `errors` names each bad field."},
}


def _export_format(request: Request) -> str | None:
    accept = request.headers.get("accept", "")
    for media in (part.split(";")[0].strip() for part in accept.split(",")):
        if media in (CSV, JSONLD):
            return media
        if media in ("application/json", "*/*"):
            return None
    return None


@router.get(
    "",
    summary="List, search or export definitions",
    response_model=Page[DefinitionSummary],
    responses={
        200: {
            "description": "JSON by default. Send `Accept: text/csv` or `Accept: "
            "application/ld+json` (SKOS concepts) for an export of every match, unpaginated.",
            "content": {CSV: {}, JSONLD: {}},
        },
        400: {"description": "The cursor is not valid."},
    },
)
def list_definitions(
    session: SessionDep,
    request: Request,
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
) -> Page[DefinitionSummary] | Response:
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
    export = _export_format(request)

    matches = definition_matches(session, q) if q is not None else None
    if q is not None and matches is None:
        rows: list[Any] = []  # a query of punctuation alone matches nothing
    elif matches is not None:
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
    if q is None or matches is not None:
        if export is None:
            query = query.limit(limit + 1)
        rows = list(session.exec(query).all())  # type: ignore[call-overload]

    if export is not None:
        items = present_summaries(session, [(row[0], row[1]) for row in rows])
        return _export(items, export)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        key = [float(last[2]), last[0].id] if matches is not None else [last[0].id]
        next_cursor = encode_cursor(key)
    return Page(
        items=present_summaries(session, [(row[0], row[1]) for row in rows]),
        next_cursor=next_cursor,
    )


def _export(items: list[DefinitionSummary], media: str) -> Response:
    if media == CSV:
        return Response(
            definitions_csv(items),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="definitions.csv"'},
        )
    return JSONResponse(definitions_jsonld(items, settings.public_base_url), media_type=JSONLD)


def _target_organisation(session: Session, caller: Caller, slug: str | None) -> Organisation:
    if slug is None:
        return caller.organisation
    organisation = session.exec(select(Organisation).where(Organisation.slug == slug)).first()
    if organisation is None:
        raise field_error("organisation", f"No organisation {slug!r} in the registry.", "unknown")
    require_acting_for(caller, organisation)
    return organisation


@router.post(
    "",
    status_code=201,
    summary="Submit a definition",
    response_model=DefinitionPublic,
    responses={
        **WRITE_ERRORS,
        201: {"description": "Created; `Location` and `ETag` headers point at it."},
    },
)
def create_definition(
    body: DefinitionCreate,
    caller: CallerDep,
    session: SessionDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """The definition belongs to the key's organisation (stewards may name another)."""
    path = request.url.path
    body_hash = request_hash(body.model_dump(mode="json"))
    if idempotency_key:
        prior = find(session, caller, idempotency_key)
        if prior is not None:
            return replay(prior, "POST", path, body_hash)

    organisation = _target_organisation(session, caller, body.organisation)
    assert organisation.id is not None
    definition = Definition(
        organisation_id=organisation.id, kind="submitted", created_by_key_id=caller.key.id
    )
    session.add(definition)
    session.flush()
    values = body.model_dump(exclude={"organisation"})
    revision = write_revision(session, definition, 1, values, author=caller.key)
    public = present_definition(session, definition, revision)
    content = public.model_dump(mode="json")
    response = JSONResponse(
        content,
        status_code=201,
        headers={"Location": f"{path}/{definition.id}", "ETag": definition_etag(definition)},
    )
    if idempotency_key:
        remember(
            session,
            caller,
            idempotency_key,
            method="POST",
            path=path,
            body_hash=body_hash,
            response=response,
            body=content,
        )
    try:
        session.commit()
    except IntegrityError:
        # Another request with the same Idempotency-Key committed first: answer as it did.
        session.rollback()
        prior = find(session, caller, idempotency_key) if idempotency_key else None
        if prior is None:
            raise
        return replay(prior, "POST", path, body_hash)
    return response


@router.get("/{definition_id}", summary="One definition at its current revision")
def get_definition(
    definition: DefinitionDep, session: SessionDep, request: Request, response: Response
) -> DefinitionPublic:
    conditional_get(request, response, definition_etag(definition))
    return present_definition(session, definition, current_revision(session, definition))


def _authorise_change(session: Session, caller: Caller, definition: Definition) -> None:
    if definition.kind == "core_proposal" and not caller.is_steward:
        raise forbidden("Core definition proposals are changed by stewards only.")
    organisation = session.get(Organisation, definition.organisation_id)
    assert organisation is not None
    require_acting_for(caller, organisation)


def _check_supersession(session: Session, definition: Definition, changes: dict[str, Any]) -> None:
    def invalid(message: str) -> Problem:
        return field_error("superseded_by", message, "invalid_supersession")

    successor = changes.get("superseded_by")
    if changes.get("status") == "superseded":
        if successor is None:
            raise invalid("status 'superseded' needs superseded_by: the id of its successor.")
        if successor == definition.id or session.get(Definition, successor) is None:
            raise invalid(f"superseded_by must be another definition's id, not {successor}.")
    elif successor is not None:
        raise invalid("superseded_by is only allowed with status 'superseded'.")


@router.patch(
    "/{definition_id}",
    summary="Revise a definition (adds a revision)",
    responses={
        **WRITE_ERRORS,
        412: {"description": "If-Match is stale: someone else revised it first."},
        428: {"description": "If-Match is missing."},
    },
)
def update_definition(
    definition: DefinitionDep,
    body: DefinitionUpdate,
    caller: CallerDep,
    session: SessionDep,
    request: Request,
    response: Response,
) -> DefinitionPublic:
    """Send only the fields that change, with `If-Match: <ETag>`; all others carry over."""
    _authorise_change(session, caller, definition)
    require_if_match(request, definition_etag(definition))
    changes = body.model_dump(exclude_unset=True)
    change_note = changes.pop("change_note", None)
    check_patch(changes, ("title", "text", "status", "language"))
    _check_supersession(session, definition, changes)
    if "superseded_by" in changes:
        changes["superseded_by_id"] = changes.pop("superseded_by")
    elif "status" in changes:
        changes["superseded_by_id"] = None
    revision = revise(session, definition, changes, author=caller.key, change_note=change_note)
    session.commit()
    response.headers["ETag"] = definition_etag(definition)
    return present_definition(session, definition, revision)


@router.delete(
    "/{definition_id}",
    status_code=204,
    summary="Withdraw a definition (its revisions stay readable)",
    responses={
        **WRITE_ERRORS,
        409: {"description": "It is already withdrawn."},
        412: {"description": "If-Match is stale."},
        428: {"description": "If-Match is missing."},
    },
)
def delete_definition(
    definition: DefinitionDep, caller: CallerDep, session: SessionDep, request: Request
) -> Response:
    _authorise_change(session, caller, definition)
    require_if_match(request, definition_etag(definition))
    if current_revision(session, definition).status == "withdrawn":
        raise Problem(409, "The definition is already withdrawn.", kind="conflict")
    revise(
        session,
        definition,
        {"status": "withdrawn", "superseded_by_id": None},
        author=caller.key,
        change_note="Withdrawn.",
    )
    session.commit()
    return Response(status_code=204, headers={"ETag": definition_etag(definition)})


@router.get("/{definition_id}/revisions", summary="Every revision of a definition, oldest first")
def list_revisions(
    definition: DefinitionDep,
    session: SessionDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[RevisionPublic]:
    query = select(DefinitionRevision).where(DefinitionRevision.definition_id == definition.id)
    rows, next_cursor = keyset_page(
        session, query, col(DefinitionRevision.number), attrgetter("number"), limit, cursor
    )
    return Page(items=present_revisions(session, rows), next_cursor=next_cursor)


RevisionNumber = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _revision(session: Session, definition: Definition, number: int) -> DefinitionRevision:
    revision = session.exec(
        select(DefinitionRevision).where(
            DefinitionRevision.definition_id == definition.id, DefinitionRevision.number == number
        )
    ).first()
    if revision is None:
        raise not_found(f"revision of definition {definition.id} numbered", number)
    return revision


@router.get("/{definition_id}/revisions/{number}", summary="One revision of a definition")
def get_revision(
    definition: DefinitionDep,
    number: RevisionNumber,
    session: SessionDep,
    request: Request,
    response: Response,
) -> RevisionPublic:
    revision = _revision(session, definition, number)
    # Revisions never change, so their ETag only needs to tell revisions (and analysers) apart.
    conditional_get(request, response, f'"d{definition.id}-r{number}-{METHOD_VERSION}-rev"')
    return present_revisions(session, [revision])[0]


@router.get(
    "/{definition_id}/diff",
    summary="Word-level diff between two revisions",
    responses={404: {"description": "No such definition or revision."}},
)
def diff_revisions(
    definition: DefinitionDep,
    session: SessionDep,
    from_: Annotated[
        int | None, Query(alias="from", ge=1, description="Default: the previous revision.")
    ] = None,
    to: Annotated[int | None, Query(ge=1, description="Default: the current revision.")] = None,
) -> RevisionDiff:
    to_number = to or definition.current_revision
    from_number = from_ or max(1, to_number - 1)
    a = _revision(session, definition, from_number)
    b = _revision(session, definition, to_number)
    changed = [f for f in REVISION_FIELDS if f != "text" and getattr(a, f) != getattr(b, f)]
    return RevisionDiff(
        definition_id=definition.id or 0,
        from_revision=from_number,
        to_revision=to_number,
        text_changed=a.text != b.text,
        changed_fields=changed,
        **present_diff(word_diff(a.text, b.text)),
    )
