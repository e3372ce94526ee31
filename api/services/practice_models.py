"""Practice models: a full snapshot is stored after every write, so edits keep their history."""

from typing import Any

from sqlmodel import Session, col, select

from api.models import (
    ApiKey,
    EvidenceLink,
    PracticeModel,
    PracticeModelPrinciple,
    PracticeModelRevision,
    Principle,
)


def model_principles(session: Session, model: PracticeModel) -> list[dict[str, Any]]:
    rows = session.exec(
        select(Principle.slug, PracticeModelPrinciple.basis, PracticeModelPrinciple.verified)
        .join(Principle, col(Principle.id) == PracticeModelPrinciple.principle_id)
        .where(PracticeModelPrinciple.model_id == model.id)
        .order_by(col(Principle.position))
    ).all()
    return [{"slug": s, "basis": b, "verified": v} for s, b, v in rows]


def model_evidence(session: Session, model: PracticeModel) -> list[dict[str, Any]]:
    rows = session.exec(
        select(EvidenceLink).where(EvidenceLink.model_id == model.id).order_by(col(EvidenceLink.id))
    ).all()
    return [r.model_dump(mode="json", exclude={"id", "model_id"}) for r in rows]


def snapshot(session: Session, model: PracticeModel) -> dict[str, Any]:
    data = model.model_dump(mode="json", exclude={"id", "current_revision", "created_at"})
    data["principles"] = model_principles(session, model)
    data["evidence"] = model_evidence(session, model)
    return data


def record_revision(
    session: Session, model: PracticeModel, author: ApiKey | None, *, number: int
) -> PracticeModelRevision:
    """Store the model as it now stands as revision ``number`` and make that current."""
    assert model.id is not None
    model.current_revision = number
    session.add(model)
    session.flush()
    revision = PracticeModelRevision(
        model_id=model.id,
        number=number,
        snapshot=snapshot(session, model),
        author_key_id=author.id if author else None,
    )
    session.add(revision)
    session.flush()
    return revision
