"""Core definition proposals: definitions of kind ``core_proposal`` that stewards write.

The current proposal is the newest one that is neither withdrawn, superseded nor a draft.
Proposals are revised and withdrawn like any definition (``api.services.definitions``).
"""

from sqlmodel import Session, col, select

from api.domain import NotFound
from api.keys import Actor
from api.models import Definition, DefinitionRevision, Organisation
from api.models.definition import CORE_PROPOSAL, ENDED_STATUSES, ProposalCreate
from api.models.organisation import DEPARTMENT
from api.pagination import keyset_page
from api.services import definitions
from api.services.corpus import current_join


def current_proposal(session: Session) -> tuple[Definition, DefinitionRevision] | None:
    row = session.exec(  # type: ignore[call-overload]
        current_join()
        .where(col(Definition.kind) == CORE_PROPOSAL)
        .where(col(DefinitionRevision.status).not_in([*ENDED_STATUSES, "draft"]))
        .order_by(col(Definition.id).desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row is not None else None


def get_current(session: Session) -> tuple[Definition, DefinitionRevision]:
    current = current_proposal(session)
    if current is None:
        raise NotFound("No core definition has been proposed yet.")
    return current


def get(session: Session, proposal_id: int) -> Definition:
    proposal = session.get(Definition, proposal_id)
    if proposal is None or proposal.kind != CORE_PROPOSAL:
        raise NotFound(f"No core definition proposal {proposal_id}.")
    return proposal


def list_page(
    session: Session, limit: int, cursor: str | None
) -> tuple[list[tuple[Definition, DefinitionRevision]], str | None]:
    """Every proposal, newest (current) first."""
    query = current_join().where(col(Definition.kind) == CORE_PROPOSAL)
    rows, next_cursor = keyset_page(
        session, query, col(Definition.id), lambda r: r[0].id, limit, cursor, descending=True
    )
    return [(r[0], r[1]) for r in rows], next_cursor


def create(
    session: Session, actor: Actor, body: ProposalCreate
) -> tuple[Definition, DefinitionRevision]:
    """A steward's new proposal; it becomes current. The caller commits."""
    actor.require_steward()
    values = {**body.model_dump(), "status": "published"}
    return definitions.add(session, actor.organisation, CORE_PROPOSAL, values, actor)


def departments(session: Session) -> list[Organisation]:
    return list(
        session.exec(
            select(Organisation)
            .where(col(Organisation.kind) == DEPARTMENT)
            .order_by(col(Organisation.slug))
        ).all()
    )
