"""Gather what the pure comparison logic needs from the database, and shape its answers."""

import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, true
from sqlmodel import Session, col, select

from api.comparison.analyser import METHOD_VERSION
from api.comparison.compare import SIMILARITY_METHOD, compare_texts
from api.comparison.principles_compare import compare_principles, consensus, overlap
from api.comparison.similarity import pairwise_similarity
from api.comparison.vocabulary import PRINCIPLE_NAMES, PRINCIPLE_SLUGS
from api.domain import NotFound, Unprocessable
from api.models import (
    Analysis,
    AnalysisFinding,
    Definition,
    DefinitionRevision,
    Organisation,
    Principle,
)
from api.models.common import utcnow
from api.models.comparison import (
    MATRIX_LIMIT,
    TREND_LIMIT_DEFAULT,
    ComparisonMethod,
    ComparisonRequest,
    ComparisonResult,
    ConsensusResult,
    DefinitionRef,
    DefinitionTrend,
    Gap,
    MatrixResult,
    OrganisationTrend,
    Phrasing,
    PrincipleAgreement,
    PrincipleDetail,
    SharedTermPublic,
    TrendPoint,
    TrendResult,
)
from api.models.definition import CORE_PROPOSAL, DiffPublic, PrincipleEvidence
from api.pagination import decode_cursor, encode_cursor
from api.services import tallies
from api.services.analysis import IN_CHUNK, read_text, stored_analyses, stored_readings
from api.services.core import current_proposal
from api.services.corpus import (
    CURRENT_STATUSES,
    current_count,
    current_definitions,
    current_join,
    revisions_key,
)
from api.services.definitions import current_revision, present_diff
from api.services.neighbours import index as registry_index

PHRASINGS_PER_GAP = 3


def _ref(session: Session, definition: Definition, revision: DefinitionRevision) -> DefinitionRef:
    organisation = session.get(Organisation, definition.organisation_id)
    assert organisation is not None
    assert definition.id is not None
    return DefinitionRef(
        definition_id=definition.id,
        revision=revision.number,
        title=revision.title,
        organisation=organisation.slug,
        kind=definition.kind,
    )


def _stored(session: Session, definition_id: int) -> tuple[Definition, DefinitionRevision]:
    definition = session.get(Definition, definition_id)
    if definition is None:
        raise NotFound.of("definition", definition_id)
    return definition, current_revision(session, definition)


def _core(session: Session) -> tuple[Definition, DefinitionRevision]:
    core = current_proposal(session)
    if core is None:
        raise NotFound("No core definition has been proposed yet.")
    return core


def _spans(found: list[PrincipleEvidence], slug: str) -> list[dict[str, int | str]]:
    for p in found:
        if p.slug == slug:
            return [e.model_dump() for e in p.evidence]
    return []


def gaps(
    session: Session, missing: Sequence[str], exclude: set[int], limit: int = PHRASINGS_PER_GAP
) -> list[Gap]:
    """For each missing principle, how other organisations' current definitions phrase it."""
    out = []
    for slug in missing:
        # Only the columns a phrasing needs: every match is sorted before the limit applies,
        # and sorting whole revisions (texts included) is what made this slow on large registries.
        rows = session.exec(
            select(
                col(Definition.id),
                col(DefinitionRevision.title),
                col(Organisation.slug),
                col(AnalysisFinding.evidence),
            )
            .join(
                DefinitionRevision,
                (col(DefinitionRevision.definition_id) == Definition.id)
                & (col(DefinitionRevision.number) == Definition.current_revision),
            )
            .join(Organisation, col(Organisation.id) == Definition.organisation_id)
            .join(Analysis, col(Analysis.revision_id) == DefinitionRevision.id)
            .join(AnalysisFinding, col(AnalysisFinding.analysis_id) == Analysis.id)
            .join(Principle, col(Principle.id) == AnalysisFinding.principle_id)
            .where(col(Analysis.method_version) == METHOD_VERSION)
            .where(col(Principle.slug) == slug)
            # a definition that says it leaves the principle out is no example of phrasing it
            .where(col(AnalysisFinding.stance) == "carried")
            .where(col(DefinitionRevision.status).in_(CURRENT_STATUSES))
            .where(col(Definition.id).not_in(exclude))
            # The oldest analyses first, in the order of the principle's index, so the limit
            # ends the walk; ordered by definition, every finding of the principle was sorted
            # first (4 s a comparison at 100,000 definitions on SQLite).
            .order_by(col(AnalysisFinding.analysis_id))
            .limit(limit * 4)
        ).all()
        phrasings: list[Phrasing] = []
        seen: set[str] = set()
        # One quote per organisation first, so the gap report shows different voices.
        for definition_id, title, organisation, evidence in rows:
            if organisation in seen or not evidence or len(phrasings) >= limit:
                continue
            seen.add(organisation)
            phrasings.append(
                Phrasing(
                    definition_id=definition_id,
                    organisation=organisation,
                    title=title,
                    quote=evidence[0]["quote"],
                )
            )
        out.append(Gap(principle=slug, phrasings=phrasings))
    return out


def compare(session: Session, request: ComparisonRequest) -> ComparisonResult:
    subject_ref = None
    if request.definition_id is not None:
        subject_def, subject_rev = _stored(session, request.definition_id)
        subject_ref = _ref(session, subject_def, subject_rev)
        subject_text = subject_rev.text
        subject_reading = stored_readings(session, [subject_rev])[subject_rev.id or 0]
    else:
        assert request.text is not None
        subject_text = request.text
        subject_reading = read_text(subject_text)

    core_revision = None
    if request.against is None:
        against_def, against_rev = _core(session)
        core_revision = against_rev.number
    else:
        against_def, against_rev = _stored(session, request.against)
        if against_def.kind == CORE_PROPOSAL:
            core_revision = against_rev.number
    against_reading = stored_readings(session, [against_rev])[against_rev.id or 0]
    # a text the analyser could not read has no principles to compare: say so, compare nothing
    not_analysed = [
        f"{side}: {r.reason}"
        for side, r in (("subject", subject_reading), ("against", against_reading))
        if not r.analysed
    ]
    subject_found = subject_reading.principles if not not_analysed else []
    against_found = against_reading.principles if not not_analysed else []

    registry = registry_index(session)
    order = list(PRINCIPLE_SLUGS)
    result = compare_texts(
        subject_text,
        [p.slug for p in subject_found],
        against_rev.text,
        [p.slug for p in against_found],
        registry.tfidf,
        order,
    )
    p = result.principles
    exclude = {i for i in (request.definition_id, against_def.id) if i is not None}
    return ComparisonResult(
        subject=subject_ref,
        against=_ref(session, against_def, against_rev),
        coverage=None if not_analysed else p.coverage,
        shared=list(p.shared),
        missing=list(p.missing),
        extra=list(p.extra),
        subject_denied=subject_reading.denied,
        against_denied=against_reading.denied,
        not_analysed=not_analysed,
        principles=[
            PrincipleDetail(
                slug=slug,
                subject_evidence=_spans(subject_found, slug),
                against_evidence=_spans(against_found, slug),
            )
            for slug in order
            if slug in set(p.shared) | set(p.missing) | set(p.extra)
        ],
        similarity=result.similarity.score,
        shared_terms=[
            SharedTermPublic(term=t.term, weight=t.weight) for t in result.similarity.shared_terms
        ],
        diff=DiffPublic(**present_diff(result.diff)),
        gaps=gaps(session, p.missing, exclude),
        method=ComparisonMethod(
            analyser=METHOD_VERSION,
            similarity=SIMILARITY_METHOD,
            corpus_size=registry.size,
            core_revision=core_revision,
        ),
        compared_at=utcnow(),
    )


def matrix(session: Session, definition_ids: list[int] | None) -> MatrixResult:
    if definition_ids is None:
        # Counted before anything is loaded: at 100,000 definitions the refusal stays cheap.
        held = current_count(session)
        if held > MATRIX_LIMIT:
            raise Unprocessable(
                f"The registry holds {held} current definitions; a matrix is limited to "
                f"{MATRIX_LIMIT}. Send definition_ids (at most {MATRIX_LIMIT}) to choose, or "
                "ask for a definition's nearest neighbours.",
                kind="matrix-too-large",
            )
        pairs = current_definitions(session)
    else:
        wanted = list(dict.fromkeys(definition_ids))
        found = {
            d.id: (d, r)
            for d, r in (
                (row[0], row[1])
                for row in session.exec(  # type: ignore[call-overload]
                    current_join().where(col(Definition.id).in_(wanted))
                ).all()
            )
        }
        unknown = [i for i in wanted if i not in found]
        if unknown:
            raise NotFound(f"No definitions {unknown} in the registry.")
        pairs = [found[i] for i in wanted]
    registry = registry_index(session)
    analyses = stored_analyses(session, [r for _, r in pairs])
    slugs = [[p.slug for p in analyses.get(r.id or 0, [])] for _, r in pairs]
    sims = pairwise_similarity([r.text for _, r in pairs], registry.tfidf)
    return MatrixResult(
        definitions=[_ref(session, d, r) for d, r in pairs],
        similarity=[[round(float(x), 6) for x in row] for row in sims],
        overlap=[[round(overlap(a, b), 6) for b in slugs] for a in slugs],
        principles=slugs,
        method=ComparisonMethod(
            analyser=METHOD_VERSION,
            similarity=SIMILARITY_METHOD,
            corpus_size=registry.size,
            core_revision=None,
        ),
    )


def _of_kind(kind: str | None) -> ColumnElement[bool]:
    """Organisations of ``kind``; every organisation when it is None."""
    return true() if kind is None else col(Organisation.kind) == kind


# Figures per (what, database, kind), kept with the revisions key they were computed at: each
# reads every current definition, so it runs again only after a definition changes.
_kept: dict[tuple[str, str, str | None], tuple[tuple[int, int], Any]] = {}
_KEPT = 64
_kept_lock = threading.Lock()


def _until_a_write(
    session: Session, what: str, kind: str | None, compute: Callable[[], Any]
) -> Any:
    """``compute()`` (an immutable value), or what it gave before if no definition has been
    written since."""
    version = revisions_key(session)
    cache_key = (what, str(session.get_bind().engine.url), kind)
    kept = _kept.get(cache_key)
    if kept is None or kept[0] != version:
        kept = (version, compute())
        with _kept_lock:
            if len(_kept) >= _KEPT and cache_key not in _kept:
                _kept.pop(next(iter(_kept)))
            _kept[cache_key] = kept
    return kept[1]


def carriers_by_organisation(session: Session, kind: str | None) -> dict[str, set[str]]:
    """Organisation slug -> principles any of its current definitions carries; organisations
    of one kind, or of every kind when ``kind`` is None.

    From the tallies every write keeps (``api.services.tallies``); counted from every current
    definition's analysis only while they are incomplete, and then kept until the next write.
    """
    maintained = tallies.carriers(session, kind)
    if maintained is not None:
        return maintained
    kept: dict[str, frozenset[str]] = _until_a_write(
        session,
        "carriers",
        kind,
        lambda: {slug: frozenset(p) for slug, p in _carriers_now(session, kind).items()},
    )
    return {slug: set(p) for slug, p in kept.items()}


def _carriers_now(session: Session, kind: str | None) -> dict[str, set[str]]:
    rows = session.exec(
        select(Organisation.slug, Principle.slug)
        .distinct()
        .join(Definition, col(Definition.organisation_id) == Organisation.id)
        .join(
            DefinitionRevision,
            (col(DefinitionRevision.definition_id) == Definition.id)
            & (col(DefinitionRevision.number) == Definition.current_revision),
        )
        .join(Analysis, col(Analysis.revision_id) == DefinitionRevision.id)
        .join(AnalysisFinding, col(AnalysisFinding.analysis_id) == Analysis.id)
        .join(Principle, col(Principle.id) == AnalysisFinding.principle_id)
        .where(_of_kind(kind))
        .where(col(Definition.kind) != CORE_PROPOSAL)
        .where(col(DefinitionRevision.status).in_(CURRENT_STATUSES))
        .where(col(Analysis.method_version) == METHOD_VERSION)
        .where(col(AnalysisFinding.stance) == "carried")
    ).all()
    carriers: dict[str, set[str]] = defaultdict(set)
    for organisation, principle in rows:
        carriers[organisation].add(principle)
    # Organisations whose current definitions carry no principle still count as having one.
    with_definitions = session.exec(
        select(Organisation.slug)
        .distinct()
        .join(Definition, col(Definition.organisation_id) == Organisation.id)
        .join(
            DefinitionRevision,
            (col(DefinitionRevision.definition_id) == Definition.id)
            & (col(DefinitionRevision.number) == Definition.current_revision),
        )
        .where(_of_kind(kind))
        .where(col(Definition.kind) != CORE_PROPOSAL)
        .where(col(DefinitionRevision.status).in_(CURRENT_STATUSES))
    ).all()
    unread = set(unread_organisations(session, kind))
    return {slug: carriers.get(slug, set()) for slug in with_definitions if slug not in unread}


def unread_organisations(session: Session, kind: str | None) -> list[str]:
    """Organisations with current definitions, none of which the analyser could read (all in
    a language it does not read): figures leave them out rather than count them as carrying
    nothing. Read from every current definition, so kept until the next write."""
    return list(_until_a_write(session, "unread", kind, lambda: tuple(_unread_now(session, kind))))


def _unread_now(session: Session, kind: str | None) -> list[str]:
    rows = session.exec(
        select(Organisation.slug, Analysis.analysed)
        .join(Definition, col(Definition.organisation_id) == Organisation.id)
        .join(
            DefinitionRevision,
            (col(DefinitionRevision.definition_id) == Definition.id)
            & (col(DefinitionRevision.number) == Definition.current_revision),
        )
        .outerjoin(
            Analysis,
            (col(Analysis.revision_id) == DefinitionRevision.id)
            & (col(Analysis.method_version) == METHOD_VERSION),
        )
        .where(_of_kind(kind))
        .where(col(Definition.kind) != CORE_PROPOSAL)
        .where(col(DefinitionRevision.status).in_(CURRENT_STATUSES))
    ).all()
    read: set[str] = set()
    unread: set[str] = set()
    for organisation, analysed in rows:
        # not analysed yet by this version (until the seed re-analyses): counted as read
        (unread if analysed is False else read).add(organisation)
    return sorted(unread - read)


def consensus_for(session: Session, kind: str | None) -> ConsensusResult:
    """Where organisations of ``kind`` (of every kind when None, reported as "all") agree."""
    carriers = carriers_by_organisation(session, kind)
    everyone = list(
        session.exec(
            select(Organisation.slug).where(_of_kind(kind)).order_by(col(Organisation.slug))
        )
    )
    core = current_proposal(session)
    core_principles: list[str] = []
    core_ref = None
    if core is not None:
        core_ref = _ref(session, *core)
        core_principles = [p.slug for p in stored_analyses(session, [core[1]])[core[1].id or 0]]
    order = list(PRINCIPLE_SLUGS)
    names = PRINCIPLE_NAMES
    result = consensus(carriers, core_principles, order)
    unread = unread_organisations(session, kind)
    return ConsensusResult(
        kind=kind or "all",
        organisations=list(result.organisations),
        without_definition=[o for o in everyone if o not in carriers and o not in unread],
        not_analysed=unread,
        principles=[
            PrincipleAgreement(
                slug=p.principle,
                name=names.get(p.principle, p.principle),
                organisations=list(p.organisations),
                count=p.count,
                share=round(p.share, 6),
                status=p.status,
                in_core=p.in_core,
            )
            for p in result.principles
        ],
        core=core_ref,
        core_principles=core_principles,
        core_lacks_agreed=list(result.core_lacks_agreed),
        core_lacks_majority=list(result.core_lacks_majority),
        core_adds=list(result.core_adds),
        method=METHOD_VERSION,
    )


def _trend_page(
    session: Session, kind: str | None, organisation: str | None, limit: int, cursor: str | None
) -> tuple[list[int], str | None]:
    """The ids of one page of definitions in (organisation slug, id) order, and the next cursor.

    Keyset paging: the organisations are walked in slug order from the cursor's slug (by the
    (kind, slug) index, or the slug one) and each one's definitions by the organisation index,
    so page 1,000 costs what page 1 costs; nothing is sorted but the page."""
    after = decode_cursor(cursor, (str, int))
    query = (
        select(col(Organisation.slug), col(Definition.id))
        .join(Organisation, col(Organisation.id) == Definition.organisation_id)
        .where(col(Definition.kind) != CORE_PROPOSAL)
        .order_by(col(Organisation.slug), col(Definition.id))
    )
    if kind is not None:
        query = query.where(col(Organisation.kind) == kind)
    if organisation is not None:
        query = query.where(col(Organisation.slug) == organisation)
    if after is not None:
        slug, definition_id = after
        query = query.where(
            col(Organisation.slug) >= slug,  # where the index walk starts
            (col(Organisation.slug) > slug) | (col(Definition.id) > definition_id),
        )
    rows = session.exec(query.limit(limit + 1)).all()
    ids = [i for _, i in rows[:limit] if i is not None]  # a stored id never is; mypy cannot know
    return ids, encode_cursor(list(rows[limit - 1])) if len(rows) > limit else None


def trend(
    session: Session,
    kind: str | None,
    organisation: str | None,
    limit: int = TREND_LIMIT_DEFAULT,
    cursor: str | None = None,
) -> TrendResult:
    """Coverage of the current core over every revision of one page of definitions.

    One query pages the definitions (``_trend_page``), one reads their revisions' columns and
    their analyses' ``carried`` summary (kept with each analysis): no text, finding or evidence
    is read. A revision without a summary (not analysed by this version yet, or analysed before
    summaries were kept) is read as ``stored_analyses`` reads it. Each distinct set of
    principles is compared with the core once."""
    core_def, core_rev = _core(session)
    page, next_cursor = _trend_page(session, kind, organisation, limit, cursor)
    core_principles = [p.slug for p in stored_analyses(session, [core_rev])[core_rev.id or 0]]
    order = list(PRINCIPLE_SLUGS)
    query = (
        select(  # type: ignore[call-overload]
            col(Organisation.slug),
            col(Definition.id),
            col(DefinitionRevision.id),
            col(DefinitionRevision.number),
            col(DefinitionRevision.created_at),
            col(DefinitionRevision.status),
            col(DefinitionRevision.title),
            col(Analysis.carried),
        )
        .join(Organisation, col(Organisation.id) == Definition.organisation_id)
        .join(DefinitionRevision, col(DefinitionRevision.definition_id) == Definition.id)
        .outerjoin(
            Analysis,
            (col(Analysis.revision_id) == DefinitionRevision.id)
            & (col(Analysis.method_version) == METHOD_VERSION),
        )
        .where(col(Definition.id).in_(page))
        .order_by(col(Organisation.slug), col(Definition.id), col(DefinitionRevision.number))
    )
    rows = session.exec(query).all() if page else []
    unsummarised = [r[2] for r in rows if r[7] is None]
    read = stored_analyses(
        session,
        [
            revision
            for start in range(0, len(unsummarised), IN_CHUNK)
            for revision in session.exec(
                select(DefinitionRevision).where(
                    col(DefinitionRevision.id).in_(unsummarised[start : start + IN_CHUNK])
                )
            )
        ],
    )
    core = frozenset(core_principles)
    compared: dict[frozenset[str], tuple[float, list[str], list[str]]] = {}
    organisations: dict[str, list[DefinitionTrend]] = defaultdict(list)
    points: list[TrendPoint] = []
    for n, (
        slug,
        definition_id,
        revision_id,
        number,
        created_at,
        status,
        title,
        carried,
    ) in enumerate(rows):
        found = core & set(
            carried.split() if carried is not None else (p.slug for p in read[revision_id])
        )
        if found not in compared:  # only what it shares with the core matters here
            p = compare_principles(core, found, order)
            compared[found] = (round(p.coverage, 6), list(p.shared), list(p.missing))
        coverage, shared, missing = compared[found]
        points.append(
            TrendPoint(
                revision=number,
                created_at=created_at,
                status=status,
                coverage=coverage,
                shared=list(shared),
                missing=list(missing),
            )
        )
        if n + 1 == len(rows) or rows[n + 1][1] != definition_id:  # its last revision
            organisations[slug].append(
                DefinitionTrend(definition_id=definition_id, title=title, points=points)
            )
            points = []
    return TrendResult(
        core=_ref(session, core_def, core_rev),
        core_principles=core_principles,
        organisations=[
            OrganisationTrend(organisation=o, definitions=d) for o, d in organisations.items()
        ],
        method=METHOD_VERSION,
        next_cursor=next_cursor,
    )
