"""Sources: publications with citation fields, and what each reports (findings, recommendations
with the organisations they name, figures)."""

from sqlmodel import Session, col, select

from api.domain import NotFound
from api.models import (
    Figure,
    Finding,
    Organisation,
    Recommendation,
    RecommendationAddressee,
    Source,
)
from api.models.source import (
    FigurePublic,
    FindingPublic,
    RecommendationPublic,
    SourcePublic,
    SourceSummary,
)
from api.pagination import slug_page


def _slugs(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.exec(
        select(Organisation.id, Organisation.slug).where(col(Organisation.id).in_(ids))
    )
    return {i: s for i, s in rows if i is not None}


def _summary_fields(source: Source, slugs: dict[int, str]) -> dict[str, object]:
    return {
        **source.model_dump(),
        "publisher": slugs.get(source.publisher_id) if source.publisher_id else None,
        "partner": slugs.get(source.partner_id) if source.partner_id else None,
    }


def list_page(
    session: Session, limit: int, cursor: str | None
) -> tuple[list[SourceSummary], str | None]:
    rows, next_cursor = slug_page(session, select(Source), col(Source.slug), limit, cursor)
    org_ids = {i for r in rows for i in (r.publisher_id, r.partner_id) if i is not None}
    slugs = _slugs(session, org_ids)
    return [SourceSummary.model_validate(_summary_fields(r, slugs)) for r in rows], next_cursor


def get(session: Session, slug: str) -> SourcePublic:
    """One source with its findings, recommendations (and whom each names) and figures."""
    source = session.exec(select(Source).where(Source.slug == slug)).first()
    if source is None:
        raise NotFound.of("source", slug)
    findings = session.exec(
        select(Finding).where(Finding.source_id == source.id).order_by(col(Finding.number))
    ).all()
    recommendations = session.exec(
        select(Recommendation)
        .where(Recommendation.source_id == source.id)
        .order_by(col(Recommendation.number))
    ).all()
    addressees: dict[int, list[str]] = {r.id: [] for r in recommendations if r.id is not None}
    for rec_id, org_slug in session.exec(
        select(RecommendationAddressee.recommendation_id, Organisation.slug)
        .join(Organisation, col(Organisation.id) == RecommendationAddressee.organisation_id)
        .where(col(RecommendationAddressee.recommendation_id).in_(list(addressees)))
        .order_by(col(Organisation.slug))
    ):
        addressees[rec_id].append(org_slug)
    figures = session.exec(
        select(Figure).where(Figure.source_id == source.id).order_by(col(Figure.id))
    ).all()
    slugs = _slugs(session, {i for i in (source.publisher_id, source.partner_id) if i is not None})
    return SourcePublic.model_validate(
        {
            **_summary_fields(source, slugs),
            "findings": [FindingPublic.model_validate(f, from_attributes=True) for f in findings],
            "recommendations": [
                RecommendationPublic.model_validate(
                    {**r.model_dump(), "addressees": addressees.get(r.id or 0, [])}
                )
                for r in recommendations
            ],
            "figures": [FigurePublic.model_validate(f, from_attributes=True) for f in figures],
        }
    )
