"""Organisations: list, get, create (stewards register CSC teams and other bodies)."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.domain import Conflict, InvalidField, NotFound
from api.keys import Actor
from api.models import Organisation, OrganisationName
from api.models.organisation import (
    OrganisationCreate,
    OrganisationNamePublic,
    OrganisationPublic,
)
from api.pagination import slug_page


def get(session: Session, slug: str) -> Organisation:
    organisation = session.exec(select(Organisation).where(Organisation.slug == slug)).first()
    if organisation is None:
        raise NotFound.of("organisation", slug)
    return organisation


def list_page(
    session: Session, kind: str | None, limit: int, cursor: str | None
) -> tuple[list[Organisation], str | None]:
    query = select(Organisation)
    if kind is not None:
        query = query.where(Organisation.kind == kind)
    return slug_page(session, query, col(Organisation.slug), limit, cursor)


def create(session: Session, actor: Actor, body: OrganisationCreate) -> Organisation:
    """Register an organisation (stewards). The caller commits."""
    actor.require_steward()
    parent_id = None
    if body.parent is not None:
        parent = session.exec(select(Organisation).where(Organisation.slug == body.parent)).first()
        if parent is None:
            raise InvalidField("parent", f"No parent organisation {body.parent!r}.", "unknown")
        parent_id = parent.id
    organisation = Organisation.model_validate(
        {
            **body.model_dump(exclude={"parent"}),
            "parent_id": parent_id,
            "created_by_key_id": actor.key.id,
            "verified": False,
            "provenance": f"Registered through the API by {actor.organisation.slug} "
            f"(key {actor.key.key_id}).",
        }
    )
    session.add(organisation)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Conflict(f"The slug {body.slug!r} is taken.") from None
    assert organisation.id is not None
    session.add(OrganisationName(organisation_id=organisation.id, name=organisation.name))
    session.flush()
    return organisation


def present(session: Session, rows: list[Organisation]) -> list[OrganisationPublic]:
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
