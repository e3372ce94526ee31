"""The proposed core definition, its proposals, and each department's position on them."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, col, select

from api.auth import CallerDep, StewardDep, require_acting_for
from api.deps import OrganisationDep, SessionDep
from api.errors import Problem
from api.http import conditional_get, etag_of, require_if_match
from api.models import (
    ApiKey,
    Definition,
    Endorsement,
    EndorsementRevision,
    Organisation,
)
from api.models.definition import DefinitionPublic, DefinitionSummary
from api.models.endorsement import (
    DepartmentStance,
    EndorsementPublic,
    EndorsementRevisionPublic,
    EndorsementUpsert,
    ProposalCreate,
)
from api.pagination import CursorQuery, LimitQuery, Page, decode_cursor, encode_cursor
from api.services.core import current_proposal
from api.services.definitions import (
    current_join,
    current_revision,
    definition_etag,
    present_definition,
    present_summaries,
    write_revision,
)
from api.services.revisions import advance_revision

router = APIRouter(prefix="/v1/core-definition", tags=["core definition"])


class CoreDefinitionPublic(SQLModel):
    proposal: DefinitionPublic = Field(description="The current proposal, with its analysis.")
    endorsements: list[EndorsementPublic]
    departments: list[DepartmentStance] = Field(
        description="Every department and its position on this proposal (null: none yet)."
    )


def get_proposal_or_404(
    proposal_id: Annotated[int, Path(ge=1, le=2**31 - 1)], session: SessionDep
) -> Definition:
    proposal = session.get(Definition, proposal_id)
    if proposal is None or proposal.kind != "core_proposal":
        raise Problem(404, f"No core definition proposal {proposal_id}.", kind="not-found")
    return proposal


ProposalDep = Annotated[Definition, Depends(get_proposal_or_404)]


def _endorsement_rows(
    session: Session, proposal: Definition, organisation: Organisation | None = None
) -> list[tuple[Endorsement, EndorsementRevision, Organisation]]:
    query = (
        select(Endorsement, EndorsementRevision, Organisation)
        .join(
            EndorsementRevision,
            (col(EndorsementRevision.endorsement_id) == Endorsement.id)
            & (col(EndorsementRevision.number) == Endorsement.current_revision),
        )
        .join(Organisation, col(Organisation.id) == Endorsement.organisation_id)
        .where(col(Endorsement.proposal_id) == proposal.id)
        .order_by(col(Organisation.slug))
    )
    if organisation is not None:
        query = query.where(col(Endorsement.organisation_id) == organisation.id)
    return [(e, r, o) for e, r, o in session.exec(query).all()]


def _public(revision: EndorsementRevision, organisation: Organisation) -> EndorsementPublic:
    return EndorsementPublic(
        organisation=organisation.slug,
        organisation_name=organisation.name,
        position=revision.position,  # type: ignore[arg-type]
        comment=revision.comment,
        revision=revision.number,
        proposal_revision=revision.proposal_revision,
        updated_at=revision.created_at,
    )


def _etag(endorsement: Endorsement) -> str:
    return f'"e{endorsement.id}-r{endorsement.current_revision}"'


@router.get(
    "",
    summary="The current proposed core definition, with endorsements",
    responses={404: {"description": "No core definition has been proposed yet."}},
)
def get_core_definition(
    session: SessionDep, request: Request, response: Response
) -> CoreDefinitionPublic:
    current = current_proposal(session)
    if current is None:
        raise Problem(404, "No core definition has been proposed yet.", kind="not-found")
    definition, revision = current
    endorsements = [_public(r, o) for _, r, o in _endorsement_rows(session, definition)]
    positions = {e.organisation: e.position for e in endorsements}
    departments = session.exec(
        select(Organisation)
        .where(col(Organisation.kind) == "department")
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


@router.get("/proposals", summary="Every core definition proposal, newest (current) first")
def list_proposals(
    session: SessionDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[DefinitionSummary]:
    query = current_join().where(col(Definition.kind) == "core_proposal")
    after = decode_cursor(cursor, (int,))
    if after is not None:
        query = query.where(col(Definition.id) < after[0])
    rows = session.exec(  # type: ignore[call-overload]
        query.order_by(col(Definition.id).desc()).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(
        items=present_summaries(session, [(r[0], r[1]) for r in rows]),
        next_cursor=encode_cursor([rows[-1][0].id]) if more else None,
    )


@router.post(
    "/proposals",
    status_code=201,
    summary="Propose a new core definition (stewards); it becomes current",
    responses={401: {"description": "No valid key."}, 403: {"description": "Not a steward."}},
)
def create_proposal(
    body: ProposalCreate, caller: StewardDep, session: SessionDep, response: Response
) -> DefinitionPublic:
    assert caller.organisation.id is not None
    definition = Definition(
        organisation_id=caller.organisation.id,
        kind="core_proposal",
        created_by_key_id=caller.key.id,
    )
    session.add(definition)
    session.flush()
    revision = write_revision(
        session,
        definition,
        1,
        {**body.model_dump(), "status": "published"},
        author=caller.key,
    )
    session.commit()
    response.headers["Location"] = f"/v1/definitions/{definition.id}"
    response.headers["ETag"] = definition_etag(definition)
    return present_definition(session, definition, revision)


@router.get(
    "/proposals/{proposal_id}/endorsements",
    summary="Every organisation's current position on a proposal",
)
def list_endorsements(proposal: ProposalDep, session: SessionDep) -> Page[EndorsementPublic]:
    return Page(items=[_public(r, o) for _, r, o in _endorsement_rows(session, proposal)])


@router.get(
    "/proposals/{proposal_id}/endorsements/{organisation_slug}",
    summary="One organisation's current position on a proposal",
)
def get_endorsement(
    proposal: ProposalDep,
    organisation: OrganisationDep,
    session: SessionDep,
    request: Request,
    response: Response,
) -> EndorsementPublic:
    rows = _endorsement_rows(session, proposal, organisation)
    if not rows:
        raise Problem(
            404, f"{organisation.slug!r} has taken no position on this proposal.", kind="not-found"
        )
    endorsement, revision, org = rows[0]
    conditional_get(request, response, _etag(endorsement))
    return _public(revision, org)


@router.get(
    "/proposals/{proposal_id}/endorsements/{organisation_slug}/history",
    summary="Every position an organisation has taken on a proposal, oldest first",
)
def endorsement_history(
    proposal: ProposalDep, organisation: OrganisationDep, session: SessionDep
) -> Page[EndorsementRevisionPublic]:
    rows = session.exec(
        select(EndorsementRevision, ApiKey.key_id)
        .join(Endorsement, col(Endorsement.id) == EndorsementRevision.endorsement_id)
        .join(ApiKey, col(ApiKey.id) == EndorsementRevision.author_key_id, isouter=True)
        .where(col(Endorsement.proposal_id) == proposal.id)
        .where(col(Endorsement.organisation_id) == organisation.id)
        .order_by(col(EndorsementRevision.number))
    ).all()
    return Page(
        items=[
            EndorsementRevisionPublic.model_validate({**r.model_dump(), "author_key_id": key_id})
            for r, key_id in rows
        ]
    )


@router.put(
    "/proposals/{proposal_id}/endorsements/{organisation_slug}",
    summary="Record a department's position: endorse, object or abstain",
    responses={
        200: {"description": "The position was revised (a new revision is kept)."},
        201: {"description": "The organisation's first position on this proposal."},
        401: {"description": "No valid key."},
        403: {"description": "The key may not act for this organisation."},
        409: {"description": "The proposal is withdrawn or superseded."},
        412: {"description": "If-Match is stale."},
        422: {"description": "Only departments record positions; or the body is invalid."},
        428: {"description": "If-Match is missing when revising a position."},
    },
)
def put_endorsement(
    proposal: ProposalDep,
    organisation: OrganisationDep,
    body: EndorsementUpsert,
    caller: CallerDep,
    session: SessionDep,
    request: Request,
    response: Response,
) -> EndorsementPublic:
    """One position per organisation per proposal. Revising it needs `If-Match` with the ETag
    of the current position; every earlier position stays in its history."""
    require_acting_for(caller, organisation)
    if organisation.kind != "department":
        raise Problem(
            422,
            f"Only departments record positions on the core definition; {organisation.slug!r} "
            f"is a {organisation.kind}.",
            kind="not-a-department",
        )
    assert proposal.id is not None
    assert organisation.id is not None
    proposal_now = current_revision(session, proposal)
    if proposal_now.status in ("withdrawn", "superseded"):
        raise Problem(
            409,
            f"Proposal {proposal.id} is {proposal_now.status}: positions are recorded on live "
            "proposals only.",
            kind="conflict",
        )
    proposal_revision = proposal_now.number
    existing = session.exec(
        select(Endorsement).where(
            col(Endorsement.proposal_id) == proposal.id,
            col(Endorsement.organisation_id) == organisation.id,
        )
    ).first()
    if existing is None:
        endorsement = Endorsement(proposal_id=proposal.id, organisation_id=organisation.id)
        session.add(endorsement)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            raise Problem(
                412,
                "Another position was recorded at the same time: fetch it and retry with If-Match.",
                kind="precondition-failed",
            ) from None
        number = 1
        response.status_code = 201
    else:
        endorsement = existing
        require_if_match(request, _etag(endorsement))
        assert endorsement.id is not None

        def now_current() -> str:
            session.refresh(endorsement)
            return _etag(endorsement)

        number = advance_revision(
            session,
            Endorsement,
            endorsement.id,
            endorsement.current_revision,
            now_current,
            "position",
        )
    assert endorsement.id is not None
    revision = EndorsementRevision(
        endorsement_id=endorsement.id,
        number=number,
        position=body.position,
        comment=body.comment,
        proposal_revision=proposal_revision,
        author_key_id=caller.key.id,
    )
    endorsement.current_revision = number
    session.add(endorsement)
    session.add(revision)
    session.commit()
    session.refresh(endorsement)
    response.headers["ETag"] = _etag(endorsement)
    return _public(revision, organisation)
