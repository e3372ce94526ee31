"""Evidence highlighting: a text cut into pieces, each knowing which principles' evidence covers
it, so a template can wrap each covered piece in a ``<mark>`` and label where each span ends.

Spans of different principles may overlap (one phrase can show two principles); cutting the
text at every span boundary keeps the marks flat, as HTML needs.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    covered_by: tuple[int, ...]  # principle numbers whose evidence covers the piece, ascending
    ends: tuple[int, ...]  # principle numbers whose evidence span ends with this piece
    colour: int | None  # whose colour it takes: the covering span that ends first


def pieces(
    text: str, spans: Iterable[tuple[str, int, int]], number: Mapping[str, int]
) -> list[Piece]:
    """``spans`` are (principle slug, start, end) offsets into ``text``; ``number`` gives each
    slug its position in the vocabulary. Spans outside the text or of unknown principles are
    ignored, so a stale analysis can never cut the text wrongly."""
    size = len(text)
    usable = sorted(
        {
            (number[slug], start, end)
            for slug, start, end in spans
            if slug in number and 0 <= start < end <= size
        }
    )
    cuts = sorted({0, size, *(s for _, s, _ in usable), *(e for _, _, e in usable)})
    out: list[Piece] = []
    for a, b in pairwise(cuts):
        covering = [(e, n) for n, s, e in usable if s <= a and b <= e]
        covered = tuple(sorted({n for _, n in covering}))
        ends = tuple(sorted({n for n, _, e in usable if e == b}))
        # Where spans overlap, the piece takes the colour of the label that follows it first.
        out.append(Piece(text[a:b], covered, ends, min(covering)[1] if covering else None))
    return out
