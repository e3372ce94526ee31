"""What the templates are given: the services' answers reshaped for reading (rows of a table,
the pieces of a highlighted text, the geometry of a chart). No queries, no rules."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from api.models.comparison import (
    ComparisonResult,
    ConsensusResult,
    MatrixResult,
    PrincipleAgreement,
)
from api.models.definition import DefinitionPublic
from api.models.insight import SurveyInsight
from api.models.organisation import ORGANISATION_KINDS
from api.routers.explore import charts
from api.routers.explore.marks import Piece, pieces
from api.routers.explore.render import KIND_NAMES, PRINCIPLE_NUMBER, activity_name, percent
from api.services.definitions import Headline


@dataclass(frozen=True)
class OrganisationInfo:
    slug: str
    name: str
    kind: str


class _Named(Protocol):
    slug: str
    name: str
    kind: str


def organisation_names(rows: Iterable[_Named]) -> dict[str, OrganisationInfo]:
    return {o.slug: OrganisationInfo(o.slug, o.name, o.kind) for o in rows}


@dataclass(frozen=True)
class OptionGroup:
    label: str
    options: list[OrganisationInfo]


def organisation_options(rows: Iterable[_Named]) -> list[OptionGroup]:
    """Organisations grouped by kind, each group in name order, for a select."""
    known = organisation_names(rows)
    return [
        OptionGroup(
            KIND_NAMES.get(kind, kind),
            sorted((o for o in known.values() if o.kind == kind), key=lambda o: o.name),
        )
        for kind in ORGANISATION_KINDS
        if any(o.kind == kind for o in known.values())
    ]


# -- highlighted text -----------------------------------------------------------------------------


def text_marks(text: str, spans: Sequence[tuple[str, int, int]]) -> list[Piece]:
    return pieces(text, spans, PRINCIPLE_NUMBER)


def marks(definition: DefinitionPublic) -> list[Piece]:
    """The definition's text in pieces, each covered piece marked with its principles."""
    spans = [(p.slug, e.start, e.end) for p in definition.principles for e in p.evidence]
    return text_marks(definition.text, spans)


@dataclass(frozen=True)
class InContext:
    """A quote with the rest of its sentence around it."""

    before: str
    quote: str
    after: str


def in_context(text: str, quote: str, reach: int = 160) -> InContext:
    """``quote`` within its sentence of ``text`` (at most ``reach`` characters either side)."""
    at = text.find(quote)
    if at < 0 or not quote:
        return InContext("", quote, "")
    start = max(text.rfind(stop, 0, at) for stop in (". ", "\n", "; ", "? ", "! "))
    start = 0 if start < 0 else start + 2
    ends = [i for i in (text.find(stop, at + len(quote)) for stop in (". ", "\n", "; ")) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    before = text[max(start, at - reach) : at]
    after = text[at + len(quote) : min(end, at + len(quote) + reach)]
    if start < at - reach:
        before = "…" + before.lstrip()
    if end > at + len(quote) + reach:
        after = after.rstrip() + "…"
    return InContext(before.lstrip(), quote, after.rstrip())


@dataclass(frozen=True)
class Phrased:
    definition_id: int
    title: str
    organisation_name: str
    said: InContext


@dataclass(frozen=True)
class GapView:
    principle: str
    phrasings: list[Phrased]


def gaps(result: ComparisonResult, sources: dict[int, Headline]) -> list[GapView]:
    """Each missing principle with how others phrase it, every quote in its sentence."""
    return [
        GapView(
            g.principle,
            [
                Phrased(
                    ph.definition_id,
                    ph.title,
                    sources[ph.definition_id].organisation_name,
                    in_context(sources[ph.definition_id].text, ph.quote),
                )
                for ph in g.phrasings
            ],
        )
        for g in result.gaps
    ]


# -- consensus -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsensusRow:
    organisation: OrganisationInfo
    carried: list[bool]  # one per principle, in the vocabulary's order
    count: int


@dataclass(frozen=True)
class ConsensusView:
    result: ConsensusResult
    principles: list[PrincipleAgreement]
    rows: list[ConsensusRow]
    core: list[bool] | None
    heatmap: charts.Heatmap
    most_agreed: list[PrincipleAgreement]  # carried by the most organisations
    not_drawn: int  # organisations beyond the heatmap's rows (the table counts them all)
    names: dict[str, list[str]]  # principle slug -> names of the organisations carrying it


HEATMAP_ROWS = 40  # organisations drawn; past this the chart stops being readable
NAMES_LISTED = 10  # organisations named for each principle in the table


def consensus(result: ConsensusResult, names: dict[str, OrganisationInfo]) -> ConsensusView:
    """Organisations (by kind, then name) against the principles, and the core beneath them."""
    principles = result.principles
    carried_by = {p.slug: set(p.organisations) for p in principles}
    order = {kind: i for i, kind in enumerate(ORGANISATION_KINDS)}
    infos = [names.get(slug) or OrganisationInfo(slug, slug, "") for slug in result.organisations]
    infos.sort(key=lambda o: (order.get(o.kind, len(order)), o.name))
    rows = []
    for info in infos:
        carried = [info.slug in carried_by[p.slug] for p in principles]
        rows.append(ConsensusRow(info, carried, sum(carried)))
    core_row = None
    drawn = rows[:HEATMAP_ROWS]
    labels = [r.organisation.name for r in drawn]
    grid = [r.carried for r in drawn]
    if result.core is not None:
        core_row = [p.in_core for p in principles]
        labels.append("Current core proposal")
        grid.append(core_row)
    top = max((p.count for p in principles), default=0)
    return ConsensusView(
        result=result,
        principles=principles,
        rows=rows,
        core=core_row,
        heatmap=charts.grid(
            labels,
            [str(PRINCIPLE_NUMBER.get(p.slug, "?")) for p in principles],
            grid,
            counted_rows=len(drawn),
        ),
        most_agreed=[p for p in principles if top and p.count == top],
        not_drawn=len(rows) - len(drawn),
        names={
            p.slug: [r.organisation.name for r in rows if r.organisation.slug in carried_by[p.slug]]
            for p in principles
        },
    )


# -- the similarity matrix ----------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixChart:
    measure: Literal["similarity", "overlap"]
    heatmap: charts.Heatmap
    values: list[list[float]]


def matrix_chart(result: MatrixResult, measure: Literal["similarity", "overlap"]) -> MatrixChart:
    values = result.similarity if measure == "similarity" else result.overlap
    labels = [str(i + 1) for i in range(len(result.definitions))]
    return MatrixChart(measure, charts.matrix(labels, values), values)


def closest_pairs(result: MatrixResult, limit: int = 3) -> list[tuple[int, int, float]]:
    """The most similar pairs of different definitions (row, column, similarity)."""
    pairs = [
        (i, j, result.similarity[i][j])
        for i in range(len(result.definitions))
        for j in range(i + 1, len(result.definitions))
    ]
    return sorted(pairs, key=lambda p: -p[2])[:limit]


# -- the survey chart ----------------------------------------------------------------------------


def survey_chart(survey: SurveyInsight) -> charts.BarChart:
    pairs = []
    for row in survey.activities:
        report = row.report
        if report is None:
            report_label = "Report: no figure"
        elif report.value is not None:
            report_label = f"Report: {report.value:g}%"
        else:
            report_label = f"Report: “{report.value_text}” (no exact figure)"
        registry_label = (
            f"Registry: {percent(row.share)} ({row.teams_doing} of {survey.team_count})"
            if row.share is not None
            else "Registry: no teams yet"
        )
        pairs.append(
            charts.Pair(
                name=activity_name(row.activity),
                registry=row.percent,
                registry_label=registry_label,
                report=report.value if report is not None else None,
                report_label=report_label,
            )
        )
    return charts.bars(pairs)
