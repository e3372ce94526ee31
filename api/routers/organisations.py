"""Organisations: departments, CSC teams, research and standards bodies."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.auth import StewardDep
from api.deps import OrganisationDep, SessionDep
from api.errors import Problem, field_error
from api.http import conditional_get, etag_of
from api.models import Organisation, OrganisationName
from api.models.organisation import (
    OrganisationCreate,
    OrganisationKind,
    OrganisationNamePublic,
    OrganisationPublic,
)
from api.pagination import CursorQuery, LimitQuery, Page, slug_page

router = APIRouter(prefix="/v1/organisations", tags=["organisations"])


def present_organisations(session: Session, rows: list[Organisation]) -> list[OrganisationPublic]:
    ids = [r.id for r in rows]
    names: dict[int, list[OrganisationNamePublic]] = {i: [] for i in ids if i is not None}
    for n in session.exec(
        select(OrganisationName)
        .where(col(OrganisationName.organisation_id).in_(ids))
        .order_by(col(OrganisationName.valid_from).is_(None), col(OrganisationName.valid_from))
        .order_by(col(OrganisationName.id))
    ):
        names[n.organisation_id].append(
            OrganisationNamePublic.model_validate(n, from_attributes=True)
        )
    parent_ids = {r.parent_id for r in rows if r.parent_id is not None}
    parents = {
        o.id: o.slug
        for o in session.exec(select(Organisation).where(col(Organisation.id).in_(parent_ids)))
    }
    return [
        OrganisationPublic.model_validate(
            {
                **r.model_dump(),
                "parent": parents.get(r.parent_id) if r.parent_id else None,
                "names": names.get(r.id, []) if r.id is not None else [],
            }
        )
        for r in rows
    ]


@router.get("", summary="List organisations")
def list_organisations(
    session: SessionDep,
    kind: Annotated[OrganisationKind | None, Query(description="Only this kind.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[OrganisationPublic]:
    query = select(Organisation)
    if kind is not None:
        query = query.where(Organisation.kind == kind)
    rows, next_cursor = slug_page(session, query, col(Organisation.slug), limit, cursor)
    return Page(
        items=present_organisations(session, rows),
        next_cursor=next_cursor,
    )


@router.get("/{organisation_slug}", summary="One organisation, with its names over time")
def get_organisation(
    organisation: OrganisationDep, session: SessionDep, request: Request, response: Response
) -> OrganisationPublic:
    public = present_organisations(session, [organisation])[0]
    conditional_get(request, response, etag_of(public))
    return public


@router.post(
    "",
    status_code=201,
    summary="Register an organisation (stewards)",
    responses={
        401: {"description": "No API key, or an unknown or revoked one."},
        403: {"description": "The key is not a steward's."},
        409: {"description": "The slug is taken."},
        422: {"description": "The body is not valid."},
    },
)
def create_organisation(
    body: OrganisationCreate, caller: StewardDep, session: SessionDep, response: Response
) -> OrganisationPublic:
    parent_id = None
    if body.parent is not None:
        parent = session.exec(select(Organisation).where(Organisation.slug == body.parent)).first()
        if parent is None:
            raise field_error("parent", f"No parent organisation {body.parent!r}.", "unknown")
        parent_id = parent.id
    organisation = Organisation.model_validate(
        {
            **body.model_dump(exclude={"parent"}),
            "parent_id": parent_id,
            "created_by_key_id": caller.key.id,
            "verified": False,
            "provenance": f"Registered through the API by {caller.organisation.slug} "
            f"(key {caller.key.key_id}).",
        }
    )
    session.add(organisation)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Problem(409, f"The slug {body.slug!r} is taken.", kind="conflict") from None
    assert organisation.id is not None
    session.add(OrganisationName(organisation_id=organisation.id, name=organisation.name))
    session.commit()
    public = present_organisations(session, [organisation])[0]
    response.headers["Location"] = f"/v1/organisations/{organisation.slug}"
    response.headers["ETag"] = etag_of(public)
    return public
