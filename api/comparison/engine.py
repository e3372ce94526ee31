"""The rules engine: runs any version of the analyser's rules, read from a data file.

Each version's concepts, rules and vetoes live in ``rules/<version>.toml`` beside this module
(the format is described in ``rules/README.md``), so a rule change is reviewed as a diff of
data and an analysis stored by an older version can be recomputed with that version's file.
A file is read, checked and compiled the first time its version is used (never at import:
compiling a version takes seconds), then kept for the life of the process.

Matching runs on a normalised, lower-cased copy of the text; every evidence span is mapped
back so that it slices the original text exactly (:mod:`api.comparison.normalise`).
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import takewhile
from pathlib import Path
from typing import Any

from api.comparison import datafile
from api.comparison.language import DETECTORS, detect_language
from api.comparison.normalise import fold, normalise
from api.comparison.regex_fast import Heads, fast, shortest, word_heads
from api.comparison.vocabulary import PRINCIPLE_SLUGS

__all__ = [
    "RULES_DIR",
    "PrincipleFinding",
    "RuleSet",
    "RulesError",
    "Span",
    "TextAnalysis",
    "available_versions",
    "load",
    "run",
]

RULES_DIR = Path(__file__).with_name("rules")


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


@dataclass(frozen=True, slots=True)
class TextAnalysis:
    """What one version of the rules makes of one text.

    ``carried``: principles the text carries. ``denied``: principles the text explicitly
    denies, defers or leaves out, with the words that say so (never also in ``carried``).
    ``analysed`` is False, with a ``reason``, for a text in a language the rules do not read:
    such a text has no findings because it was not read, not because it carries nothing.
    """

    version: str
    analysed: bool
    language: str | None
    reason: str | None
    carried: tuple[PrincipleFinding, ...]
    denied: tuple[PrincipleFinding, ...]


class RulesError(ValueError):
    """A rules file that cannot be used, with the file and the rule named."""


# --------------------------------------------------------------------------------------
# Loading and checking a rules file
# --------------------------------------------------------------------------------------

_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_REF = re.compile(r"\{([A-Z][A-Z0-9_]*)(?::(\d+))?\}")
_TOP_KEYS = {"version", "settings", "concepts", "four_rs", "principle", "negation"}
_SETTING_KEYS = {"normalise", "negation", "languages", "language_detector"}
_RULE_KEYS = {"pattern", "all_of", "need", "forbid", "scope", "doc_need", "key", "window"}
_NEGATION_KEYS = {"before", "near", "near_reach", "after", "breaks", "reach"}
# a word-start guard: rejects mid-word positions in one step (see regex_fast)
_W = r"(?<!\w)(?=\w)"
# the keyword prefilter indexes a text's words by up to this many first characters
_PREFIX = 5
_KNOWN_WORDS = 100_000  # words whose patterns are remembered (a few MB at most)


def gap(n: int) -> str:
    """``{GAP:n}`` in a rule: up to ``n`` intervening words, never crossing sentence or
    clause punctuation."""
    return r"(?:[^\w.;:!?]+\w+){0," + str(n) + r"}?[^\w.;:!?]+"


def available_versions() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in RULES_DIR.glob("rules-*.toml")))


class _Expander:
    """Expands ``{CONCEPT}`` and ``{GAP:n}`` references, naming the file and rule on error."""

    def __init__(self, fname: str, raw: dict[str, Any]) -> None:
        self.fname = fname
        self.raw = raw
        self.done: dict[str, str] = {}
        for name, value in raw.items():
            if not _NAME.fullmatch(name):
                raise RulesError(f"{fname}: concept {name!r}: names are upper case (A-Z, 0-9, _)")
            _text(fname, f"concept {name}", value)

    def concept(self, name: str, where: str, stack: tuple[str, ...] = ()) -> str:
        if name in self.done:
            return self.done[name]
        if name not in self.raw:
            raise RulesError(f"{self.fname}: {where}: unknown concept {{{name}}}")
        if name in stack:
            raise RulesError(f"{self.fname}: concept {name} refers to itself: {stack}")
        value = self.expand(self.raw[name], f"concept {name}", (*stack, name))
        self.done[name] = value
        return value

    def expand(self, value: Any, where: str, stack: tuple[str, ...] = ()) -> str:
        value = _text(self.fname, where, value)
        if isinstance(value, list):
            return "(?:" + "|".join(self.expand(v, where, stack) for v in value) + ")"

        def sub(m: re.Match[str]) -> str:
            name, n = m.group(1), m.group(2)
            if name == "GAP":
                if n is None:
                    raise RulesError(f"{self.fname}: {where}: write {{GAP:n}} with a number")
                return gap(int(n))
            return self.concept(name, where, stack)

        return _REF.sub(sub, value)


def _text(fname: str, where: str, value: Any) -> str | list[str]:
    """A pattern is a string, or a non-empty list of strings (alternatives)."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return value
    raise RulesError(f"{fname}: {where}: expected a pattern or a list of patterns")


@dataclass(frozen=True, slots=True)
class _Rule:
    """A phrase pattern, optionally conditioned on its clause (or sentence).

    ``need``: the clause must also contain this; ``forbid``: it must not; ``doc_need``: the
    whole text must contain this somewhere. ``key``: literal substrings of which the text
    must contain one, a cheap test that skips the scan for most texts (never changes what
    matches).
    """

    pattern: re.Pattern[str]
    need: re.Pattern[str] | None
    forbid: re.Pattern[str] | None
    sentence_scope: bool
    doc_need: re.Pattern[str] | None
    key: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _CoRule:
    """All parts must occur in one window of ``window`` consecutive sentences."""

    parts: tuple[re.Pattern[str], ...]
    window: int
    doc_need: re.Pattern[str] | None
    key: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Principle:
    """One principle's compiled rules: unconditional rules joined into one alternation."""

    slug: str
    plain: re.Pattern[str] | None
    conditional: tuple[_Rule, ...]
    cooccurrence: tuple[_CoRule, ...]
    veto: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class _Negation:
    """Cues that deny a principle: ``before`` ones deny what follows them in their scope,
    ``near`` ones only what starts within ``near_reach`` characters after them, ``after``
    ones what precedes them; a scope ends at a clause end or a ``breaks`` match, and reaches
    at most ``reach`` characters."""

    before: re.Pattern[str]
    near: re.Pattern[str]
    near_reach: int
    after: re.Pattern[str]
    breaks: re.Pattern[str]
    reach: int


@dataclass(frozen=True, slots=True)
class RuleSet:
    version: str
    normalise: str
    languages: tuple[str, ...] | None
    language_detector: int  # which of language.DETECTORS tells a text's language
    principles: tuple[_Principle, ...]
    four_rs: tuple[tuple[str, re.Pattern[str]], ...]
    negation: _Negation | None
    # id() of a compiled pattern that can only match at a word start -> its heads
    starts: dict[int, Heads]
    # a head -> the id() of every pattern that has it (the keyword prefilter's index)
    by_head: dict[str, tuple[int, ...]]
    # id() of such a pattern -> a scan for the places its rules without heads match
    finders: dict[int, re.Pattern[str]]
    # a word -> the id() of every pattern one of whose heads it starts with (filled as texts
    # are read)
    keys_of: dict[str, tuple[int, ...]] = field(default_factory=dict)


def _rewritten(source: str) -> tuple[str, Heads | None]:
    """``fast()``'s rewrite of a pattern and its heads; where ``fast()`` cannot rewrite it, the
    heads read from the parsed pattern (``word_heads``)."""
    text, heads = fast(source)
    return text, heads if heads is not None else word_heads(source)


class _Compiler:
    def __init__(self, fname: str, expander: _Expander) -> None:
        self.fname = fname
        self.expander = expander
        self.starts: dict[int, Heads] = {}
        self.finders: dict[int, re.Pattern[str]] = {}

    def check(self, value: Any, where: str) -> str:
        """The pattern as matched (lower-cased), checked on its own to name it in errors."""
        source = self.expander.expand(value, where).lower()
        try:
            re.compile(source)
        except re.error as exc:
            raise RulesError(f"{self.fname}: {where}: not a valid pattern: {exc}") from None
        return source

    def compile(self, value: Any, where: str) -> re.Pattern[str]:
        """Compile for lower-cased text (patterns use only lower-case-safe escapes)."""
        source = self.expander.expand(value, where).lower()
        text, heads = _rewritten(source)
        try:
            compiled = re.compile(text)
        except re.error as exc:
            raise RulesError(f"{self.fname}: {where}: not a valid pattern: {exc}") from None
        self.anchor(compiled, heads)
        return compiled

    def loose(self, joined: re.Pattern[str], plain: list[str]) -> Heads | None:
        """The heads of the rules joined in ``joined`` that have them; the others (say
        ``\\b(?:\\w+\\s+)of colou?r``, which may start at any word) are found by one lookahead
        scan of the text that adds every place where one of them matches (``finders``)."""
        each = [(p, fast(_W + f"(?:{p})")[1]) for p in plain]
        loose = [p for p, heads in each if heads is None]
        if len(loose) == len(plain):
            return None
        if loose:  # (every rule may have heads when their alternation, too long, has none)
            self.finders[id(joined)] = re.compile(
                "(?=" + _W + "(?:" + "|".join(f"(?:{p})" for p in loose) + "))"
            )
        return frozenset().union(*(heads for _, heads in each if heads is not None))

    def anchor(self, compiled: re.Pattern[str], heads: Heads | None) -> None:
        """Remember a pattern that can only match where one of ``heads`` starts a word; the
        text's words are indexed by their first ``_PREFIX`` characters, so longer heads are
        cut to that (still a start every match has)."""
        if heads is not None:
            self.starts[id(compiled)] = shortest(h[:_PREFIX] for h in heads)


def _keys(fname: str, where: str, table: Any, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise RulesError(f"{fname}: {where}: expected a table")
    unknown = set(table) - allowed
    if unknown:
        raise RulesError(f"{fname}: {where}: unknown keys {sorted(unknown)}")
    return table


def _principle(fname: str, index: int, raw: Any, comp: _Compiler) -> tuple[str, _Principle]:
    table = _keys(fname, f"principle {index + 1}", raw, {"slug", "veto", "rule"})
    slug = table.get("slug")
    where = f"principle {slug!r}"
    if slug not in PRINCIPLE_SLUGS:
        raise RulesError(f"{fname}: principle {index + 1}: unknown slug {slug!r}")
    rules = table.get("rule")
    if not isinstance(rules, list) or not rules:
        raise RulesError(f"{fname}: {where}: needs at least one [[principle.rule]]")
    plain: list[str] = []
    conditional: list[_Rule] = []
    cooccurrence: list[_CoRule] = []
    for n, rule in enumerate(rules, start=1):
        at = f"{where} rule {n}"
        rule = _keys(fname, at, rule, _RULE_KEYS)
        if ("pattern" in rule) == ("all_of" in rule):
            raise RulesError(f"{fname}: {at}: give exactly one of pattern or all_of")
        key = rule.get("key", [])
        if not isinstance(key, list) or not all(isinstance(k, str) and k for k in key):
            raise RulesError(f"{fname}: {at}: key is a list of literal substrings")
        doc_need = comp.compile(rule["doc_need"], at) if "doc_need" in rule else None
        if "all_of" in rule:
            parts = rule["all_of"]
            if not isinstance(parts, list) or len(parts) < 2:
                raise RulesError(f"{fname}: {at}: all_of lists at least two patterns")
            window = rule.get("window", 1)
            if not isinstance(window, int) or isinstance(window, bool) or window < 1:
                raise RulesError(f"{fname}: {at}: window is a whole number of sentences >= 1")
            if {"need", "forbid", "scope"} & set(rule):
                raise RulesError(f"{fname}: {at}: need, forbid and scope are for patterns")
            cooccurrence.append(
                _CoRule(tuple(comp.compile(p, at) for p in parts), window, doc_need, tuple(key))
            )
            continue
        if "window" in rule:
            raise RulesError(f"{fname}: {at}: window is for all_of rules")
        scope = rule.get("scope", "clause")
        if scope not in ("clause", "sentence"):
            raise RulesError(f"{fname}: {at}: scope is 'clause' or 'sentence'")
        if not ({"need", "forbid", "doc_need", "key"} & set(rule)):
            # unconditional: joined with the others into one scan
            plain.append(comp.check(rule["pattern"], at))
            continue
        conditional.append(
            _Rule(
                comp.compile(rule["pattern"], at),
                comp.compile(rule["need"], at) if "need" in rule else None,
                comp.compile(rule["forbid"], at) if "forbid" in rule else None,
                scope == "sentence",
                doc_need,
                tuple(key),
            )
        )
    joined: re.Pattern[str] | None = None
    heads: Heads | None = None
    if plain:
        source = _W + "(?:" + "|".join(f"(?:{p})" for p in plain) + ")"
        text, heads = _rewritten(source)
        joined = re.compile(text)
        if heads is None:
            heads = comp.loose(joined, plain)
        comp.anchor(joined, heads)
    veto = comp.compile(table["veto"], f"{where} veto") if "veto" in table else None
    return slug, _Principle(slug, joined, tuple(conditional), tuple(cooccurrence), veto)


def parse(fname: str, data: dict[str, Any]) -> RuleSet:
    """Check and compile one rules file's content (``fname`` names it in errors)."""
    data = _keys(fname, "top level", data, _TOP_KEYS)
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise RulesError(f"{fname}: version is missing")
    settings = _keys(fname, "[settings]", data.get("settings", {}), _SETTING_KEYS)
    how = settings.get("normalise", "fold")
    if how not in ("fold", "nfkc"):
        raise RulesError(f"{fname}: [settings] normalise is 'fold' or 'nfkc'")
    languages = settings.get("languages")
    if languages is not None and (
        not isinstance(languages, list) or not all(isinstance(x, str) for x in languages)
    ):
        raise RulesError(f"{fname}: [settings] languages is a list of ISO 639-1 codes")
    detector = settings.get("language_detector", DETECTORS[0])
    if detector not in DETECTORS or isinstance(detector, bool):
        raise RulesError(
            f"{fname}: [settings] language_detector is one of {', '.join(map(str, DETECTORS))}"
        )
    concepts = data.get("concepts", {})
    if not isinstance(concepts, dict):
        raise RulesError(f"{fname}: [concepts] is a table of NAME = pattern")
    expander = _Expander(fname, concepts)
    comp = _Compiler(fname, expander)
    four = _keys(fname, "[four_rs]", data.get("four_rs", {}), set(PRINCIPLE_SLUGS))
    four_rs = tuple((slug, comp.compile(p, f"[four_rs] {slug}")) for slug, p in four.items())
    raw_principles = data.get("principle")
    if not isinstance(raw_principles, list):
        raise RulesError(f"{fname}: no [[principle]] tables")
    principles = [_principle(fname, i, p, comp) for i, p in enumerate(raw_principles)]
    slugs = tuple(slug for slug, _ in principles)
    if slugs != PRINCIPLE_SLUGS:
        raise RulesError(
            f"{fname}: principles must be {', '.join(PRINCIPLE_SLUGS)} in that order, "
            f"once each; found {', '.join(slugs)}"
        )
    negation: _Negation | None = None
    if settings.get("negation", False):
        neg = _keys(fname, "[negation]", data.get("negation"), _NEGATION_KEYS)
        reach, near_reach = neg.get("reach", 150), neg.get("near_reach", 40)
        for value in (reach, near_reach):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise RulesError(f"{fname}: [negation] reaches are numbers of characters")
        negation = _Negation(
            comp.compile(neg.get("before"), "[negation] before"),
            comp.compile(neg.get("near"), "[negation] near"),
            near_reach,
            comp.compile(neg.get("after"), "[negation] after"),
            comp.compile(neg.get("breaks"), "[negation] breaks"),
            reach,
        )
    elif "negation" in data:
        raise RulesError(f"{fname}: [negation] given but [settings] negation is false")
    return RuleSet(
        version,
        how,
        tuple(languages) if languages is not None else None,
        detector,
        tuple(p for _, p in principles),
        four_rs,
        negation,
        comp.starts,
        _by_head(comp.starts),
        comp.finders,
    )


def _by_head(starts: dict[int, Heads]) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    for key, heads in starts.items():
        for head in heads:
            found.setdefault(head, []).append(key)
    return {head: tuple(keys) for head, keys in found.items()}


@cache
def load(version: str) -> RuleSet:
    """The compiled rules of ``version`` (read and compiled once per process)."""
    path = RULES_DIR / f"{version}.toml"
    if not path.is_file():
        raise RulesError(f"no rules file for {version!r}; known: {', '.join(available_versions())}")
    data = datafile.read(path, tomllib.loads, RulesError)
    rules = parse(path.name, data)
    if rules.version != version:
        raise RulesError(f"{path.name}: says version {rules.version!r}, expected {version!r}")
    return rules


# --------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------

# sentence ends: terminal punctuation followed by space/end, or a line break
# (written first-character-first so the engine can skip to candidates; the same matches as
# [.!?]+(?=[\s"')\]]|$)|\n, since X+ == XX* and a lookbehind re-reads the consumed character)
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*(?=[\s\"')\]]|$)|(?<=\n))")
# clause ends: sentence ends plus ; : and spaced dashes
_CLAUSE_END = re.compile(
    r"[.!?\n;:\s](?:(?<=[.!?])[.!?]*(?=[\s\"')\]]|$)|(?<=\n)|(?<=[;:])|(?<=\s)-+\s)"
)
_TRIM = " \t\r\n\f\v.,;:!?-\"'()[]{}"
# a maximal run of word characters starts exactly where ``_W`` holds
_WORD = re.compile(r"\w+")
_MAX_JOINED = 200  # co-occurrence evidence longer than this is reported part by part
_VETO_REACH = 100  # a veto phrase that overlaps a span starts or ends this close to it
_LOOKAHEAD = 100  # characters a negation cue's lookaheads may read past the match's start

_Pair = tuple[int, int]


def _bounds(pattern: re.Pattern[str], text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in pattern.finditer(text))
    return starts


def _segment(starts: list[int], pos: int, length: int) -> _Pair:
    i = bisect_right(starts, pos) - 1
    start = starts[i]
    end = starts[i + 1] if i + 1 < len(starts) else length
    return start, end


def _trim(text: str, start: int, end: int) -> _Pair:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _overlaps(spans: list[_Pair], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


class _Context:
    __slots__ = (
        "_by_head",
        "_candidates",
        "_finders",
        "_hits",
        "_keys_of",
        "_windows",
        "clauses",
        "length",
        "norm",
        "sentences",
        "starts",
        "words",
    )

    def __init__(self, norm: str, rules: RuleSet) -> None:
        self.norm = norm
        self.length = len(norm)
        self.starts = rules.starts
        self._by_head = rules.by_head
        self._finders = rules.finders
        self._keys_of = rules.keys_of
        self.sentences = _bounds(_SENTENCE_END, norm)
        self.clauses = _bounds(_CLAUSE_END, norm)
        self.words: list[int] = []  # every word's start (with _candidates, on first use)
        # keyed by id(): hashing a compiled pattern hashes its whole code, every time
        self._hits: dict[int, tuple[list[int], list[_Pair]]] = {}
        self._candidates: dict[int, list[int]] | None = None
        self._windows: dict[int, list[_Pair]] = {}

    def _scan(self) -> dict[int, list[int]]:
        """For each pattern with heads, the word starts where one of its heads is written,
        in order: the only places it can match (a pattern none of whose heads the text has
        is never run). The text's words are read once, whatever the number of rules."""
        words = self.words
        found: defaultdict[int, list[int]] = defaultdict(list)
        keys_of = self._keys_of
        # words in order, so every list is sorted as it is built (no head of a pattern extends
        # another: no place is found twice)
        for m in _WORD.finditer(self.norm):
            start = m.start()
            words.append(start)
            keys = keys_of.get(m.group())
            if keys is None:
                keys = self._keys(m.group())
            for key in keys:
                found[key].append(start)
        for key, finder in self._finders.items():
            more = [m.start() for m in finder.finditer(self.norm)]
            found[key] = sorted(set(found.get(key, ())).union(more))
        return found

    def _keys(self, word: str) -> tuple[int, ...]:
        """The patterns one of whose heads ``word`` starts with (remembered for the next
        texts, up to _KNOWN_WORDS words: a text's words are mostly words seen before)."""
        by_head = self._by_head
        keys = tuple(
            key
            for size in range(1, min(len(word), _PREFIX) + 1)
            for key in by_head.get(word[:size], ())
        )
        if len(self._keys_of) < _KNOWN_WORDS:
            self._keys_of[word] = keys
        return keys

    def candidates(self, pattern: re.Pattern[str]) -> list[int]:
        if self._candidates is None:
            self._candidates = self._scan()
        return self._candidates.get(id(pattern), [])

    def _tries(self, pattern: re.Pattern[str], lo: int, hi: int) -> list[int]:
        places = self.candidates(pattern)
        i = bisect_left(places, lo)
        return places[i : bisect_left(places, hi, i)]

    def search(
        self, pattern: re.Pattern[str], lo: int = 0, hi: int = -1, until: int | None = None
    ) -> re.Match[str] | None:
        """``pattern.search(norm, lo, hi)`` (``hi`` -1: the end), or None if that match starts
        after ``until``. A pattern with heads is tried only where one of them starts a word in
        the range (the first place it matches is where a search finds it)."""
        hi = self.length if hi < 0 else hi
        if id(pattern) not in self.starts:
            m = pattern.search(self.norm, lo, hi)
            return m if m is None or until is None or m.start() <= until else None
        for place in self._tries(pattern, lo, hi if until is None else min(hi, until + 1)):
            m = pattern.match(self.norm, place, hi)
            if m is not None:
                return m
        return None

    def finditer(
        self, pattern: re.Pattern[str], lo: int, hi: int, until: int | None = None
    ) -> Iterable[re.Match[str]]:
        """The matches of ``pattern.finditer(norm, lo, hi)`` (those that start by ``until`` if
        given: the later ones are not looked for), found as :meth:`search` does (each match
        starts where the last ended, unless one is empty: then finditer's rules for what
        follows an empty match apply, and finditer itself gives them)."""
        if id(pattern) not in self.starts:
            return self._upto(pattern.finditer(self.norm, lo, hi), until)
        found: list[re.Match[str]] = []
        pos = lo
        for place in self._tries(pattern, lo, hi if until is None else min(hi, until + 1)):
            if place >= pos:
                m = pattern.match(self.norm, place, hi)
                if m is not None:
                    pos = m.end()
                    if pos == place:  # an empty match (a pattern that is all lookahead)
                        return self._upto(pattern.finditer(self.norm, lo, hi), until)
                    found.append(m)
        return found

    @staticmethod
    def _upto(matches: Iterable[re.Match[str]], until: int | None) -> Iterable[re.Match[str]]:
        return matches if until is None else takewhile(lambda m: m.start() <= until, matches)

    def hits(self, pattern: re.Pattern[str]) -> tuple[list[int], list[_Pair]]:
        """All non-empty matches of ``pattern`` (starts, spans), scanned once per text."""
        cached = self._hits.get(id(pattern))
        if cached is None:
            spans = self.spans(pattern)
            cached = ([s for s, _ in spans], spans)
            self._hits[id(pattern)] = cached
        return cached

    def first_within(self, pattern: re.Pattern[str], lo: int, hi: int) -> _Pair | None:
        starts, spans = self.hits(pattern)
        i = bisect_left(starts, lo)
        if i < len(spans) and spans[i][1] <= hi:
            return spans[i]
        return None

    def clause(self, pos: int) -> _Pair:
        return _segment(self.clauses, pos, self.length)

    def sentence(self, pos: int) -> _Pair:
        return _segment(self.sentences, pos, self.length)

    def windows(self, size: int) -> Iterable[_Pair]:
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

    def windows_around(self, size: int, positions: list[int]) -> list[_Pair]:
        """The ranges of :meth:`windows` that contain one of ``positions`` (sorted), in
        order: a window without one of them cannot hold a match that starts there."""
        if not positions:
            return []
        every = self._windows.get(size)
        if every is None:
            every = self._windows[size] = list(self.windows(size))
        starts = self.sentences
        chosen: set[int] = set()
        for pos in positions:
            k = bisect_right(starts, pos) - 1
            for i in range(max(0, k - size + 1), min(k, len(every) - 1) + 1):
                lo, hi = every[i]
                if lo <= pos < hi:
                    chosen.add(i)
        return [every[i] for i in sorted(chosen)]

    def at_word_starts(self, pattern: re.Pattern[str]) -> list[_Pair]:
        """The non-empty matches ``finditer`` gives, for a pattern that can only match at a
        word start (at one of its heads if it has them): only those places are tried."""
        norm = self.norm
        out: list[_Pair] = []
        pos = 0
        places = self.candidates(pattern)
        if id(pattern) not in self.starts:
            places = self.words
        match = pattern.match
        for start in places:
            if start < pos:
                continue
            m = match(norm, start)
            if m is not None:
                end = m.end()
                if end <= start:  # an empty match: let finditer handle its subtleties
                    return [m.span() for m in pattern.finditer(norm) if m.end() > m.start()]
                out.append((start, end))
                pos = end
        return out

    def spans(self, pattern: re.Pattern[str]) -> list[_Pair]:
        if id(pattern) in self.starts:
            return self.at_word_starts(pattern)
        return [m.span() for m in pattern.finditer(self.norm) if m.end() > m.start()]


def _rule_spans(rule: _Rule, ctx: _Context) -> list[_Pair]:
    out: list[_Pair] = []
    norm = ctx.norm
    if rule.key and not any(k in norm for k in rule.key):
        return out
    spans = ctx.spans(rule.pattern)
    if spans and rule.doc_need is not None and ctx.search(rule.doc_need) is None:
        return out
    for start, end in spans:
        if rule.need is not None or rule.forbid is not None:
            lo, hi = ctx.sentence(start) if rule.sentence_scope else ctx.clause(start)
            hi = max(hi, end)
            if rule.need is not None and ctx.search(rule.need, lo, hi) is None:
                continue
            if rule.forbid is not None and ctx.search(rule.forbid, lo, hi) is not None:
                continue
        out.append((start, end))
    return out


def _co_spans(rule: _CoRule, ctx: _Context) -> list[list[_Pair]]:
    """One group of spans per window that has every part (a group is vetoed as a whole)."""
    out: list[list[_Pair]] = []
    if rule.key and not any(k in ctx.norm for k in rule.key):
        return out
    head, rest = rule.parts[0], rule.parts[1:]
    head_starts = ctx.hits(head)[0]
    if not head_starts:
        return out
    if rule.doc_need is not None and ctx.search(rule.doc_need) is None:
        return out
    for lo, hi in ctx.windows_around(rule.window, head_starts):
        span = ctx.first_within(head, lo, hi)
        if span is None:
            continue
        found = [span]
        for part in rest:
            m = ctx.search(part, lo, hi)
            if m is None or m.end() <= m.start():
                break
            found.append(m.span())
        else:
            first = min(s for s, _ in found)
            last = max(e for _, e in found)
            out.append([(first, last)] if last - first <= _MAX_JOINED else found)
    return out


def _four_rs(rules: RuleSet, ctx: _Context) -> dict[str, list[_Pair]]:
    out: dict[str, list[_Pair]] = {}
    if sum(1 for _, p in rules.four_rs if ctx.search(p) is not None) < 3:
        return out
    # the sentences where a pattern can match: those holding one of its candidate places
    # (a sentence with fewer than three such patterns is not searched)
    starts = ctx.sentences
    every = range(len(starts))
    can = Counter[int]()
    for _, p in rules.four_rs:
        sentences = (
            {bisect_right(starts, x) - 1 for x in ctx.candidates(p)}
            if id(p) in ctx.starts
            else every
        )
        can.update(sentences)
    for lo, hi in ctx.windows(1):
        if can[bisect_right(starts, lo) - 1] < 3:
            continue
        present = [(slug, ctx.search(p, lo, hi)) for slug, p in rules.four_rs]
        found = [(slug, m.span()) for slug, m in present if m is not None]
        if len(found) >= 3:
            for slug, span in found:
                out.setdefault(slug, []).append(span)
    return out


def _veto_spans(veto: re.Pattern[str], ctx: _Context, groups: list[list[_Pair]]) -> list[_Pair]:
    """Veto matches near the found spans only (scanning the whole text is wasted work)."""
    norm, length = ctx.norm, ctx.length
    ranges: list[list[int]] = []
    for start, end in sorted(span for group in groups for span in group):
        lo, hi = max(0, start - _VETO_REACH), min(length, end + _VETO_REACH)
        if ranges and lo <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], hi)
        else:
            ranges.append([lo, hi])
    out: list[_Pair] = []
    for lo, hi in ranges:
        while hi < length and norm[hi].isalnum():  # never cut a word at the right edge
            hi += 1
        out.extend(m.span() for m in ctx.finditer(veto, lo, hi))
    return out


def _negated(neg: _Negation, ctx: _Context, start: int, end: int) -> _Pair | None:
    """The span of the cue that denies the match at ``start:end``, if one does.

    A cue inside the match itself is part of what the rule looks for (for example "without
    jargon" for trustworthiness) and does not deny it.
    """
    norm = ctx.norm
    lo, hi = ctx.clause(start)
    lo = max(lo, start - neg.reach)
    hi = min(max(hi, end), end + neg.reach)
    before: _Pair | None = None
    # cues must end by the match's start, but are searched further so that their closing \b
    # and lookaheads see the text that follows (a search's end truncates what they see)
    # (a cue that starts after the match cannot end by its start: none is looked for)
    stop = min(start + _LOOKAHEAD, ctx.length)
    for m in ctx.finditer(neg.before, lo, stop, until=start):
        if m.end() <= start:
            before = m.span()
    if before is not None and neg.breaks.search(norm, before[1], start) is None:
        return before
    for m in ctx.finditer(neg.near, max(lo, start - neg.near_reach - 40), stop, until=start):
        near = m.end() <= start and start - m.end() <= neg.near_reach
        if near and neg.breaks.search(norm, m.end(), start) is None:
            return m.span()
    # (nor an after cue that starts past the scope: it would end past it)
    after = ctx.search(neg.after, end, min(hi + _LOOKAHEAD, ctx.length), until=hi)
    if after is None or after.end() > hi:
        return None
    if neg.breaks.search(norm, end, after.start()) is None:
        return after.span()
    return None


def _merge(text: str, spans: list[_Pair]) -> tuple[Span, ...]:
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


def _principle_groups(p: _Principle, ctx: _Context) -> list[list[_Pair]]:
    groups: list[list[_Pair]] = []
    if p.plain is not None:
        groups.extend([span] for span in ctx.at_word_starts(p.plain))
    for rule in p.conditional:
        groups.extend([span] for span in _rule_spans(rule, ctx))
    for co_rule in p.cooccurrence:
        groups.extend(_co_spans(co_rule, ctx))
    if p.veto is not None and groups:
        vetoed = _veto_spans(p.veto, ctx, groups)
        if vetoed:
            groups = [g for g in groups if not any(_overlaps(vetoed, s, e) for s, e in g)]
    return groups


def run(rules: RuleSet, text: str, language: str | None = None) -> TextAnalysis:
    """Analyse ``text`` with ``rules``; ``language`` (ISO 639-1) if the text's is known."""
    if rules.normalise == "fold":
        norm = fold(text)
        to_original: Callable[[int, int], _Pair] | None = None
        if len(norm) != len(text):  # pragma: no cover - both steps are length-preserving
            return TextAnalysis(rules.version, True, language, None, (), ())
    else:
        norm, to_original = normalise(text)
    lang: str | None = language
    if rules.languages is not None:
        lang = language.lower() if language else detect_language(norm, rules.language_detector)
        if lang not in rules.languages:
            reason = (
                f"the text is in a language ({lang}) that {rules.version} does not read"
                if lang != "und"
                else f"the text's language could not be told; {rules.version} reads only "
                + ", ".join(rules.languages)
            )
            return TextAnalysis(rules.version, False, lang, reason, (), ())
    ctx = _Context(norm, rules)
    four_rs = _four_rs(rules, ctx)
    carried: list[PrincipleFinding] = []
    denied: list[PrincipleFinding] = []
    for p in rules.principles:
        spans = [span for group in _principle_groups(p, ctx) for span in group]
        spans.extend(four_rs.get(p.slug, ()))
        negative: list[_Pair] = []
        if rules.negation is not None and spans:
            positive: list[_Pair] = []
            for s, e in spans:
                cue = _negated(rules.negation, ctx, s, e)
                if cue is None:
                    positive.append((s, e))
                else:  # the evidence of absence: from the cue to the words it denies
                    negative.append((min(s, cue[0]), max(e, cue[1])))
            spans = positive
        if to_original is not None:
            spans = [to_original(s, e) for s, e in spans]
            negative = [to_original(s, e) for s, e in negative]
        evidence = _merge(text, spans)
        if evidence:
            carried.append(PrincipleFinding(p.slug, evidence))
        elif negative:
            denied.append(PrincipleFinding(p.slug, _merge(text, negative)))
    return TextAnalysis(rules.version, True, lang, None, tuple(carried), tuple(denied))
