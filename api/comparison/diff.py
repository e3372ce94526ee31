"""Word-level diff between two definitions, with exact character offsets.

Texts are cut into tokens that tile the text exactly: every word (or punctuation mark) keeps
the whitespace that follows it, and leading whitespace stays with the first token. Because
the tokens tile the text, joining the ``a_text`` of the ``equal`` and ``delete``/``replace``
ops reproduces ``a`` character for character, and likewise ``b`` from ``equal`` and
``insert``/``replace`` ops, so a UI can render the diff without losing anything.

Matching uses ``difflib.SequenceMatcher`` (``autojunk=False``: in definitions the frequent
words such as "trauma" or "care" are the content, not junk). SequenceMatcher is quadratic in
the worst case, so large inputs are first cut into small independent pieces: the common
prefix and suffix are stripped, and words (or, failing that, runs of up to four words) that
occur exactly once in both texts are used as anchors (the "patience diff" idea) before
SequenceMatcher sees what is left between anchors.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

__all__ = ["DiffOp", "DiffStats", "OpTag", "diff_stats", "has_changes", "word_diff"]

OpTag = Literal["equal", "insert", "delete", "replace"]

# A word (letters/digits/underscore, apostrophes inside allowed: "don't", "survivor's") or a
# single punctuation mark, with any surrounding whitespace. Only the first token of a text
# can have leading whitespace: every token swallows the whitespace after it.
_TOKEN_RE = re.compile(r"\s*(?:\w+(?:['\u2019]\w+)*|[^\w\s])\s*")
_WORD_RE = re.compile(r"\w+(?:['\u2019]\w+)*")

# Below this many token pairs SequenceMatcher is cheap enough to run directly.
_DIRECT_WORK = 250_000
# With no anchor to split on, SequenceMatcher above this many token pairs could take seconds;
# such spans share no word that is unique to both, so one ``replace`` is an honest answer.
_MAX_MATCHER_WORK = 25_000_000
# Widest run of words tried as an anchor when no single word is unique to both texts.
_MAX_ANCHOR_WIDTH = 4
# Anchored splitting recurses into gaps; past this depth just hand the gap to SequenceMatcher.
_MAX_DEPTH = 64

_Opcode = tuple[OpTag, int, int, int, int]


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step of the diff.

    ``a_text == a[a_start:a_end]`` and ``b_text == b[b_start:b_end]`` always hold. ``insert``
    ops have an empty ``a`` side and ``delete`` ops an empty ``b`` side (their offsets mark the
    position). With ``ignore_whitespace`` (the default) an ``equal`` op's two sides have the
    same words and punctuation but may differ in whitespace.
    """

    op: OpTag
    a_text: str
    b_text: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class DiffStats:
    """Word counts of a diff; a ``replace`` counts as words removed plus words added."""

    words_added: int
    words_removed: int
    words_unchanged: int


def _tokenize(text: str, ignore_whitespace: bool) -> tuple[list[str], list[int]]:
    """Comparison keys and start offsets (plus a final ``len(text)`` sentinel)."""
    keys: list[str] = []
    starts: list[int] = []
    for m in _TOKEN_RE.finditer(text):
        token = m.group()
        keys.append(token.strip() if ignore_whitespace else token)
        starts.append(m.start())
    if text and not starts:
        # Whitespace only: one token, so the text is still reproduced exactly.
        keys.append("" if ignore_whitespace else text)
        starts.append(0)
    starts.append(len(text))
    return keys, starts


def _patience_anchors(
    ka: Sequence[str], kb: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, width: int
) -> list[tuple[int, int]]:
    """Start pairs (i, j) of ``width``-token runs that occur exactly once in both ranges.

    Returns the longest chain increasing in both i and j whose runs do not overlap. A run is
    compared as a tuple of keys, so ``width == 1`` is classic patience diff on single words.
    """
    a_grams = [tuple(ka[i : i + width]) for i in range(alo, ahi - width + 1)]
    b_grams = [tuple(kb[j : j + width]) for j in range(blo, bhi - width + 1)]
    count_a = Counter(a_grams)
    count_b = Counter(b_grams)
    pos_b = {g: blo + j for j, g in enumerate(b_grams) if count_b[g] == 1}
    pairs = [(alo + i, pos_b[g]) for i, g in enumerate(a_grams) if count_a[g] == 1 and g in pos_b]
    if not pairs:
        return []
    # Longest increasing subsequence of j (pairs are already in increasing i) in O(k log k).
    tails: list[int] = []  # smallest j ending an increasing run of each length
    tail_idx: list[int] = []  # index in pairs of that j
    back: list[int] = [-1] * len(pairs)
    for idx, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_idx.append(idx)
        else:
            tails[k] = j
            tail_idx[k] = idx
        back[idx] = tail_idx[k - 1] if k > 0 else -1
    chain: list[tuple[int, int]] = []
    idx = tail_idx[-1]
    while idx != -1:
        chain.append(pairs[idx])
        idx = back[idx]
    chain.reverse()
    # Runs wider than one token can overlap their neighbours; keep the non-overlapping ones.
    kept: list[tuple[int, int]] = []
    for i, j in chain:
        if not kept or (i >= kept[-1][0] + width and j >= kept[-1][1] + width):
            kept.append((i, j))
    return kept


def _diff_range(
    ka: Sequence[str],
    kb: Sequence[str],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    out: list[_Opcode],
    depth: int,
) -> None:
    """Append opcodes turning ``ka[alo:ahi]`` into ``kb[blo:bhi]`` to ``out``."""
    start_a, start_b = alo, blo
    while alo < ahi and blo < bhi and ka[alo] == kb[blo]:
        alo += 1
        blo += 1
    if alo > start_a:
        out.append(("equal", start_a, alo, start_b, blo))
    end_a, end_b = ahi, bhi
    while ahi > alo and bhi > blo and ka[ahi - 1] == kb[bhi - 1]:
        ahi -= 1
        bhi -= 1
    _diff_middle(ka, kb, alo, ahi, blo, bhi, out, depth)
    if ahi < end_a:
        out.append(("equal", ahi, end_a, bhi, end_b))


def _diff_middle(
    ka: Sequence[str],
    kb: Sequence[str],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    out: list[_Opcode],
    depth: int,
) -> None:
    """Diff a range whose first and last tokens are known not to match."""
    if alo == ahi and blo == bhi:
        return
    if alo == ahi:
        out.append(("insert", alo, alo, blo, bhi))
        return
    if blo == bhi:
        out.append(("delete", alo, ahi, blo, blo))
        return
    work = (ahi - alo) * (bhi - blo)
    anchors: list[tuple[int, int]] = []
    width = 1
    if work > _DIRECT_WORK and depth < _MAX_DEPTH:
        # Single words first; a long text over a small vocabulary may repeat every word, but
        # runs of two to four words are then almost always unique.
        for width in range(1, _MAX_ANCHOR_WIDTH + 1):
            anchors = _patience_anchors(ka, kb, alo, ahi, blo, bhi, width)
            if anchors:
                break
        if not anchors and work > _MAX_MATCHER_WORK:
            out.append(("replace", alo, ahi, blo, bhi))
            return
    if not anchors:
        matcher = SequenceMatcher(None, ka[alo:ahi], kb[blo:bhi], autojunk=False)
        out.extend(
            (tag, i1 + alo, i2 + alo, j1 + blo, j2 + blo)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        )
        return
    i_prev, j_prev = alo, blo
    for i, j in anchors:
        _diff_range(ka, kb, i_prev, i, j_prev, j, out, depth + 1)
        out.append(("equal", i, i + width, j, j + width))
        i_prev, j_prev = i + width, j + width
    _diff_range(ka, kb, i_prev, ahi, j_prev, bhi, out, depth + 1)


def _normalise(opcodes: Iterable[_Opcode]) -> list[_Opcode]:
    """Merge adjacent equal runs, and adjacent changes into one insert/delete/replace.

    Splitting the work into pieces can leave e.g. a ``delete`` next to an ``insert``; readers
    of a diff expect that as one ``replace``, as SequenceMatcher itself would report it.
    """
    merged: list[_Opcode] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 == i2 and j1 == j2:
            continue
        if merged:
            ptag, pi1, _, pj1, _ = merged[-1]
            if (tag == "equal") == (ptag == "equal"):
                merged[-1] = (ptag, pi1, i2, pj1, j2)
                continue
        merged.append((tag, i1, i2, j1, j2))
    result: list[_Opcode] = []
    for tag, i1, i2, j1, j2 in merged:
        if tag != "equal":
            tag = "replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert"
        result.append((tag, i1, i2, j1, j2))
    return result


def word_diff(a: str, b: str, *, ignore_whitespace: bool = True) -> tuple[DiffOp, ...]:
    """Word-level diff turning ``a`` into ``b``.

    Identical texts give a single ``equal`` op; two empty strings give no ops. With
    ``ignore_whitespace`` (default) tokens are compared without their whitespace, so re-wrapped
    or re-spaced text is not reported as changed (definitions are pasted from documents, where
    line breaks are layout, not wording); pass ``False`` to compare whitespace too.
    """
    ka, sa = _tokenize(a, ignore_whitespace)
    kb, sb = _tokenize(b, ignore_whitespace)
    raw: list[_Opcode] = []
    _diff_range(ka, kb, 0, len(ka), 0, len(kb), raw, 0)
    ops = []
    for tag, i1, i2, j1, j2 in _normalise(raw):
        a_start, a_end, b_start, b_end = sa[i1], sa[i2], sb[j1], sb[j2]
        ops.append(
            DiffOp(
                op=tag,
                a_text=a[a_start:a_end],
                b_text=b[b_start:b_end],
                a_start=a_start,
                a_end=a_end,
                b_start=b_start,
                b_end=b_end,
            )
        )
    return tuple(ops)


def has_changes(ops: Iterable[DiffOp]) -> bool:
    """True if any op is not ``equal``."""
    return any(op.op != "equal" for op in ops)


def _count_words(text: str) -> int:
    return sum(1 for _ in _WORD_RE.finditer(text))


def diff_stats(ops: Iterable[DiffOp]) -> DiffStats:
    """Count words (not punctuation) added, removed and unchanged across ``ops``."""
    added = removed = unchanged = 0
    for op in ops:
        if op.op == "equal":
            unchanged += _count_words(op.a_text)
        else:
            removed += _count_words(op.a_text)
            added += _count_words(op.b_text)
    return DiffStats(words_added=added, words_removed=removed, words_unchanged=unchanged)
