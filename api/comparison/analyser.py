"""Rule-based analyser: which trauma-informed principles a text carries, with evidence.

The vocabulary is the twelve principles of ``principles.md``. Each principle has a
lexicon of phrase patterns (synonyms, paraphrases, British and American spellings,
inflections, hyphenation variants). Some patterns are *weak*: they only count when the
surrounding clause supports them (for example "work together" needs people rather than
agencies around it). *Co-occurrence* rules need several concepts in one sentence (for
example trauma + an effect on health or development for ``realise``). *Vetoes* remove
matches that sit inside a known trap (for example "safeguarding team", "NHS trust").

Matching runs on a length-preserving normalised copy of the text (curly quotes and
unicode dashes folded to ASCII), so every offset is an offset into the original text.
Everything is compiled at import; :func:`analyse` is pure and never raises on a ``str``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from api.comparison.vocabulary import PRINCIPLE_SLUGS

__all__ = ["METHOD_VERSION", "PRINCIPLE_SLUGS", "PrincipleFinding", "Span", "analyse"]

METHOD_VERSION: str = "rules-4.0"


@dataclass(frozen=True, slots=True)
class Span:
    """A slice of the original text: ``text[start:end] == quote``."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class PrincipleFinding:
    """One principle found in a text, with its evidence spans (sorted, disjoint)."""

    slug: str
    evidence: tuple[Span, ...]


# --------------------------------------------------------------------------------------
# Normalisation (length-preserving: one code point in, one code point out)
# --------------------------------------------------------------------------------------

_FOLD = str.maketrans(
    {
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
)


def _c(pattern: str) -> re.Pattern[str]:
    """Compile for matching against lower-cased text (case-sensitive matching is faster).

    Patterns use only lower-case-safe escapes (``\\b \\w \\s \\d``), so lower-casing the
    pattern text is harmless.
    """
    text, heads = _fast(pattern.lower())
    compiled = re.compile(text)
    if heads is not None and len(heads[0] | {h[0] for h in heads[1]}) >= _MANY_STARTS:
        _STARTS[id(compiled)] = heads
    return compiled


def _gap(n: int) -> str:
    """Up to ``n`` intervening words, never crossing sentence/clause punctuation."""
    return r"(?:[^\w.;:!?]+\w+){0," + str(n) + r"}?[^\w.;:!?]+"


def _alt(*parts: str) -> str:
    return "(?:" + "|".join(parts) + ")"


# a zero-width guard for concepts whose every branch starts a word: it rejects mid-word
# positions in one step instead of trying each branch there (a large share of scan time)
_W = r"(?<!\w)(?=\w)"


# --------------------------------------------------------------------------------------
# Pattern optimisation (exact: the rewritten pattern matches the same spans everywhere)
#
# Python's regex engine can only skip ahead quickly when a pattern starts with a literal
# character (or an alternation whose branches all do); a pattern that starts with ``\b``
# or a lookaround is tried at every position of the text. ``_fast`` rewrites a pattern into
# an alternation of literal-first branches grouped by first character, using identities of
# backtracking matching that keep the order in which alternatives are tried:
#   (?:A|B)R == AR|BR,  X?R == XR|R,  X??R == R|XR,  [ab]R == aR|bR,
#   cA|dB == dB|cA for distinct literal characters c and d (they never match at one place),
#   a leading boundary before a word character c == c followed by (?<!\w.),
#   a leading lookbehind (?<!L) or (?<=L) == c followed by (?<!L.) or (?<=L.).
# Whatever it cannot rewrite it leaves as written.
# --------------------------------------------------------------------------------------

# the word heads a pattern that can only match at a word start can match at: first
# characters it may start with whatever follows, and first two characters it may start with
_Heads = tuple[frozenset[str], frozenset[str]]
# id() of a compiled pattern that can only match at a word start -> its heads (only for
# patterns with at least _MANY_STARTS first characters: for fewer, the engine's own skipping
# to a possible first character is faster than trying word starts from Python)
_STARTS: dict[int, _Heads] = {}
_MANY_STARTS = 4
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


def _fast(src: str) -> tuple[str, _Heads | None]:
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
    heads: _Heads | None = None
    if all(c and c in _WORDISH and "(?<!\\w.)" in g for c, g, _ in branches):
        one: set[str] = set()
        two: set[str] = set()
        for char, _, rest in branches:
            prefix = _literal_prefix(rest)[0]
            if prefix:
                two.add(char + prefix[0])
            else:
                one.add(char)
        heads = (frozenset(one), frozenset(two))
    items: list[tuple[list[str], list[_Node]]] = []
    for char, guard, rest in branches:
        if not char:
            items.append(([], [_Node("other", guard), *rest]))
            continue
        prefix, tail = _literal_prefix(rest)
        items.append(([char, guard, *prefix] if guard else [char, *prefix], tail))
    return _trie(items), heads


# --------------------------------------------------------------------------------------
# Shared concept lexicons
# --------------------------------------------------------------------------------------

# trauma and adversity as a *cause* (not the "trauma-informed" label of an approach)
_TRAUMA = _alt(
    r"\btrauma(?<!-trauma)(?<!secondary\strauma)(?<!vicarious\strauma)\w*\b"
    r"(?![-\s](?:informed|aware|sensitive|"
    r"responsive|specific|focused|strategy|knowledge|lens|in\s+mind|"
    r"lead|leads|team|champions?|training|practitioners?|services?|programmes?|programs?)\b)",
    r"\b(?:childhood\s+|early\s+|early\s+life\s+)?adversit(?:y|ies)\b",
    r"\badverse\s+(?:childhood\s+)?(?:experiences?|events?)\b",
    r"\bACEs\b",
    r"\b(?:childhood\s+|child\s+)?(?:abuse|neglect|maltreatment)\b",
    r"\bdomestic\s+(?:abuse|violence)\b",
    r"\btoxic\s+stress\b",
    r"\b(?:frightening|traumatic|painful|adverse|overwhelming|abusive|distressing|harmful|"
    r"terrifying|difficult|hard|traumatising|traumatizing)\s+(?:early\s+|childhood\s+|life\s+|past\s+)?(?:experiences?|events?|"
    r"childhoods?|pasts?)\b",
    r"\b(?:early|childhood)\s+(?:life\s+)?(?:harm|experiences)\b",
)
# any mention of trauma, including "trauma-informed" (used by `respond`)
_TRAUMA_ANY = (
    r"(?:\btrauma\w*|-traumati\w*|\badversit(?:y|ies)\b|\bACEs\b|\bACE[-\s](?:aware|informed))"
)

# a broader "what happened to people" concept for sentence co-occurrence rules: adversity
# in other words ("early harm", "what happens to a child", "harmed as children", "past
# hurt"); never the staff-side "secondary trauma" or the "trauma-informed" label
_ADVERSITY = _alt(
    _TRAUMA,
    r"\btrauma(?<!-trauma)(?<!secondary\strauma)(?<!vicarious\strauma)(?:s|tic)?\b"
    r"(?![-\s](?:informed|aware|sensitive|"
    r"responsive|lead|leads|team|training|programmes?|programs?|strategy|practice|care|"
    r"knowledge|lens|in\s+mind)\b)",
    r"\b(?:early|past|earlier|previous|childhood|historic(?:al)?|lifelong|mass)\s+"
    r"(?:\w+\s+)?(?:harm|hurt|abuse|neglect|losses?|violence|wounds?|trauma\w*)\b",
    r"\b(?:harmed|hurt|abused|neglected|traumati[sz]ed)\s+(?:as\s+(?:a\s+)?(?:children|child|"
    r"kids?)|in\s+childhood|when\s+(?:they|he|she)\s+(?:was|were)\s+young)\b",
    r"\bwhat\s+(?:has\s+)?happen(?:s|ed)\s+to\s+(?:a\s+|the\s+)?(?:child|children|"
    r"people|someone|them|you|a\s+person|babies|young\s+people)\b",
    r"\b(?:frightening|painful|hurtful|terrible|awful|bad)\s+things\b",
    r"\b(?:exposure\s+to|witness\w*|experienc\w*|liv\w*\s+(?:through|with))\s+(?:\w+\s+)?"
    r"(?:violence|abuse|neglect|conflict|war|poverty|racism|loss|bereavement|displacement)\b",
    r"\b(?:racism|discrimination|oppression|displacement|colonisation|colonization|"
    r"bereavement|poverty)\b\s+(?:\w+\s+){0,6}?(?:sources?\s+of|forms?\s+of)\s+trauma",
    r"\bhistorical\s+(?:trauma|oppression)\b",
    r"\b(?:earliest|early)\s+(?:years|months|childhood)\b",
    r"\bdomestic\s+(?:abuse|violence)\b",
    r"\b(?:things|what)\s+(?:that\s+)?happen(?:s|ed)?\s+to\s+(?:us|them|children|people|you|a\s+child)\b",
    r"\bgrowing\s+up\s+(?:with|in|around|amid)\s+(?:\w+\s+){0,2}?(?:violence|abuse|neglect|addiction|"
    r"poverty|fear|conflict|chaos)\b",
    r"\b(?:harm|hurt|abuse|neglect|trauma|adversity|violence)\s+in\s+(?:early\s+)?(?:childhood|"
    r"early\s+life|the\s+early\s+years)\b",
    r"\b(?:tough|hard|difficult|rough|traumatic|chaotic|frightening)\s+(?:time|start)\s+"
    r"(?:growing\s+up|in\s+life|as\s+(?:a\s+)?(?:child|children|kids?))\b|"
    r"\b(?:tough|difficult|traumatic|chaotic|abusive|unsettled|neglectful)\s+(?:childhoods?|"
    r"upbringings?)\b",
    r"\b(?:felt|experienced|suffered|endured|went\s+through)\s+(?:\w+\s+){0,2}?as\s+(?:a\s+)?"
    r"(?:children|child|kids?|young\s+people)\b",
    r"\b(?:harmed|hurt|abused|failed|let\s+down|traumati[sz]ed)\s+by\s+(?:\w+\s+)?(?:institutions|"
    r"services|systems?|the\s+care\s+system|professionals|adults|carers|parents)\b",
    r"\bgenerations\s+of\s+(?:\w+\s+)?(?:racism|oppression|abuse|trauma|poverty|violence|"
    r"discrimination)\b",
    r"\bwhat\s+(?:has\s+)?happen(?:s|ed)\s+to\s+(?:that|this|the|a|each|their)\s+(?:\w+\s+)?"
    r"(?:parent|child|person|family|mother|father|adult)\b",
    r"\bwhat\s+(?:a|the|each)\s+(?:child|person|parent|young\s+person)\s+(?:has|had)\s+been\s+"
    r"through\b|\bwhat\s+(?:they|he|she)\s+(?:have|has|had)\s+been\s+through\b",
    r"\b(?:faced|endured|suffered|lived\s+with|experienced)\s+(?:\w+\s+){0,2}?(?:rejection|"
    r"bullying|discrimination|racism|violence|abuse|exploitation|persecution|loss)\b",
    r"\b(?:tough|hard|difficult|bad|painful|scary|frightening|horrible|awful|terrible)\s+"
    r"(?:stuff|times|things|experiences)\b|\b(?:violence|abuse|fighting|conflict)\s+at\s+home\b|"
    r"\bbeing\s+(?:bullied|abused|neglected|hurt|harmed|exploited|groomed)\b|"
    r"\blos(?:ing|s\s+of)\s+(?:someone|a\s+parent|a\s+loved\s+one|a\s+carer|(?:their|his|her)\s+"
    r"(?:mum|dad|mother|father|parents?|home|family))\b|\bhistor(?:y|ies)\s+of\s+(?:\w+\s+)?"
    r"(?:abuse|trauma|violence|neglect|adversity|harm|exploitation)\b",
)
# an effect that reaches beyond the moment: development, health, behaviour, life chances,
# lasting or across generations (used with _ADVERSITY for `realise`)
_LASTING_EFFECT = _alt(
    r"\b(?:affect|affects|affected|affecting|shape|shapes|shaped|shaping|impacts?|impacted|"
    r"influences?|influenced|alters?|altered|damages?|damaged|harms|undermines?|disrupts?|"
    r"derails?|rewires?)\b(?<!past\sharms)(?<!earlier\sharms)(?<!previous\sharms)"
    r"(?!\s+by\s+(?:an?\s+|their\s+|our\s+)?(?:understanding|knowledge))"
    # what is shaped is a person's life, not the organisation's practice (that is `respond`)
    r"(?!\s+(?:\w+\s+)?(?:practice|polic\w+|procedures?|services?|programs?|programmes?|"
    r"training|systems?|commissioning|provision|decisions|design|staffing|delivery|"
    r"the\s+way\s+we|how\s+we)\b)",
    r"\b(?:effects?|impacts?|consequences?)\s+(?:\w+\s+){0,2}?on\b",
    r"\b(?:legacy|toll|marks|scars|ripples?|ripple\w*)\b",
    r"\b(?:lasting|long[-\s]?(?:term|lasting)|lifelong|life[-\s]long|for\s+years|years\s+later|"
    r"into\s+adult(?:hood|\s+life)|long\s+into|across\s+(?:the\s+)?generations|"
    r"(?:passed|handed)\s+(?:down|on)|over\s+a\s+lifetime)\b",
    r"\b(?:stir|stirs|stirred|bring|brings|brought|bringing)\s+(?:\w+\s+)?(?:up|back)\s+"
    r"(?:\w+\s+){0,2}?(?:memories|feelings|fear)\b",
    r"\b(?:is|are|was|were|remains?)\s+(?:\w+\s+)?(?:common|widespread|prevalent|pervasive|"
    r"far\s+more\s+common|more\s+common|the\s+norm)\b",
    r"\b(?:most|many|majority)\s+of\s+(?:the\s+)?(?:people|children|families|parents|adults|"
    r"women|young\s+people|those)\b",
    r"\bfollow\w*\s+(?:\w+\s+){0,2}?into\b|\b(?:adult|later)\s+(?:lives|life)\b|"
    r"\b(?:brains?|bodies)\s+develop\w*|\bchange\w*\s+the\s+way\s+(?:a\s+|the\s+)?(?:\w+'s\s+)?"
    r"(?:brain|child|children|people|they)\b|\bdo(?:es)?\s+not\s+stay\s+in\s+(?:the\s+)?past\b",
    r"\b(?:developing\s+brains?|brain\s+development|life\s+chances|physical\s+health|"
    r"mental\s+health\s+(?:later|in\s+adult))\b",
    r"\b(?:years|decades)\s+later\b|\bshow\w*\s+up\s+(?:\w+\s+){0,2}?(?:later|in\s+adult\w*|as)\b|"
    r"\bsurfac\w*\s+(?:\w+\s+){0,2}?later\b|\bdoes\s+not\s+stay\b|\bdoesn't\s+stay\b",
    r"\b(?:wary|mistrustful|distrustful|suspicious|fearful)\s+of\b|"
    r"\b(?:hard|difficult|harder)\s+to\s+(?:ask\s+for\s+help|trust|engage|accept\s+help|"
    r"concentrate|learn|settle|parent)\b|\bfind\w*\s+(?:it\s+)?(?:\w+\s+)?(?:hard|difficult|"
    r"harder)\b",
    r"\bcarr(?:y|ies|ied|ying)\s+(?:\w+\s+){0,2}?(?:forward|into)\b|"
    r"\binterfer\w*\s+with\b|\bget\w*\s+in\s+the\s+way\s+of\b|"
    r"\bcontribut\w*\s+to\b|\b(?:raise|raises|increase|increases)\s+the\s+risk\b",
    r"\b(?:lots|plenty)\s+of\s+(?:\w+\s+)?(?:people|parents|children|families|adults)\b",
    # prevalence in other words ("many patients have histories of abuse")
    r"\b(?:many|most|a\s+(?:large|high|significant)\s+(?:number|proportion|share)\s+of|"
    r"the\s+(?:vast\s+)?majority\s+of)\s+(?:the\s+|our\s+)?(?:\w+\s+)?(?:people|patients|children|"
    r"families|parents|adults|women|men|young\s+people|clients|pupils|students|tenants|residents|"
    r"service\s+users|prisoners|offenders|those|girls|boys|learners|veterans)\b"
    r"(?=\s+(?:\w+\s+){0,6}?(?:have|has|had|carry|bring|live|lived|come|arrive|experienced|were|"
    r"are)\b)",
    r"\bdisproportionately\s+(?:likely|affected|exposed|represented)\b|\b(?:more|far\s+more|"
    r"much\s+more|twice\s+as|(?:two|three|four|five|several|many)\s+times\s+(?:as|more))\s+likely\s+(?:than\s+\w+\s+)?to\s+"
    r"(?:have\s+)?(?:been|experienced|suffered|faced|lived|be\s+victims)\b|\bover[-\s]?represent\w*|"
    r"\b(?:nearly|almost)\s+(?:all|every)\b|\b(?:one|1)\s+in\s+(?:\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|twenty|every)\b|\b[0123456789][0-9]*\s?(?:%|per\s?cent)",
)

_PERSON = (
    r"\b(?:famil(?:y|ies)|parents?|carers?|children(?!'s\s+services)|child\b(?!'s\s+services)|"
    r"young\s+(?:people|persons?)|youth|kids|clients?|service\s+users?|patients?|people|"
    r"survivors?|communit(?:y|ies)|residents|individuals|users|consumers|pupils|students|"
    r"learners|women|men|adults|tenants|citizens|elders|those\s+we\s+\w+)\b"
)
# who gets a choice: the people served, named or as a pronoun ("you will have a say")
_CHOOSER = _alt(
    _PERSON,
    r"\b(?:they|you|she|he|any\s+of\s+them|anyone|everyone|participants?|detainees?|victims?|prisoners?|applicants?|"
    r"members?|mothers?|fathers?|mums?|dads?|girls?|boys?|learners?|callers?|guests?|"
    r"(?:each|every)\s+(?:\w+\s+)?(?:woman|man|client|child|person|parent|family|young\s+person|"
    r"pupil|student|patient|participant|survivor|resident|member|individual|tenant|carer))\b",
)
_AGENCY = (
    r"\b(?:agenc(?:y|ies)|multi[-\s]?agency|inter[-\s]?agency|police|schools?|health|NHS|"
    r"education|housing|probation|professionals|colleagues|departments?|organi[sz]ations|"
    r"sectors?|partners|councils?|practitioners|providers|GPs?|hospitals?|courts?|"
    r"local\s+authorit\w+|social\s+care|social\s+services|services)\b"
)
_STAFF = (
    r"\b(?:staff|workforce|workers?|employees?|practitioners?|professionals?|colleagues|"
    r"social\s+workers?|case\s?workers?|team\s+members?|teachers|clinicians|nurses|"
    r"managers|front[-\s]?line\s+\w+|the\s+team)"
)

_ADVERSITY = _W + _ADVERSITY
_LASTING_EFFECT = _W + _LASTING_EFFECT
_STAFF = _W + _STAFF

# --------------------------------------------------------------------------------------
# Rule types
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rule:
    """A phrase pattern, optionally conditioned on its clause.

    ``need``: the clause must also contain this; ``forbid``: the clause must not contain
    this; ``doc_need``: the whole text must contain this somewhere (topic context, e.g. a
    screening step only counts in a text that is about trauma). ``key``: literal substrings
    of which the lower-cased text must contain one, a cheap test that skips the regex scan
    for most texts (it never changes what matches, only saves time).
    """

    pattern: re.Pattern[str]
    need: re.Pattern[str] | None = None
    forbid: re.Pattern[str] | None = None
    sentence_scope: bool = False
    doc_need: re.Pattern[str] | None = None
    key: tuple[str, ...] = ()
    source: str = ""  # the pattern as written (lower-cased), for joining


@dataclass(frozen=True, slots=True)
class _CoRule:
    """All parts must occur in one window of ``window`` consecutive sentences (1: the same
    sentence; 2 also lets a pronoun's sentence pair with the one before it); evidence joins
    the parts if they are close. ``doc_need``: the whole text must contain this somewhere.
    """

    parts: tuple[re.Pattern[str], ...]
    window: int = 1
    doc_need: re.Pattern[str] | None = None
    key: tuple[str, ...] = ()


def _r(
    pattern: str,
    need: str | None = None,
    forbid: str | None = None,
    sentence_scope: bool = False,
    doc_need: str | None = None,
    key: str | None = None,
) -> _Rule:
    return _Rule(
        _c(pattern),
        _c(need) if need else None,
        _c(forbid) if forbid else None,
        sentence_scope,
        _c(doc_need) if doc_need else None,
        tuple(key.split("|")) if key else (),
        pattern.lower(),
    )


def _co(
    *parts: str, window: int = 1, doc_need: str | None = None, key: str | None = None
) -> _CoRule:
    return _CoRule(
        tuple(_c(p) for p in parts),
        window,
        _c(doc_need) if doc_need else None,
        tuple(key.split("|")) if key else (),
    )


# --------------------------------------------------------------------------------------
# Per-principle lexicons
# --------------------------------------------------------------------------------------

_SAFE_WORD = r"(?:safe|safer|safest|safely|safety|secure|security)"
_MODES = r"(?:physical(?:ly)?|emotional(?:ly)?|psychological(?:ly)?|mental(?:ly)?|cultural(?:ly)?)"
_MODE_LIST = _MODES + r"(?:\s*(?:,|and|or|as\s+well\s+as)\s*(?:both\s+)?" + _MODES + r")*"

_SAFETY: list[_Rule | _CoRule] = [
    _r(
        r"\b(?:feel\w*|felt|be|being|are|is|kept|keep\w*|stay\w*|remain\w*|made|make\w*|"
        r"remain)\s+(?:\w+\s+){0,2}?(?:safe|safer|safety)\b"
        r"(?:\s*,?\s*(?:both\s+|not\s+just\s+|not\s+only\s+)?" + _MODE_LIST + r")?"
    ),
    _r(r"\b" + _MODE_LIST + r"\s+(?:and\s+\w+\s+)?" + _SAFE_WORD + r"\b"),
    _r(r"\b(?:safe|safer|safest|safely|safety)\b"),
    _r(
        r"\b(?:feel\w*|felt|emotionally|physically|psychologically|sense\s+of|safe\s+and|"
        r"are|be|being)\s+(?:\w+\s+){0,3}?secur(?:e|ity)\b(?:\s+and\s+protected)?"
    ),
    _r(r"\bsecure\s+(?:base|attachments?|environments?|and\s+(?:protected|safe|stable))\b"),
    _r(r"\bsense\s+of\s+(?:safety|security)\b"),
    _r(
        r"\b(?:quiet|calm|sensory|calming|safe)\s+(?:rooms?|spaces?|areas?|corners?|places?|zones?)\b"
    ),
    _r(
        r"\bcalm(?:ing|er)?\s+(?:and\s+\w+\s+)?(?:environments?|spaces?|settings?|places?|"
        r"rooms?|atmospheres?|routines?|surroundings)\b"
    ),
    _r(
        r"\b(?:environments?|spaces?|settings?|places?|rooms?|atmospheres?|surroundings|homes?)"
        + _gap(3)
        + r"(?:calm|calming|welcoming|soothing|homely|unhurried|peaceful|comfortable)\b"
    ),
    _r(
        r"\bfree\s+from\s+(?:\w+\s+){0,2}?(?:threat|harm|fear|danger|violence|abuse|"
        r"intimidation)s?\b"
    ),
    _r(r"\b(?:feel\w*|felt)\s+(?:\w+\s+and\s+)?protected\b"),
    _r(
        r"\b(?:not|never|no(?!\s+longer)|without)\s+(?:\w+\s+){0,4}?(?:shout\w*|threat\w*|"
        r"intimidat\w*|fear|frighten\w*|punitive)\b"
    ),
    _r(
        r"\b(?:feels?|feel\s+like|designed\s+to\s+feel|made\s+to\s+feel)\s+(?:\w+\s*(?:and|,)\s+)?"
        r"(?:calm|calming|welcoming|homely|soothing|peaceful|unthreatening|non[-\s]threatening)\b"
    ),
    _r(
        r"\b(?:space|place|somewhere|environment|home)\s+where\s+(?:\w+\s+){0,3}?(?:can|could|"
        r"are\s+able\s+to|feel\s+able\s+to)\s+be\s+(?:themselves|yourself|himself|herself|"
        r"who\s+(?:they|you)\s+are)\b"
    ),
    _r(
        r"\bprotect(?:ed|s|ing)?\s+(?:\w+\s+){0,3}?from\s+(?:\w+\s+)?(?:harm|abuse|danger|violence|"
        r"threats?|fear|(?:their|an?|the)\s+(?:alleged\s+)?abusers?)\b",
        forbid=r"\bsafeguard\w*|\bduty\b|\bduties\b|\bstatutory\b|\bresponsibilit\w*",
        key="protect",
    ),
    _r(r"\b(?:threats?|danger)\s+(?:is|are)\s+(?:reduced|minimi[sz]ed|removed)\b"),
]
_SAFETY_VETO = _c(
    _alt(
        r"\bhealth\s+and\s+safety\b",
        r"\b(?:community|road|fire|food|building|public|product|water)\s+safety\b",
        r"\bsafety\s+(?:officers?|partnerships?|inspections?|certificates?|regulations?)\b",
        r"\bsafer?\s+recruitment\b",
        r"\bsafe\s+and\s+well\s+(?:checks?|visits?)\b",
        r"\bsafe\s+to\s+(?:say|assume)\b",
        r"\bfail[-\s]?safe\b",
        r"\bkeeping\s+children\s+safe\s+in\s+education\b",
        r"\bsafe\s+(?:families|lives)\b",
        r"\bsafety\s+plan(?:s|ning)?\b",
        r"\bsecure\s+(?:units?|accommodation|children's\s+homes?|estates?|hospitals?|funding|"
        r"e-?mail|storage|servers?|data|records|premises|sites?|a|an|the|their|our)\b",
        r"\b(?:cyber|data|information|job|food|financial|income|social|national)\s+security\b",
        r"\bsecurity\s+(?:guards?|staff|teams?|checks?|vetting|clearance|officers?)\b",
    )
)

_TRUST: list[_Rule | _CoRule] = [
    _r(
        r"\bexplained\s+(?:to\s+(?:them|you|him|her|families|parents|children|people|the\s+\w+)|"
        r"clearly|beforehand|in\s+advance|first|in\s+plain)\b"
    ),
    _r(
        r"\b(?:tell|tells|telling|told|inform|informs|informed|warn|warns|warned)\s+"
        r"(?:\w+\s+){0,4}?(?:first|beforehand|in\s+advance|ahead\s+of\s+time|straight\s+away)\b"
    ),
    _r(
        r"\bto\s+(?:your|their|his|her)\s+faces?\b|\bbehind\s+(?:your|their|his|her|people's)\s+"
        r"backs?\b|\bcomes?\s+as\s+a\s+(?:shock|surprise)\b|\bno\s+surprise\b|"
        r"\b(?:copy|copies)\s+of\s+(?:\w+\s+){0,2}?(?:reports?|records?|notes|plans?|minutes)\b"
    ),
    _r(
        r"\b(?:reasons?|rationale)\s+(?:behind|for)\s+(?:them|it|this|decisions?|"
        r"the\s+(?:rules?|decisions?|plan|changes?))\b|\bapplied\s+(?:the\s+same\s+way|"
        r"consistently|fairly|equally)\b|\bconsistently\s+applied\b|\bstraight\s+with\b"
    ),
    _r(r"\btrustworth\w*"),
    _r(r"\btransparen\w*"),
    _r(r"\b(?:honest|honesty|honestly)\b"),
    _r(r"\bopen(?:ly)?\s+(?:and\s+honest|with|about)\b"),
    _r(r"\b(?:openness|openly)\b"),
    _r(r"\bpredictab(?:le|ly|ility)\b"),
    _r(r"\b(?:reliable|reliably|reliability|dependable|dependability|integrity)\b"),
    _r(
        r"\b(?:build|builds|building|built|earn|earns|earning|earned|gain|gains|gaining|"
        r"develop\w*|establish\w*|restor\w*|rebuild\w*|foster\w*|maintain\w*|win|winning|"
        r"repair\w*|nurtur\w*|grow\w*)\s+(?:\w+\s+){0,3}?trust\b"
    ),
    _r(
        r"\btrust\s+(?:is|are|can\s+be|has\s+to\s+be|must\s+be)\s+(?:\w+\s+)?(?:built|earned|"
        r"established|developed|restored|gained)\b"
    ),
    _r(r"\brelationships?\s+of\s+trust\b"),
    _r(
        r"\btrust\b",
        forbid=r"\b(?:NHS|foundation|hospital|ambulance|academy|housing|charitable|trustees?|"
        r"board)\b",
    ),
    _r(
        r"\bexpla(?:in|ins|ined|ining|nation|nations)\s+(?:\w+\s+){0,4}?(?:why|decisions?|"
        r"reasons?|reasoning|options|rights|choices|how\s+and\s+why|how\s+decisions|"
        r"what\s+(?:will|is\s+going\s+to|we\s+are|they\s+can|happens))\b"
    ),
    _r(r"\bdecisions?\s+(?:\w+\s+){0,3}?(?:are|is|being)\s+(?:\w+\s+)?explained\b"),
    _r(r"\b(?:clear|honest|open|upfront|up\s+front)\s+(?:with\s+\w+\s+)?about\b"),
    _r(r"\bup[-\s]?front\b"),
    _r(r"\bplain\s+(?:language|english)\b|\bjargon[-\s]?free\b|\bwithout\s+jargon\b"),
    _r(
        r"\b(?:tell|tells|telling|told|explain\w*|shar\w*|say|says)\s+(?:\w+\s+){0,2}?what\s+"
        r"(?:\w+\s+)?(?:are|is|we're)\s+(?:\w+\s+)?(?:worried|concerned)\s+about\b"
    ),
    _r(
        r"\b(?:keep\w*|kept)\s+(?:\w+\s+)?(?:promises|word)\b|\bpromises\s+(?:are|is)\s+kept\b|"
        r"\bdo\s+what\s+(?:we|they|you|I)\s+(?:say|said|promise\w*)|\bfollow\w*\s+through\b|"
        r"\bdeliver\w*\s+on\s+(?:\w+\s+)?promises\b|\bsay\s+what\s+we\s+(?:do|mean)\b"
    ),
    _r(r"\bknow\w*\s+who\s+(?:they|you|we)\s+will\s+(?:see|meet)\b"),
    # what will happen, explained beforehand or with the reasons
    _r(
        r"\b(?:explain\w*|tell|tells|telling|told|say|show\w*|inform\w*|talk\w*\s+through)\s+"
        r"(?:\w+\s*,?\s+){0,3}?(?:what|how|who|why)\s+(?:\w+\s+){0,6}?(?:and\s+why|before\s+"
        r"(?:it|they|we|the|any|anything)|beforehand|in\s+advance|ahead\s+of)\b"
    ),
    _r(
        r"\b(?:explain\w*|tell|tells|telling|told|inform\w*)\s+(?:\w+\s*,?\s+){0,3}?"
        r"(?:what|who|how)\s+(?:\w+\s+){0,4}?(?:will|would|might|may|is\s+going\s+to|"
        r"are\s+going\s+to|could)\s+(?:\w+\s+)?(?:happen\w*|be\s+decided|be\s+there|involve|do|"
        r"expect|be\s+used|be\s+shared|be\s+recorded)\b"
    ),
    _r(
        r"\b(?:explain\w*|signall?ed|signal\w*|flagged|announced|prepared\s+for|warned\s+about|"
        r"talked\s+through)\s+(?:\w+\s+){0,2}?(?:in\s+advance|beforehand|ahead\s+of\s+time|first)\b|"
        r"\bchanges?\s+(?:\w+\s+){0,2}?(?:are|is)\s+(?:\w+\s+)?(?:signall?ed|explained|announced|"
        r"flagged|discussed)\b"
    ),
    _r(
        r"\bknow\w*\s+what\s+(?:comes|happens|is\s+coming|will\s+happen)\s+next\b|"
        r"\broutines?\s+(?:\w+\s+){0,2}?(?:stays?|remains?|is|are|kept)\s+(?:\w+\s+)?(?:the\s+same|"
        r"consistent|predictable)\b"
    ),
    _r(
        r"\b(?:tell|tells|telling|told)\s+(?:\w+\s+){0,5}?the\s+truth\b|\btruthful\w*|"
        r"\b(?:keep\w*|kept)\s+(?:\w+\s+){0,2}?(?:informed|updated|up\s+to\s+date|in\s+the\s+loop)\b|"
        r"\btell\s+(?:\w+\s+){0,3}?(?:if|when)\s+(?:we|they)\s+(?:cannot|can't|won't|are\s+unable)"
        r"\s+(?:\w+\s+){0,3}?(?:and\s+why|why)\b|"
        r"\btell\s+(?:you|them|families|parents|children)\s+(?:themselves|in\s+person|"
        r"face\s+to\s+face|directly)\b"
    ),
    _r(
        r"\bexplain\w*\s+(?:\w+\s+){0,2}?(?:clearly|honestly|openly)\b|\bclear\s+about\s+(?:what|how|"
        r"why|when)\b"
    ),
    _r(
        r"\bknow\w*\s+what\s+to\s+expect\b|\bwhat\s+(?:will|is\s+going\s+to)\s+happen"
        r"(?:\s+next)?(?:\s+and\s+why)?"
    ),
    _r(r"\b(?:see|access|read)\s+what\s+is\s+(?:written|recorded|said)\b"),
    _r(r"\binformation\s+(?:is\s+)?shar\w*\s+(?:\w+\s+){0,3}?(?:openly|transparently|explained)"),
    _r(r"\bno\s+surprises\b|\bnever\s+(?:be\s+)?surprised\b"),
    _r(r"\bshar\w*\s+(?:their|our|my|its)\s+(?:thinking|reasoning|concerns|worries|reasons)\b"),
    _r(r"\baccountab\w*\s+to\s+(?:\w+\s+)?" + _PERSON),
    _r(
        r"\b(?:tell|tells|telling|admit\w*|own\w*|acknowledg\w*|apologi[sz]\w*)\s+(?:\w+\s+){0,3}?"
        r"(?:when\s+(?:we|they|things)\s+(?:get\s+things\s+|are\s+|go\s+)?wrong|mistakes)\b"
    ),
]
_TRUST_VETO = _c(
    _alt(
        # a reliable adult is about the relationship
        r"\b(?:reliable|dependable)(?:\s*,\s*\w+)?\s+(?:adults?|persons?|workers?|carers?|figures?|"
        r"presence)\b",
        r"\b(?:NHS|foundation|hospital|housing|charitable|academy|ambulance|mental\s+health|"
        r"care|wildlife|national|land)\s+trusts?\b",
        r"\btrusts?\s+(?:board|staff|employees|policy|policies|fund)\b",
        r"\b(?:reliable|reliability)\s+(?:data|evidence|measures?|instruments?|results?)\b",
        r"\b(?:struggl\w*|difficult\w*|unable|hard|harder|inability)\s+(?:\w+\s+)?to\s+trust\b",
        r"\b(?:lose|lost|losing|loss\s+of|lack\s+of|no)\s+trust\b",
        # a child's capacity to trust is about the effects of harm, not the service's honesty
        r"\b(?:learn\w*|able|ability|capacity|how|begin|start\w*|willing\w*)\s+(?:\w+\s+)?to\s+"
        r"trust\b",
        r"\btrust\s+(?:adults|others|anyone|again|grown[-\s]ups)\b",
        r"\b(?:difficult\w*|problems?|issues?|struggl\w*)\s+with\s+trust(?:ing)?\b",
        r"\b(?:hard|difficult|harder|struggl\w*|unable)\s+to\s+(?:\w+\s*,?\s+){1,6}?(?:or|and)\s+"
        r"trust\b",
        # the organisation called a Trust
        r"\btrust(?:'s|s')",
        r"\b(?:our|the|this|each|every)\s+trust\s+(?:defines|has|will|aims|believes|provides|"
        r"runs|operates|employs|serves|commits|expects|board|wide|policy)\b",
        r"\bopen\s+about\s+(?:their|his|her|my|our)\s+own\b",
        r"\breliab\w*\s+(?:over\s+time|of\s+(?:the\s+)?(?:worker|adult|carer|relationship))\b",
        # the organisation called a Trust doing something ("the Trust recognises the unions")
        r"\b(?:the|our|this|each|every|a)\s+trust\s+(?:also\s+|currently\s+|now\s+)?(?:recogni[sz]es|"
        r"works|worked|negotiates|pledges|employs|serves|runs|operates|provides|"
        r"commissions|delivers|covers|manages|funds|offers|wants|aims|agrees|publishes|board)\b",
        # a trusted person named in passing ("a member of staff they trust")
        r"\b(?:adults?|staff|persons?|people|someone|somebody|workers?|professionals?|figures?|"
        r"friends?|grown[-\s]ups?|teachers?|carers?)\s+(?:whom\s+|who\s+|that\s+)?(?:they|you|he|"
        r"she|children|pupils|the\s+child)\s+(?:\w+\s+)?trust\b",
        # reliable relationships are the relationship principle
        r"\b(?:reliable|dependable)(?:\s*(?:,|and)\s*\w+)*\s+(?:relationships?|bonds?|"
        r"attachments?|connections?|presence)\b",
    )
)

_LIVED = _alt(
    r"\blived[-\s]experiences?\b",
    r"\bexperts?\s+by\s+experience\b",
    r"\bcare[-\s]experienced?\b",
    r"\bbeen\s+through\b",
    r"\b(?:similar|shared)\s+(?:experiences|difficulties|situations|challenges)\b",
    r"\bin\s+recovery\s+(?:themselves|too)\b",
    r"\b(?:who|that)\s+(?:have|has|had)\s+(?:themselves\s+|also\s+)?(?:experienced|faced|"
    r"lived\s+through|survived|overcome)\b",
    r"\bcare\s+leavers?\b",
    r"\bsurvivors?\b",
    r"\bthemselves\b",
    r"\b(?:have|has|had)\s+(?:\w+\s+)?(?:left|been\s+in)\s+care\b",
    r"\bin\s+their\s+own\s+(?:lives|families|childhoods?|pasts?)\b",
    r"\b(?:grew|grown|growing)\s+up\s+in\s+care\b",
    r"\bformer\s+(?:service\s+users|clients|patients|guests|residents|users|"
    r"offenders|prisoners|addicts|looked[-\s]after\s+children|care\s+leavers|\w+\s+users)\b",
    r"\b(?:have|has|had)\s+(?:all\s+|also\s+|both\s+)?(?:had\s+(?:their\s+)?children\s+"
    r"removed|been\s+subject\s+to|used\s+(?:the\s+|our\s+)?services?|been\s+there)\b",
    r"\bfrom\s+the\s+inside\b|\breally\s+(?:gets?|understands?)\s+it\b|"
    r"\bknow\w*\s+what\s+it(?:'s|\s+is|\s+was|\s+feels)\s+like\b",
    r"\b(?:own|personal|first[-\s]hand)\s+experiences?\s+of\b",
    r"\bthe\s+same\s+(?:process|system|experiences?|journey|situation|path|road|things)\b",
    r"\bpeople\s+in\s+recovery\b|\b(?:came|come|coming)\s+through\b",
    r"\bexperienced\s+(?:adopters|foster\s+carers|kinship\s+carers|adoptive\s+parents|parents|"
    r"mums|dads)\b",
    r"\b(?:former|past|previous|older)\s+(?:participants|members|attendees)\b",
    r"\b(?:who've|who'd|who\s+have|who\s+had|they've|we've|i've)\s+(?:also\s+|all\s+)?been\s+"
    r"(?:there|through\s+it)\b|\bbeen\s+there\s+(?:too|themselves|before|ourselves|myself)\b|"
    r"\bwhose\s+(?:own\s+)?(?:children|child|kids|families|sons?|daughters?)\s+(?:were|was|have\s+been|"
    r"had\s+been)\s+(?:once\s+)?(?:on|in|subject\s+to|removed|taken|placed|looked\s+after)\b|"
    r"\b(?:who|that)\s+(?:were|was)\s+(?:once|themselves|previously)\b|\bin\s+(?:their|his|her)\s+"
    r"own\s+recovery\b|\bin\s+the\s+same\s+(?:position|boat|shoes|situation)\b|\bfellow\s+(?:prisoners?|"
    r"survivors?|parents?|patients?|residents?|service\s+users?|care\s+leavers?|veterans?|mums?|"
    r"dads?|carers?|addicts?|inmates?|detainees?|refugees?)\b",
)
_HELP_OTHERS = _alt(
    r"\b(?:support\w*|mentor\w*|help\w*|advocat\w*|befriend\w*|coach\w*|guid\w*|"
    r"encourag\w*|inspir\w*)\s+(?:\w+\s+){0,3}?(?:others?|one\s+another|each\s+other|"
    r"fellow\s+\w+|other\s+\w+)\b",
    r"\bmentors?\b|\bmentoring\b|\bbuddy\b|\bbuddies\b|\bbefriend\w*",
    r"\b(?:run|runs|lead|leads|facilitate|facilitates|co-facilitate\w*|host|hosts)\s+"
    r"(?:\w+\s+){0,3}?(?:groups?|sessions|circles|mornings?|meet-?ups?|drop-ins?|cafes?)\b",
    r"\blistening\s+ear\b|\bsomeone\s+to\s+talk\s+to\b|\b(?:run|led|staffed|delivered)\s+by\b",
    r"\bpeer\s+advocates?\b",
    r"\bus(?:e|es|ing)\s+(?:it|that|this|their\s+(?:own\s+)?(?:experiences?|story|stories|"
    r"knowledge))\s+to\s+(?:\w+\s+)?(?:support|help|mentor|guide|advise)\b",
    r"\bsupporters?\b|\bjunior\s+coaches\b|\b(?:prisoner|peer)\s+listeners\b|\blisteners?\b|"
    r"\b(?:support|help|advice|guidance|mentoring|encouragement)\s+from\s+(?:other\s+|older\s+)?"
    r"(?:\w+\s+)?(?:young\s+people|parents|people|survivors|women|men|mums|dads|peers|carers|"
    r"care\s+leavers|others)\b",
    r"\bco-?facilitat\w*",
    r"\b(?:an?|our|the|peer|parent|family|independent|lay|community)\s+(?:[\w-]+\s+)?advocates?\b|"
    r"\badvocates\b|\bambassadors?\b|\bvolunteers?\b",
    r"\bwalk\w*\s+(?:alongside|with)\b|\bsit\w*\s+alongside\b|\bstand\w*\s+alongside\b",
    r"\b(?:support|self[-\s]help|drop[-\s]in|recovery)\s+(?:groups?|sessions|circles|cafes?)\b",
    r"\bdrop[-\s]ins?\b",
    r"\b(?:talk|turn|speak)\s+to\s+(?:someone|somebody|people|others)\s+who\b",
    r"\b(?:offer\w*|provid\w*|giv\w*)\s+(?:[\w-]+\s+){0,2}?(?:support|help|advice|guidance)\s+"
    r"to\s+(?:\w+\s+){0,2}?(?:others?|people|parents|families|women|men|children|"
    r"young\s+people|newcomers)\b",
    r"\b(?:offer\w*|provid\w*|giv\w*)\s+(?:\w+\s+){0,2}?(?:support|help|advice|guidance|"
    r"encouragement|friendship)\s+to\s+(?:\w+\s+){0,2}?(?:others?|new\s+\w+|newcomers|"
    r"people|young\s+people|parents|families|women|men|children)\b",
)
_LIVED = _W + _LIVED
_HELP_OTHERS = _W + _HELP_OTHERS
_PEER: list[_Rule | _CoRule] = [
    _r(
        r"\bpeer(?:s)?[-\s/]*(?:support\w*|mentor\w*|led|advoca\w*|workers?|specialists?|"
        r"groups?|networks?|navigators?|recovery|educators?|researchers?|champions?|leaders?|"
        r"facilitat\w*|consumer\w*|counsel\w*|listen\w*|befriend\w*|buddy|buddies|coach\w*|"
        r"to[-\s]peer|input|involvement|mentoring)\b"
    ),
    _r(r"\bmutual\s+(?:self[-\s]?help|support|aid|help)\b"),
    _r(r"\bself[-\s]?help\s+groups?\b"),
    _r(
        r"\b(?:support\w*|look\w*\s+out\s+for|help\w*|encourag\w*|car(?:e|es|ing)\s+for)\s+"
        r"(?:one\s+another|each\s+other)\b",
        forbid=r"\b(?:staff|colleagues|practitioners|workers|professionals|team\s+members|"
        r"managers|social\s+workers)\b",
    ),
    _r(
        r"\bexperts?\s+by\s+experience\b\s+(?:\w+\s+){0,3}?(?:support|mentor|help)\w*\b"
        r"(?!\s+(?:us|the\s+team|staff|managers|to\s+(?:re)?(?:design|shape|write|plan|review))\b)"
    ),
    _co(_LIVED, _HELP_OTHERS, window=2),
    _r(
        r"\b(?:led|run|facilitated|delivered|hosted)\s+by\s+(?:\w+\s+){0,2}?(?:survivors?|"
        r"peers|people\s+with\s+lived|people\s+who\s+have|parents\s+who\s+have|"
        r"care[-\s]experienced|experts\s+by\s+experience|former\s+\w+)"
    ),
    _r(
        r"\b(?:parents?|mums?|dads?|mothers?|fathers?|carers?|survivors?|young\s+people|women)\s+"
        r"(?:support\w*|help\w*|mentor\w*)\s+(?:other\s+)?(?:parents?|mums?|dads?|"
        r"mothers?|fathers?|carers?|survivors?|young\s+people|women)\b"
    ),
    _r(r"\b(?:parent|family|carer|survivor)[-\s]to[-\s](?:parent|family|carer|survivor)\b"),
    _r(
        r"\bby\s+(?:parents|survivors|young\s+people),\s+for\s+(?:parents|survivors|young\s+people)\b"
    ),
]
_PEER_VETO = _c(
    _alt(
        r"\bpeer(?:s)?[-\s]*support\w*\s+(?:for|among|amongst|between|of)\s+(?:\w+\s+)?" + _STAFF,
        _STAFF + r"(?:'s|')?\s+(?:\w+\s+)?peer[-\s]*support\b",
        r"\bpeer\s+(?:review|supervision|observation|audit)\w*",
    )
)

_COLLAB: list[_Rule | _CoRule] = [
    _r(r"\bequal\s+partners?(?:hip)?\b"),
    _r(
        _PERSON + r"\s+(?:\w+\s+){0,3}?(?:as|are|is|were|become|remain)\s+(?:equal\s+|active\s+|"
        r"full\s+|real\s+|genuine\s+)?partners\b",
        forbid=_AGENCY.replace(r"partners|", ""),
        key="partner",
    ),
    _r(
        r"\b(?:treated|seen|regarded|involved|welcomed|valued|respected)\s+as\s+(?:equal\s+|active\s+|"
        r"full\s+|real\s+|genuine\s+)?partners\b|\b(?:are|as|become|were)\s+(?:equal\s+|active\s+|"
        r"full\s+|real\s+)?partners\s+in\s+(?:\w+\s+)?(?:every|each|all|the|their|our|designing|"
        r"planning|decisions?|deciding|shaping|running|reviewing|assessments?|plans?)\b",
        forbid=_AGENCY.replace(r"partners|", ""),
        key="partner",
    ),
    # a plan or goals written / agreed together by the people involved
    _r(
        r"\b(?:write|writes|wrote|written|draw\w*\s+up|drew\s+up|agree\w*|set|sets|setting|"
        r"plan|plans|planned|design\w*|make|makes|made|decide\w*|build\w*|creat\w*|review\w*|"
        r"develop\w*)\s+(?:\w+\s+){0,4}?together\b",
        need=_PERSON,
        forbid=_AGENCY,
        key="together",
    ),
    _r(
        _PERSON + r"\s+(?:\w+\s+)?(?:wrote|write|writes|designed|shaped|developed|created|co-wrote|"
        r"drew\s+up|helped\s+(?:us\s+)?(?:to\s+)?(?:write|design|shape|draw\s+up))\s+"
        r"(?:\w+\s+){0,3}?(?:with\s+us|together|alongside\s+us)\b"
    ),
    _r(
        r"\b(?:(?:re)?design\w*|shap\w*|build\w*|develop\w*|creat\w*|review\w*|improv\w*|chang\w*|"
        r"run\w*|deliver\w*)\s+(?:\w+\s+){0,3}?alongside\s+(?:\w+\s+)?(?:them|us|" + _PERSON + r")"
    ),
    _r(r"\bknow\w*\s+best\b", need=_PERSON, sentence_scope=True, key="best"),
    _r(
        r"\b(?:treated|regarded|seen|valued|respected|recogni[sz]ed)\s+as\s+(?:\w+\s+)?"
        r"expert(?:ise|s)?\b|\bas\s+expert\s+(?:knowledge|evidence)\b"
    ),
    # the people served sit on panels and boards (collaboration and voice)
    _r(
        _PERSON + r"\s+(?:\w+\s+){0,4}?(?:sit|sits|sat|serve|serves|served)\s+on\s+"
        r"(?:\w+\s+){0,3}?(?:panels?|boards?|committees?|teams?|groups?|forums?)\b",
        forbid=r"\b(?:parish|town|city|county|district|borough|school)\s+councils?\b|\bgoverning\b",
        key="sit|sat|serv",
    ),
    _r(
        r"\b(?:panels?|boards?|forums?|councils?|committees?)\s+of\s+(?:\w+\s+){0,2}?"
        r"(?:people\s+with\s+lived|young\s+people|parents|service\s+users|care\s+leavers|"
        r"survivors|people\s+who|experts\s+by|families|patients|residents|tenants)"
    ),
    _r(
        r"\bhold\w*\s+(?:\w+\s+){0,3}?to\s+account\b",
        need=_PERSON,
        sentence_scope=True,
        key="account",
    ),
    _r(r"\b(?:in\s+)?partnership\s+(?:working\s+)?with\s+(?:\w+\s+){0,2}?" + _PERSON),
    _r(_PERSON + r"\s+as\s+(?:equal\s+|active\s+|full\s+)?partners\b"),
    _r(
        r"\b(?:shar\w*|balanc\w*|redistribut\w*|level\w*)\s+(?:of\s+)?power\b|"
        r"\bpower\s+(?:is\s+|are\s+)?(?:shared|balanced|imbalances?|differences?|"
        r"differentials?|dynamics)\b|\bpower[-\s]sharing\b"
    ),
    _r(
        r"\bco[-\s]?(?:produc\w*|design\w*|creat\w*|construct\w*|develop\w*|author\w*|"
        r"deliver\w*|lead\w*|chair\w*|writ\w*|plan\w*)"
    ),
    _r(r"\btogether\s+with\s+(?:\w+\s+){0,2}?" + _PERSON),
    _r(
        r"\bhelp\w*\s+(?:to\s+)?(?:make|take|shape|reach)\s+(?:the\s+|those\s+|these\s+)?decisions?\b"
    ),
    _r(
        r"\bhelp\w*\s+(?:us\s+)?(?:to\s+)?(?:decide|choose|set\s+(?:the\s+)?(?:priorities|agenda|"
        r"goals)|write|draw\s+up|agree|select|recruit|interview)\b",
        need=_PERSON,
        forbid=_AGENCY + r"|\b(?:staff|workers|practitioners)\s+help",
        key="help",
    ),
    _r(r"\bequal\s+(?:members?|footing|voice|status)\b|\bas\s+equals\b"),
    # professionals handing power back
    _r(
        r"\b(?:professionals?|workers?|practitioners?|staff|we)\s+(?:\w+\s+)?(?:step|steps|stepping|"
        r"stepped)\s+back\b|\bhand\w*\s+(?:\w+\s+)?(?:power|control)\s+(?:back\s+)?to\b"
    ),
    _r(r"\bfamily\s+group\s+(?:conferenc\w*|decision[-\s]making)\b"),
    _r(
        r"\binvolved\s+(?:\w+\s+){0,4}?in\s+(?:the\s+)?(?:design\w*|plan\w*|shap\w*|develop\w*|"
        r"decid\w*|writing|choosing|running|recruit\w*|reviewing|evaluat\w*)\b",
        need=_PERSON,
    ),
    _r(
        r"\b(?:written|rewritten|designed|redesigned|developed|created|produced|drafted|reviewed)\s+"
        r"(?:together\s+)?(?:with|by)\s+(?:\w+\s+){0,2}?" + _PERSON
    ),
    _r(r"\bwith\s+them,?\s+(?:not|rather\s+than)\s+(?:\w+\s+){0,2}?(?:to|for|on)\s+them\b"),
    # the people served shape the service
    _r(
        _PERSON + r"\s+(?:\w+\s+){0,2}?(?:shape|shapes|shaping|shaped|design|designs|designed|"
        r"influence|influences|run|runs|govern|govern\w*|have\s+a\s+(?:real\s+)?(?:hand|role)\s+in)"
        r"\s+(?:[\w']+\s+){0,3}?(?:services?|plans?|polic(?:y|ies)|provision|support|decisions|"
        r"programmes?|programs?|activities|rules|agenda|curriculum|priorities|strateg\w+|"
        r"the\s+way|how)\b"
    ),
    _r(r"\bmutuality\b|\breciproc\w*"),
    _r(
        r"\bshared\s+decision[-\s]?making\b|\bdecisions?\s+(?:are\s+|is\s+)?shared\b|"
        r"\bjoint\s+decision[-\s]?making\b"
    ),
    _r(
        r"\bdecisions?\s+(?:are\s+|is\s+)?(?:made|taken|reached)\s+(?:together|jointly|"
        r"with\s+(?:\w+\s+){0,2}?" + _PERSON + r")"
    ),
    _r(
        r"\b(?:make|makes|making|made|take|takes|taking|reach)\s+(?:\w+\s+)?decisions?\s+"
        r"(?:together|jointly|with\s+(?:\w+\s+){0,2}?" + _PERSON + r")"
    ),
    _r(
        r"\bwith\s+(?:\w+\s+)?" + _PERSON + r",?\s+(?:not|rather\s+than)\s+(?:\w+\s+){0,2}?"
        r"(?:to|on|for)\b"
    ),
    _r(
        r"\b(?:doing\s+(?:things\s+)?|(?:do|does)\s+things\s+)with\b(?:\s*,?\s*(?:not|"
        r"rather\s+than)\s+(?:things\s+)?(?:to|for))?"
    ),
    _r(
        r"\bexperts?\s+(?:in|on|about)\s+(?:their|his|her|your|our)\s+own\s+\w+|\bexperts?\s+"
        r"(?:in|on|about)\s+(?:their|his|her|your)\s+(?:lives|life|famil\w+|child\w*|experiences?|"
        r"situations?|needs|recovery|bodies|body|communit\w+)\b"
    ),
    _r(
        r"\bexperts?\s+by\s+experience\b",
        need=r"\b(?:design|shap|co-|co\w+|panels?|boards?|interview|recruit|plan|decision|develop|"
        r"review|govern|advis|commission|evaluat|improv|partner|involv|consult|inform)\w*",
        sentence_scope=True,
        key="experience",
    ),
    # the people's own knowledge weighed as highly as professionals'
    _r(
        r"\b(?:valued|weighted|weighed|counts?|count\w*|carr(?:y|ies)|given|treated|regarded|"
        r"respected)\s+(?:\w+\s+){0,2}?(?:as\s+highly\s+as|as\s+much\s+as|the\s+same\s+(?:weight|"
        r"value|respect|importance|status)\s+as|equally\s+(?:with|to)|equal\s+(?:weight|value|"
        r"status|standing)\s+(?:to|with|as))\s+(?:\w+\s+){0,2}?(?:professionals?|experts?|"
        r"professional|clinical|practitioners?|workers?|staff|ours|us)\b"
    ),
    _r(
        r"\b(?:is|are|as|in)\s+(?:a|an)\s+(?:genuine\s+|real\s+|true\s+|equal\s+|active\s+)?"
        r"partnership\b|\b(?:full|equal|core|active)\s+members\s+of\s+(?:the\s+|their\s+|our\s+)?"
        r"(?:\w+\s+)?team\b",
        need=_PERSON,
        forbid=_AGENCY,
        sentence_scope=True,
        key="partnership|members",
    ),
    _r(
        r"\b(?:agreed|decided|planned|written|drawn\s+up|developed|made|set|reviewed)\s+"
        r"(?:jointly\s+|together\s+)?with\s+(?:the\s+|each\s+)?(?:parents?|famil(?:y|ies)|"
        r"young\s+(?:people|person)|child(?:ren)?|carers?|patients?|the\s+person|them|her|him|you)\b"
        r"(?!\s+(?:by|from)\b)",
        forbid=r"\bagreed\s+with\s+(?:\w+\s+)?(?:agencies|partners|police)\b",
        key="with",
    ),
    # involved as partners, whoever else is named in the sentence
    _r(
        r"\b(?:people|parents|families|young\s+people|children|survivors|service\s+users|patients|"
        r"residents|carers|lived\s+experience|experts\s+by\s+experience)\b"
        + _gap(8)
        + r"as\s+(?:equal\s+|active\s+|full\s+|real\s+|genuine\s+)?partners\s+in\b",
        key="partners",
    ),
    _r(
        r"\b(?:valu|recogni[sz]|respect|celebrat|honou?r|acknowledg|prais|draw\w*\s+on|"
        r"build\w*\s+on|us(?:e|es|ing)\s+the)\w*\s+(?:\w+\s+){0,4}?expertise\b",
        forbid=_STAFF + r"|\bnetworks?\b|\bpartners\b|\bexperts\s+in\s+their\s+fields?\b",
        key="expertise",
    ),
    _r(
        r"\bexpertise\s+(?:\w+\s+){0,6}?(?:is|are)\s+(?:equally\s+|also\s+)?(?:valued|"
        r"respected|recogni[sz]ed|honou?red|welcomed)"
    ),
    _r(r"\bexpertise\s+(?:that|which)\s+(?:\w+\s+){0,2}?" + _PERSON + r"\s+bring"),
    _r(r"\bnothing\s+about\s+(?:us|me)\s+without\s+(?:us|me)\b"),
    _r(r"\bplan\w*\s+(?:together\s+)?with\s+(?:the\s+|their\s+)?(?:them|" + _PERSON + r")"),
    _r(
        r"\b(?:work(?:s|ing|ed)?|plan\w*|decid\w*|design\w*|think\w*)\s+(?:\w+\s+)?alongside\s+"
        r"(?:\w+\s+)?" + _PERSON
    ),
    _r(
        r"\bdecisions?"
        + _gap(6)
        + r"(?:made|taken|reached|agreed)"
        + _gap(6)
        + r"(?:together|jointly|with\s+(?:\w+\s+)?"
        + _PERSON
        + r")"
    ),
    _r(r"\bjointly\s+with\s+(?:\w+\s+)?" + _PERSON),
    _r(r"\binvolved\s+in\s+(?:\w+\s+){0,2}?decisions?\b"),
    _r(
        r"\bhelp(?:s|ed|ing)?\s+(?:us\s+)?(?:to\s+)?(?:re)?(?:shape|design|develop|plan|run|govern|"
        r"evaluate|improve)\b"
    ),
    _r(
        r"\b(?:advisory|steering|reference)\s+(?:boards?|groups?|panels?|councils?)\b|"
        r"\b(?:sit|sits|sat|serve|serves)\s+on\s+(?:\w+\s+){0,2}?(?:panels?|boards?|"
        r"committees?)\b",
        need=_PERSON + r"|\blived[-\s]experience|\bexperts?\s+by\s+experience",
        forbid=r"\bsafeguarding\s+(?:children\s+|adults\s+)?(?:partnership|board|hub)\b|"
        r"\bsub-?group\b|\breports?\s+to\b|\bterms\s+of\s+reference\b",
        sentence_scope=True,
        key="advisory|steering|reference|sit|sat|serv",
    ),
    _r(
        r"\bwork(?:s|ing|ed)?\s+(?:together\s+)?with\s+(?:\w+\s+)?"
        + _PERSON
        + r",?\s+(?:not|rather\s+than)\b"
    ),
    _r(r"\b(?:collaborat\w*|co-?operat\w*)\s+with\s+(?:\w+\s+){0,2}?" + _PERSON),
    _r(r"\bwork(?:s|ing|ed)?\s+together\s+with\s+(?:\w+\s+){0,2}?" + _PERSON),
    # named in a list of principles ("safety, trust, collaboration, choice and empowerment"),
    # where agencies elsewhere in the clause do not make it multi-agency working
    _r(
        r"\b(?:safety|trust\w*|transparency|choice|empowerment|voice|mutuality|respect|"
        r"compassion)\s*(?:,|;|and)\s*(?:and\s+)?collaboration\b|\bcollaboration\s*(?:,|;|and)\s*"
        r"(?:and\s+)?(?:safety|trust\w*|transparency|choice|empowerment|voice|mutuality)\b",
        key="collaboration",
    ),
    # weak: only when no agencies in the clause (multi-agency working is standard practice)
    _r(
        r"\bcollaborat\w*|\bin\s+partnership\b|\bpartnership\s+(?:with|between|approach|working)\b|"
        r"\bco-?operat\w*",
        forbid=_AGENCY,
        key="collab|partnership|operat",
    ),
    _r(r"\bwork(?:s|ing|ed)?\s+together\b", need=_PERSON, forbid=_AGENCY, key="together"),
]
_COLLAB_VETO = _c(
    _alt(
        r"\bworking\s+together\s+to\s+safeguard\s+children\b",
        r"\b(?:multi|inter)[-\s]?agency\s+(?:\w+\s+)?(?:partnership|collaboration)\b",
        r"\bsafeguarding\s+partnership\b",
        r"\b(?:in\s+)?partnership\s+with\s+(?:the\s+)?(?:police|NHS|health|schools?|"
        r"local\s+authorit\w+|agencies|council|probation)\b",
    )
)

_EMPOWER: list[_Rule | _CoRule] = [
    _r(r"\bempower\w*"),
    _r(r"\bvoices?\b(?:\s+and\s+choices?)?"),
    _r(
        r"\b(?:ha(?:ve|s|d|ving)|get|gets|given)\s+(?:a|their|real|more|an\s+equal|some)\s+"
        r"(?:\w+\s+)?say\b|\ba\s+say\s+in\b"
    ),
    _r(r"\bchoices?\b|\bchoos(?:e|es|ing)\b|\bchose\b"),
    _r(
        r"\bin\s+control\b|\b(?:sense\s+of|regain\w*|more|have|take|taking|feel\w*|give\w*|"
        r"greater|own|personal|choice\s+and)\s+control\b|\bcontrol\s+(?:over|of)\s+"
        r"(?:their|his|her|your|my|our|the)\b"
    ),
    _r(r"\bstrengths?[-\s]?(?:based|focused|led|oriented|orientated|perspective)\b"),
    _r(r"\b(?:build\w*|draw\w*|focus\w*)\s+on\s+(?:\w+\s+){0,3}?strengths\b"),
    _r(r"\bstrengths\b"),
    _r(r"\bself[-\s]?(?:advoca\w*|determin\w*|efficacy|esteem|worth|direct\w*|reliance)"),
    _r(r"\badvocate\s+for\s+themselves\b|\bspeak\w*\s+(?:up|out)\b"),
    _r(
        r"\b(?:sense\s+of|their\s+own|personal|promot\w*|foster\w*|build\w*|support\w*|"
        r"restor\w*)\s+(?:\w+\s+and\s+)?agency\b|\bagency\s+and\s+(?:choice|control|voice)\b"
    ),
    _r(r"\bautonom\w*"),
    _r(
        r"\b(?:listen\w*|heard|hear)\s+(?:to\s+)?(?:\w+\s+){0,2}?(?:views|wishes|voices?|"
        r"children|young\s+people|families|parents|them|what)\b"
    ),
    _r(r"\bviews\s+(?:are\s+|is\s+)?(?:sought|heard|listened|taken|respected|acted)\b"),
    _r(r"\bwishes\s+and\s+feelings\b"),
    _r(
        r"\b(?:take|takes|taking|took)\s+part\s+in\s+(?:\w+\s+)?(?:decisions|decision[-\s]"
        r"making|planning|reviews)\b"
    ),
    _r(r"\bparticipat\w*\s+in\s+(?:\w+\s+)?(?:decisions|decision[-\s]making|planning)\b"),
    _r(r"\binvolved\s+in\s+(?:\w+\s+){0,2}?decisions?\b"),
    _r(r"\bsay\s+no\b|\bright\s+to\s+(?:refuse|decline|say)\b"),
    _r(r"\bset\w*\s+(?:their|his|her|your)\s+own\s+goals\b|\bown\s+goals\b"),
    _r(
        r"\bwhat\s+(?:is|'s|was|are)\s+(?:already\s+)?(?:going\s+well|working|good|strong)\b|"
        r"\bwhat\s+(?:they|you|families|parents|children|people)\s+(?:already\s+)?(?:do|does|can\s+do)"
        r"\s+well\b"
    ),
    # a choice or request the person can make ("patients can ask for", "you can bring")
    _r(
        _CHOOSER + r"\s+(?:\w+\s+){0,2}?(?:can|could|may|are\s+(?:able|free|welcome)\s+to|"
        r"is\s+(?:able|free|welcome)\s+to|will\s+be\s+able\s+to|get\s+to)\s+(?:also\s+|always\s+|"
        r"still\s+)?(?:ask\s+(?:for|to|that|us)|request|bring|choose|opt|say\s+(?:no|stop|when)|stop|"
        r"pause|skip|decline|withdraw|change\s+(?:their|your|his|her)|tell\s+us\s+(?:which|what|"
        r"whether|if|how|when))\b"
    ),
    _r(
        r"\b(?:stop|pause|skip|leave|withdraw|take\s+a\s+break|ask\s+for\s+a\s+break)\w*\s+"
        r"(?:\w+\s+){0,3}?(?:at\s+any\s+(?:time|point|stage|moment)|whenever\s+(?:they|you|she|he))\b|"
        r"\bif\s+(?:they|you|she|he)\s+(?:so\s+)?(?:wish|want\s+to|prefer|choose|would\s+(?:like|"
        r"rather)|are\s+ready)\b"
    ),
    _r(
        r"\b(?:with|without)\s+(?:their|her|his|your|a\s+person's|the\s+\w+'s)\s+(?:\w+\s+)?"
        r"(?:consent|permission|agreement)\b|\bask\w*\s+(?:for\s+)?(?:their\s+|her\s+|his\s+|your\s+)?"
        r"(?:permission|consent)\b|\bconsent\s+(?:is\s+)?(?:sought|asked\s+for)\b"
    ),
    _r(
        _CHOOSER + r"\s+(?:\w+\s+)?(?:decides?|chooses?|determines?|directs?|sets?|controls?)\s+"
        r"(?:for\s+(?:themselves|herself|himself)|how|what|when|whether|where|who|which|the\s+pace|"
        r"(?:\w+\s+)?(?:pace|goals|agenda|priorities))\b|\bdecide\s+for\s+(?:themselves|herself|"
        r"himself|yourself)\b"
    ),
    _r(
        r"\b(?:final|last)\s+(?:say|word)\b|\bcount(?:s|ed)?\s+(?:equally|as\s+much)\b|"
        r"\bequal\s+(?:weight|say|vote)\b"
    ),
    _r(
        r"\b(?:panels?|boards?|forums?|councils?)\s+of\s+(?:\w+\s+){0,2}?(?:people\s+with\s+lived|"
        r"young\s+people|parents|service\s+users|care\s+leavers|survivors|experts\s+by)"
    ),
    _r(r"\b(?:offered|given|have|has)\s+(?:\w+\s+)?options\b"),
    _r(r"\bnothing\s+about\s+(?:us|me)\s+without\s+(?:us|me)\b"),
    _r(
        r"\b(?:they|families|parents|children|young\s+people|people|clients|the\s+child|"
        r"the\s+family|the\s+young\s+person|service\s+users|women|you)\s+(?:can\s+|get\s+to\s+|"
        r"will\s+|should\s+|themselves\s+)?(?:decide|choose|determine|direct)\b"
    ),
    _r(
        r"\b(?:access\s+to|bring|have|has|offered)\s+(?:an?\s+)?(?:\w+\s+(?:or|and)\s+)?"
        r"(?:independent\s+)?advoca(?:te|tes|cy)\b|\badvocacy\b"
    ),
    _r(
        r"\b(?:written|recorded|captured|expressed|set\s+out|heard)\s+in\s+(?:their|his|her|your)"
        r"\s+own\s+words\b"
    ),
    _r(
        r"\b(?:start\w*|begin\w*|focus\w*|ask\w*|find\w*\s+out|led\s+by|guided\s+by|based\s+on|"
        r"built\s+around|centred\s+on|centered\s+on)\s+(?:\w+\s+){0,2}?what\s+matters\b"
    ),
    _r(
        r"\b(?:make|makes|making|made|draw\w*\s+up|write|writes|lead|leads|leading|led|run|runs|"
        r"chair|chairs)\s+(?:its|their|his|her|your)\s+own\s+(?:[\w-]+\s+){0,2}?(?:plans?|"
        r"decisions?|choices?|reviews?|meetings?|goals?|support|recovery|care)\b"
    ),
    # control over the encounter
    _r(
        r"\byou\s+can\s+(?:stop|pause|take\s+a\s+break|leave|ask\s+(?:us\s+)?to\s+stop|change\s+"
        r"your\s+mind)\b|\b(?:don't|do\s+not|doesn't|does\s+not|never)\s+have\s+to\s+(?:answer|"
        r"say|talk|share|tell|do|take\s+part|attend|explain)\b|\bat\s+(?:your|their|his|her)\s+"
        r"own\s+pace\b|\bin\s+(?:your|their)\s+own\s+time\b|\b(?:it's|it\s+is)\s+(?:up\s+to\s+"
        r"(?:you|them)|your\s+(?:choice|decision|call))\b|\byou\s+decide\b"
    ),
    _r(
        r"\b(?:views|wishes|voices?)\s+(?:\w+\s+){0,2}?(?:changed|shaped|influenced|made\s+a\s+"
        r"difference|shape|change)\b|\bwhat\s+(?:they|you|families|children|parents|people|"
        r"young\s+people)\s+(?:say|tell\s+us|want)\s+(?:\w+\s+)?(?:shapes?|changes?|drives?|"
        r"decides?)\b"
    ),
    _r(r"\bco[-\s]?lead\w*|\bco[-\s]?chair\w*"),
    # control of a budget or the programme by the people served
    _r(
        r"\b(?:control\w*|hold\w*|manag\w*|run\w*|decid\w*\s+how\s+to\s+spend|spend\w*)\s+"
        r"(?:a|an|the|their|its|his|her|your)\s+(?:own\s+)?(?:\w+\s+)?budgets?\b|"
        r"\bbudgets?\s+of\s+(?:its|their|his|her|your)\s+own\b",
        need=_CHOOSER + r"|\byouth\b|\bforum\b|\bcouncil\b",
        forbid=r"\b(?:managers?|commissioners?|finance|directors?|heads?\s+of\s+service)\b",
        sentence_scope=True,
        key="budget",
    ),
    _r(
        r"\b(?:young\s+people|youth\s+(?:forum|council|panel|board|group)|children|parents|families|"
        r"service\s+users|residents|tenants|members|participants|survivors|the\s+forum|the\s+group)\s+"
        r"(?:\w+\s+){0,2}?(?:set|sets|setting|choose|chooses|decide|decides|control|controls|plan|"
        r"plans|shape|shapes)\s+(?:the|our|their|its|what|which)\s+(?:own\s+)?(?:\w+\s+)?"
        r"(?:programme|program|agenda|priorities|activities|sessions|direction|menu|topics|"
        r"timetable|content)\b",
        key="program|agenda|priorit|activit|session|direction|menu|topic|timetable|content",
    ),
    # a time and place that suits the person; asked what they want
    _r(
        r"\b(?:times?|places?|venues?|locations?|days?|settings?)\s+(?:and\s+(?:a\s+)?(?:time|place|"
        r"venue|location|day)\s+)?(?:that|which)\s+(?:best\s+)?(?:suits?|works?\s+for)\s+"
        r"(?:them|you|him|her|the\s+(?:person|family|child|young\s+person|parent|victim|patient|"
        r"client))\b|\b(?:setting|place|time|venue|location)\s+of\s+(?:their|your|his|her)\s+"
        r"(?:own\s+)?choosing\b",
        key="suit|works for|choosing",
    ),
    _r(
        r"\bask\w*\s+(?:\w+\s+){0,6}?what\s+(?:they|you|he|she)\s+(?:\w+\s+)?(?:want|need|"
        r"would\s+like|hope|wish|prefer)\b",
        key="what",
    ),
    _r(
        r"\b(?:what|things)\s+(?:they|you|parents|families|people|children)\s+(?:are|is)\s+"
        r"(?:already\s+)?good\s+at\b|\bspeak\w*\s+for\s+(?:themselves|yourself|himself|herself)\b"
    ),
    _r(
        _PERSON + r"\s+(?:\w+\s+){0,2}?(?:shape|shapes|shaping|shaped|influence|influences)\s+"
        r"(?:\w+\s+){0,2}?(?:services?|plans?|polic(?:y|ies)|provision|decisions)\b"
    ),
]
_EMPOWER_VETO = _c(
    _alt(
        r"\bchosen\s+names?\b",
        r"\bchoice\s+of\s+(?:words|language|venue)\b|\bch(?:oose|ooses|ose|oosing)\s+(?:their|"
        r"our|his|her|my|your|its)\s+words\b",
        r"\bstrengths\s+and\s+(?:difficulties|weaknesses)\b",
        r"\b(?:infection|impulse|quality|budget|access|financial|cost|border|pest)\s+control\b",
        r"\bcontrol\s+and\s+restraint\b",
        r"\bvoice\s?mail\b",
        r"\bra(?:ise|ised|ising)\s+(?:their|his|her|our|your|my)\s+voices?\b",
        r"\b(?:in|with|using)\s+an?\s+(?:[\w-]+\s*,?\s+(?:and\s+)?){0,3}?voice\b|\btone\s+of\s+voice\b",
        r"\bif\s+(?:they|you|she|he)\s+(?:so\s+)?wish\s+to\s+(?:complain|make\s+a\s+complaint)\b",
    )
)

_IDENTITY = (
    r"\b(?:rac(?:e|es|ial|ism|ist)|ethnic\w*|gender\w*|faith|religio\w*|languages?|identit\w*|"
    r"heritage|sexualit\w*|background\w*|beliefs?|traditions?|customs?|communit\w*|values|"
    r"histor\w*|travell?ers?|roma|gypsy|migrants?|refugees?)\b"
)
_CULTURE: list[_Rule | _CoRule] = [
    _r(
        r"\bcultur(?:al|ally)\b(?:\s+(?:\w+\s+){0,2}?(?:humility|competen\w*|sensitiv\w*|"
        r"responsiv\w*|safety|safe|awareness|considerations?|issues|backgrounds?|needs|"
        r"appropriate|informed|identit\w*))?"
    ),
    _r(
        r"\b(?:their|families'|family's|people's|person's|child's|own|his|her|each\s+\w+'s)\s+"
        r"cultur(?:e|es)\b"
    ),
    _r(r"\bcultur(?:e|es)\b", need=_IDENTITY),
    _r(r"\brac(?:e|es|ial|ially|ism|ist|i[sz]ed)\b|\banti[-\s]?racis\w*"),
    _r(r"\bethnic\w*"),
    _r(
        r"\bminorit(?:y|ies|i[sz]ed)\s+(?:ethnic|groups?|communit\w*|backgrounds?)\b|"
        r"\b(?:ethnic|racial|sexual|religious|linguistic)\s+minorit\w*|\bminoriti[sz]ed\b"
    ),
    _r(r"\bBAME\b|\bBME\b|\bblack\s+and\s+minority\b|\bpeople\s+of\s+colou?r\b"),
    _r(
        r"\bdiscriminat\w*|\bprejudic\w*|\bstereotyp\w*|\bxenophob\w*|\bhomophob\w*|"
        r"\btransphob\w*|\bmisogyn\w*|\bsexis[mt]\b"
    ),
    _r(
        r"\b(?:unconscious|implicit|cultural|racial|gender|personal|systemic|structural|"
        r"own)\s+bias(?:es)?\b|\bbias(?:es|ed)?\b"
    ),
    _r(r"\bgender\w*"),
    _r(r"\bsexualit\w*|\bsexual\s+(?:orientation|identit\w*)"),
    _r(
        r"\bLGBT\w*\+?|\bqueer\b|\btrans(?:gender)?\s+(?:people|young\s+people|youth)\b|"
        r"\btransgender\b|\bnon[-\s]?binary\b|\bpronouns\b"
    ),
    _r(r"\bfaith\b|\breligio\w*|\bspiritual\w*"),
    _r(r"\bidentit(?:y|ies)\b"),
    _r(
        r"\bdiversity\b|\bdiverse\s+(?:backgrounds|communities|needs|families|cultures|groups|"
        r"populations|identities)\b"
    ),
    _r(
        r"\bequalit\w*|\bequity\b|\binequalit\w*|\binequit\w*|\bequitabl\w*|"
        r"\bintersectional\w*"
    ),
    _r(
        r"\boppress\w*|\bmarginali[sz]\w*|\b(?:structural|systemic|institutional)\s+"
        r"(?:inequalit\w*|disadvantage|racism|oppression|bias|discrimination)"
    ),
    _r(
        r"\bhistorical(?:ly)?\s+(?:\w+\s+)?(?:trauma|oppression|injustices?|harms?|"
        r"and\s+gender|issues)\b|\bhistorical\s*,\s*(?:and\s+)?gender\b|"
        r"\b(?:inter|trans|multi)[-\s]?generational\s+trauma\b|\bhistoric\s+trauma\b"
    ),
    _r(
        r"\bcoloni[sz]\w*|\bcolonial\w*|\bindigenous\b|\baboriginal\b|\bfirst\s+nations\b|"
        r"\bnative\s+american\w*|\bm[aā]ori\b|\bheritage\b"
    ),
    _r(
        r"\b(?:gypsy|roma|travell?er)\s+(?:families|communities|people|culture|children)\b|"
        r"\brefugees?\b|\basylum[-\s]seek\w*|\bimmigration\b|\bmigra(?:nt|nts|tion)\b"
    ),
    _r(
        r"\b(?:female|male|woman|women|man|same[-\s]sex|same[-\s]gender)\s+(?:or\s+(?:a\s+)?"
        r"(?:female|male|woman|man)\s+)?(?:housing\s+|police\s+|support\s+|case\s+|social\s+)?"
        r"(?:workers?|clinicians?|practitioners?|officers?|doctors?|staff|keyworkers?|key\s+workers?|"
        r"interviewers?|nurses?|therapists?|counsell?ors?)\b"
    ),
    _r(
        r"\b(?:community|main|other|their\s+own|own|different|several|many|minority|spoken|"
        r"local)\s+(?:\w+\s+)?languages\b|\bwelsh[-\s]language\b|\bactive\s+offer\b|"
        r"\b(?:medium\s+of|in|through)\s+(?:welsh|gaelic|irish|urdu|punjabi|polish|bengali|"
        r"somali|arabic|spanish|BSL|british\s+sign\s+language|cymraeg)\b"
    ),
    _r(
        r"\b(?:whichever|whatever|which|what|their\s+chosen|their\s+preferred)\s+languages?\s+"
        r"(?:they|you|she|he|people|families)\b|\blanguages?\s+of\s+(?:their|your|his|her)\s+"
        r"(?:own\s+)?choice\b|\bin\s+(?:their|your|his|her)\s+own\s+languages?\b|\bbilingual\w*|"
        r"\b(?:welsh|gaelic|irish)\s+(?:or|and)\s+english\b|\benglish\s+(?:or|and)\s+(?:welsh|gaelic|"
        r"irish)\b"
    ),
    _r(
        r"\b(?:women|woman|men|female|male|girls|boys|single[-\s]sex)[-\s]only\b|"
        r"\b(?:officer|worker|clinician|practitioner|adviser|advisor|staff\s+member|person|"
        r"interviewer|doctor|nurse|examiner|keyworker|key\s+worker|therapist|counsell?or)s?\s+of\s+"
        r"(?:the\s+)?(?:same|a\s+particular|their\s+(?:own\s+)?(?:preferred\s+)?|a\s+different)\s+"
        r"(?:sex|gender)\b"
    ),
    _r(
        r"\bdisproportional\w*|\bdisproportionately\b|\bover[-\s]?represent\w*|"
        r"\b(?:black|asian|brown)\s+(?:and\s+(?:\w+\s+){0,2}?)?(?:people|families|children|"
        r"staff|students|pupils|communities|men|women|boys|girls|young\s+people|patients)\b|"
        r"\b(?:\w+\s+)of\s+colou?r\b"
    ),
    _r(
        r"\b(?:first|home|preferred)\s+languages?\b|\binterpreters?\b|"
        r"\binterpreting\s+services\b|\binterpretation\s+services\b|\btranslators?\b|"
        r"\btranslation\s+services\b"
    ),
]
_CULTURE_VETO = _c(
    _alt(
        r"\b(?:organi[sz]ational|team|workplace|service|learning|blame|safety|corporate|"
        r"institutional|practice)\s+cultures?\b",
        r"\bcultur(?:e|al)\s+(?:change|shift|transformation)\b",
        r"\bhistorical\s+(?:abuse|allegations?|cases?|records?)\b",
        r"\bidentity\s+(?:documents?|checks?|theft|fraud|cards?)\b",
        r"\bgood\s+faith\b|\bfaith\s+in\s+(?:the|our|this)\b",
        r"\bselection\s+bias\b|\brisk\s+of\s+bias\b",
    )
)

_EFFECT_VERB = _alt(
    r"(?:can|may|might|could|will|does|do|often|also|negatively|adversely|profoundly|"
    r"significantly|deeply|seriously)\s+(?:\w+\s+)?(?:affect|impact|shape|harm|damage|"
    r"influence|undermine|disrupt|alter|change|derail|compromise|hinder|impair)\b",
    r"(?:affects|impacts|shapes|harms|damages|influences|undermines|disrupts|alters|"
    r"derails|compromises|impairs)\b",
    r"(?:is|are|was|were)\s+(?:\w+\s+)?(?:linked|associated|connected|correlated)\s+"
    r"(?:to|with)\b",
    r"(?:leads?|led|contribut\w*)\s+to\b",
    r"(?:can|may|might|could|often)\s+(?:\w+\s+)?(?:leave|make|cause|result\s+in)\b",
    r"(?:has|have|had|with)\s+(?:a\s+|an\s+)?(?:\w+\s+){0,2}?(?:impact|effect|influence|"
    r"consequences|legacy|toll)\b",
    r"increases?\s+(?:the\s+)?(?:risk|likelihood)\b",
    r"(?:can|may|might|could|often|will)\s+(?:\w+\s+)?(?:interfere\s+with|get\s+in\s+the\s+way\s+of|"
    r"make\s+it\s+harder|show\s+up|surface|resurface)\b",
    r"(?:is|are)\s+(?:\w+\s+)?(?:widespread|common|prevalent|pervasive|universal|"
    r"far[-\s]reaching)\b",
)
_REALISE: list[_Rule | _CoRule] = [
    _r(
        r"\b(?:(?:widespread|pervasive|far[-\s]reaching|profound|lasting|long[-\s]?term|"
        r"lifelong|life[-\s]long|significant|negative|harmful|damaging|wide[-\s]ranging|"
        r"potential|cumulative|enduring)\s+)?(?:impacts?|effects?|consequences?|influence|"
        r"toll|legacy)\s+(?:that\s+)?(?:of|from)\s+(?:\w+\s+){0,3}?" + _TRAUMA
    ),
    _r(_TRAUMA + _gap(8) + _EFFECT_VERB),
    _r(
        r"\b(?:affected|impacted|shaped|harmed|damaged|influenced|disrupted|undermined)\s+"
        r"by(?!\s+(?:an?\s+|their\s+|our\s+)?(?:understanding|knowledge|awareness))"
        + _gap(3)
        + _TRAUMA
    ),
    _r(
        r"\b(?:prevalence|ubiquity|widespread\s+nature|extent|scale)\s+of\s+(?:\w+\s+){0,2}?"
        + _TRAUMA
    ),
    _r(
        r"\b(?:most|many|majority\s+of|one\s+in\s+\w+|\d+\s?%|\d+\s+per\s?cent)"
        + _gap(6)
        + r"(?:have\s+|has\s+)?(?:experienced|been\s+exposed\s+to|lived\s+through|survived|"
        r"faced)" + _gap(3) + _TRAUMA
    ),
    _r(r"\b(?:widespread|common|prevalent|pervasive|universal)\s+(?:\w+\s+)?" + _TRAUMA),
    _r(
        r"\bbehaviou?rs?\s+(?:is|are|as|can\s+be)\s+(?:often\s+)?(?:a\s+)?(?:form\s+of\s+)?"
        r"communicat\w*|\b(?:response|reaction|adaptation|survival\s+strateg\w*)s?\s+to\s+"
        r"(?:\w+\s+){0,2}?" + _TRAUMA
    ),
    _r(r"\bwhat\s+(?:has\s+)?happened\s+to\s+(?:you|them|him|her|a\s+person|someone)\b"),
    _r(
        r"\bbehaviou?rs?\b" + _gap(6) + r"(?:is|are|as|can\s+be|may\s+be|often\s+reflects?)\s+"
        r"(?:often\s+|really\s+|usually\s+|best\s+understood\s+as\s+)?(?:an?\s+)?"
        r"(?:form\s+of\s+)?(?:communicat\w*|adaptations?|adaptive|survival|"
        r"understandable\s+responses?|responses?\s+to|ways?\s+of\s+coping|coping)"
    ),
    _r(
        r"\bwhat\s+(?:\w+\s+)?behaviou?rs?\s+(?:is|are|might\s+be|may\s+be)\s+(?:telling|"
        r"communicating|saying)\b|\bbehaviou?rs?\s+(?:\w+\s+)?(?:tells?|communicates?)\s+us\b"
    ),
    _r(r"\brecover(?:y|ies|ing|s|ed)?\b"),
    _r(
        r"\b(?:can|do|will)\s+heal\b|\bhealing\s+is\s+possible\b|"
        r"\bpeople\s+(?:can\s+and\s+do|can|do)\s+recover\b|\bpaths?\s+(?:to|towards|for)"
        r"\s+(?:healing|recovery)\b|\bheal(?:ing)?\s+(?:from|after)\s+" + _TRAUMA
    ),
    _r(
        r"\breali[sz](?:e|es|ed|ing)\b" + _gap(6) + r"(?:impact|effects?|prevalence|trauma\w*|"
        r"widespread|adversity)"
    ),
    # adversity in any words + a reach or lasting effect, in one sentence
    _co(_ADVERSITY, _LASTING_EFFECT),
    # present reactions driven by the past
    _r(
        r"\b(?:driven|shaped|rooted|explained|caused|coloured|colored)\s+(?:\w+\s+)?(?:by|in)\s+"
        r"(?:that|their|his|her|a|the|this)\s+(?:\w+\s+)?(?:history|histories|past|childhoods?|"
        r"upbringing)\b|\b(?:reacting|responding)\s+to\s+(?:\w+\s+){0,6}?(?:long\s+ago|in\s+the\s+"
        r"past|years\s+of|earlier\s+(?:\w+\s+)?(?:harm|experiences|abuse))\b"
    ),
    _r(
        r"\b(?:past|history|histories|childhoods?)\b"
        + _gap(8)
        + r"(?:shap\w*|affect\w*|influenc\w*|"
        r"driv\w*|colou?r\w*)\s+(?:\w+\s+)?(?:the\s+)?present\b"
    ),
    _r(
        r"\b(?:these|such|those|adverse|early|childhood|traumatic|painful|their)\s+experiences\s+"
        r"(?:\w+\s+){0,2}?(?:contribute\w*\s+to|lead\w*\s+to|(?:are|is)\s+linked\s+to|affect\w*|"
        r"shape\w*|drive\w*|harm\w*|damage\w*|interfere\w*|raise\w*\s+the\s+risk|increase\w*\s+the\s+"
        r"risk|make\s+it\s+harder)\b",
        doc_need=_ADVERSITY,
        key="experiences",
    ),
]
_REALISE_VETO = _c(
    _alt(
        r"\brecovery\s+(?:centre|center|service|team|unit|college|house|caf[eé]|workers?|"
        r"coordinators?|navigators?|housing|orders?)\b",
        r"\bin\s+recovery\b|\bin\s+(?:their|his|her|my|our|your)\s+own\s+recovery\b",
        r"\b(?:debt|cost|costs|data|disaster|asset|fee|fees|economic)\s+recovery\b",
        r"\b(?:identify|recogni[sz]e|spot|notice|screen\s+for)\s+(?:\w+\s+){0,3}?"
        r"(?:impact|effects?)\b",
        # "showing the effects of trauma" is a sign to recognise, not a claim about reach
        r"\b(?:show\w*|display\w*|signs?\s+of|exhibit\w*)\s+(?:the\s+)?(?:effects?|impact)\s+of\b",
        # a practice that "can bring back memories" is about re-traumatisation
        r"\b(?:restraint|restrain\w*|held\s+down|search\w*|being\s+\w+)\s+(?:\w+\s+){0,3}?"
        r"(?:can|could|may|might|will)\s+(?:bring|stir|trigger)",
        r"\b(?:emotional|psychological)\s+(?:toll|cost|impact|load)\s+of\s+(?:hearing|"
        r"listening|working|doing|the\s+work|supporting|this\s+work)\b",
        # staff affected by what they witness is workforce wellbeing
        _STAFF + r"s?\s+(?:\w+\s+){0,3}?(?:affected|impacted)\s+by\b",
        r"\b(?:peer|early)\s+recovery\b|\brecovery\s+(?:coach\w*|mentors?|champions?|"
        r"meetings?|groups?|programmes?|programs?)\b",
        # routine enquiry about what happened is recognising, not a claim about reach
        r"\bask\w*[\s,]+(?:\w+[\s,]+){0,2}?about\s+what\s+(?:has\s+)?happened",
        r"\b(?:understanding|knowledge|awareness)\s+of\s+(?:\w+\s+)?trauma\w*\s+(?:shapes?|informs?|"
        r"guides?|underpins?)\b",
        r"\bhear\w*\s+about\s+(?:\w+\s+){0,2}?(?:abuse|trauma\w*|violence)\b",
        r"\b(?:emotional|psychological)\s+impact\s+on\s+(?:\w+\s+)?" + _STAFF,
        _STAFF
        + r"\s+(?:who\s+)?(?:have\s+)?experienced\s+(?:\w+\s+)?(?:racism|discrimination|abuse|"
        r"violence)\s+at\s+work\b",
    )
)

_REC_VERB = (
    r"\b(?:recogni[sz](?:e|es|ed|ing)|notic(?:e|es|ed|ing)|spot(?:s|ted|ting)?|"
    r"consider\w*\s+whether|wonder\w*\s+(?:whether|if|what)|"
    r"identif(?:y|ies|ied|ying)|detect(?:s|ed|ing)?|screen(?:s|ed|ing)?(?:\s+for)?|"
    r"look(?:s|ing)?\s+(?:out\s+)?for(?!\s+(?:evidence|ways|opportunities|funding))|watch(?:es|ing)?\s+(?:out\s+)?for|alert\s+to|"
    r"assess(?:es|ed|ing)?\s+for|ask(?:s|ed|ing)?(?:[\s,]+\w+){0,3}?[\s,]+(?:about|whether)|"
    r"enquir\w*\s+about|"
    r"inquir\w*\s+about|pick(?:s|ing)?\s+up(?:\s+on)?|attun\w+\s+to|"
    r"see(?:s|ing)?|understand(?:s|ing)?\s+the\s+signs|read(?:s|ing)?)(?!\s+that\b)"
)
_TRAUMA_OBJ = (
    r"(?:trauma\w*\b(?![-\s](?:informed|aware|sensitive|responsive)\b)|traumatic|"
    r"(?:past|earlier|previous|early|childhood|historic)\s+(?:\w+\s+)?(?:hurt|harm|abuse|"
    r"trauma\w*|experiences|adversity|neglect)|frightening\s+things|"
    r"adverse\s+(?:childhood\s+)?experiences|ACEs\b|hypervigilan\w+|hyper-vigilan\w+|"
    r"dissociat\w+|flashbacks?|distress\w*|PTSD\b|post[-\s]traumatic|frightened|overwhelmed|"
    r"terrified|in\s+shock|(?:experiences?\s+of|exposure\s+to)\s+(?:\w+\s+)?(?:violence|abuse|"
    r"loss|neglect|exploitation|harm)|(?:something|about\s+what|anything)\s+(?:that\s+)?(?:has\s+|had\s+|"
    r"might\s+have\s+|may\s+have\s+)?happened\s+to\s+(?:them|him|her|you|the\s+\w+)|"
    r"anything\s+(?:in|from)\s+(?:her|his|their|your|(?:a|the)\s+\w+'s)\s+past|what\s+(?:a|the)\s+(?:child|person|"
    r"parent|young\s+person)\s+(?:has|had)\s+been\s+through|earlier\s+harm|past\s+events|"
    r"trauma\s+responses?|(?:living|live|lives|lived)\s+(?:with|in)\s+(?:constant\s+|daily\s+)?"
    r"(?:fear|violence|abuse|danger|terror))"
)
_RECOGNISE: list[_Rule | _CoRule] = [
    _r(
        r"\b(?:signs?|symptoms?|indicators?)\s+(?:\w+\s+)?that\s+(?:a\s+|the\s+)?(?:child|"
        r"person|young\s+person|parent|someone|they|adult)\s+(?:\w+\s+){0,2}?(?:has|have|had|"
        r"may|might|is|are)\s+(?:\w+\s+){0,2}?(?:been\s+through|experienced|suffer\w*|"
        r"struggl\w*|distress\w*|frighten\w*|trauma\w*|hurt)"
    ),
    _co(
        r"\b(?:taught|trained|learn|learns|helped|supported|equipped|skilled)\s+to\s+(?:[\w-]+\s+){0,8}?"
        r"(?:(?:and\s+)?to\s+)?(?:notice|spot|recogni[sz]e|identify|detect|pick\s+up)\b",
        r"\b(?:signs?|symptoms?|trauma\w*|distress\w*|frighten\w*|hypervigilan\w*|"
        r"dissociat\w*|behaviou?r|fear\w*|frozen|freez\w*|watchful|withdrawn|jumpy|clingy|"
        r"flinch\w*|startl\w*)",
    ),
    _r(_REC_VERB + _gap(10) + _TRAUMA_OBJ),
    _r(
        _REC_VERB + r"\s+(?:(?:the|its|their|possible|early|any|these|such|key|common)\s+)*"
        r"(?:signs?|symptoms?|indicators?|cues|manifestations?|red\s+flags)\b"
        r"(?!\s+(?:of|that)\s+(?:\w+\s+)?(?:burn|compassion|stress|fatigue|staff|fraud|"
        r"exploitation|radicali[sz]ation|progress|improvement|success|change))"
    ),
    _r(
        r"\b(?:signs?|symptoms?|indicators?|markers?|manifestations?)\s+(?:and\s+\w+\s+)?of\s+"
        r"(?:\w+\s+){0,2}?(?:trauma\w*|traumatic\s+stress|adversity|adverse\s+experiences)"
    ),
    _r(
        r"\b(?:trauma|ACEs?|adverse\s+childhood\s+experiences?)[-\s](?:screening|assessments?|"
        r"enquir(?:y|ies)|inquir(?:y|ies))\b|\bscreen(?:s|ed|ing)?\s+for\s+(?:\w+\s+)?"
        r"(?:trauma\w*|ACEs|adverse)"
    ),
    _r(r"\btrauma[-\s]related\s+(?:behaviou?rs?|symptoms?|needs?|responses?|reactions?)"),
    # looking beneath behaviour for its cause
    _r(
        r"\b(?:look\w*|see\w*|get\w*|go\w*|think\w*|curious)\s+(?:\w+\s+)?(?:beneath|behind|"
        r"beyond|past|underneath|below)\s+(?:the\s+|a\s+|(?:\w+'s\s+))?(?:\w+\s+)?"
        r"behaviou?rs?\b"
    ),
    _r(
        r"\bwhat\s+(?:lies|is|sits|might\s+be|may\s+be)\s+(?:behind|beneath|underneath|"
        r"driving)\s+(?:(?:a|the|their|his|her)\s+)?(?:\w+'s\s+)?(?:\w+\s+)?behaviou?rs?\b"
    ),
    # a behaviour read as a possible sign of past trauma
    _r(
        r"\b(?:may|might|can|could|often)\s+(?:\w+\s+)?(?:be|reflect|signal|indicate)\s+"
        r"(?:\w+\s+)?(?:linked\s+to|a\s+sign\s+of|a\s+signal\s+of|signs?\s+of|showing|"
        r"rooted\s+in|an?\s+(?:\w+\s+)?response\s+to|related\s+to|caused\s+by|evidence\s+of|"
        r"point\s+to|"
        r"driven\s+by|an?\s+(?:\w+\s+)?reaction\s+to|reacting\s+to|responding\s+to|coping\s+"
        r"with|)" + _gap(4) + _TRAUMA_OBJ
    ),
    _r(
        r"\b(?:wonder\w*|curious|ask\w*|think\w*)\s+(?:\w+\s+){0,2}?(?:about\s+)?what\s+(?:might\s+be|"
        r"may\s+be|is|could\s+be)\s+(?:going\s+on|happening)\s+(?:for|in|behind|at\s+home)\b"
    ),
    _r(
        r"\b(?:notic|spott|spot|recogni[sz]|identif|pick)\w*\s+(?:up\s+)?(?:on\s+)?(?:these|such|those)\s+"
        r"(?:patterns|behaviou?rs|cues|changes|reactions|responses)\b|\bread\w*\s+(?:\w+\s+)?"
        r"behaviou?rs?\s+as\s+(?:a\s+)?(?:sign|signal|clue|communication)\b|"
        r"\b(?:notic|spott|spot|pick)\w*\s+(?:up\s+)?(?:on\s+)?(?:any\s+|small\s+|subtle\s+)?"
        r"(?:changes?|shifts?)(?:\s+in\s+(?:\w+\s+)?(?:behaviou?r|mood|sleep|play|presentation|"
        r"eating)|\s*,?\s*(?:such\s+as|like))\b",
        doc_need=_TRAUMA_ANY + r"|\bharm\b|\babuse\b|\bpast\b|\bfrighten\w*|\bbeen\s+through\b",
        key="these|such|those|behavio|chang|shift",
    ),
    _r(
        r"\bbehaviou?rs?\s+(?:\w+\s+)?(?:reflects?|signals?|indicates?|points?\s+to|is\s+rooted\s+in)"
        + _gap(3)
        + _TRAUMA_OBJ
    ),
    _r(
        r"\b(?:may|might|could)\s+be\s+(?:in\s+shock|dissociating|re-?living|reliving|"
        r"hypervigilant|frozen|freezing)\b"
    ),
    _r(
        r"\b(?:signs?|symptoms?|signals?|indicators?|cues)\s+(?:of|that)\s+(?:\w+\s+){0,2}?"
        r"(?:past|earlier|previous|early|childhood)\s+(?:\w+\s+)?(?:harm|hurt|abuse|trauma\w*|"
        r"adversity|neglect)\b"
    ),
]

_ORG = _alt(
    r"\bpolic(?:y|ies)\b",
    r"\bprocedures?\b",
    r"\bprotocols?\b",
    r"\b(?:our|its|their|whole|service|care|local|wider|entire|organi[sz]ational|support)\s+"
    r"systems?\b",
    r"\bstandards\b",
    r"\b(?:every|all)\s+(?:team|policy|policies|service|teams|services|procedures?)\b",
    r"\bcommission\w*",
    r"\bcontracts?\b",
    r"\bservice\s+design\b",
    r"\bdesign\s+of\s+services\b",
    r"\brecruitment\b",
    r"\bhiring\b",
    r"\binduction\b",
    r"\btraining\b",
    r"\bworkforce\s+development\b",
    r"\bsupervision\b",
    r"\bpractice\s+(?:framework|model|standards?|guidance)\b",
    r"\b(?:whole|entire)[-\s](?:organi[sz]ation|system|service|school|workforce|council)\b",
    r"\bacross\s+(?:the\s+)?(?:whole\s+)?(?:organi[sz]ation|system|service|workforce|council|"
    r"agency|school)\b",
    r"\borgani[sz]ation(?:al|s)?\b",
    r"\bleadership\b",
    r"\bgovernance\b",
    r"\bstrateg(?:y|ies)\b",
    r"\bprogram(?:me)?s?\b",
    r"\b(?:every|all)\s+levels?\b",
    r"\b(?:case|care)\s+(?:recording|records|notes)\b",
    r"\bintake\b",
    r"\b(?:assessment|audit|supervision|referral)\s+(?:tools?|templates?|forms?|processes|"
    r"frameworks?)\b",
    r"\b(?:learning|development|training)\s+plans?\b",
    r"\bjob\s+descriptions?\b|\bappraisals?\b|\bpaperwork\b|\bhandbooks?\b",
    r"\bcurricul(?:um|a)\b|\bcourses?\b|\bCPD\b",
    r"\bhow\s+we\s+(?:write|run|design|plan|recruit|train|commission|assess|organi[sz]e|"
    r"record|structure|deliver)\b",
    r"\bphysical\s+(?:environments?|spaces?|estate)\b|\bbuildings\b|\bdata\s+systems?\b|"
    r"\bperformance\s+(?:evaluations?|reviews?|management|appraisals?)\b|\bcompetenc(?:y|ies)\b|"
    r"\b(?:person|role)\s+specifications?\b|\binterview\s+questions\b|\bcodes?\s+of\s+practice\b|"
    r"\bpathways?\b|\bguidance\b|\bservice\s+specifications?\b|\btenders?\b|\bbids?\b|"
    r"\bworkforce\s+(?:plans?|strateg\w+)\b|\bknowledge\s+and\s+skills\s+framework\b|"
    r"\b(?:letters|correspondence|templates?|forms)\b|\boperating\s+procedures\b",
)
# how trauma knowledge gets into the organisation when the trauma concept is any adversity
# (not just the word trauma): only explicit re-working verbs, never "shape" (that is realise)
_EMBED_STRONG = _alt(
    r"\bembed\w*",
    r"\bbuilt\s+into\b",
    r"\bbuild\w*\s+(?:\w+\s+){0,3}?into\b",
    r"\bintegrat\w*",
    r"\bwoven\b|\bweav\w*|\binfus\w*",
    r"\brewrit\w*|\bredesign\w*|\brevis\w*|\boverhaul\w*|\bredraft\w*",
    r"\bwritten\s+into\b|\bwrit\w*\s+(?:\w+\s+){0,2}?into\b",
    r"\bruns?\s+through\b|\brunning\s+through\b",
    r"\bteach(?:es|ing)?\b|\btaught\b",
    r"\brework\w*|\b(?:now\s+)?prompts?\b|\bnow\s+(?:includes?|requires?|covers?)\b",
    r"\btranslat\w*\s+into\b|\bincorporat\w*|\bhard[-\s]?wired\b|"
    r"\b(?:demand|requir|involv)\w*\s+(?:\w+\s+){0,2}?chang\w*\s+(?:in|to|across|at)\b|"
    r"\bonly\s+(?:fund|commission|contract|procure|buy|purchase)\w*\b|"
    r"\b(?:show|demonstrate|evidence)\s+how\s+(?:they|it|the\s+service|services|providers)\s+will\b|"
    r"\bembedded\s+(?:across|throughout|at\s+every\s+level)\b|\breflected\s+(?:in|across|throughout)\b",
)
_EMBED = _alt(
    r"\bembed\w*",
    r"\bbuilt\s+into\b",
    r"\bbuild\w*\s+(?:\w+\s+){0,3}?into\b",
    r"\bintegrat\w*",
    r"\bwoven\b",
    r"\bweav\w*",
    r"\binfus\w*",
    r"\bshap(?:e|es|ed|ing)\b",
    r"\breflect(?:s|ed|ing)?\b",
    r"\bunderpin\w*",
    r"\binforms\b",
    r"\binformed\s+by\b",
    r"\bguided\s+by\b",
    r"\brewrit\w*",
    r"\bredesign\w*",
    r"\btranslat\w*\s+into\b",
    r"\bmainstream\w*",
    r"\bwith\s+trauma\s+in\s+mind\b",
    r"\bthrough\s+a\s+trauma(?:[-\s]informed)?\s+lens\b",
    r"\breviewed\s+(?:through|against|using)\b",
    r"\bmonitored\s+against\b",
    r"\bcommissioned\s+to\s+be\b",
    r"\bthrough\s+a\s+trauma[-\s]informed\s+lens\b",
    r"\bruns?\s+through\b|\brunning\s+through\b",
    r"\bwrit\w*\s+(?:\w+\s+){0,2}?into\b",
    r"\bchang\w*\s+(?:how|the\s+way)\s+we\b",
    r"\binform(?:s|ing)?\s+(?:every|all|our|the|its|their|how)\b|\bto\s+inform\b",
    r"\bgrounded\s+in\b|\brooted\s+in\b",
    r"\bcover(?:s|ed|ing)?\b",
    r"\brevis\w*|\boverhaul\w*|\bredraft\w*|\brework\w*|"
    r"\b(?:review|audit|assess|check|measur|monitor|evaluat)\w*\s+(?:\w+\s*,?\s+){0,5}?"
    r"(?:against|through)\b",
    r"\brequir\w*\s+(?:\w+\s+){0,2}?(?:evidence|providers?|services?|every|all|commissioned|"
    r"that\s+(?:providers|services|staff))\b|\bnow\s+(?:includes?|covers?)\b|\bprompts?\b",
    r"\b(?:must|required\s+to|have\s+to|has\s+to)\s+(?:show|demonstrate|evidence)\b",
    r"\bincorporat\w*|\bapplied\s+(?:across|throughout|to\s+(?:every|all))\b|"
    r"\b(?:demand|requir|involv)\w*\s+(?:\w+\s+){0,2}?chang\w*\s+(?:in|to|across|at)\b|"
    r"\bonly\s+(?:fund|commission|contract|procure|buy|purchase)\w*\b|"
    r"\b(?:show|demonstrate|evidence)\s+how\s+(?:they|it|the\s+service|services|providers)\s+will\b|"
    r"\b(?:review|audit|examin)\w*\s+(?:all|every|each)\b",
)
_ORG = _W + _ORG
_EMBED = _W + _EMBED
_EMBED_STRONG = _W + _EMBED_STRONG
_KNOWLEDGE = (
    r"\b(?:this|that|the\s+same|such|these)\s+(?:knowledge|understanding|insights?|learning|"
    r"principles|approach|awareness)\b"
)
_APPROACH = (
    r"\b(?:this|that|the\s+same|such|these|the|our|its)\s+(?:knowledge|understanding|insights?|"
    r"learning|principles|approach|awareness|way\s+of\s+(?:working|thinking))\b"
)
_RESPOND: list[_Rule | _CoRule] = [
    # "the approach is written into the procedures" / "build this understanding into policies"
    _co(
        _APPROACH,
        _EMBED_STRONG,
        _ORG,
        doc_need=_TRAUMA_ANY,
        key="knowledge|understanding|insight|learning|principles|approach|awareness|way",
    ),
    _co(
        _APPROACH,
        r"\b(?:shap\w*|informs?|underpin\w*|guides?|runs?\s+through)\b",
        r"\b(?:rework\w*|rewrit\w*|revis\w*|redesign\w*|review\w*|overhaul\w*)\s+(?:\w+\s+){0,3}?"
        r"(?:procedures?|polic(?:y|ies)|training|processes|systems?|practice\s+framework)\b",
        doc_need=_TRAUMA_ANY,
        key="rework|rewrit|revis|redesign|review|overhaul",
    ),
    # the whole workforce trained (to think this way)
    _r(
        r"\b(?:train\w*|taught)\s+(?:\w+\s+){0,2}?(?:every|all)\s+(?:\w+\s+)?(?:adults?|staff|"
        r"members?\s+of\s+staff|employees|workers|practitioners|officers|teachers)\b|"
        r"\b(?:every|each)\s+member\s+of\s+staff\b" + _gap(14) + r"(?:train\w*|level|framework|"
        r"knowledge|skills|induction)\b",
        doc_need=_TRAUMA_ANY + r"|\bbehaviou?r|\bharm\b|\babuse\b|\bpast\b",
        key="train|taught|member",
    ),
    # organisational documents rewritten, in a text about trauma
    _r(
        r"\b(?:letters?|forms?|paperwork|leaflets?|templates?|polic(?:y|ies)|procedures?|processes)\s+"
        r"(?:have\s+been|has\s+been|are\s+being|is\s+being|were|was|are|is|will\s+be)\s+(?:\w+\s+)?"
        r"(?:rewritten|redesigned|revised|reworked|overhauled|redrafted)\b",
        doc_need=_TRAUMA_ANY,
        key="rewrit|redesign|revis|rework|overhaul|redraft",
    ),
    _co(_TRAUMA_ANY, _EMBED, _ORG),
    # "This is written into force policy and into every investigator's training."
    _r(
        r"\b(?:this|these|it|that|they|which|such\s+\w+)\s+(?:is|are|has\s+been|have\s+been|was|"
        r"were|will\s+be|is\s+now|are\s+now)\s+(?:now\s+|also\s+|fully\s+|firmly\s+)?(?:written|"
        r"built|embedded|incorporated|integrated|reflected|set\s+out|hard-?wired|woven|"
        r"enshrined|codified)\s+(?:in|into|through(?:out)?|across)\s+(?:\w+\s+){0,3}?" + _ORG,
        doc_need=_TRAUMA_ANY + r"|\bdistress\w*|\bharm\b|\babuse\b|\bvictims?\b|\badverse\b",
        key="written|built|embed|incorporat|integrat|reflect|set out|wired|woven|enshrin|codif",
    ),
    _co(_ADVERSITY, _EMBED_STRONG, _ORG),
    # "our policies, recruitment and training are shaped by this knowledge"
    _r(
        r"\b(?:are|is|have\s+been|has\s+been|will\s+be)\s+(?:all\s+)?(?:shaped|informed|guided|"
        r"underpinned|changed|rewritten|built)\s+(?:by|on|around|with)\s+" + _KNOWLEDGE,
        need=_ORG,
        sentence_scope=True,
        doc_need=_TRAUMA_ANY,
    ),
    # the whole workforce trained in trauma / adversity
    _r(
        r"\b(?:all|every)\s+(?:\w+\s+){0,2}?(?:staff|employees|practitioners|workers|carers|"
        r"teachers|clinicians|nurses|officers|managers|members\s+of\s+staff|new\s+starters)"
        r"\s+(?:\w+\s+){0,3}?(?:trained|training|taught|learn\w*|complete\w*|undertake\w*)"
        + _gap(6)
        + _TRAUMA_ANY
    ),
    # a trauma screen built into standard procedure
    _r(
        r"\b(?:screening|screen\w*|enquiry|inquiry|routine\s+enquiry)\b\s+(?:\w+\s+){0,3}?"
        r"(?:is|are|forms?|becomes?|has\s+become)\s+(?:now\s+)?(?:a\s+|an\s+)?(?:standard\s+|"
        r"routine\s+|core\s+)?(?:part\s+of|built\s+into|embedded\s+in|included\s+in)\s+"
        r"(?:\w+\s+){0,4}?(?:procedures?|process(?:es)?|protocols?|intake|assessments?|"
        r"pathways?|practice)\b",
        doc_need=_TRAUMA_ANY,
    ),
    _r(
        r"\btrauma[-\s](?:informed|awareness|aware)\s+(?:\w+\s+)?(?:training|polic(?:y|ies)|"
        r"procedures|commissioning|workforce\s+development|induction)\b"
    ),
    _r(r"\btraining\s+(?:on|in|about)\s+(?:\w+\s+)?(?:trauma\w*|ACEs)"),
    _r(
        r"\b(?:all|every)\s+(?:\w+\s+){0,2}?(?:staff|employees|practitioners)\s+(?:\w+\s+){0,3}?"
        r"trained\s+in\s+(?:\w+\s+)?trauma"
    ),
    _co(
        _TRAUMA_ANY,
        r"\b(?:whole|entire)[-\s](?:organi[sz]ation|system|service|school|workforce|council)\b"
        r"|\bacross\s+(?:the\s+|all\s+|our\s+)?(?:whole\s+)?(?:\w+'s\s+)?(?:organi[sz]ation|"
        r"system|services|workforce|council|agency|teams|departments|partnership)\b|"
        r"\b(?:organi[sz]ation|system)[-\s]wide\b|\bat\s+(?:every|all|each)\s+levels?\b|"
        r"\b(?:organi[sz]ational|cultural|whole[-\s]system)\s+(?:culture\s+)?(?:change|shift|"
        r"transformation)\b|\bculture\s+change\b|\bevery\s+(?:part|corner|level)\s+of\s+"
        r"(?:the|our|its)\s+(?:organi[sz]ation|service|system|work)\b",
    ),
]

_AVOID = (
    r"(?:avoid\w*|prevent\w*|minimi[sz]\w*|reduc\w*|limit\w*|not\s+(?:to\s+)?"
    r"(?:cause|add|trigger|shame|repeat|re-?\w+)|never|without\s+(?:causing|adding)|"
    r"does\s+not|do\s+not|don't|doesn't|careful|care\s+is\s+taken|take\s+care|last\s+resort|"
    r"eliminat\w*|mitigat\w*|resist\w*|guard\w*\s+against|lessen\w*|stop\w*|end(?:ing)?|"
    r"remov\w*|cut\s+back|no\s+longer|not\s+used|never\s+used|prohibit\w*|bann\w*|abolish\w*|"
    r"scrap\w*|phas\w*\s+out|protect\w*\s+from|spar\w*|"
    r"steer\w*\s+clear|stay\w*\s+away|keep\w*\s+away|not\s+(?:be\s+)?(?:asked|made|pushed|"
    r"forced|expected|required))"
)
_HARM = (
    r"(?:(?:further|additional|unnecessary|more|new|secondary|repeated|extra|avoidable|needless)\s+"
    r"(?:\w+\s+(?:or|and)\s+)?(?:harm|distress|trauma\w*|injury|hurt|upset|fear|anxiety|damage|"
    r"pain|victimi[sz]ation|injur\w+)|trigger\w*|sham(?:e|ed|es|ing)|humiliat\w*|"
    r"(?:strip|intimate|invasive)[-\s]search\w*|(?:physical\s+|prone\s+|mechanical\s+)?restrain\w*|"
    r"isolation\s+(?:rooms?|booths?)|iatrogenic|"
    r"restraint|seclusion|restrictive\s+(?:physical\s+)?(?:practices?|interventions?)|"
    r"(?:repeat|retell|re-tell|tell)\w*\s+(?:their|his|her|the|your)\s+stor(?:y|ies)|"
    r"unannounced\s+visits|painful\s+memories|reliv\w*|re-liv\w*|"
    r"remind\w*\s+(?:\w+\s+){0,3}?of|(?:reopen\w*|re-open\w*|open\w*\s+up)\s+(?:\w+\s+)?wounds|"
    r"(?:bring|brings|bringing|stir|stirs|stirring)\s+(?:back|up)\s+(?:\w+\s+){0,2}?memories|"
    r"painful\s+(?:things|events|experiences|details|subjects|topics|histor(?:y|ies)|memories|"
    r"stories|accounts)|(?:needless|unnecessary|repeated)\s+(?:repetition|retelling|questioning|"
    r"interviews?)|"
    r"again\s+and\s+again|over\s+and\s+over|time\s+and\s+again)"
)
# telling one's story again, or being made to revisit it
_RETELL = (
    r"\b(?:repeat\w*|retell\w*|re-tell\w*|recount\w*|revisit\w*|relive\w*|re-liv\w*|go\s+(?:through|"
    r"over)|going\s+(?:through|over)|explain\w*|describe\w*|tell\w*|giv\w*|read\s+out|"
    r"talk\w*\s+(?:about|through)|asked)\s+(?:\w+\s+){0,4}?(?:(?:all\s+)?(?:over\s+)?again|"
    r"more\s+than\s+once|each\s+time|every\s+time|at\s+every|to\s+each|to\s+every|"
    r"to\s+(?:several|different|multiple)|(?:their|his|her|your|the)\s+(?:\w+\s+)?(?:stor(?:y|ies)|"
    r"accounts?|histor(?:y|ies)|journey|experiences?|disclosures?)|painful\s+\w+|"
    r"the\s+same\s+questions)\b"
)
_RESIST: list[_Rule | _CoRule] = [
    # "do no harm", "cause no further harm": the service itself must not add to the injury
    _r(r"\b(?:do|does|doing|did|cause|causes|causing)\s+no\s+(?:further\s+|more\s+)?harm\b"),
    _co(
        r"\b(?:not|never|no\s+(?:one|need)|nobody|rather\s+than|instead\s+of|without|avoid\w*|"
        r"only\s+once|once\s+only|doesn't|don't|won't|prevent\w*|spar\w*|minimi[sz]\w*|reduc\w*|"
        r"push\w*|pressur\w*|made\s+to|forced\s+to|would\s+rather\s+not)\b",
        _RETELL,
        key=(
            "again|once|time|every|each|several|different|multiple|stor|account|histor|"
            "journey|experience|disclos|painful|questions"
        ),
    ),
    # a practice said to deepen, reopen or reawaken earlier harm
    _r(
        r"\b(?:reopen\w*|re-open\w*|open\w*\s+up)\s+(?:\w+\s+)?wounds\b|\bre-?awaken\w*|"
        r"\bre-?evok\w*|\bdeepen\w*\s+(?:the\s+|their\s+|its\s+|any\s+|a\s+)?(?:\w+\s+)?(?:harm|"
        r"distress|hurt|trauma\w*|wounds|damage|fear|shame)\b|\bmore\s+harm\s+than\s+good\b|"
        r"\b(?:echo|echoes|echoing|repeat\w*|repetition\s+of|mirror\w*|replicat\w*|bring\w*\s+back|"
        r"brought\s+back)\s+(?:\w+\s+){0,2}?(?:earlier|past|previous|old|original|prior)\s+(?:\w+\s+)?"
        r"(?:abuse|harm|trauma\w*|experiences?|hurt|rejection|violence|memories)\b|"
        r"\b(?:echo|echoes|echoing)\s+(?:the\s+|their\s+)?(?:past\s+)?(?:abuse|harm|trauma|violence)\b"
    ),
    _r(
        r"\bcan\s+(?:be|feel)\s+(?:\w+\s+)?(?:frightening|terrifying|distressing|triggering|"
        r"re-?traumati\w+)\s+for\s+(?:\w+\s+){0,2}?(?:who|with|survivors)\b"
    ),
    _r(
        r"\b(?:letters?|communications?|paperwork|forms?|notices?|processes|language|wording)\s+"
        r"(?:\w+\s+){0,8}?(?:no\s+longer|never|do\s+not|don't|does\s+not|doesn't)\s+(?:\w+\s+){0,2}?"
        r"(?:threat\w*|frighten\w*|blam\w*|sham\w*|intimidat\w*|judg\w*)"
    ),
    _r(
        r"\b(?:not|never|no\s+one\s+is)\s+(?:be\s+)?left\s+feeling\s+(?:\w+\s*,?\s+){0,3}?"
        r"(?:blamed|judged|shamed|humiliated|exposed|powerless|rushed|ashamed)\b"
    ),
    _r(
        r"\b(?:not|never|avoid\w*|without|rather\s+than)\s+(?:\w+\s+){0,2}?(?:repeat\w*|"
        r"replicat\w*|mirror\w*|recreat\w*|re-creat\w*|echo\w*|reproduc\w*|re-?enact\w*)\s+"
        r"(?:\w+\s+){0,3}?(?:experiences?|harm|trauma\w*|abuse|loss|patterns?|dynamics|"
        r"rejection|abandonment|hurt|pain|wounds|damage)\b"
    ),
    _r(r"\b(?:not|never)\s+(?:to\s+)?make\s+(?:things|it|matters|anything)\s+worse\b"),
    _r(
        r"\b(?:not|no|never|without)\s+(?:\w+\s+){0,2}?(?:asked|asking|having\s+to\s+answer)\s+"
        r"(?:\w+\s+){0,2}?(?:same|painful|difficult|intrusive)\s+questions\b"
    ),
    # a practice that echoes or takes people back to past harm, with an avoiding move
    _co(
        r"\b(?:echo\w*|mirror\w*|replicat\w*|recreat\w*|re-creat\w*)\s+(?:\w+\s+){0,3}?(?:abuse|"
        r"harm|trauma|hurt|experiences|violence)\b|\btake\w*\s+(?:\w+\s+){0,2}?(?:straight\s+)?"
        r"back\s+to\b|\bfeel\w*\s+like\s+(?:\w+\s+){0,5}?again\b",
        r"\b(?:avoid\w*|never|minimi[sz]\w*|reduc\w*|kept\s+to\s+(?:a|an)\s+(?:\w+\s+)?minimum|"
        r"stopped|no\s+longer|last\s+resort|instead|rather\s+than|must\s+not|do\s+not|don't)\b",
    ),
    _r(
        r"\b(?:not|never|without|avoid\w*)\s+(?:\w+\s+){0,2}?add\w*\s+to\s+(?:the\s+|their\s+|any\s+|"
        r"what\s+)?(?:\w+\s+)?(?:upheaval|distress|hurt|harm|trauma|pain|loss|damage|disruption|"
        r"instability|burden)\b"
    ),
    _r(
        r"\b(?:ask|asks|asked|asking|tell|told|record|recorded)\s+(?:\w+\s+){0,5}?only\s+once\b",
        doc_need=_TRAUMA_ANY + r"|\babuse\b|\bstor(?:y|ies)\b",
    ),
    _r(r"\bre[-\s]?traumati[sz]\w*"),
    _r(
        r"\biatrogenic\b|\bsecondary\s+victimi[sz]\w*|\b(?:systems?|services?|institutions?|"
        r"practices?|processes|responses?)\s+(?:that|which)\s+(?:can\s+|may\s+|might\s+)?"
        r"(?:mirror|replicate|recreate|re-create|reproduce|re-?enact)\s+(?:\w+\s+){0,2}?(?:abuse|"
        r"abusive|the\s+dynamics|dynamics|coercion|control|trauma\w*|harm\w*)\b"
    ),
    # a routine, process or change said to bring back or stir up the past (re-triggering)
    _co(
        r"\b(?:bring\w*|brought|stir\w*|call\w*|conjur\w*|trigger\w*)\s+(?:\w+\s+)?(?:back|up)\s+"
        r"(?:\w+\s+){0,3}?(?:memories|fears?|feelings|the\s+past|trauma\w*|panic|terror)\b|"
        r"\b(?:reawaken\w*|re-awaken\w*|re-?evok\w*)\b|\bremind\w*\s+(?:\w+\s+){0,2}?of\s+"
        r"(?:\w+\s+){0,2}?(?:abuse|abuser|abusers|past|earlier|trauma\w*|harm|violence|being)\b",
        r"\b(?:routines?|process\w*|practices?|procedures?|questions?|forms?|search\w*|visits?|"
        r"changes?|restrain\w*|seclusion|interviews?|examinations?|rooms?|environments?|rules?|"
        r"sanctions?|meetings?|assessments?|polic(?:y|ies)|letters?|moves?|placements?|the\s+way|"
        r"how\s+we|hearings?|courts?|systems?|lighting|noise|uniforms?|alarms?|locked)\b",
        key="back|up|reawaken|re-awaken|evok|remind",
    ),
    _r(
        r"\b(?:minimi[sz]|reduc|avoid|limit|prevent|lessen)\w*\s+(?:\w+\s+)?(?:distress|upset|anxiety|"
        r"fear)\s+(?:\w+\s+){0,2}?(?:caused\s+by|during|of|from|in)\s+(?:\w+\s+){0,3}?(?:process\w*|"
        r"procedures?|examinations?|interviews?|searches|visits?|assessments?|meetings?|court|"
        r"hearings?|questioning|investigations?|contact\s+with|services?|system)\b"
    ),
    _r(
        r"\b(?:not|never|avoid\w*|without|rather\s+than|stop\w*)\s+(?:[\w-]+\s+){0,4}?(?:that|which|who)?"
        r"\s*(?:repeat|replicat|recreat|re-creat|reproduc|mirror|echo)\w*\s+(?:\w+\s+){0,2}?(?:past|"
        r"earlier|previous|old|historic(?:al)?)\s+(?:harms?|hurts?|wrongs|injustices?|abuses?|"
        r"traumas?|experiences)\b"
    ),
    _r(r"\bre[-\s]?trigger\w*|\bre[-\s]?victimi[sz]\w*"),
    _r(r"\b" + _AVOID + _gap(8) + _HARM),
    _r(r"\b" + _HARM + _gap(10) + _AVOID),
    _r(r"\bdo\s+no\s+(?:further\s+)?harm\b"),
    _r(
        r"\b(?:not|never|without|avoid\w*)\s+(?:\w+\s+){0,3}?(?:reliv\w*|re-?liv\w*|"
        r"re-?experienc\w*|re-?liv\w*)"
    ),
    _r(
        r"\b(?:only|not)\s+(?:have|has|need|needs)\s+to\s+(?:\w+\s+){0,2}?(?:tell|repeat|retell|"
        r"relive|re-live)\w*(?:\s+(?:their|the|his|her)\s+stor(?:y|ies))?(?:\s+(?:once|again))?"
    ),
    _r(
        r"\b(?:tell|repeat|retell)\w*\s+(?:their|the|his|her)\s+stor(?:y|ies)\s+(?:only\s+)?"
        r"once\b"
    ),
]

_REL_ADJ = (
    r"(?:stable|consistent|attuned|trusting|lasting|long[-\s]?term|enduring|nurturing|secure|"
    r"positive|meaningful|caring|strong|safe|healthy|supportive|reliable|therapeutic|warm|"
    r"genuine|authentic|continuous|ongoing|respectful|human|compassionate|close|loving|"
    r"responsive|steady|dependable)"
)
_RELATION: list[_Rule | _CoRule] = [
    _r(
        r"\brelationships?\s+(?:is|are)\s+(?:itself\s+|themselves\s+)?(?:the|an?)\s+(?:\w+\s+)?"
        r"(?:intervention|treatment|therapy|help|change\s+agent|agent\s+of\s+change)\b"
    ),
    _r(
        r"\b(?:steady|reliable|familiar|dependable|constant|consistent|same|stable|known)\s+(?:[\w-]+\s*,?\s+){0,2}?(?:adults?|workers?|keyworkers?|"
        r"key\s+workers?|faces?|persons?|carers?|nurses?|practitioners?|professionals?|"
        r"figures?|mentors?|lead\s+workers?)\b"
        r"(?!\s+(?:checks?|vetting|recruitment))"
    ),
    _r(r"\b(?:count|rely|depend)\s+on\b", need=r"\badults?\b|\bworkers?\b|\bcarers?\b"),
    _r(
        r"\bknown\s+(?:\w+\s+){0,2}?for\s+(?:years|a\s+long\s+time|many\s+\w+|most\s+of)\b|"
        r"\b(?:have|has)\s+known\s+(?:them|him|her|the\s+family|the\s+child)\b"
    ),
    _r(
        r"\b(?:workers?|adults?|carers?|mentors?|practitioners?|someone|person|nurses?|"
        r"key\s?workers?)\s+(?:\w+\s+){0,2}?(?:who\s+)?(?:stays?|stayed|(?:sticks?|stuck)\s+(?:around|with)|"
        r"turns?\s+up|keeps?\s+(?:coming|in\s+touch|in\s+contact)|kept\s+in\s+touch|"
        r"(?:does\s+not|doesn't|won't|never|will\s+not)\s+give\s+up)\b"
        r"(?!\s+(?:at\s+home|late|overnight|on\s+shift|in\s+the\s+office))"
    ),
    _r(r"\b(?:stick|stuck|sticking)\s+around\b"),
    _r(
        r"\bkey\s+(?:adults?|persons?|people)\b|\b(?:won't|will\s+not|never|doesn't|does\s+not|don't)"
        r"\s+(?:just\s+)?(?:disappear|vanish)\b|\bcheck\w*\s+in\s+with\s+(?:them|him|her|each\s+"
        r"\w+|every\s+\w+)\s+(?:\w+\s+){0,3}?(?:each|every)\s+(?:day|morning|week)\b"
    ),
    _r(
        r"\b(?:happens?|takes?\s+place|occurs?)\s+(?:in|through|within)\s+(?:a\s+|the\s+)?"
        r"relationships?\b|\bbonds?\s+(?:between|with)\s+(?:\w+\s+){0,4}?(?:adults?|workers?|carers?|"
        r"staff|practitioners?|mentors?)\b"
    ),
    _r(
        r"\b(?:instead\s+of|rather\s+than|without|not\s+forever|never)\s+(?:\w+\s+){0,2}?"
        r"(?:moving\s+on|changing\s+workers|starting\s+(?:again|over)|a\s+new\s+face|"
        r"new\s+faces|handing\s+(?:them\s+)?over)\b"
    ),
    _r(
        r"\b(?:lean|leans|leaning|draw|draws|drawing|rely|relies|relying|build|builds|building)\s+"
        r"on\s+(?:the\s+|their\s+|our\s+)?relationships?\b|\brelationships?\s+(?:they|we|staff|"
        r"workers|carers)\s+(?:have\s+)?(?:built|made|formed|developed)\b"
    ),
    _r(
        r"\b(?:who|workers?|adults?|carers?|practitioners?)\s+(?:\w+\s+)?(?:stay|stays|staying|"
        r"remain|remains)\s+(?:alongside|with|involved\s+with|in\s+touch\s+with)\s+"
        r"(?:\w+\s+){0,2}?(?:them|" + _PERSON + r")"
    ),
    _r(
        r"\bconnect(?:ion|ions|ed|edness)\s+(?:with|to)\s+(?:\w+\s+){0,2}?(?:adults?|carers?|"
        r"workers?|staff|trusted|others|people|a\s+\w+\s+adult)\b"
    ),
    _r(
        r"\b(?:relationships?|connections?)\s+(?:\w+\s+){0,4}?(?:is|are)\s+(?:the\s+|a\s+)?"
        r"(?:main\s+|primary\s+|key\s+|principal\s+|best\s+)?(?:route|key|vehicle|means|way|"
        r"path|heart|foundation|agent)\s+(?:to|of|for)\b"
    ),
    _r(r"\brelationships?[-\s](?:based|focused|centred|centered|led|building)\b"),
    _r(
        r"\brelational(?:ly)?\b(?!\s+(?:trauma|harm|abuse|adversity|difficulties|aggression))"
        r"(?:\s+(?:practice|approach|working|work|model))?"
    ),
    _r(
        r"\b" + _REL_ADJ + r"(?:\s*,?\s*(?:and\s+)?\w+){0,2}?\s+(?:relationships?|connections?|"
        r"bonds?|attachments?)\b"
    ),
    _r(
        r"\brelationships?\s+(?:is|are)\s+(?:at\s+the\s+)?(?:heart|centre|center|core|key|"
        r"central|foundation|essential|fundamental|crucial|vital)\b"
    ),
    _r(
        r"\b(?:through|via|by\s+means\s+of|within|in\s+the\s+context\s+of)\s+(?:\w+\s+){0,3}?"
        r"relationships?\b"
    ),
    _r(
        r"\brelationships?\s+(?:\w+\s+){0,2}?(?:as|is|are)\s+(?:the\s+)?(?:main\s+|primary\s+|"
        r"key\s+|principal\s+)?(?:vehicle|means|mechanism|agent|tool|route|medium)\b"
    ),
    _r(
        r"\b(?:build|building|builds|built|develop\w*|form\w*|nurtur\w*|maintain\w*|"
        r"invest\w*\s+in|sustain\w*|foster\w*)\s+(?:\w+\s+){0,3}?(?:relationships?|"
        r"connections?|bonds?|rapport)\b"
    ),
    _r(r"\brelationships?\s+of\s+trust\b"),
    # "it is the relationship, not the intervention, that heals"
    _r(
        r"\b(?:it\s+is|it's)\s+(?:the\s+|our\s+|their\s+)?relationships?\b(?:\s*,?\s*(?:\w+\s*){0,5}?,)?"
        r"\s*(?:that|which)\s+(?:\w+\s+)?(?:heals?|helps?|changes?|matters?|works?|counts?|"
        r"makes?\s+(?:the|a|all\s+the)\s+difference|brings?\s+about)\b",
        key="relationship",
    ),
    _r(
        r"\b(?:keep|keeps|kept|keeping|stay|stays|stayed|staying|remain\w*)\s+(?:\w+\s+){0,3}?with\s+"
        r"the\s+same\s+(?:children|child|famil(?:y|ies)|young\s+(?:people|person)|worker|"
        r"social\s+worker|key\s?worker|carers?|practitioner)\b|\b(?:few|fewer|minimal|no)\s+"
        r"(?:unnecessary\s+)?changes\s+of\s+(?:social\s+)?(?:worker|key\s?worker|carer|practitioner)s?\b"
    ),
    _r(
        r"\b(?:same|consistent|known|dedicated|stable|continuity\s+of)\s+(?:\w+\s+){0,3}?"
        r"(?:worker|case\s?worker|key\s?worker|social\s+worker|practitioner|adults?|carers?|"
        r"professional|lead\s+professional|person|therapist|mentor|keyworker)s?\b"
    ),
    _r(
        r"\bgets?\s+to\s+know\b|\bfeel\s+(?:\w+\s+and\s+)?known\b|\bknows?\s+(?:them|each\s+"
        r"child|the\s+child)\s+well\b"
    ),
]
_RELATION_VETO = _c(
    _alt(
        r"\brelationships?\s+(?:and\s+)?(?:sex(?:uality)?|health)\s+education\b",
        r"\bworking\s+relationships?\s+(?:with|between)\s+(?:the\s+)?(?:police|agencies|"
        r"partners|other|schools?|health)\b",
        r"\bsame\s+(?:weight|value|status|standing|rights|respect|importance|say)\s+as\b",
        r"\b(?:business|commercial|partner|partnership|customer|supplier|diplomatic)\s+"
        r"relationships?\b",
    )
)

_WELL = r"(?:well[-\s]?being|welfare|resilience|self[-\s]?care|mental\s+health|emotional\s+health)"
_WORKFORCE: list[_Rule | _CoRule] = [
    _r(r"\bdecompress\w*|\bwind\s+down\s+after\b"),
    _r(
        r"\binvest\w*\s+in\s+(?:our\s+)?(?:own\s+)?(?:people|staff|workforce|team|workers)\b|"
        + _STAFF
        + r"\s+(?:who\s+)?(?:feel|are|feeling)\s+(?:\w+\s+)?(?:supported|valued|cared\s+for|"
        r"looked\s+after)\b(?!\s+to\s+(?:notice|use|deliver|apply|work|understand|recogni|spot|"
        r"identify|think|respond|develop|learn))"
    ),
    _r(
        _STAFF + r"\b" + _gap(10) + r"(?:have\s+access\s+to|receive|get|are\s+given|are\s+offered|"
        r"can\s+(?:access|use|book|ask\s+for))\s+(?:\w+\s+){0,4}?(?:counsel\w*|supervision|"
        r"debrief\w*|consultation|self[-\s]care|therap\w*|support\s+(?:line|sessions|groups))\b"
    ),
    _co(
        _STAFF,
        r"\b(?:carry|carries|bring|brings|have|has|process|with|about|on|to)\s+(?:their|our|his|her)\s+"
        r"own\s+(?:reactions|feelings|responses|emotions|stress|experiences\s+of\s+(?:trauma|"
        r"adversity|abuse)|trauma|histor\w+)\b(?!\s+(?:or|and)\s+of\s+growing)|\bwell[-\s]?being\s+"
        r"(?:offer|programme|program|lead|hub|strategy|days?|support)\b|\bmeet\w*\s+(?:\w+\s+)?"
        r"(?:weekly|monthly|regularly|fortnightly)\s+with\s+(?:a|an|the)\s+(?:\w+\s+)?(?:therapist|"
        r"psychologist|supervisor|clinician)\b",
    ),
    _r(
        r"\blook\w*\s+after\s+(?:our\s+|the\s+)?(?:foster\s+)?carers\s+themselves\b|\blook\w*\s+"
        r"after\s+(?:our\s+|the\s+|their\s+)?(?:staff|carers|workers|teams?)\s+(?:as\s+)?(?:well|"
        r"carefully|properly)\b"
    ),
    _r(
        r"\b(?:no\s+one|nobody|no\s+worker|no\s+practitioner|never)\s+(?:\w+\s+){0,2}?(?:carr(?:y|ies)|"
        r"hold\w*|manag\w*|deal\w*\s+with|face\w*|carrying)\s+(?:\w+\s+){0,3}?(?:alone|on\s+"
        r"(?:their|his|her|my|our)\s+own)\b"
    ),
    _r(
        r"\b(?:emotional|psychological)\s+(?:toll|cost|load|strain|burden)\b|\btakes?\s+(?:its|a)\s+"
        r"toll\b",
        need=r"\bwork(?:ing|s)?\b|\bjob\b|" + _STAFF,
        sentence_scope=True,
    ),
    _r(r"\bcheck\w*\s+in\s+with\s+(?:\w+\s+)?(?:teams?|staff|workers|colleagues|practitioners)\b"),
    _r(
        r"\bafter\s+(?:a|an|any|every)\s+(?:\w+\s+)?(?:serious|critical|difficult|distressing|"
        r"traumatic)\s+(?:incidents?|events?|cases?|visits?)\b",
        need=r"\bsupport|\bcounsel|\bdebrief|\btime\s+out\b|\bcheck\w*\s+in\b|\bwell[-\s]?being\b",
        sentence_scope=True,
    ),
    _r(r"\brunning\s+on\s+empty\b|\bempty\s+cup\b|\bpour\s+from\s+an\s+empty\b"),
    _r(
        _STAFF + _gap(8) + r"(?:their\s+own\s+)?(?:emotional\s+health|mental\s+health|"
        r"well[-\s]?being|coping|self[-\s]?care|(?:psychological|emotional)\s+support)\b"
    ),
    _co(
        _STAFF,
        r"\b(?:psychological|emotional|well[-\s]?being)\s+support\b|\btake\s+(?:regular\s+)?"
        r"breaks\b|\bhow\s+they\s+are\s+(?:coping|doing|feeling)\b|\btalk\w*\s+(?:it|things|"
        r"this|them)\s+through\b",
    ),
    _co(
        _STAFF,
        r"\b(?:talk|reflect|process|off-?load)\w*\s+(?:together\s+)?(?:about|on|through)\s+"
        r"(?:\w+\s+){0,3}?(?:cases|work|feelings|impact|emotions|experiences|what\s+(?:they|we)\s+"
        r"(?:hear|see|witness|carry|feel)|how\s+(?:the\s+work|it|this|they|we)\s+(?:affects?|feels?|"
        r"impacts?|are\s+(?:coping|feeling|doing))|what\s+(?:\w+\s+)?behaviou?rs?\s+(?:is|are|"
        r"might\s+be)\s+telling)\b",
    ),
    _r(
        r"\b(?:staff|workforce|worker|employee|practitioner|professional|team|colleague|"
        r"carer|clinician)s?(?:'s|')?\s+(?:own\s+)?(?:health\s+and\s+)?" + _WELL
    ),
    _r(r"\b" + _WELL + r"\s+of\s+(?:\w+\s+){0,2}?" + _STAFF + r"\b"),
    _r(r"\bburn[-\s]?out\b|\bcompassion\s+fatigue\b|\bmoral\s+injury\b"),
    _r(
        r"\b(?:exhausted|burnt[-\s]out|burned[-\s]out|overwhelmed|unsupported|overstretched|"
        r"over-stretched|stressed)\s+(?:and\s+\w+\s+)?(?:staff|workers|practitioners|teams?|"
        r"colleagues|social\s+workers|professionals|carers|teachers|nurses)\b"
    ),
    _r(r"\b(?:vicarious|secondary)\s+(?:trauma\w*|traumatic\s+stress|stress|resilience)"),
    _r(
        r"\b(?:reflective|restorative|clinical|trauma[-\s]informed|regular|supportive|"
        r"good[-\s]quality)\s+(?:supervision|practice\s+(?:sessions|groups|space|time)|"
        r"spaces?|sessions?|groups?)\b",
        forbid=r"\b(?:families|parents|children|young\s+people|clients)\s+(?:attend|join)",
    ),
    _r(r"\breflective\s+practice\b"),
    _r(r"\bdebrief\w*"),
    _r(r"\bemployee\s+assistance\b|\boccupational\s+health\b"),
    _r(
        r"\blook\w*\s+after\s+(?:the\s+)?(?:people\s+who\s+(?:look\s+after|care\s+for|support)|"
        r"our\s+(?:own\s+)?staff|staff|our\s+(?:own\s+)?workforce|the\s+workforce|each\s+other|"
        r"ourselves|"
        r"our\s+people|our\s+(?:own\s+)?teams?|workers|practitioners)"
    ),
    _r(r"\b(?:care|caring)\s+for\s+(?:the\s+)?(?:carers|staff|workforce|caregivers|helpers)\b"),
    _r(
        r"\b(?:support\s+(?:for|to)|supporting|supports)\s+(?:our\s+|the\s+)?(?:staff|"
        r"workforce|practitioners|workers|social\s+workers|employees)\b"
        r"(?!\s+(?:to\s+)?(?:use|deliver|apply|implement|work\s+with|understand))"
    ),
    _r(r"\bpeer[-\s]support\s+(?:for|among|amongst|between)\s+(?:\w+\s+)?" + _STAFF),
    _r(
        r"\b(?:emotional|psychological)\s+(?:impact|toll|demands?|cost|load|labou?r|burden|"
        r"weight|strain)\s+of\s+(?:the|this|their|our|doing|such|front[-\s]?line)\s+"
        r"(?:\w+\s+)?(?:work|job|role|practice)\b"
    ),
    _r(r"\b(?:work|job)\s+(?:is\s+)?affect\w*\s+(?:them|staff|workers|practitioners)\b"),
    _r(r"\bcounsel(?:l)?ing\s+(?:for|to)\s+(?:\w+\s+)?" + _STAFF),
    _r(
        _STAFF + r"\s+(?:\w+\s+){0,2}?(?:are\s+|is\s+)?(?:receive|get|are\s+given|are\s+offered|"
        r"have\s+access\s+to|are\s+supported|offered)\s+(?:\w+\s+){0,3}?(?:counsel\w*|"
        r"supervision|support|debriefs?|wellbeing)"
    ),
]

# The four Rs named as a list: at least three of realise/recognise/respond/resist together.
_FOUR_RS: dict[str, re.Pattern[str]] = {
    "realise": _c(r"\breali[sz](?:e|es|ed|ing|ation)\b"),
    "recognise": _c(r"\brecogni[sz](?:e|es|ed|ing|tion)\b"),
    "respond": _c(r"\brespond(?:s|ed|ing)?\b"),
    "resist-retraumatisation": _c(
        r"\bresist(?:s|ed|ing)?\b(?:\s+re[-\s]?traumati[sz]\w*)?|\bre[-\s]?traumati[sz]\w*"
    ),
}

_NO_VETO: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class _Principle:
    """One principle's compiled rules.

    Unconditional phrase rules are joined into one alternation (one scan instead of many);
    conditional and co-occurrence rules are kept apart.
    """

    slug: str
    plain: re.Pattern[str] | None
    conditional: tuple[_Rule, ...]
    cooccurrence: tuple[_CoRule, ...]
    veto: re.Pattern[str] | None
    # the word heads a ``plain`` match can start at (None: any word start)
    heads: _Heads | None = None


def _principle(
    slug: str, rules: Iterable[_Rule | _CoRule], veto: re.Pattern[str] | None
) -> _Principle:
    plain: list[str] = []
    conditional: list[_Rule] = []
    cooccurrence: list[_CoRule] = []
    for rule in rules:
        if isinstance(rule, _CoRule):
            cooccurrence.append(rule)
        elif rule.need is None and rule.forbid is None and rule.doc_need is None and not rule.key:
            plain.append(rule.source)
        else:
            conditional.append(rule)
    joined: re.Pattern[str] | None = None
    heads: _Heads | None = None
    if plain:
        text, heads = _fast(_W + "(?:" + "|".join(f"(?:{p})" for p in plain) + ")")
        joined = re.compile(text)
    return _Principle(slug, joined, tuple(conditional), tuple(cooccurrence), veto, heads)


_PRINCIPLES: tuple[_Principle, ...] = (
    _principle("safety", _SAFETY, _SAFETY_VETO),
    _principle("trustworthiness", _TRUST, _TRUST_VETO),
    _principle("peer-support", _PEER, _PEER_VETO),
    _principle("collaboration", _COLLAB, _COLLAB_VETO),
    _principle("empowerment", _EMPOWER, _EMPOWER_VETO),
    _principle("cultural-responsiveness", _CULTURE, _CULTURE_VETO),
    _principle("realise", _REALISE, _REALISE_VETO),
    _principle("recognise", _RECOGNISE, _NO_VETO),
    _principle("respond", _RESPOND, _NO_VETO),
    _principle("resist-retraumatisation", _RESIST, _NO_VETO),
    _principle("relationships", _RELATION, _RELATION_VETO),
    _principle("workforce-wellbeing", _WORKFORCE, _NO_VETO),
)
assert tuple(p.slug for p in _PRINCIPLES) == PRINCIPLE_SLUGS

# sentence ends: terminal punctuation followed by space/end, or a line break
# (written first-character-first so the engine can skip to candidates; the same matches as
# [.!?]+(?=[\s"')\]]|$)|\n, since X+ == XX* and a lookbehind re-reads the consumed character)
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*(?=[\s\"')\]]|$)|(?<=\n))")
# clause ends: sentence ends plus ; : and spaced dashes
# (the same matches as [.!?]+(?=[\s"')\]]|$)|\n|[;:]|\s-+\s, written first-character-first)
_CLAUSE_END = re.compile(
    r"[.!?\n;:\s](?:(?<=[.!?])[.!?]*(?=[\s\"')\]]|$)|(?<=\n)|(?<=[;:])|(?<=\s)-+\s)"
)
_TRIM = " \t\r\n\f\v.,;:!?-\"'()[]{}"
# a maximal run of word characters starts exactly where ``_W`` holds
_WORD = re.compile(r"\w+")
_MAX_JOINED = 200  # co-occurrence evidence longer than this is reported part by part

# --------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------


def _bounds(pattern: re.Pattern[str], text: str) -> list[int]:
    """Start offsets of the segments that ``pattern``'s matches cut ``text`` into."""
    starts = [0]
    starts.extend(m.end() for m in pattern.finditer(text))
    return starts


def _segment(starts: list[int], pos: int, length: int) -> tuple[int, int]:
    i = bisect_right(starts, pos) - 1
    start = starts[i]
    end = starts[i + 1] if i + 1 < len(starts) else length
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


class _Context:
    __slots__ = ("_hits", "clauses", "length", "norm", "sentences", "word_heads")

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.length = len(norm)
        self.sentences = _bounds(_SENTENCE_END, norm)
        self.clauses = _bounds(_CLAUSE_END, norm)
        # each word start with the text's first two characters there
        self.word_heads = [(s, norm[s : s + 2]) for s in [m.start() for m in _WORD.finditer(norm)]]
        # keyed by id(): hashing a compiled pattern hashes its whole code, every time
        self._hits: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}

    def hits(self, pattern: re.Pattern[str]) -> tuple[list[int], list[tuple[int, int]]]:
        """All non-empty matches of ``pattern`` in the text (starts, spans), scanned once per
        text and shared by every co-occurrence rule that uses the same concept."""
        cached = self._hits.get(id(pattern))
        if cached is None:
            spans = _spans(pattern, self)
            cached = ([s for s, _ in spans], spans)
            self._hits[id(pattern)] = cached
        return cached

    def first_within(self, pattern: re.Pattern[str], lo: int, hi: int) -> tuple[int, int] | None:
        starts, spans = self.hits(pattern)
        i = bisect_left(starts, lo)
        if i < len(spans) and spans[i][1] <= hi:
            return spans[i]
        return None

    def clause(self, pos: int) -> tuple[int, int]:
        return _segment(self.clauses, pos, self.length)

    def sentence(self, pos: int) -> tuple[int, int]:
        return _segment(self.sentences, pos, self.length)

    def sentence_ranges(self) -> Iterable[tuple[int, int]]:
        return self.windows(1)

    def windows(self, size: int) -> Iterable[tuple[int, int]]:
        """Ranges of ``size`` consecutive sentences (one range if the text is shorter)."""
        starts = self.sentences
        n = len(starts)
        for i, start in enumerate(starts):
            j = i + size
            end = starts[j] if j < n else self.length
            if end > start:
                yield start, end
            if j >= n:
                break


def _at_word_starts(
    pattern: re.Pattern[str], heads: _Heads | None, ctx: _Context
) -> list[tuple[int, int]]:
    """The non-empty matches ``pattern.finditer`` gives, for a pattern that can only match
    at a word start (and only at one with the given ``heads``, unless None): only those
    places are tried, from Python, instead of every position of the text."""
    norm = ctx.norm
    out: list[tuple[int, int]] = []
    pos = 0
    one, two = heads if heads is not None else (frozenset(), frozenset())
    for start, head in ctx.word_heads:
        if start < pos or (heads is not None and head not in two and head[0] not in one):
            continue
        m = pattern.match(norm, start)
        if m is not None:
            end = m.end()
            if end <= start:  # an empty match: let finditer handle its subtleties
                return [m.span() for m in pattern.finditer(norm) if m.end() > m.start()]
            out.append((start, end))
            pos = end
    return out


def _spans(pattern: re.Pattern[str], ctx: _Context) -> list[tuple[int, int]]:
    """The non-empty matches of ``pattern`` in the text, as ``finditer`` gives them."""
    heads = _STARTS.get(id(pattern))
    if heads is not None:
        return _at_word_starts(pattern, heads, ctx)
    return [m.span() for m in pattern.finditer(ctx.norm) if m.end() > m.start()]


def _plain_spans(principle: _Principle, ctx: _Context) -> list[tuple[int, int]]:
    """The matches of ``principle.plain``: the joined pattern starts with ``_W``, so it
    matches at word starts only, whatever its branches."""
    if principle.plain is None:
        return []
    return _at_word_starts(principle.plain, principle.heads, ctx)


def _rule_spans(rule: _Rule, ctx: _Context) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    norm = ctx.norm
    if rule.key and not any(k in norm for k in rule.key):
        return out
    if rule.doc_need is not None and rule.doc_need.search(norm) is None:
        return out
    for start, end in _spans(rule.pattern, ctx):
        if rule.need is not None or rule.forbid is not None:
            lo, hi = ctx.sentence(start) if rule.sentence_scope else ctx.clause(start)
            hi = max(hi, end)
            if rule.need is not None and rule.need.search(norm, lo, hi) is None:
                continue
            if rule.forbid is not None and rule.forbid.search(norm, lo, hi) is not None:
                continue
        out.append((start, end))
    return out


def _co_spans(rule: _CoRule, ctx: _Context) -> list[list[tuple[int, int]]]:
    """One group of spans per window that has every part (a group is vetoed as a whole)."""
    out: list[list[tuple[int, int]]] = []
    if rule.key and not any(k in ctx.norm for k in rule.key):
        return out
    head, rest = rule.parts[0], rule.parts[1:]
    if not ctx.hits(head)[0]:  # the first concept is scanned once per text and shared
        return out
    norm = ctx.norm
    if rule.doc_need is not None and rule.doc_need.search(norm) is None:
        return out
    for lo, hi in ctx.windows(rule.window):
        span = ctx.first_within(head, lo, hi)
        if span is None:
            continue
        found = [span]
        for part in rest:
            m = part.search(norm, lo, hi)
            if m is None or m.end() <= m.start():
                break
            found.append(m.span())
        else:
            first = min(s for s, _ in found)
            last = max(e for _, e in found)
            out.append([(first, last)] if last - first <= _MAX_JOINED else found)
    return out


def _four_rs(ctx: _Context) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    norm = ctx.norm
    if sum(1 for p in _FOUR_RS.values() if p.search(norm) is not None) < 3:
        return out
    for lo, hi in ctx.sentence_ranges():
        hits = {slug: p.search(norm, lo, hi) for slug, p in _FOUR_RS.items()}
        present = {slug: m.span() for slug, m in hits.items() if m is not None}
        if len(present) >= 3:
            for slug, span in present.items():
                out.setdefault(slug, []).append(span)
    return out


_VETO_REACH = 100  # a veto phrase that overlaps a span starts or ends this close to it


def _veto_spans(
    veto: re.Pattern[str], ctx: _Context, groups: list[list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """Veto matches near the found spans only (scanning the whole text is wasted work)."""
    norm, length = ctx.norm, ctx.length
    ranges: list[list[int]] = []
    for start, end in sorted(span for group in groups for span in group):
        lo, hi = max(0, start - _VETO_REACH), min(length, end + _VETO_REACH)
        if ranges and lo <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], hi)
        else:
            ranges.append([lo, hi])
    out: list[tuple[int, int]] = []
    for lo, hi in ranges:
        while hi < length and norm[hi].isalnum():  # never cut a word at the right edge
            hi += 1
        out.extend(m.span() for m in veto.finditer(norm, lo, hi))
    return out


def _merge(text: str, spans: list[tuple[int, int]]) -> tuple[Span, ...]:
    trimmed = sorted({_trim(text, s, e) for s, e in spans})
    merged: list[list[int]] = []
    for start, end in trimmed:
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(Span(s, e, text[s:e]) for s, e in merged)


def _lower(text: str) -> str:
    """Lower-case without changing the length (a few code points lower to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _analyse(text: str) -> tuple[PrincipleFinding, ...]:
    norm = _lower(text.translate(_FOLD))
    if len(norm) != len(text):  # defensive: both steps are length-preserving
        return ()
    ctx = _Context(norm)
    four_rs = _four_rs(ctx)
    findings: list[PrincipleFinding] = []
    for principle in _PRINCIPLES:
        groups: list[list[tuple[int, int]]] = []
        if principle.plain is not None:
            groups.extend([span] for span in _plain_spans(principle, ctx))
        for rule in principle.conditional:
            groups.extend([span] for span in _rule_spans(rule, ctx))
        for co_rule in principle.cooccurrence:
            groups.extend(_co_spans(co_rule, ctx))
        if principle.veto is not None and groups:
            vetoed = _veto_spans(principle.veto, ctx, groups)
            if vetoed:
                groups = [g for g in groups if not any(_overlaps(vetoed, s, e) for s, e in g)]
        spans = [span for group in groups for span in group]
        spans.extend(four_rs.get(principle.slug, ()))
        evidence = _merge(text, spans)
        if evidence:
            findings.append(PrincipleFinding(principle.slug, evidence))
    return tuple(findings)


def analyse(text: str) -> tuple[PrincipleFinding, ...]:
    """Findings in ``PRINCIPLE_SLUGS`` order; empty tuple for a text with no principle."""
    if not isinstance(text, str) or not text.strip():
        return ()
    try:
        return _analyse(text)
    except (RecursionError, MemoryError, ValueError, IndexError):  # pragma: no cover
        return ()
