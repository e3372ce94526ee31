"""Principle analyses of definition revisions, stored per analyser version."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from api.comparison.analyser import METHOD_VERSION, PrincipleFinding, analyse_full
from api.comparison.vocabulary import PRINCIPLE_SLUGS
from api.metrics import metrics
from api.models import Analysis, AnalysisFinding, DefinitionRevision, Principle
from api.models.comparison import AnalysisResult
from api.models.definition import EvidenceSpan, PrincipleEvidence
from api.progress import progress

IN_CHUNK = 5000


def principle_ids(session: Session) -> dict[str, int]:
    return {slug: pid for slug, pid in session.exec(select(Principle.slug, Principle.id)) if pid}


@dataclass(frozen=True, slots=True)
class Reading:
    """What one analyser version makes of a text: whether it could read it (if not, why), the
    principles it carries and those it explicitly denies, defers or leaves out."""

    analysed: bool
    language: str | None
    reason: str | None
    principles: list[PrincipleEvidence]
    denied: list[PrincipleEvidence] = field(default_factory=list)


def _evidence(findings: Iterable[PrincipleFinding]) -> list[PrincipleEvidence]:
    return [
        PrincipleEvidence(
            slug=f.slug,
            evidence=[EvidenceSpan(start=s.start, end=s.end, quote=s.quote) for s in f.evidence],
        )
        for f in findings
    ]


def read_text(text: str, language: str | None = None, version: str = METHOD_VERSION) -> Reading:
    """Analyse ``text``. ``language``: the definition's; "en" (the column's default, so
    perhaps never chosen) still lets the analyser notice a text plainly in another language."""
    with metrics().analyser.time():
        found = analyse_full(text, version, None if language in (None, "en") else language)
    return Reading(
        found.analysed,
        found.language,
        found.reason,
        _evidence(found.carried),
        _evidence(found.denied),
    )


def analysis_result(text: str) -> AnalysisResult:
    """The answer to POST /v1/analyses: nothing is stored."""
    reading = read_text(text)
    return AnalysisResult(
        principles=reading.principles,
        method=METHOD_VERSION,
        text_length=len(text),
        analysed=reading.analysed,
        language=reading.language,
        not_analysed_reason=reading.reason,
        denied=reading.denied,
    )


def analyse_text(text: str) -> list[PrincipleEvidence]:
    """The principles ``text`` carries (none for a text the analyser cannot read)."""
    return read_text(text).principles


def carried_summary(slugs: Iterable[str]) -> str:
    """``Analysis.carried``: the slugs of the principles carried, sorted, space-separated."""
    return " ".join(sorted(slugs))


def store_analysis(
    session: Session, revision: DefinitionRevision, version: str = METHOD_VERSION
) -> list[PrincipleEvidence]:
    """Analyse a revision with ``version`` (the current analyser) and add the result to the
    session; return the principles it carries."""
    assert revision.id is not None
    reading = read_text(revision.text, revision.language, version)
    ids = principle_ids(session)
    analysis = Analysis(
        revision_id=revision.id,
        method_version=version,
        analysed=reading.analysed,
        language=reading.language,
        reason=reading.reason,
        carried=carried_summary(p.slug for p in reading.principles),
    )
    session.add(analysis)
    session.flush()
    assert analysis.id is not None
    for stance, items in (("carried", reading.principles), ("denied", reading.denied)):
        for p in items:
            session.add(
                AnalysisFinding(
                    analysis_id=analysis.id,
                    principle_id=ids[p.slug],
                    evidence=[e.model_dump() for e in p.evidence],
                    stance=stance,
                )
            )
    return reading.principles


def stored_readings(
    session: Session, revisions: Iterable[DefinitionRevision], version: str = METHOD_VERSION
) -> dict[int, Reading]:
    """``version``'s stored reading of each revision id.

    Reads never write: a revision the current analyser has not stored yet (after an analyser
    upgrade, until `python -m seed` re-analyses) is analysed in memory.
    """
    by_id = {r.id: r for r in revisions if r.id is not None}
    if not by_id:
        return {}
    order = {slug: i for i, slug in enumerate(PRINCIPLE_SLUGS)}
    found: dict[int, Reading] = {}
    ids = list(by_id)
    # Chunked so a large export stays under SQLite's limit on bound parameters.
    for start in range(0, len(ids), IN_CHUNK):
        rows = session.execute(
            select_columns(
                col(Analysis.revision_id),
                col(Analysis.analysed),
                col(Analysis.language),
                col(Analysis.reason),
                col(Principle.slug),
                col(AnalysisFinding.evidence),
                col(AnalysisFinding.stance),
            )
            .outerjoin(AnalysisFinding, col(AnalysisFinding.analysis_id) == Analysis.id)
            .outerjoin(Principle, col(Principle.id) == AnalysisFinding.principle_id)
            .where(col(Analysis.revision_id).in_(ids[start : start + IN_CHUNK]))
            .where(col(Analysis.method_version) == version)
        )
        for revision_id, analysed, language, reason, slug, evidence, stance in rows:
            # an analysis that found nothing: no findings
            reading = found.setdefault(revision_id, Reading(analysed, language, reason, [], []))
            if slug is not None:
                item = PrincipleEvidence(slug=slug, evidence=[EvidenceSpan(**e) for e in evidence])
                (reading.denied if stance == "denied" else reading.principles).append(item)
    for reading in found.values():
        reading.principles.sort(key=lambda p: order.get(p.slug, 99))
        reading.denied.sort(key=lambda p: order.get(p.slug, 99))
    for revision_id, revision in by_id.items():
        if revision_id not in found:
            found[revision_id] = read_text(revision.text, revision.language, version)
    return found


def stored_analyses(
    session: Session, revisions: Iterable[DefinitionRevision]
) -> dict[int, list[PrincipleEvidence]]:
    """The principles the current analyser found each revision id to carry."""
    return {i: r.principles for i, r in stored_readings(session, revisions).items()}


def recompute_stored(session: Session, version: str) -> list[int]:
    """Recompute every analysis stored by ``version`` with that version's rules; return the
    revision ids whose stored reading differs from the recomputed one (none, unless a
    rules file that analyses were stored with has been edited)."""
    revisions = session.exec(
        select(DefinitionRevision)
        .join(Analysis, col(Analysis.revision_id) == DefinitionRevision.id)
        .where(col(Analysis.method_version) == version)
    ).all()
    stored = stored_readings(session, revisions, version)
    return sorted(
        revision.id
        for revision in revisions
        if revision.id is not None
        and stored[revision.id] != read_text(revision.text, revision.language, version)
    )


def reanalyse_missing(session: Session) -> int:
    """Store the current analyser's findings for each revision lacking them; return how many."""
    done = select(Analysis.revision_id).where(Analysis.method_version == METHOD_VERSION)
    missing = session.exec(
        select(DefinitionRevision).where(col(DefinitionRevision.id).not_in(done))
    ).all()
    for revision in progress(missing, description="analysing revisions"):
        store_analysis(session, revision)
    return len(missing)
