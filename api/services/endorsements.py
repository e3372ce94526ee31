"""Departments' positions on core definition proposals: one per organisation, revisioned.

A position is a head (``Endorsement``, one per proposal and organisation) whose revisions are
the positions taken over time, through ``ENDORSEMENTS``. Rules: only departments take positions,
only on live proposals, and a change of position names the one it replaces (If-Match).
"""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.domain import Conflict, NotFound, Stale, Unprocessable
from api.keys import Actor, public_key_ids
from api.models import Endorsement, EndorsementRevision, Organisation
from api.models.definition import ENDED_STATUSES
from api.models.endorsement import (
    DepartmentStance,
    EndorsementPublic,
    EndorsementRevisionPublic,
    EndorsementUpsert,
)
from api.models.organisation import DEPARTMENT
from api.services import core
from api.services.definitions import DEFINITIONS
from api.services.revisions import History

ENDORSEMENTS = History(
    what="position",
    tag="e",
    head=Endorsement,
    revision=EndorsementRevision,
    parent="endorsement_id",
)

Row = tuple[Endorsement, EndorsementRevision, Organisation]


def _rows(session: Session, proposal_id: int, organisation_id: int | None = None) -> list[Row]:
    query = (
        select(Endorsement, EndorsementRevision, Organisation)
        .join(
            EndorsementRevision,
            (col(EndorsementRevision.endorsement_id) == Endorsement.id)
            & (col(EndorsementRevision.number) == Endorsement.current_revision),
        )
        .join(Organisation, col(Organisation.id) == Endorsement.organisation_id)
        .where(col(Endorsement.proposal_id) == proposal_id)
        .order_by(col(Organisation.slug))
    )
    if organisation_id is not None:
        query = query.where(col(Endorsement.organisation_id) == organisation_id)
    return [(e, r, o) for e, r, o in session.exec(query).all()]


def present(revision: EndorsementRevision, organisation: Organisation) -> EndorsementPublic:
    return EndorsementPublic(
        organisation=organisation.slug,
        organisation_name=organisation.name,
        position=revision.position,  # type: ignore[arg-type]
        comment=revision.comment,
        revision=revision.number,
        proposal_revision=revision.proposal_revision,
        updated_at=revision.created_at,
    )


def list_all(session: Session, proposal_id: int) -> list[EndorsementPublic]:
    """Every organisation's current position on a proposal, by organisation slug."""
    core.get(session, proposal_id)
    return [present(r, o) for _, r, o in _rows(session, proposal_id)]


def stances(session: Session, proposal_id: int) -> list[DepartmentStance]:
    """Every department, with its position on the proposal (None: none yet)."""
    positions = {o.slug: r.position for _, r, o in _rows(session, proposal_id)}
    return [
        DepartmentStance(
            organisation=d.slug,
            organisation_name=d.name,
            position=positions.get(d.slug),  # type: ignore[arg-type]
        )
        for d in core.departments(session)
    ]


def _organisation(session: Session, slug: str) -> Organisation:
    organisation = session.exec(select(Organisation).where(Organisation.slug == slug)).first()
    if organisation is None:
        raise NotFound.of("organisation", slug)
    return organisation


def get(session: Session, proposal_id: int, organisation_slug: str) -> tuple[Endorsement, Row]:
    core.get(session, proposal_id)
    organisation = _organisation(session, organisation_slug)
    rows = _rows(session, proposal_id, organisation.id)
    if not rows:
        raise NotFound(f"{organisation.slug!r} has taken no position on this proposal.")
    return rows[0][0], rows[0]


def history(
    session: Session, proposal_id: int, organisation_slug: str, limit: int, cursor: str | None
) -> tuple[list[EndorsementRevisionPublic], str | None]:
    """Every position an organisation has taken on a proposal, oldest first."""
    core.get(session, proposal_id)
    organisation = _organisation(session, organisation_slug)
    head = session.exec(
        select(Endorsement).where(
            Endorsement.proposal_id == proposal_id, Endorsement.organisation_id == organisation.id
        )
    ).first()
    if head is None:
        return [], None
    rows, next_cursor = ENDORSEMENTS.page(session, head, limit, cursor)
    keys = public_key_ids(session, (r.author_key_id for r in rows))
    items = [
        EndorsementRevisionPublic.model_validate(
            {**r.model_dump(), "author_key_id": keys.get(r.author_key_id or 0)}
        )
        for r in rows
    ]
    return items, next_cursor


def revise(
    session: Session,
    actor: Actor,
    proposal_id: int,
    organisation_slug: str,
    body: EndorsementUpsert,
    if_match: str | None,
) -> tuple[Endorsement, EndorsementPublic, bool]:
    """Take a department's first position (revision 1) or change it (revision n+1, If-Match
    required); returns the head, the position and whether it is the first. The caller commits."""
    proposal = core.get(session, proposal_id)
    organisation = _organisation(session, organisation_slug)
    actor.require_acting_for(organisation)
    if organisation.kind != DEPARTMENT:
        raise Unprocessable(
            f"Only departments record positions on the core definition; {organisation.slug!r} "
            f"is a {organisation.kind}.",
            kind="not-a-department",
        )
    proposal_now = DEFINITIONS.current(session, proposal)
    if proposal_now.status in ENDED_STATUSES:
        raise Conflict(
            f"Proposal {proposal_id} is {proposal_now.status}: positions are recorded on live "
            "proposals only."
        )
    values = {
        "position": body.position,
        "comment": body.comment,
        "proposal_revision": proposal_now.number,
    }
    assert organisation.id is not None
    head = session.exec(
        select(Endorsement).where(
            Endorsement.proposal_id == proposal_id, Endorsement.organisation_id == organisation.id
        )
    ).first()
    if head is not None:
        ENDORSEMENTS.check_if_match(head, if_match)
        revision = ENDORSEMENTS.advance(session, head, values, actor)
        return head, present(revision, organisation), False
    head = Endorsement(proposal_id=proposal_id, organisation_id=organisation.id)
    try:
        revision = ENDORSEMENTS.start(session, head, values, actor)
    except IntegrityError:
        # Another first position for the same organisation committed meanwhile.
        session.rollback()
        raise Stale(None, "position") from None
    return head, present(revision, organisation), True
