"""An exact regex optimiser for the analyser's rules (speed only: never what matches).

Python's regex engine can only skip ahead quickly when a pattern starts with a literal
character (or an alternation whose branches all do); a pattern that starts with ``\\b``
or a lookaround is tried at every position of the text. :func:`fast` rewrites a pattern
into an alternation of literal-first branches grouped by first character. It makes the
typical 80-word analysis about 1.5 times faster (measured in bench/analyser.py's run with
and without it), so it stays; tests/test_regex_fast.py checks that rewritten patterns
match exactly the spans the written ones do.

Rewriting also finds a pattern's *heads* (the literal characters every match starts a word
with, for a pattern that can only match at a word start): the engine's keyword prefilter
runs a pattern only where a word of the text starts with one of them. For a pattern it
cannot rewrite (a leading lookahead, an alternation with too many branches),
:func:`word_heads` reads the heads from Python's own parse of the pattern instead: the
negation cues of rules-5.1, tried at every character of a clause for every finding, are
tried only where one of their ~60 heads starts a word (about 2/5 of an 80-word analysis).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["Heads", "fast", "shortest", "word_heads"]

# Pattern optimisation (exact: the rewritten pattern matches the same spans everywhere)
#
# Python's regex engine can only skip ahead quickly when a pattern starts with a literal
# character (or an alternation whose branches all do); a pattern that starts with ``\b``
# or a lookaround is tried at every position of the text. ``fast`` rewrites a pattern into
# an alternation of literal-first branches grouped by first character, using identities of
# backtracking matching that keep the order in which alternatives are tried:
#   (?:A|B)R == AR|BR,  X?R == XR|R,  X??R == R|XR,  [ab]R == aR|bR,
#   cA|dB == dB|cA for distinct literal characters c and d (they never match at one place),
#   a leading boundary before a word character c == c followed by (?<!\w.),
#   a leading lookbehind (?<!L) or (?<=L) == c followed by (?<!L.) or (?<=L.).
# Whatever it cannot rewrite it leaves as written.
# --------------------------------------------------------------------------------------

# the word heads a pattern that can only match at a word start can match at: every match
# starts with one of these literal word characters (no head is a prefix of another, so at
# most one of them is at any place), the longest literal start of each branch
Heads = frozenset[str]
_QUANT = re.compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})\??")
_MAX_BRANCHES = 300


@dataclass(slots=True)
class _Node:
    """A parsed pattern atom: ``kind`` is lit, esc, class, any, group or other; a group
    has ``opener`` (``(?:``, ``(?=``, ...) and ``branches``; ``quant`` is its quantifier."""

    kind: str
    text: str = ""
    opener: str = ""
    branches: list[list[_Node]] | None = None
    quant: str = ""


def _emit_seq(seq: list[_Node]) -> str:
    return "".join(_emit(n) for n in seq)


def _emit(node: _Node) -> str:
    if node.kind == "group":
        inner = "|".join(_emit_seq(b) for b in node.branches or [])
        return node.opener + inner + ")" + node.quant
    return node.text + node.quant


def _parse(src: str) -> list[list[_Node]] | None:
    """Parse the subset of regex syntax the lexicons use; None for anything else."""
    pos = 0
    n = len(src)

    def alternation() -> list[list[_Node]] | None:
        nonlocal pos
        branches: list[list[_Node]] = [[]]
        while pos < n:
            ch = src[pos]
            if ch == "|":
                branches.append([])
                pos += 1
                continue
            if ch == ")":
                return branches
            node: _Node
            if ch == "\\":
                if pos + 1 >= n:
                    return None
                node = _Node("esc", src[pos : pos + 2])
                pos += 2
            elif ch == "[":
                end = pos + 1
                if end < n and src[end] == "^":
                    end += 1
                if end < n and src[end] == "]":
                    end += 1
                while end < n and src[end] != "]":
                    end += 2 if src[end] == "\\" else 1
                if end >= n:
                    return None
                node = _Node("class", src[pos : end + 1])
                pos = end + 1
            elif ch == "(":
                opener = next(
                    (o for o in ("(?:", "(?=", "(?!", "(?<=", "(?<!") if src.startswith(o, pos)),
                    None,
                )
                if opener is None:
                    return None  # capturing, named or flag groups: leave the pattern alone
                pos += len(opener)
                inner = alternation()
                if inner is None or pos >= n or src[pos] != ")":
                    return None
                pos += 1
                node = _Node("group", opener=opener, branches=inner)
            elif ch in "?*+{}]":
                return None
            elif ch in ".^$":
                node = _Node("other", ch)
                pos += 1
            else:
                node = _Node("lit", ch)
                pos += 1
            m = _QUANT.match(src, pos)
            if m is not None:
                node.quant = m.group()
                pos = m.end()
            branches[-1].append(node)
        return branches

    result = alternation()
    if result is None or pos != n:
        return None
    return result


_WORDISH = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
# one literal-first branch: first character, zero-width guard text to follow it, the rest
_Branch = tuple[str, str, list[_Node]]


def _as_is(seq: list[_Node], guards: tuple[str, ...]) -> list[_Branch]:
    """``guards + seq`` kept as written (a branch that cannot be made literal-first)."""
    written = {"b": "\\b", "l": "(?<!\\w)", "w": "(?=\\w)"}
    return [("", "".join(written.get(g, g) for g in guards), seq)]


def _lead(seq: list[_Node], guards: tuple[str, ...], budget: list[int]) -> list[_Branch] | None:
    """Rewrite ``guards + seq`` as an ordered list of branches, literal-first where possible
    (a branch whose first character is "" is kept as written); None when too many."""
    if not seq:
        return _as_is(seq, guards)
    head, rest = seq[0], seq[1:]
    text = head.text + head.quant
    if head.kind == "esc" and text == "\\b":
        return _lead(rest, (*guards, "b"), budget)
    if head.kind == "group" and head.opener in ("(?<!", "(?<=", "(?=") and not head.quant:
        inner = _emit_seq(head.branches[0]) if head.branches and len(head.branches) == 1 else ""
        if head.opener == "(?=" and inner == "\\w":
            return _lead(rest, (*guards, "w"), budget)
        if head.opener == "(?<!" and inner == "\\w":
            return _lead(rest, (*guards, "l"), budget)
        if head.opener != "(?=" and head.branches is not None and len(head.branches) == 1:
            return _lead(rest, (*guards, _emit(head)), budget)
        return _as_is(seq, guards)
    out: list[_Branch] = []
    if head.kind == "group" and head.opener == "(?:" and head.quant in ("", "?", "??"):
        options: list[list[_Node]] = [b + rest for b in head.branches or []]
        if head.quant == "?":
            options.append(rest)
        elif head.quant == "??":
            options.insert(0, rest)
        for option in options:
            sub = _lead(option, guards, budget)
            if sub is None:
                return None
            out.extend(sub)
        return out
    if head.kind == "lit" and head.quant in ("", "?", "??") and head.text not in "\\|()":
        options = [[_Node("lit", head.text), *rest]]
        if head.quant == "?":
            options.append(rest)
        elif head.quant == "??":
            options.insert(0, rest)
        if head.quant:
            for option in options:
                sub = _lead(option, guards, budget)
                if sub is None:
                    return None
                out.extend(sub)
            return out
        char = head.text
        moved: list[str] = []
        for g in guards:
            if g in ("w", "b"):  # both need a word character here; \b then a non-word before
                if char not in _WORDISH:
                    return _as_is(seq, guards)
                if g == "b":
                    moved.append("(?<!\\w.)")
            elif g == "l":
                moved.append("(?<!\\w.)")
            else:  # a lookbehind, widened by the character now consumed before it
                moved.append(g[:-1] + ".)")
        guard = "".join(dict.fromkeys(moved))
        budget[0] -= 1
        if budget[0] < 0:
            return None
        return [(char, guard, rest)]
    if head.kind == "class" and head.quant == "" and not head.text.startswith("[^"):
        body = head.text[1:-1]
        if not body or not all(c in _WORDISH for c in body):
            return _as_is(seq, guards)
        for char in body:
            sub = _lead([_Node("lit", char), *rest], guards, budget)
            if sub is None:
                return None
            out.extend(sub)
        return out
    return _as_is(seq, guards)


def _trie(items: list[tuple[list[str], list[_Node]]]) -> str:
    """Alternation of ``prefix + rest`` items (a prefix is literal characters and guards),
    factoring out common first tokens where the order of trial cannot change: an item only
    moves past items that start with a different literal character (they never match at
    the same place as it does).
    """
    groups: list[tuple[str, list[tuple[list[str], list[_Node]]]]] = []
    for prefix, rest in items:
        key = prefix[0] if prefix else ""
        target = None
        if key:
            for i in range(len(groups) - 1, -1, -1):
                gkey = groups[i][0]
                if gkey == key:
                    target = i
                    break
                if len(key) != 1 or len(gkey) != 1:
                    break
        if target is None:
            groups.append((key, [(prefix, rest)]))
        else:
            groups[target][1].append((prefix, rest))
    parts: list[str] = []
    for key, members in groups:
        if not key or len(members) == 1:
            parts.extend("".join(p) + _emit_seq(r) for p, r in members)
        else:
            parts.append(key + "(?:" + _trie([(p[1:], r) for p, r in members]) + ")")
    return "|".join(parts)


def _literal_prefix(seq: list[_Node]) -> tuple[list[str], list[_Node]]:
    i = 0
    while i < len(seq) and seq[i].kind == "lit" and not seq[i].quant and seq[i].text in _WORDISH:
        i += 1
    return [n.text for n in seq[:i]], seq[i:]


def shortest(heads: Iterable[str]) -> Heads:
    """``heads`` without those that extend another (the shorter one finds their places)."""
    kept: list[str] = []
    for head in sorted(heads):  # a head's extensions sort right after it
        if not kept or not head.startswith(kept[-1]):
            kept.append(head)
    return frozenset(kept)


def fast(src: str) -> tuple[str, Heads | None]:
    """An equivalent, faster-to-scan form of ``src`` (``src`` itself if no rewrite applies),
    and, when every match must start at a word start, the word heads it can match at."""
    tree = _parse(src)
    if tree is None or "|".join(_emit_seq(b) for b in tree) != src:
        return src, None
    budget = [_MAX_BRANCHES]
    branches: list[_Branch] = []
    for option in tree:
        sub = _lead(option, (), budget)
        if sub is None:
            return src, None
        branches.extend(sub)
    heads: Heads | None = None
    if all(c and c in _WORDISH and "(?<!\\w.)" in g for c, g, _ in branches):
        heads = shortest({char + "".join(_literal_prefix(rest)[0]) for char, _, rest in branches})
    items: list[tuple[list[str], list[_Node]]] = []
    for char, guard, rest in branches:
        if not char:
            items.append(([], [_Node("other", guard), *rest]))
            continue
        prefix, tail = _literal_prefix(rest)
        items.append(([char, guard, *prefix] if guard else [char, *prefix], tail))
    return _trie(items), heads


# Heads read from the parsed pattern, for the patterns :func:`fast` cannot rewrite (a leading
# lookahead, say ``\b(?=(?:says?|offers?)\s+(?:\w+\s+){0,2}?little\b)``, or an alternation
# too long to expand): a pattern whose every match starts at a word start, with one of a few
# literal beginnings, is tried only there, whatever its form.
_WORD_CHAR = re.compile(r"\w")
_MAX_HEADS = 300
_PREFIX_CAP = 8  # longer literal beginnings add nothing: the engine reads five characters
_NOT_AFTER_WORD = [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)])]
# one way a match can begin: (literal start, True if the whole sequence read so far is that
# literal, True if a word-start assertion holds before its first character)
_Start = tuple[str, bool, bool]


def _starts(items: list[Any]) -> set[_Start] | None:
    """The ways a match of the parsed sequence ``items`` can begin; None if too many."""
    out: set[_Start] = {("", True, False)}
    for op, arg in items:
        first = _item_starts(op, arg)
        if first is None:
            return None
        joined: set[_Start] = set()
        for text, whole, guard in out:
            if not whole or len(text) >= _PREFIX_CAP:
                joined.add((text, False, guard))
                continue
            for more, more_whole, more_guard in first:
                head = (text + more)[:_PREFIX_CAP]
                joined.add(
                    (
                        head,
                        more_whole and len(head) < _PREFIX_CAP,
                        guard or (not text and more_guard),
                    )
                )
        if len(joined) > _MAX_HEADS:
            return None
        out = joined
        if all(not whole for _, whole, _ in out):
            break
    return out


def _item_starts(op: Any, arg: Any) -> set[_Start] | None:
    """The ways one parsed item can begin (see :func:`_starts`)."""
    if op is _c.LITERAL:
        return {(chr(arg), True, False)}
    if op is _c.IN and all(o is _c.LITERAL for o, _ in arg):
        return {(chr(v), True, False) for _, v in arg}
    if op is _c.SUBPATTERN:
        _group, add, remove, sub = arg
        return _starts(list(sub)) if not add and not remove else {("", False, False)}
    if op is _c.BRANCH:
        found: set[_Start] = set()
        for branch in arg[1]:
            sub = _starts(list(branch))
            if sub is None:
                return None
            found |= sub
        return found
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, _high, sub = arg
        once = _starts(list(sub))
        if once is None:
            return None
        begun = {(text, False, guard) for text, _, guard in once}
        return begun | {("", True, False)} if low == 0 else begun
    if op is _c.AT:  # \b before a word character: the character before is not one
        return {("", True, arg is _c.AT_BOUNDARY)}
    if op is _c.ASSERT_NOT and arg[0] == -1 and list(arg[1]) == _NOT_AFTER_WORD:
        return {("", True, True)}  # (?<!\w)
    if op is _c.ASSERT and arg[0] == 1:  # (?=X): the match begins as X does
        ahead = _starts(list(arg[1]))
        if ahead is not None and all(text for text, _, _ in ahead):
            return {(text, False, guard) for text, _, guard in ahead}
        return {("", True, False)}
    if op in (_c.ASSERT, _c.ASSERT_NOT):  # other lookarounds consume nothing
        return {("", True, False)}
    return {("", False, False)}  # anything else: the match may begin with any character


def word_heads(src: str) -> Heads | None:
    """The heads of ``src`` read from its parse (None if some match may begin elsewhere than
    at a word start, or with no literal word character known): every match begins at the
    start of a word that begins with one of them. Heads stop at the first character that is
    not a word character and are at most ``_PREFIX_CAP`` long."""
    try:
        parsed = _parser.parse(src)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    found = _starts(list(parsed))
    if found is None:
        return None
    heads: set[str] = set()
    for text, _whole, guard in found:
        n = 0
        while n < len(text) and _WORD_CHAR.match(text[n]):
            n += 1
        if not guard or n == 0:
            return None
        heads.add(text[:n])
    return shortest(heads)
