"""The proposed core definition: the newest core proposal that has not been withdrawn."""

from sqlmodel import Session, col

from api.models import Definition, DefinitionRevision
from api.services.definitions import current_join


def current_proposal(session: Session) -> tuple[Definition, DefinitionRevision] | None:
    row = session.exec(  # type: ignore[call-overload]
        current_join()
        .where(col(Definition.kind) == "core_proposal")
        .where(col(DefinitionRevision.status).not_in(["withdrawn", "superseded", "draft"]))
        .order_by(col(Definition.id).desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row is not None else None
