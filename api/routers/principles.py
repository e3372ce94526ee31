"""The 12 principles every analysis uses."""

from fastapi import APIRouter, Request, Response
from sqlmodel import col, select

from api.deps import SessionDep, SlugPath, not_found
from api.http import conditional_get, etag_of
from api.models import Principle
from api.models.principle import PrinciplePublic
from api.pagination import Page

router = APIRouter(prefix="/v1/principles", tags=["principles"])


@router.get("", summary="The 12 principles, in the vocabulary's order")
def list_principles(session: SessionDep) -> Page[PrinciplePublic]:
    rows = session.exec(select(Principle).order_by(col(Principle.position))).all()
    return Page(items=[PrinciplePublic.model_validate(r, from_attributes=True) for r in rows])


@router.get("/{principle_slug}", summary="One principle: what counts and what does not")
def get_principle(
    principle_slug: SlugPath, session: SessionDep, request: Request, response: Response
) -> PrinciplePublic:
    row = session.exec(select(Principle).where(Principle.slug == principle_slug)).first()
    if row is None:
        raise not_found("principle", principle_slug)
    public = PrinciplePublic.model_validate(row, from_attributes=True)
    conditional_get(request, response, etag_of(public))
    return public
