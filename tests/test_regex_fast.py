"""The regex optimiser is exact: a rewritten pattern matches the spans the written one does."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.comparison.engine import RULES_DIR, _Expander
from api.comparison.regex_fast import fast, shortest, word_heads

DATA = Path(__file__).resolve().parent / "data"


def _rule_patterns(version: str = "rules-4.0") -> list[str]:
    """Every rule's pattern (and from rules-5.1 every condition, veto and negation cue)."""
    name = f"{version}.toml"
    data = tomllib.loads((RULES_DIR / name).read_text(encoding="utf-8"))
    expander = _Expander(name, data["concepts"])
    out = []
    for p in data["principle"]:
        for rule in p["rule"]:
            for value in rule.get("all_of", [rule.get("pattern")]):
                out.append(expander.expand(value, p["slug"]).lower())
            if version != "rules-4.0":
                for key in ("need", "forbid", "doc_need"):
                    if key in rule:
                        out.append(expander.expand(rule[key], p["slug"]).lower())
        if version != "rules-4.0" and "veto" in p:
            out.append(expander.expand(p["veto"], p["slug"]).lower())
    for key in ("before", "near", "after") if version != "rules-4.0" else ():
        out.append(expander.expand(data["negation"][key], key).lower())
    return out


def _sentences() -> list[str]:
    texts = [
        str(x["text"]).lower()
        for name in ("principle-examples.json", "principle-examples-unseen-d.json")
        for x in json.loads((DATA / name).read_text(encoding="utf-8"))
    ]
    return texts[::3]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("written", "rewritten"),
    [
        (r"\bsafe\b", r"s(?<!\w.)afe\b"),
        (r"(?:ab|cd)e", r"abe|cde"),
        (r"x?y", r"xy|y"),
        (r"[ab]c", r"ac|bc"),
        (r"(?<!z)ab", r"a(?<!z.)b"),
        (r"(capturing)", r"(capturing)"),  # left as written
    ],
)
def test_rewrites_use_the_documented_identities(written: str, rewritten: str) -> None:
    assert fast(written)[0] == rewritten


def test_every_rules_4_0_pattern_matches_the_same_spans_rewritten() -> None:
    texts = _sentences()
    patterns = _rule_patterns()
    assert len(patterns) > 300
    rewritten = 0
    for source in patterns:
        text, _ = fast(source)
        if text == source:
            continue
        rewritten += 1
        written, fast_one = re.compile(source), re.compile(text)
        for t in texts:
            assert _spans(written, t) == _spans(fast_one, t), (source, t)
    assert rewritten > 200  # the optimiser does rewrite most of them


_ALPHABET = st.sampled_from([*list("abcs ef-.'x\n"), "safe", "feel", "trust", " and "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_rewritten_patterns_agree_on_generated_texts(text: str) -> None:
    for source in (
        r"\b(?:feel\w*|felt)\s+(?:\w+\s+){0,2}?(?:safe|safer|safety)\b",
        r"\btrust(?!s)\b|\b(?:ab|abc|a)?s\w*",
        r"(?<!\w)(?=\w)(?:(?:safe)|(?:[ef]e+l?)|(?:x??'s))",
    ):
        assert _spans(re.compile(source), text) == _spans(re.compile(fast(source)[0]), text)


def test_heads_are_the_literal_word_starts_every_match_has() -> None:
    assert fast(r"\bsafe(?:ty)?\b|\btrust\w*|\bs?he\b")[1] == frozenset(
        {"safe", "trust", "she", "he"}
    )
    assert fast(r"\b(?:peer|pe\w+)")[1] == frozenset({"pe"})  # "peer" extends "pe": "pe" finds it
    assert fast(r"safe")[1] is None  # may start inside a word: no heads
    assert shortest(["saf", "safe", "trust", "tr"]) == {"saf", "tr"}


def test_every_match_of_every_rules_pattern_starts_with_one_of_its_heads() -> None:
    """The keyword prefilter runs a pattern only where a word starts with one of its heads:
    that must be every place it can match."""
    texts = _sentences()
    checked = 0
    for source in _rule_patterns():
        text, heads = fast(source)
        if heads is None:
            continue
        checked += 1
        pattern = re.compile(text)
        for t in texts:
            for m in pattern.finditer(t):
                assert any(t.startswith(h, m.start()) for h in heads), (source, t, m.group())
    assert checked > 250


def test_heads_are_read_through_a_leading_lookahead_and_long_alternations() -> None:
    """What :func:`fast` cannot rewrite, ``word_heads`` reads from the parsed pattern."""
    little = r"\b(?=(?:says?|offers?)\s+(?:\w+\s+){0,2}?little\b)"
    assert fast(little)[1] is None
    assert word_heads(little) == frozenset({"offer", "say"})
    assert word_heads(r"(?<!\bwho\s)\b(?:do|does)\s+not|\bfail\w*") == frozenset({"do", "fail"})
    # a repeated part ends the literal start it begins
    assert word_heads(r"(?<!\w)(?=\w)(?:a?b|c)") == frozenset({"a", "b", "c"})
    assert word_heads(r"\b(?:peer|pe\w+)") == frozenset({"pe"})
    # no heads: a match may start inside a word, at any word, or with an unlisted character
    assert word_heads(r"safe") is None
    assert word_heads(r"x\bsafe") is None
    assert word_heads(r"\b(?:\w+\s+)of\s+colou?r") is None
    assert word_heads(r"\b\d+\s?%") is None
    assert word_heads(r"\b(?i:safe)") is None
    assert word_heads(r"\b(?:'s|safe)") is None  # "'" starts no word


@pytest.mark.parametrize("version", ["rules-5.1"])
def test_every_match_starts_a_word_that_begins_with_one_of_its_read_heads(version: str) -> None:
    """The prefilter's promise for heads read from the parse: every place a pattern matches
    is a word start whose word begins with a head (on the labelled texts, for every pattern,
    condition, veto and negation cue of the version, those ``fast`` gives heads to too)."""
    texts = _sentences()
    checked = matched = 0
    for source in _rule_patterns(version):
        heads = word_heads(source)
        if heads is None:
            continue
        checked += 1
        pattern = re.compile(source)
        for t in texts:
            for m in pattern.finditer(t):
                matched += 1
                start = m.start()
                assert start == 0 or not re.match(r"\w", t[start - 1]), (source, t, start)
                assert any(t.startswith(h, start) for h in heads), (source, t, m.group())
    assert checked > 120
    assert matched > 1000


_NEGATED = st.sampled_from(["says", "offers", "little", "no", "do", "not", " ", "x", "-", "."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NEGATED, max_size=30).map("".join))
def test_read_heads_hold_on_generated_texts(text: str) -> None:
    for source in (
        r"\b(?=(?:says?|offers?)\s+(?:\w+\s+){0,2}?little\b)",
        r"(?<!\bno\s)\b(?:do|does)\s+not\b",
        r"(?<!\w)(?:no\s+|not\s+)?(?:little|x+)",
    ):
        heads = word_heads(source)
        assert heads is not None
        for m in re.finditer(source, text):
            assert any(text.startswith(h, m.start()) for h in heads), (source, text)
            assert m.start() == 0 or not re.match(r"\w", text[m.start() - 1])
