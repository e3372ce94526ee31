"""Published principle sets, each item mapped to the registry's principle slugs."""

from fastapi import APIRouter, Request, Response
from sqlmodel import Session, col, select

from api.deps import CursorQuery, FrameworkDep, LimitQuery, ReadSession
from api.etags import content_etag
from api.http import conditional_get
from api.models import (
    Framework,
    FrameworkItem,
    FrameworkItemPrinciple,
    Organisation,
    Principle,
    Source,
)
from api.models.framework import (
    FrameworkItemPublic,
    FrameworkPublic,
    FrameworkSummary,
    ItemPrinciplePublic,
)
from api.pagination import Page, slug_page

router = APIRouter(prefix="/v1/frameworks", tags=["frameworks"])


def _present(session: Session, frameworks: list[Framework]) -> list[FrameworkPublic]:
    ids = [f.id for f in frameworks]
    items = session.exec(
        select(FrameworkItem)
        .where(col(FrameworkItem.framework_id).in_(ids))
        .order_by(col(FrameworkItem.framework_id), col(FrameworkItem.position))
    ).all()
    mapped: dict[int, list[ItemPrinciplePublic]] = {i.id: [] for i in items if i.id is not None}
    for item_id, slug, match in session.exec(
        select(FrameworkItemPrinciple.item_id, Principle.slug, FrameworkItemPrinciple.match)
        .join(Principle, col(Principle.id) == FrameworkItemPrinciple.principle_id)
        .where(col(FrameworkItemPrinciple.item_id).in_(list(mapped)))
        .order_by(col(Principle.position))
    ):
        mapped[item_id].append(ItemPrinciplePublic.model_validate({"slug": slug, "match": match}))
    order = dict(session.exec(select(Principle.slug, Principle.position)).all())
    source_slugs = dict(session.exec(select(Source.id, Source.slug)).all())
    org_slugs = dict(session.exec(select(Organisation.id, Organisation.slug)).all())
    out = []
    for f in frameworks:
        own = [i for i in items if i.framework_id == f.id]
        item_models = [
            FrameworkItemPublic.model_validate(
                {**i.model_dump(), "principles": mapped.get(i.id or 0, [])}
            )
            for i in own
        ]
        slugs = sorted({p.slug for i in item_models for p in i.principles}, key=order.__getitem__)
        out.append(
            FrameworkPublic.model_validate(
                {
                    **f.model_dump(),
                    "source": source_slugs.get(f.source_id) if f.source_id else None,
                    "organisation": org_slugs.get(f.organisation_id) if f.organisation_id else None,
                    "principles": slugs,
                    "items": item_models,
                }
            )
        )
    return out


@router.get("", summary="List published principle sets")
def list_frameworks(
    session: ReadSession, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[FrameworkSummary]:
    """Published principle sets (SAMHSA's six principles, OHID's six, NES's five Rs...), each with
    the registry principles its items map to."""
    query = select(Framework)
    rows, next_cursor = slug_page(session, query, col(Framework.slug), limit, cursor)
    return Page(
        items=[
            FrameworkSummary.model_validate(p.model_dump(exclude={"items", "note"}))
            for p in _present(session, rows)
        ],
        next_cursor=next_cursor,
    )


@router.get("/{framework_slug}", summary="One principle set, item by item")
def get_framework(
    framework: FrameworkDep, session: ReadSession, request: Request, response: Response
) -> FrameworkPublic:
    """One principle set, item by item, each item mapped to registry principles as an exact,
    broader or narrower match. Carries an `ETag`; `If-None-Match` gives 304."""
    public = _present(session, [framework])[0]
    conditional_get(request, response, content_etag(public))
    return public
