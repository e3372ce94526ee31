"""The registry in a browser: server-rendered, read-only pages under /explore.

Each page parses its query, calls the same services the API's GETs call, and hands what they
return to a template. Nothing here queries the database itself. Bad input is answered with the
page and an error summary (400), an unknown definition with the 404 page: HTML for people, as
the API answers problem+json for programs.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from sqlmodel import Session

from api.comparison.lazy import LazyModule
from api.comparison.vocabulary import PRINCIPLE_SLUGS
from api.deps import ReadSession, run_read
from api.domain import InvalidCursor, NotFound, Unprocessable
from api.models.comparison import ComparisonRequest
from api.models.definition import DEFINITION_KINDS, STATUSES, DefinitionSummary
from api.models.organisation import ORGANISATION_KINDS
from api.routers.explore.render import page
from api.services import (
    comparison,
    core,
    definitions,
    endorsements,
    insights,
    organisations,
    sources,
    teams,
)
from api.services.definitions import DefinitionFilters

if TYPE_CHECKING:
    from api.routers.explore import views
else:  # imported at the first page that needs it, not with the app: the views and charts
    # (about twenty frozen dataclasses) cost a twentieth of a second that building the app
    # does not need
    views = LazyModule("api.routers.explore.views", globals(), "views")

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20
CHOICES = 50  # definitions offered in the compare and matrix forms
MATRIX_DEFAULT = 10
MATRIX_MAX = 25
TEXT_LIMIT = 20_000
MAX_ID = 2**31 - 1

Values = Annotated[list[str] | None, Query()]


@dataclass(frozen=True)
class FieldError:
    field: str  # the id of the form control, for the error summary's link
    message: str


def _int(value: str | None) -> int | None:
    """A positive id, or None for anything else (absent, not a number, out of range)."""
    if value is None or not value.strip().isdigit():
        return None
    number = int(value.strip())
    return number if 1 <= number <= MAX_ID else None


def not_found(message: str) -> HTMLResponse:
    return page("explore/not_found.html", 404, title="Page not found", message=message)


# -- the service root and the overview --------------------------------------------------------


@router.get("/")
def service_root() -> HTMLResponse:
    return page("explore/root.html", title="Trauma-informed care definitions registry")


@router.get("/explore")
def overview(session: ReadSession, kind: str | None = None) -> HTMLResponse:
    errors = []
    if kind not in (None, "", "all", *ORGANISATION_KINDS):
        errors.append(FieldError("kind", "Choose a kind of organisation from the list"))
        kind = None
    chosen = None if kind in (None, "", "all") else kind
    try:
        report = sources.get(session, insights.EIF_REPORT)
    except NotFound:
        report = None
    proposal = None
    positions: list[Any] = []
    stances: list[Any] = []
    current = core.current_proposal(session)
    if current is not None:
        definition, revision = current
        assert definition.id is not None
        proposal = definitions.present_definition(session, definition, revision)
        stances = endorsements.stances(session, definition.id)
        positions = endorsements.list_all(session, definition.id)
    names = views.organisation_names(organisations.list_page(session, None, 10_000, None)[0])
    agreement = comparison.consensus_for(session, chosen)
    return page(
        "explore/overview.html",
        400 if errors else 200,
        title="Overview",
        errors=errors,
        kinds=ORGANISATION_KINDS,
        kind=chosen or "all",
        report=report,
        proposal=proposal,
        proposal_marks=views.marks(proposal) if proposal else [],
        stances=stances,
        comments={p.organisation: p for p in positions},
        consensus=views.consensus(agreement, names),
        names_listed=views.NAMES_LISTED,
    )


# -- definitions --------------------------------------------------------------------------------


@router.get("/explore/definitions")
def definitions_list(
    session: ReadSession,
    q: str | None = None,
    organisation: Values = None,
    kind: Values = None,
    status: Values = None,
    principle: Values = None,
    year: str | None = None,
    cursor: str | None = None,
) -> HTMLResponse:
    errors: list[FieldError] = []
    text = (q or "").strip() or None
    if text is not None and len(text) > 200:
        errors.append(FieldError("q", "Search words must be 200 characters or fewer"))
    chosen = {
        "kind": [k for k in kind or [] if k],
        "status": [s for s in status or [] if s],
        "principle": [p for p in principle or [] if p],
        "organisation": [o for o in organisation or [] if o],
    }
    allowed = {"kind": DEFINITION_KINDS, "status": STATUSES, "principle": PRINCIPLE_SLUGS}
    for field, values in allowed.items():
        if any(v not in values for v in chosen[field]):
            errors.append(FieldError(f"{field}-1", f"Choose a {field} from the list"))
    if len(chosen["organisation"]) > 20 or any(len(o) > 120 for o in chosen["organisation"]):
        errors.append(FieldError("organisation", "Choose an organisation from the list"))
    year_number = None
    if year and year.strip():
        if not year.strip().isdigit() or not 1900 <= int(year.strip()) <= 2100:
            errors.append(FieldError("year", "Year must be a number between 1900 and 2100"))
        else:
            year_number = int(year.strip())
    if cursor is not None and len(cursor) > 500:
        errors.append(FieldError("results", "This page link is not valid: start from page 1"))
    items: list[DefinitionSummary] = []
    next_cursor = None
    if not errors:
        filters = DefinitionFilters(
            q=text,
            organisation=chosen["organisation"],
            kind=chosen["kind"],
            status=chosen["status"],
            principle=chosen["principle"],
            year=year_number,
        )
        try:
            keys, next_cursor = definitions.list_page(session, filters, PAGE_SIZE, cursor)
            items = definitions.present_summaries(session, definitions.at_revisions(session, keys))
        except InvalidCursor:
            errors.append(FieldError("results", "This page link is not valid: start from page 1"))
    query = {"q": text or "", **chosen, "year": year_number or ""}
    kept = [(k, v) for k, vs in query.items() for v in (vs if isinstance(vs, list) else [vs]) if v]
    return page(
        "explore/definitions.html",
        400 if errors else 200,
        title="Definitions",
        errors=errors,
        items=items,
        query=query,
        raw={"q": q or "", "year": year or ""},
        filtered=bool(kept),
        first_page=cursor is not None,
        next_url=f"/explore/definitions?{urlencode([*kept, ('cursor', next_cursor)])}"
        if next_cursor
        else None,
        first_url=f"/explore/definitions?{urlencode(kept)}",
        organisations=views.organisation_options(
            organisations.list_page(session, None, 10_000, None)[0]
        ),
        kinds=DEFINITION_KINDS,
        statuses=STATUSES,
    )


@router.get("/explore/definitions/{definition_id}")
def definition_page(definition_id: str, session: ReadSession) -> HTMLResponse:
    number = _int(definition_id)
    if number is None:
        return not_found(f"There is no definition {definition_id!r} in the registry.")
    try:
        definition = definitions.get(session, number)
    except NotFound:
        return not_found(f"There is no definition {number} in the registry.")
    revision = definitions.current_revision(session, definition)
    public = definitions.present_definition(session, definition, revision)
    rows, _ = definitions.history(session, number, 50, None)
    revisions = definitions.present_revisions(session, rows)
    diffs = {
        r.number: definitions.diff(session, number, r.number - 1, r.number)
        for r in rows[-10:]
        if r.number > 1
    }
    return page(
        "explore/definition.html",
        title=public.title,
        definition=public,
        marks=views.marks(public),
        revisions=list(reversed(revisions)),
        diffs=diffs,
    )


# -- comparing ----------------------------------------------------------------------------------


def _choices(session: Session, wanted: list[int]) -> list[definitions.Headline]:
    """The first definitions by id, and any chosen ones beyond them, for the forms' lists."""
    return definitions.headlines(session, ids=wanted, first=CHOICES)


def _compare_page(
    session: Session,
    *,
    subject: int | None,
    against: int | None,
    text: str | None,
    errors: list[FieldError],
) -> HTMLResponse:
    result = None
    status = 400 if errors else 200
    if not errors and (subject is not None or text is not None):
        try:
            result = comparison.compare(
                session, ComparisonRequest(definition_id=subject, text=text, against=against)
            )
        except NotFound as exc:
            errors.append(FieldError("against" if subject is None else "subject", exc.detail))
            status = 404
    choices = _choices(session, [i for i in (subject, against) if i is not None])
    subject_marks = []
    gaps: list[views.GapView] = []
    if result is not None:
        # The definitions quoted for each gap, to show each quote in its sentence.
        quoted = [ph.definition_id for g in result.gaps for ph in g.phrasings]
        gaps = views.gaps(result, {h.id: h for h in definitions.headlines(session, ids=quoted)})
        subject_text = "".join(op.to_text for op in result.diff.ops)
        spans = [
            (p.slug, int(e["start"]), int(e["end"]))
            for p in result.principles
            for e in p.subject_evidence
        ]
        subject_marks = views.text_marks(subject_text, spans)
    return page(
        "explore/compare.html",
        status,
        title="Compare a definition with the core",
        errors=errors,
        result=result,
        subject=subject,
        against=against,
        text=text or "",
        choices=choices,
        subject_marks=subject_marks,
        gaps=gaps,
    )


@router.get("/explore/compare")
def compare_page(
    session: ReadSession, subject: str | None = None, against: str | None = None
) -> HTMLResponse:
    errors = []
    subject_id = _int(subject) if subject else None
    against_id = _int(against) if against else None
    if subject and subject_id is None:
        errors.append(FieldError("subject", "Choose a definition to compare"))
    if against and against_id is None:
        errors.append(FieldError("against", "Choose a definition to compare against"))
    return _compare_page(session, subject=subject_id, against=against_id, text=None, errors=errors)


FORM = "application/x-www-form-urlencoded"


@router.post("/explore/compare")
async def compare_text_page(request: Request) -> HTMLResponse:
    """The pasted-text form: its text compared with the core (or the definition chosen)."""
    errors: list[FieldError] = []
    fields: dict[str, list[str]] = {}
    if request.headers.get("content-type", "").split(";")[0].strip() != FORM:
        errors.append(FieldError("text", "Send the form from this page"))
    else:
        body = (await request.body()).decode("utf-8", errors="replace")
        fields = parse_qs(body, keep_blank_values=True, max_num_fields=10)
    text = (fields.get("text") or [""])[0].replace("\r\n", "\n")
    against_raw = (fields.get("against") or [""])[0]
    against = _int(against_raw) if against_raw else None
    if against_raw and against is None:
        errors.append(FieldError("against", "Choose a definition to compare against"))
    if not errors:
        try:
            ComparisonRequest(text=text, against=against)
        except ValidationError as exc:
            errors.append(FieldError("text", _text_problem(exc)))

    def work(session: Session) -> HTMLResponse:
        return _compare_page(
            session, subject=None, against=against, text=text if text else None, errors=errors
        )

    return await run_read(request, work)


def _text_problem(exc: ValidationError) -> str:
    kind = exc.errors()[0]["type"]
    if kind in ("string_too_long", "too_long"):
        return f"The text must be {TEXT_LIMIT:,} characters or fewer"
    if kind == "missing" or kind == "none_required":
        return "Enter the text of a definition"
    return "Enter the text of a definition: it must not be blank or hold control characters"


@router.get("/explore/matrix")
def matrix_page(session: ReadSession, id: Values = None) -> HTMLResponse:
    errors: list[FieldError] = []
    wanted = [_int(i) for i in id or [] if i]
    chosen = list(dict.fromkeys(i for i in wanted if i is not None))
    if len(chosen) != len(wanted):
        errors.append(FieldError("id-1", "Choose definitions from the list"))
    if len(chosen) > MATRIX_MAX:
        errors.append(FieldError("id-1", f"Choose {MATRIX_MAX} definitions or fewer"))
    if not chosen and not errors:
        keys, _ = definitions.list_page(session, DefinitionFilters(), MATRIX_DEFAULT, None)
        chosen = [i for i, _ in keys]
    result = None
    status = 400 if errors else 200
    if not errors and chosen:
        try:
            result = comparison.matrix(session, chosen)
        except (NotFound, Unprocessable) as exc:
            errors.append(FieldError("id-1", exc.detail))
            status = 404 if isinstance(exc, NotFound) else 400
    return page(
        "explore/matrix.html",
        status,
        title="How similar the definitions are",
        errors=errors,
        result=result,
        similarity=views.matrix_chart(result, "similarity") if result else None,
        closest=views.closest_pairs(result) if result else [],
        overlap=views.matrix_chart(result, "overlap") if result else None,
        chosen=chosen,
        choices=_choices(session, chosen),
        limit=MATRIX_MAX,
    )


# -- teams, insights and the recommendations ------------------------------------------------------


@router.get("/explore/teams")
def teams_page(session: ReadSession) -> HTMLResponse:
    rows, more = teams.list_page(session, 200, None)
    survey, pathways, variety = insights.all_insights(session)
    return page(
        "explore/teams.html",
        title="Teams and insights",
        teams=teams.present_teams(session, rows),
        more_teams=more is not None,
        survey=survey,
        chart=views.survey_chart(survey),
        pathways=pathways,
        variety=variety,
    )


@router.get("/explore/recommendations")
def recommendations_page(session: ReadSession) -> HTMLResponse:
    return page(
        "explore/recommendations.html",
        title="The report's recommendations, tracked",
        progress=insights.recommendations(session),
    )


# Registered last: any other path under /explore is a page that does not exist.
@router.get("/explore/{rest:path}")
def unknown_page(rest: str) -> HTMLResponse:
    return not_found("There is no page at this address.")
