"""Principle analyses of definition revisions, stored per analyser version."""

from collections.abc import Iterable

from sqlmodel import Session, col, select

from api.comparison.analyser import METHOD_VERSION, analyse
from api.comparison.vocabulary import PRINCIPLE_SLUGS
from api.metrics import ANALYSER
from api.models import Analysis, AnalysisFinding, DefinitionRevision, Principle
from api.models.definition import EvidenceSpan, PrincipleEvidence
from api.progress import progress

IN_CHUNK = 5000


def principle_ids(session: Session) -> dict[str, int]:
    return {slug: pid for slug, pid in session.exec(select(Principle.slug, Principle.id)) if pid}


def analyse_text(text: str) -> list[PrincipleEvidence]:
    with ANALYSER.time():
        findings = analyse(text)
    return [
        PrincipleEvidence(
            slug=f.slug,
            evidence=[EvidenceSpan(start=s.start, end=s.end, quote=s.quote) for s in f.evidence],
        )
        for f in findings
    ]


def store_analysis(session: Session, revision: DefinitionRevision) -> list[PrincipleEvidence]:
    """Analyse a revision with the current analyser and add the result to the session."""
    assert revision.id is not None
    found = analyse_text(revision.text)
    ids = principle_ids(session)
    analysis = Analysis(revision_id=revision.id, method_version=METHOD_VERSION)
    session.add(analysis)
    session.flush()
    assert analysis.id is not None
    for p in found:
        session.add(
            AnalysisFinding(
                analysis_id=analysis.id,
                principle_id=ids[p.slug],
                evidence=[e.model_dump() for e in p.evidence],
            )
        )
    return found


def stored_analyses(
    session: Session, revisions: Iterable[DefinitionRevision]
) -> dict[int, list[PrincipleEvidence]]:
    """The current analyser's findings for each revision id.

    Reads never write: a revision the current analyser has not stored yet (after an analyser
    upgrade, until `python -m seed` re-analyses) is analysed in memory.
    """
    by_id = {r.id: r for r in revisions if r.id is not None}
    if not by_id:
        return {}
    order = {slug: i for i, slug in enumerate(PRINCIPLE_SLUGS)}
    found: dict[int, list[PrincipleEvidence]] = {}
    ids = list(by_id)
    # Chunked so a large export stays under SQLite's limit on bound parameters.
    for start in range(0, len(ids), IN_CHUNK):
        rows = session.exec(
            select(Analysis.revision_id, Principle.slug, AnalysisFinding.evidence)
            .outerjoin(AnalysisFinding, col(AnalysisFinding.analysis_id) == Analysis.id)
            .outerjoin(Principle, col(Principle.id) == AnalysisFinding.principle_id)
            .where(col(Analysis.revision_id).in_(ids[start : start + IN_CHUNK]))
            .where(col(Analysis.method_version) == METHOD_VERSION)
        )
        for revision_id, slug, evidence in rows:
            items = found.setdefault(revision_id, [])  # an analysis that found nothing: []
            if slug is not None:
                items.append(
                    PrincipleEvidence(slug=slug, evidence=[EvidenceSpan(**e) for e in evidence])
                )
    for items in found.values():
        items.sort(key=lambda p: order.get(p.slug, 99))
    for revision_id, revision in by_id.items():
        if revision_id not in found:
            found[revision_id] = analyse_text(revision.text)
    return found


def reanalyse_missing(session: Session) -> int:
    """Store the current analyser's findings for each revision lacking them; return how many."""
    done = select(Analysis.revision_id).where(Analysis.method_version == METHOD_VERSION)
    missing = session.exec(
        select(DefinitionRevision).where(col(DefinitionRevision.id).not_in(done))
    ).all()
    for revision in progress(missing, description="analysing revisions"):
        store_analysis(session, revision)
    return len(missing)
