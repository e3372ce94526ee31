"""Practice models: TI models, practice frameworks, training and trauma-specific treatments.

Stewards add and edit them; every write stores a full snapshot as a new revision.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from api.auth import StewardDep
from api.deps import PracticeModelDep, SessionDep
from api.errors import Problem, check_patch, field_error
from api.http import conditional_get, require_if_match
from api.models import (
    ApiKey,
    EvidenceLink,
    PracticeModel,
    PracticeModelPrinciple,
    PracticeModelRevision,
    Principle,
    Source,
)
from api.models.practice_model import (
    EvidenceLinkIn,
    EvidenceLinkPublic,
    ModelPrincipleIn,
    ModelPrinciplePublic,
    PracticeModelCreate,
    PracticeModelKind,
    PracticeModelPublic,
    PracticeModelRevisionPublic,
    PracticeModelUpdate,
)
from api.pagination import CursorQuery, LimitQuery, Page, keyset_page, slug_page
from api.services.practice_models import record_revision
from api.services.revisions import advance_revision

router = APIRouter(prefix="/v1/practice-models", tags=["practice models"])

WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No API key, or an unknown or revoked one."},
    403: {"description": "The key is not a steward's."},
    422: {"description": "The body is not valid; `errors` names each bad field."},
}


def model_etag(model: PracticeModel) -> str:
    """Every write adds a revision, so the revision number identifies the representation."""
    return f'"pm{model.id}-r{model.current_revision}"'


def present_models(session: Session, rows: list[PracticeModel]) -> list[PracticeModelPublic]:
    ids = [r.id for r in rows if r.id is not None]
    principles: dict[int, list[ModelPrinciplePublic]] = {i: [] for i in ids}
    for model_id, slug, basis, verified in session.exec(
        select(
            PracticeModelPrinciple.model_id,
            Principle.slug,
            PracticeModelPrinciple.basis,
            PracticeModelPrinciple.verified,
        )
        .join(Principle, col(Principle.id) == PracticeModelPrinciple.principle_id)
        .where(col(PracticeModelPrinciple.model_id).in_(ids))
        .order_by(col(Principle.position))
    ):
        principles[model_id].append(ModelPrinciplePublic(slug=slug, basis=basis, verified=verified))
    evidence: dict[int, list[EvidenceLinkPublic]] = {i: [] for i in ids}
    for link in session.exec(
        select(EvidenceLink)
        .where(col(EvidenceLink.model_id).in_(ids))
        .order_by(col(EvidenceLink.id))
    ):
        evidence[link.model_id].append(EvidenceLinkPublic.model_validate(link.model_dump()))
    source_ids = {r.source_id for r in rows if r.source_id is not None}
    sources = dict(
        session.exec(select(Source.id, Source.slug).where(col(Source.id).in_(source_ids))).all()
    )
    return [
        PracticeModelPublic.model_validate(
            {
                **r.model_dump(),
                "source": sources.get(r.source_id) if r.source_id is not None else None,
                "principles": principles[r.id] if r.id is not None else [],
                "evidence": evidence[r.id] if r.id is not None else [],
                "revision": r.current_revision,
            }
        )
        for r in rows
    ]


def _source_id(session: Session, slug: str | None) -> int | None:
    if slug is None:
        return None
    source_id = session.exec(select(Source.id).where(Source.slug == slug)).first()
    if source_id is None:
        raise field_error("source", f"No source {slug!r} in the registry.", "unknown")
    return source_id


def _check_claims(
    verified: bool,
    source: str | None,
    provenance_url: str | None,
    evidence: list[EvidenceLinkIn],
) -> None:
    """Unverified entries are never presented as verified, and carry no uncited rating."""
    if verified and source is None and provenance_url is None:
        raise field_error(
            "verified",
            "A model can only be verified against a cited source: give source or provenance_url.",
            "uncited_verification",
        )
    for i, link in enumerate(evidence):
        if link.verified and link.url is None:
            raise field_error(
                f"evidence.{i}.verified",
                "An evidence link can only be verified with the url it was read at.",
                "uncited_verification",
            )
        if link.rating is not None and not verified and link.url is None and source is None:
            raise field_error(
                f"evidence.{i}.rating",
                "An unverified model carries no rating unless a source is cited: give the "
                "rating's url, or the model's source.",
                "uncited_rating",
            )


def _replace_links(
    session: Session,
    model: PracticeModel,
    principles: list[ModelPrincipleIn] | None,
    evidence: list[EvidenceLinkIn] | None,
) -> None:
    assert model.id is not None
    if principles is not None:
        ids = {s: i for s, i in session.exec(select(Principle.slug, Principle.id)) if i}
        seen: set[str] = set()
        for i, p in enumerate(principles):
            if p.slug not in ids:
                raise field_error(
                    f"principles.{i}.slug", f"No principle {p.slug!r} in the registry.", "unknown"
                )
            if p.slug in seen:
                raise field_error(
                    f"principles.{i}.slug", f"{p.slug!r} is listed twice.", "duplicate"
                )
            seen.add(p.slug)
        session.exec(
            delete(PracticeModelPrinciple).where(col(PracticeModelPrinciple.model_id) == model.id)
        )
        for p in principles:
            session.add(
                PracticeModelPrinciple(
                    model_id=model.id,
                    principle_id=ids[p.slug],
                    basis=p.basis,
                    verified=p.verified,
                )
            )
    if evidence is not None:
        session.exec(delete(EvidenceLink).where(col(EvidenceLink.model_id) == model.id))
        for e in evidence:
            session.add(EvidenceLink.model_validate({**e.model_dump(), "model_id": model.id}))
    session.flush()


@router.get("", summary="List practice models")
def list_practice_models(
    session: SessionDep,
    kind: Annotated[PracticeModelKind | None, Query(description="Only this kind.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[PracticeModelPublic]:
    query = select(PracticeModel)
    if kind is not None:
        query = query.where(PracticeModel.kind == kind)
    rows, next_cursor = slug_page(session, query, col(PracticeModel.slug), limit, cursor)
    return Page(items=present_models(session, rows), next_cursor=next_cursor)


@router.get("/{model_slug}", summary="One practice model, with principles and evidence")
def get_practice_model(
    model: PracticeModelDep, session: SessionDep, request: Request, response: Response
) -> PracticeModelPublic:
    conditional_get(request, response, model_etag(model))
    return present_models(session, [model])[0]


@router.post(
    "",
    status_code=201,
    summary="Add a practice model (stewards)",
    responses={
        **WRITE_ERRORS,
        201: {"description": "Created; `Location` and `ETag` point at it."},
        409: {"description": "The slug is taken."},
    },
)
def create_practice_model(
    body: PracticeModelCreate, caller: StewardDep, session: SessionDep, response: Response
) -> PracticeModelPublic:
    _check_claims(body.verified, body.source, body.provenance_url, body.evidence)
    if session.exec(select(PracticeModel.id).where(PracticeModel.slug == body.slug)).first():
        raise Problem(409, f"The slug {body.slug!r} is taken.", kind="conflict")
    model = PracticeModel.model_validate(
        {
            **body.model_dump(exclude={"source", "principles", "evidence"}),
            "source_id": _source_id(session, body.source),
            "provenance": body.provenance
            or f"Added through the API by {caller.organisation.slug} (key {caller.key.key_id}).",
        }
    )
    session.add(model)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Problem(409, f"The slug {body.slug!r} is taken.", kind="conflict") from None
    _replace_links(session, model, body.principles, body.evidence)
    record_revision(session, model, caller.key, number=1)
    session.commit()
    response.headers["Location"] = f"/v1/practice-models/{model.slug}"
    response.headers["ETag"] = model_etag(model)
    return present_models(session, [model])[0]


@router.patch(
    "/{model_slug}",
    summary="Edit a practice model (stewards; adds a revision)",
    responses={
        **WRITE_ERRORS,
        404: {"description": "No such practice model."},
        412: {"description": "If-Match is stale: someone else edited it first."},
        428: {"description": "If-Match is missing."},
    },
)
def update_practice_model(
    model: PracticeModelDep,
    body: PracticeModelUpdate,
    caller: StewardDep,
    session: SessionDep,
    request: Request,
    response: Response,
) -> PracticeModelPublic:
    """Send only what changes, with `If-Match: <ETag>`. `principles` and `evidence`, when sent,
    replace the stored lists."""
    require_if_match(request, model_etag(model))
    changes = body.model_dump(exclude_unset=True, exclude={"principles", "evidence"})
    check_patch(body.model_dump(exclude_unset=True), ("name", "kind", "verified"))
    assert model.id is not None

    def now_current() -> str:
        session.refresh(model)
        return model_etag(model)

    number = advance_revision(
        session, PracticeModel, model.id, model.current_revision, now_current, "practice model"
    )
    current = present_models(session, [model])[0]
    source = changes.pop("source") if "source" in changes else current.source
    verified = changes.get("verified", current.verified)
    evidence = (
        body.evidence
        if body.evidence is not None
        else [EvidenceLinkIn.model_validate(e.model_dump()) for e in current.evidence]
    )
    _check_claims(verified, source, changes.get("provenance_url", model.provenance_url), evidence)
    changes["source_id"] = _source_id(session, source)
    model.sqlmodel_update(changes)
    session.add(model)
    session.flush()
    _replace_links(session, model, body.principles, body.evidence)
    record_revision(session, model, caller.key, number=number)
    session.commit()
    response.headers["ETag"] = model_etag(model)
    return present_models(session, [model])[0]


@router.get("/{model_slug}/revisions", summary="Every revision of a practice model, oldest first")
def list_practice_model_revisions(
    model: PracticeModelDep, session: SessionDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[PracticeModelRevisionPublic]:
    query = select(PracticeModelRevision, ApiKey.key_id).outerjoin(
        ApiKey, col(ApiKey.id) == PracticeModelRevision.author_key_id
    )
    query = query.where(PracticeModelRevision.model_id == model.id)
    rows, next_cursor = keyset_page(
        session, query, col(PracticeModelRevision.number), lambda r: r[0].number, limit, cursor
    )
    return Page(
        items=[
            PracticeModelRevisionPublic(
                number=r.number, snapshot=r.snapshot, author_key=key, created_at=r.created_at
            )
            for r, key in rows
        ],
        next_cursor=next_cursor,
    )
