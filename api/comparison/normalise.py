"""Normalising a text for matching while keeping every span exact in the original.

rules-4.0 folds curly quotes and unicode dashes and lower-cases, one code point for one, so
offsets need no mapping (:func:`fold`). From rules-5.0 :func:`normalise` also applies Unicode
NFKC (full-width letters, ligatures), drops combining accents, zero-width characters and
soft hyphens, so that none of them hides a word; since that changes the length, it returns
a function that maps a span of the normalised text back to the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = ["fold", "normalise"]

_FOLD_TABLE = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00ad": "-",
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200a": " ",
}
_FOLD = str.maketrans(_FOLD_TABLE)
# characters that carry no letter: a word written with one inside is still that word
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_FOLD_5 = str.maketrans({k: v for k, v in _FOLD_TABLE.items() if k not in _INVISIBLE})

_NON_ASCII = re.compile(r"[^\x00-\x7f]")

Mapper = Callable[[int, int], tuple[int, int]]


def fold(text: str) -> str:
    """rules-4.0's normalisation: quotes and dashes folded, lower-cased, length kept."""
    folded = text.translate(_FOLD)
    low = folded.lower()
    if len(low) == len(folded):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


def _identity(start: int, end: int) -> tuple[int, int]:
    return start, end


def _cluster(chars: str) -> str:
    """One base character and its combining marks, as matching sees them."""
    out = unicodedata.normalize("NFKC", chars).translate(_FOLD_5).lower()
    if out.isascii():
        return out
    return "".join(c for c in unicodedata.normalize("NFD", out) if not unicodedata.combining(c))


def normalise(text: str) -> tuple[str, Mapper]:
    """The text as the rules match it, and a map from its spans to the original's.

    ``to_original(start, end)`` is the smallest span of the original text that produced the
    normalised characters ``start:end`` (``end > start``).
    """
    if text.isascii():
        return text.lower(), _identity
    pieces: list[str] = []
    # for each normalised character, the original span it came from
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)  # i: the first original character not yet emitted

    def ascii_run(a: int, b: int) -> None:
        pieces.append(text[a:b].lower())
        starts.extend(range(a, b))
        ends.extend(range(a + 1, b + 1))

    for m in _NON_ASCII.finditer(text):
        k = m.start()
        if k < i:  # already taken as part of a cluster
            continue
        # a combining mark belongs to the letter before it
        base = k - 1 if k > i and unicodedata.combining(text[k]) else k
        if base > i:
            ascii_run(i, base)
        if text[base] in _INVISIBLE:
            i = base + 1
            continue
        j = base + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in _INVISIBLE):
            j += 1
        # invisible characters inside the cluster are dropped; its span still covers them
        out = _cluster("".join(c for c in text[base:j] if c not in _INVISIBLE))
        pieces.append(out)
        starts.extend([base] * len(out))
        ends.extend([j] * len(out))
        i = j
    if i < n:
        ascii_run(i, n)

    def to_original(start: int, end: int) -> tuple[int, int]:
        return starts[start], ends[end - 1]

    return "".join(pieces), to_original
