"""The 12 principles every analysis uses."""

from fastapi import APIRouter, Request, Response
from sqlmodel import col, select

from api.deps import ReadSession, SlugPath
from api.domain import NotFound
from api.etags import content_etag
from api.http import conditional_get
from api.models import Principle
from api.models.principle import PrinciplePublic
from api.pagination import Page

router = APIRouter(prefix="/v1/principles", tags=["principles"])


@router.get("", summary="The 12 principles, in the vocabulary's order")
def list_principles(session: ReadSession) -> Page[PrinciplePublic]:
    """The registry's 12 principles, in the vocabulary's order: the terms every analysis,
    comparison and framework mapping uses."""
    rows = session.exec(select(Principle).order_by(col(Principle.position))).all()
    return Page(items=[PrinciplePublic.model_validate(r, from_attributes=True) for r in rows])


@router.get("/{principle_slug}", summary="One principle: what counts and what does not")
def get_principle(
    principle_slug: SlugPath, session: ReadSession, request: Request, response: Response
) -> PrinciplePublic:
    """One principle: what counts as carrying it and what does not. Carries an `ETag`; `If-None-
    Match` gives 304."""
    row = session.exec(select(Principle).where(Principle.slug == principle_slug)).first()
    if row is None:
        raise NotFound.of("principle", principle_slug)
    public = PrinciplePublic.model_validate(row, from_attributes=True)
    conditional_get(request, response, content_etag(public))
    return public
