"""The rules engine: every rules file loads; a bad one is refused naming the file and rule."""

from __future__ import annotations

import copy
import subprocess
import sys
import tomllib
from typing import Any

import pytest

from api.comparison import analyser, engine
from api.comparison.engine import RULES_DIR, RulesError, parse
from api.comparison.vocabulary import PRINCIPLE_SLUGS


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
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


@pytest.mark.parametrize("error", [MemoryError, RecursionError])
def test_analyse_does_not_swallow_memory_or_recursion_errors(
    monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    def boom(*_: object) -> None:
        raise error()

    monkeypatch.setattr(analyser, "run", boom)
    with pytest.raises(error):
        analyser.analyse("Children feel safe.")
