"""The principle analyser: which trauma-informed principles a text carries, with evidence.

The vocabulary is the twelve principles of ``principles.json``. What counts as evidence of
each is data: the concepts, rules and vetoes of every analyser version are in
``rules/<version>.toml`` (see ``rules/README.md``), run by :mod:`api.comparison.engine`.
``METHOD_VERSION`` is the version new analyses are made with; any older version can still be
run (``version=``), so an analysis stored by it can be recomputed and checked.

The rules are compiled the first time a version is used, not at import.
"""

from __future__ import annotations

from api.comparison.engine import PrincipleFinding, Span, TextAnalysis, load, run
from api.comparison.vocabulary import PRINCIPLE_SLUGS

__all__ = [
    "METHOD_VERSION",
    "PRINCIPLE_SLUGS",
    "PrincipleFinding",
    "Span",
    "TextAnalysis",
    "analyse",
    "analyse_full",
    "prepare",
]

METHOD_VERSION: str = "rules-5.2"


def analyse_full(
    text: str, version: str = METHOD_VERSION, language: str | None = None
) -> TextAnalysis:
    """Everything ``version`` makes of ``text``: whether it could read it, the principles it
    carries and those it explicitly denies. ``language``: the text's ISO 639-1 code if known
    (otherwise the text's language is detected when the version reads only some)."""
    if not isinstance(text, str) or not text.strip():
        return TextAnalysis(version, True, language, None, (), ())
    return run(load(version), text, language)


def prepare(version: str = METHOD_VERSION) -> None:
    """Compile ``version``'s rules now (seconds on a loaded machine) rather than in the first
    request that needs them: the server calls this before it starts answering."""
    load(version)


def analyse(text: str, version: str = METHOD_VERSION) -> tuple[PrincipleFinding, ...]:
    """The principles ``text`` carries, in ``PRINCIPLE_SLUGS`` order (empty for none, and for
    a text ``version`` cannot read: see :func:`analyse_full` to tell the two apart)."""
    return analyse_full(text, version).carried
