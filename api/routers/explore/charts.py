"""The geometry and colours of the pages' charts, drawn as SVG by the templates.

Every chart is also shown as a table beside it; these only decide where each shape goes and
which colours keep text readable (WCAG 2.2 AA: 4.5:1 for text, 3:1 for shapes that carry
meaning).
"""

from collections.abc import Sequence
from dataclasses import dataclass

TEXT = "#0b0c0c"
WHITE = "#ffffff"
# The similarity scale runs from a light grey (0) to a dark blue (1), in two halves.
LOW = "#f3f2f1"
LIGHT_END = "#9cc2e5"
DARK_START = "#1d70b8"
HIGH = "#003078"
ON = "#1d70b8"  # a principle carried, in the consensus grid
OFF = "#f3f2f1"


def _rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def luminance(colour: str) -> float:
    """Relative luminance, as WCAG defines it."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_on(background: str) -> str:
    """Near-black or white, whichever reads better on ``background``."""
    return TEXT if contrast(TEXT, background) >= contrast(WHITE, background) else WHITE


def _mix(t: float, low: str, high: str) -> str:
    a, b = _rgb(low), _rgb(high)
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def blend(value: float) -> str:
    """The scale's colour for ``value`` (0..1, clamped): light greys to light blues below one
    half, mid to dark blues from one half. The jump at one half keeps every colour far enough
    from the middle greys that near-black or white text on it has 4.5:1."""
    t = min(1.0, max(0.0, value))
    if t < 0.5:
        return _mix(t / 0.5, LOW, LIGHT_END)
    return _mix((t - 0.5) / 0.5, DARK_START, HIGH)


def clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


# -- heatmaps -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    x: int
    y: int
    size: int
    fill: str
    text: str  # what the cell shows ("" for nothing)
    text_fill: str
    on: bool


@dataclass(frozen=True, slots=True)
class Label:
    x: int
    y: int
    text: str


@dataclass(frozen=True, slots=True)
class Heatmap:
    width: int
    height: int
    cells: list[Cell]
    rows: list[Label]
    columns: list[Label]
    footer: list[Label]  # totals under each column, when there are any


def grid(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    carried: Sequence[Sequence[bool]],
    *,
    label_width: int = 330,
    cell: int = 34,
    counted_rows: int | None = None,
) -> Heatmap:
    """Organisations by principles: a filled, ticked cell where the row carries the column.
    Under each column, how many of the first ``counted_rows`` rows (all by default) carry it."""
    top = 34
    cells = []
    for r, row in enumerate(carried):
        for c, on in enumerate(row):
            cells.append(
                Cell(
                    x=label_width + c * cell,
                    y=top + r * cell,
                    size=cell - 3,
                    fill=ON if on else OFF,
                    text="✓" if on else "",
                    text_fill=text_on(ON) if on else TEXT,
                    on=on,
                )
            )
    counted = carried[:counted_rows] if counted_rows is not None else carried
    totals = [sum(1 for row in counted if row[c]) for c in range(len(column_labels))]
    bottom = top + len(row_labels) * cell
    return Heatmap(
        width=label_width + len(column_labels) * cell + 8,
        height=bottom + 30,
        cells=cells,
        rows=[
            Label(label_width - 10, top + r * cell + cell // 2 + 1, clip(name, 44))
            for r, name in enumerate(row_labels)
        ],
        columns=[
            Label(label_width + c * cell + (cell - 3) // 2, top - 12, text)
            for c, text in enumerate(column_labels)
        ],
        footer=[
            Label(label_width + c * cell + (cell - 3) // 2, bottom + 16, str(n))
            for c, n in enumerate(totals)
        ],
    )


def matrix(labels: Sequence[str], values: Sequence[Sequence[float]], *, cell: int = 52) -> Heatmap:
    """A square heatmap of pairwise values 0..1, each cell printed with its value."""
    left, top = 44, 34
    cells = []
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            fill = blend(value)
            cells.append(
                Cell(
                    x=left + c * cell,
                    y=top + r * cell,
                    size=cell - 3,
                    fill=fill,
                    text=f"{value:.2f}",
                    text_fill=text_on(fill),
                    on=value > 0,
                )
            )
    return Heatmap(
        width=left + len(labels) * cell + 8,
        height=top + len(labels) * cell + 8,
        cells=cells,
        rows=[Label(left - 10, top + r * cell + cell // 2 + 1, t) for r, t in enumerate(labels)],
        columns=[
            Label(left + c * cell + (cell - 3) // 2, top - 12, t) for c, t in enumerate(labels)
        ],
        footer=[],
    )


# -- the survey bar chart -------------------------------------------------------------------------

REGISTRY_BAR = "#1d70b8"
REPORT_BAR = "#505a5f"


@dataclass(frozen=True, slots=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    fill: str
    label: str  # printed after the bar
    label_x: int


@dataclass(frozen=True, slots=True)
class BarGroup:
    name: str
    name_y: int
    bars: list[Bar]


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    plot_x: int
    plot_width: int
    plot_top: int
    plot_bottom: int
    ticks: list[Label]
    groups: list[BarGroup]


@dataclass(frozen=True, slots=True)
class Pair:
    """One activity: the registry's percentage and the report's (None: no exact figure)."""

    name: str
    registry: float | None
    registry_label: str
    report: float | None
    report_label: str


def bars(pairs: Sequence[Pair], *, label_width: int = 330, plot_width: int = 300) -> BarChart:
    """Two bars per activity on a 0-100% scale: registry teams, then the report's figure."""
    top, bar, gap, group_gap = 30, 18, 4, 22
    groups = []
    y = top
    for pair in pairs:
        drawn = []
        for value, label, fill in (
            (pair.registry, pair.registry_label, REGISTRY_BAR),
            (pair.report, pair.report_label, REPORT_BAR),
        ):
            width = round(plot_width * min(100.0, max(0.0, value)) / 100) if value else 0
            drawn.append(
                Bar(
                    x=label_width,
                    y=y,
                    width=width,
                    height=bar,
                    fill=fill,
                    label=label,
                    label_x=label_width + width + 6,
                )
            )
            y += bar + gap
        groups.append(BarGroup(name=pair.name, name_y=y - bar - gap - 2, bars=drawn))
        y += group_gap
    ticks = [
        Label(label_width + round(plot_width * p / 100), top - 10, f"{p}%")
        for p in (0, 25, 50, 75, 100)
    ]
    return BarChart(
        width=label_width + plot_width + 230,
        height=y,
        plot_x=label_width,
        plot_width=plot_width,
        plot_top=top - 4,
        plot_bottom=y - group_gap + 4,
        ticks=ticks,
        groups=groups,
    )
