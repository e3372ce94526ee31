"""Practice models: list, get, create, revise, history.

A model's slug is its head; every field, its principle mappings and its evidence links are kept
on immutable revisions (``PRACTICE_MODELS``). Rules: unverified entries are never presented as
verified and carry no uncited rating, principle mappings name registry principles once each.
"""

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.comparison.vocabulary import PRINCIPLE_SLUGS
from api.domain import Conflict, InvalidField, NotFound, require_patch
from api.keys import Actor, public_key_ids
from api.models import PracticeModel, PracticeModelRevision, Source
from api.models.practice_model import (
    EvidenceLinkIn,
    EvidenceLinkPublic,
    ModelPrincipleIn,
    ModelPrinciplePublic,
    PracticeModelCreate,
    PracticeModelPublic,
    PracticeModelRevisionPublic,
    PracticeModelUpdate,
)
from api.pagination import keyset_page
from api.services.revisions import History, carried

PRACTICE_MODELS = History(
    what="practice model",
    tag="pm",
    head=PracticeModel,
    revision=PracticeModelRevision,
    parent="model_id",
)

# Fields a revision carries over from the previous one unless an edit names them.
REVISION_FIELDS = (
    "name",
    "kind",
    "description",
    "is_standard_practice",
    "url",
    "source_id",
    "note",
    "verified",
    "provenance",
    "provenance_url",
    "principles",
    "evidence",
)
REQUIRED_FIELDS = ("name", "kind", "verified")

Pair = tuple[PracticeModel, PracticeModelRevision]


def current_join() -> Any:
    return select(PracticeModel, PracticeModelRevision).join(
        PracticeModelRevision,
        (col(PracticeModelRevision.model_id) == PracticeModel.id)
        & (col(PracticeModelRevision.number) == PracticeModel.current_revision),
    )


def get(session: Session, slug: str) -> Pair:
    row = session.exec(current_join().where(col(PracticeModel.slug) == slug)).first()
    if row is None:
        raise NotFound.of("practice model", slug)
    return row[0], row[1]


def list_page(
    session: Session, kind: str | None, limit: int, cursor: str | None
) -> tuple[list[Pair], str | None]:
    query = current_join()
    if kind is not None:
        query = query.where(col(PracticeModelRevision.kind) == kind)
    rows, next_cursor = keyset_page(
        session, query, col(PracticeModel.slug), lambda r: r[0].slug, limit, cursor, str
    )
    return [(r[0], r[1]) for r in rows], next_cursor


def history(
    session: Session, slug: str, limit: int, cursor: str | None
) -> tuple[list[PracticeModelRevisionPublic], str | None]:
    model, _ = get(session, slug)
    rows, next_cursor = PRACTICE_MODELS.page(session, model, limit, cursor)
    keys = public_key_ids(session, (r.author_key_id for r in rows))
    items = [
        PracticeModelRevisionPublic(
            number=r.number,
            snapshot=snapshot(model, r),
            author_key=keys.get(r.author_key_id or 0),
            created_at=r.created_at,
        )
        for r in rows
    ]
    return items, next_cursor


def snapshot(model: PracticeModel, revision: PracticeModelRevision) -> dict[str, Any]:
    """The model as it stood after the write that made ``revision``."""
    return {"slug": model.slug, **revision.model_dump(mode="json", include=set(REVISION_FIELDS))}


# -- writing -----------------------------------------------------------------------------------


def create(
    session: Session,
    actor: Actor | None,
    body: PracticeModelCreate,
) -> Pair:
    """A new model at revision 1. The caller commits."""
    values = revision_values(session, body)
    if session.exec(select(PracticeModel.id).where(PracticeModel.slug == body.slug)).first():
        raise Conflict(f"The slug {body.slug!r} is taken.")
    if actor is not None and body.provenance is None:
        values["provenance"] = (
            f"Added through the API by {actor.organisation.slug} (key {actor.key.key_id})."
        )
    model = PracticeModel(slug=body.slug)
    try:
        revision = PRACTICE_MODELS.start(session, model, values, actor)
    except IntegrityError:
        session.rollback()
        raise Conflict(f"The slug {body.slug!r} is taken.") from None
    return model, revision


def revision_values(session: Session, body: PracticeModelCreate) -> dict[str, Any]:
    """The columns of a revision holding ``body``, checked against the rules."""
    _check_claims(body.verified, body.source, body.provenance_url, body.evidence)
    return {
        **body.model_dump(exclude={"slug", "source", "principles", "evidence"}),
        "source_id": _source_id(session, body.source),
        "principles": _principles(body.principles),
        "evidence": _evidence(body.evidence),
    }


def revise(
    session: Session, actor: Actor, slug: str, body: PracticeModelUpdate, if_match: str | None
) -> Pair:
    """An edit: the fields sent change, the rest carry over; lists sent replace whole lists."""
    model, previous = get(session, slug)
    PRACTICE_MODELS.check_if_match(model, if_match)
    changes = body.model_dump(exclude_unset=True)
    require_patch(changes, REQUIRED_FIELDS)
    return model, write_revision(session, actor, model, previous, changes)


def write_revision(
    session: Session,
    actor: Actor | None,
    model: PracticeModel,
    previous: PracticeModelRevision,
    changes: dict[str, Any],
) -> PracticeModelRevision:
    """Revision n+1 with ``changes`` (API field names) on the previous revision."""
    values = carried(previous, REVISION_FIELDS)
    source_slug = changes.pop("source") if "source" in changes else _source_slug(session, previous)
    evidence = (
        [EvidenceLinkIn.model_validate(e) for e in changes["evidence"]]
        if changes.get("evidence") is not None
        else [EvidenceLinkIn.model_validate(e) for e in previous.evidence]
    )
    verified = changes.get("verified", previous.verified)
    provenance_url = changes.get("provenance_url", previous.provenance_url)
    _check_claims(verified, source_slug, provenance_url, evidence)
    if changes.get("principles") is not None:
        changes["principles"] = _principles(
            [ModelPrincipleIn.model_validate(p) for p in changes["principles"]]
        )
    if changes.get("evidence") is not None:
        changes["evidence"] = _evidence(evidence)
    values.update({k: v for k, v in changes.items() if k in REVISION_FIELDS})
    values["source_id"] = _source_id(session, source_slug)
    return PRACTICE_MODELS.advance(session, model, values, actor)


def _source_id(session: Session, slug: str | None) -> int | None:
    if slug is None:
        return None
    source_id = session.exec(select(Source.id).where(Source.slug == slug)).first()
    if source_id is None:
        raise InvalidField("source", f"No source {slug!r} in the registry.", "unknown")
    return source_id


def _source_slug(session: Session, revision: PracticeModelRevision) -> str | None:
    if revision.source_id is None:
        return None
    return session.exec(select(Source.slug).where(Source.id == revision.source_id)).one()


def _principles(principles: list[ModelPrincipleIn]) -> list[dict[str, Any]]:
    """The mappings in the vocabulary's order, each naming a registry principle once."""
    order = {slug: i for i, slug in enumerate(PRINCIPLE_SLUGS)}
    seen: set[str] = set()
    for i, p in enumerate(principles):
        if p.slug not in order:
            raise InvalidField(
                f"principles.{i}.slug", f"No principle {p.slug!r} in the registry.", "unknown"
            )
        if p.slug in seen:
            raise InvalidField(f"principles.{i}.slug", f"{p.slug!r} is listed twice.", "duplicate")
        seen.add(p.slug)
    ordered = sorted(principles, key=lambda p: order[p.slug])
    return [p.model_dump(mode="json") for p in ordered]


def _evidence(evidence: list[EvidenceLinkIn]) -> list[dict[str, Any]]:
    return [e.model_dump(mode="json") for e in evidence]


def _check_claims(
    verified: bool,
    source: str | None,
    provenance_url: str | None,
    evidence: list[EvidenceLinkIn],
) -> None:
    """Unverified entries are never presented as verified, and carry no uncited rating."""
    if verified and source is None and provenance_url is None:
        raise InvalidField(
            "verified",
            "A model can only be verified against a cited source: give source or provenance_url.",
            "uncited_verification",
        )
    for i, link in enumerate(evidence):
        if link.verified and link.url is None:
            raise InvalidField(
                f"evidence.{i}.verified",
                "An evidence link can only be verified with the url it was read at.",
                "uncited_verification",
            )
        if link.rating is not None and not verified and link.url is None and source is None:
            raise InvalidField(
                f"evidence.{i}.rating",
                "An unverified model carries no rating unless a source is cited: give the "
                "rating's url, or the model's source.",
                "uncited_rating",
            )


# -- presenting --------------------------------------------------------------------------------


def present(session: Session, pairs: list[Pair]) -> list[PracticeModelPublic]:
    source_ids = {r.source_id for _, r in pairs if r.source_id is not None}
    sources = dict(
        session.exec(select(Source.id, Source.slug).where(col(Source.id).in_(source_ids))).all()
    )
    return [
        PracticeModelPublic.model_validate(
            {
                **r.model_dump(exclude={"id", "created_at", "principles", "evidence"}),
                "slug": m.slug,
                "source": sources.get(r.source_id) if r.source_id is not None else None,
                "principles": [ModelPrinciplePublic.model_validate(p) for p in r.principles],
                "evidence": [EvidenceLinkPublic.model_validate(e) for e in r.evidence],
                "revision": m.current_revision,
                "created_at": m.created_at,
            }
        )
        for m, r in pairs
    ]
