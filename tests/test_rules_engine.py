"""The rules engine: every rules file loads; a bad one is refused naming the file and rule."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from api.comparison import analyser, datafile, engine
from api.comparison.engine import RULES_DIR, RulesError, parse
from api.comparison.vocabulary import PRINCIPLE_SLUGS
from tests.helpers import python_output


def _minimal() -> dict[str, Any]:
    return {
        "version": "rules-test",
        "concepts": {"SAFE": r"\bsafe\b", "FEEL": [r"\bfeel\w*", r"\bfelt\b"]},
        "principle": [
            {"slug": slug, "rule": [{"pattern": rf"\b{slug}\b"}]} for slug in PRINCIPLE_SLUGS
        ],
    }


def test_every_rules_file_loads_and_names_its_version() -> None:
    versions = engine.available_versions()
    assert "rules-4.0" in versions
    for version in versions:
        rules = engine.load(version)
        assert rules.version == version
        assert tuple(p.slug for p in rules.principles) == PRINCIPLE_SLUGS


def test_rules_4_0_has_its_310_rules() -> None:
    data = tomllib.loads((RULES_DIR / "rules-4.0.toml").read_text(encoding="utf-8"))
    assert sum(len(p["rule"]) for p in data["principle"]) == 310


def test_concepts_and_gaps_expand_in_a_minimal_file() -> None:
    data = _minimal()
    data["principle"][0]["rule"] = [{"pattern": "{FEEL}{GAP:2}{SAFE}"}]
    rules = parse("test.toml", data)
    found = engine.run(rules, "Children feel very safe here.")
    assert [f.slug for f in found.carried] == ["safety"]
    assert found.carried[0].evidence[0].quote == "feel very safe"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["principle"][2]["rule"].append({"pattern": "{NOPE}"}),
            "rule 2: unknown concept {NOPE}",
        ),
        (
            lambda d: d["principle"][0]["rule"].append({"pattern": "(unclosed"}),
            "'safety' rule 2: not a valid pattern",
        ),
        (
            lambda d: d["principle"][1]["rule"].append({"pattern": "x", "colour": 1}),
            "rule 2: unknown keys ['colour']",
        ),
        (
            lambda d: d["principle"][1]["rule"].append({"pattern": "x", "all_of": ["a", "b"]}),
            "exactly one of pattern or all_of",
        ),
        (
            lambda d: d["principle"][1]["rule"].append({"all_of": ["a"]}),
            "all_of lists at least two",
        ),
        (
            lambda d: d["principle"][1]["rule"].append({"all_of": ["a", "b"], "window": 0}),
            "window is a whole number",
        ),
        (
            lambda d: d["principle"][1]["rule"].append({"pattern": "x", "scope": "page"}),
            "scope is 'clause' or 'sentence'",
        ),
        (lambda d: d["principle"][1]["rule"].append({"pattern": "x", "key": "x"}), "key is a list"),
        (lambda d: d["principle"][1]["rule"].append({"pattern": ""}), "expected a pattern"),
        (lambda d: d["principle"].reverse(), "principles must be safety, trustworthiness"),
        (lambda d: d["principle"].pop(), "principles must be"),
        (lambda d: d["principle"][0].update(slug="kindness"), "unknown slug 'kindness'"),
        (lambda d: d["concepts"].update(A="{B}", B="{A}"), "refers to itself"),
        (lambda d: d["concepts"].update(lower="x"), "concept 'lower': names are upper case"),
        (lambda d: d["principle"][0]["rule"].append({"pattern": "{GAP}"}), "write {GAP:n}"),
        (lambda d: d.update(extra=1), "unknown keys ['extra']"),
        (lambda d: d.update(settings={"normalise": "nfd"}), "normalise is 'fold' or 'nfkc'"),
        (lambda d: d.update(settings={"language_detector": 3}), "language_detector is one of 1, 2"),
        (lambda d: d.update(settings={"negation": True}), "[negation]: expected a table"),
        (lambda d: d.update(negation={"before": "x"}), "negation is false"),
    ],
)
def test_a_bad_rules_file_is_refused_naming_the_file_and_rule(change: Any, message: str) -> None:
    data = copy.deepcopy(_minimal())
    change(data)
    if "{A}" in str(data["concepts"]):
        data["principle"][0]["rule"].append({"pattern": "{A}"})
    with pytest.raises(RulesError) as err:
        parse("rules-bad.toml", data)
    assert str(err.value).startswith("rules-bad.toml: ")
    assert message in str(err.value)


def test_an_unknown_version_is_refused_with_the_known_ones() -> None:
    with pytest.raises(RulesError, match=r"no rules file for 'rules-0.1'; known: .*rules-4.0"):
        engine.load("rules-0.1")


def test_importing_the_app_compiles_no_rules() -> None:
    """Compiling a version takes seconds: it happens on first use, never at import."""
    code = (
        "import api.main\n"
        "from api.comparison import engine\n"
        "assert engine.load.cache_info().currsize == 0, engine.load.cache_info()\n"
        "print('ok')\n"
    )
    assert python_output(code).strip() == "ok"


@pytest.mark.parametrize("error", [MemoryError, RecursionError])
def test_analyse_does_not_swallow_memory_or_recursion_errors(
    monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    def boom(*_: object) -> None:
        raise error()

    monkeypatch.setattr(analyser, "run", boom)
    with pytest.raises(error):
        analyser.analyse("Children feel safe.")


def _peer_rules() -> engine.RuleSet:
    data = _minimal()
    data["settings"] = {"normalise": "nfkc"}
    data["principle"][2]["rule"] = [
        {"pattern": r"\bpeer[- ](?:support|mentor)\w*", "need": r"\boffer"}
    ]
    return parse("test.toml", data)


def test_the_prefilter_never_runs_a_rule_whose_heads_the_text_lacks() -> None:
    rules = _peer_rules()
    pattern = rules.principles[2].conditional[0].pattern
    assert rules.starts[id(pattern)] == {"peer"}
    absent = engine._Context("we offer support from people who have been there.", rules)
    assert absent.candidates(pattern) == []
    norm = "we offer peer support and peer-mentoring; peers too."
    present = engine._Context(norm, rules)
    assert present.candidates(pattern) == [
        norm.index("peer"),
        norm.index("peer-m"),
        norm.index("peers"),
    ]
    found = engine.run(rules, "We offer peer support and peer-mentoring; peers too.")
    assert [s.quote for s in found.carried[0].evidence] == ["peer support", "peer-mentoring"]


def test_most_rules_are_not_run_on_a_typical_definition() -> None:
    rules = engine.load("rules-5.0")
    ctx = engine._Context("children feel safe and trust the adults who care for them.", rules)
    run = sum(1 for key in rules.starts if ctx._scan().get(key))
    assert len(rules.starts) > 100
    assert run < len(rules.starts) / 2


@pytest.mark.parametrize(
    "text",
    [
        "We offer \uff50\uff45\uff45\uff52 support.",  # full-width letters
        "We offer pe\u200ber support.",  # a zero-width space
        "We offer pe\u00ader-support.",  # a soft hyphen
        "We offer \u2018peer\u2011support\u2019.",  # curly quotes, a non-breaking hyphen
        "We o\ufb00er pee\u0301r support.",  # a ligature, a combining accent
    ],
)
def test_a_keyword_written_in_odd_unicode_still_reaches_its_rule(text: str) -> None:
    found = engine.run(_peer_rules(), text)
    assert [f.slug for f in found.carried] == [PRINCIPLE_SLUGS[2]]
    for span in found.carried[0].evidence:
        assert text[span.start : span.end] == span.quote


def _little_rules() -> engine.RuleSet:
    """Peer support, denied by a cue that is all lookahead (it matches empty)."""
    data = _minimal()
    data["settings"] = {"normalise": "nfkc", "negation": True}
    data["principle"][2]["rule"] = [{"pattern": r"\bpeer[- ]support\b"}]
    data["negation"] = {
        "before": r"\b(?=(?:says?|offers?)\s+(?:\w+\s+){0,2}?little\b)",
        "near": r"\b(?:not|very)\b",
        "after": r"\bis\s+out\s+of\s+scope\b",
        "breaks": r"\bbut\b",
    }
    return parse("test.toml", data)


def test_a_cue_read_through_its_lookahead_runs_only_at_its_heads() -> None:
    rules = _little_rules()
    assert rules.negation is not None
    cue = rules.negation.before
    assert rules.starts[id(cue)] == {"offer", "say"}
    assert engine._Context("we give little peer support.", rules).candidates(cue) == []
    # matching empty, it is found as finditer finds it
    norm = "it says little; it offers very little peer support, says little."
    ctx = engine._Context(norm, rules)
    assert list(ctx.finditer(cue, 0, len(norm))) != []
    for lo, hi in ((0, len(norm)), (3, 40), (16, len(norm))):
        got = [m.span() for m in ctx.finditer(cue, lo, hi)]
        assert got == [m.span() for m in cue.finditer(norm, lo, hi)]
    # matches starting by a place: the same as finditer's, with or without heads, empty or not
    near = rules.negation.near
    plain = re.compile(r"\w+ly\b")
    assert id(near) in rules.starts
    assert id(plain) not in rules.starts
    for pattern in (cue, near, plain):
        for until in (0, 3, 15, 20, 40, len(norm)):
            expected = [m.span() for m in pattern.finditer(norm, 0, 50) if m.start() <= until]
            assert [m.span() for m in ctx.finditer(pattern, 0, 50, until)] == expected
            first = pattern.search(norm, 2, 50)
            found = ctx.search(pattern, 2, 50, until)
            if first is None or first.start() > until:
                assert found is None
            else:
                assert found is not None
                assert found.span() == first.span()


@pytest.mark.parametrize(
    "text",
    [
        "It offers very little peer support.",
        "It \uff4f\uff46\uff46\uff45\uff52s very little peer support.",  # full-width
        "It sa\u200bys little peer support.",  # a zero-width space inside the cue
    ],
)
def test_a_cue_with_read_heads_denies_what_follows_it(text: str) -> None:
    found = engine.run(_little_rules(), text)
    assert found.carried == ()
    assert [f.slug for f in found.denied] == [PRINCIPLE_SLUGS[2]]
    (span,) = found.denied[0].evidence
    assert text[span.start : span.end] == span.quote
    assert span.quote.endswith("peer support")


def test_rules_without_heads_are_found_by_their_own_scan() -> None:
    """A rule that may start at any word (``\\w+ of colour``) joined with rules that have
    heads: the heads give most places, one lookahead scan the others, and the joined
    pattern finds what a plain scan of it finds."""
    data = _minimal()
    data["principle"][5]["rule"] = [
        {"pattern": r"\bculturally\s+\w+"},
        {"pattern": r"\b(?:\w+\s+)of\s+colou?r\b"},
        {"pattern": r"\bheritage\b"},
    ]
    rules = parse("test.toml", data)
    joined = rules.principles[5].plain
    assert joined is not None
    assert rules.starts[id(joined)] == {"cultu", "herit"}  # cut to 5 characters
    assert id(joined) in rules.finders
    norm = "families of colour, and culturally safe care, respect heritage; women of color."
    ctx = engine._Context(norm, rules)
    expected = [m.span() for m in joined.finditer(norm)]
    assert [norm[s:e] for s, e in expected] == [
        "families of colour",
        "culturally safe",
        "heritage",
        "women of color",
    ]
    assert ctx.at_word_starts(joined) == expected


def test_a_data_file_that_does_not_parse_is_refused_naming_it(tmp_path: Path) -> None:
    rules = tmp_path / "rules-9.9.toml"
    rules.write_text('version = "rules-9.9\n', encoding="utf-8")
    with pytest.raises(RulesError, match=r"^rules-9\.9\.toml: not valid TOML: "):
        datafile.read(rules, tomllib.loads, RulesError)
    principles = tmp_path / "principles.json"
    principles.write_text("[{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^principles\.json: not valid JSON: "):
        datafile.read(principles, json.loads)
    principles.write_text('[{"slug": "safety"}]', encoding="utf-8")
    assert datafile.read(principles, json.loads) == [{"slug": "safety"}]
