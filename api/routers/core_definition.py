"""The proposed core definition and where each organisation stands on it."""

from fastapi import APIRouter, Request, Response
from sqlmodel import Field, Session, SQLModel, col, select

from api.deps import SessionDep
from api.errors import Problem
from api.http import conditional_get, etag_of
from api.models import Definition, Endorsement, EndorsementRevision, Organisation
from api.models.definition import DefinitionPublic
from api.models.endorsement import DepartmentStance, EndorsementPublic
from api.services.core import current_proposal
from api.services.definitions import present_definition

router = APIRouter(prefix="/v1/core-definition", tags=["core definition"])


class CoreDefinitionPublic(SQLModel):
    proposal: DefinitionPublic = Field(description="The current proposal, with its analysis.")
    endorsements: list[EndorsementPublic]
    departments: list[DepartmentStance] = Field(
        description="Every department and its position on this proposal (null: none yet)."
    )


def present_endorsements(session: Session, proposal: Definition) -> list[EndorsementPublic]:
    rows = session.exec(
        select(Endorsement, EndorsementRevision, Organisation)
        .join(
            EndorsementRevision,
            (col(EndorsementRevision.endorsement_id) == Endorsement.id)
            & (col(EndorsementRevision.number) == Endorsement.current_revision),
        )
        .join(Organisation, col(Organisation.id) == Endorsement.organisation_id)
        .where(Endorsement.proposal_id == proposal.id)
        .order_by(col(Organisation.slug))
    ).all()
    return [
        EndorsementPublic(
            organisation=org.slug,
            organisation_name=org.name,
            position=rev.position,  # type: ignore[arg-type]
            comment=rev.comment,
            revision=rev.number,
            proposal_revision=rev.proposal_revision,
            updated_at=rev.created_at,
        )
        for _, rev, org in rows
    ]


@router.get("", summary="The current proposed core definition, with endorsements")
def get_core_definition(
    session: SessionDep, request: Request, response: Response
) -> CoreDefinitionPublic:
    current = current_proposal(session)
    if current is None:
        raise Problem(404, "No core definition has been proposed yet.", kind="not-found")
    definition, revision = current
    endorsements = present_endorsements(session, definition)
    positions = {e.organisation: e.position for e in endorsements}
    departments = session.exec(
        select(Organisation)
        .where(Organisation.kind == "department")
        .order_by(col(Organisation.slug))
    ).all()
    public = CoreDefinitionPublic(
        proposal=present_definition(session, definition, revision),
        endorsements=endorsements,
        departments=[
            DepartmentStance(
                organisation=d.slug, organisation_name=d.name, position=positions.get(d.slug)
            )
            for d in departments
        ],
    )
    conditional_get(request, response, etag_of(public))
    return public
