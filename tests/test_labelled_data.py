"""Every labelled set in tests/data is well-formed.

The analyser is measured on these sets (tests/test_analyser.py, bench/analyser.py), so a typo in
a slug, a principle both carried and denied, or the same text in two sets (a "held-out" text
that was tuned on) would silently corrupt every number reported from them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from api.comparison.vocabulary import PRINCIPLE_SLUGS

DATA = Path(__file__).resolve().parent / "data"
SETS = sorted(DATA.glob("principle*-examples*.json"))
KEYS = {"text", "principles", "denied", "language", "note", "source"}
LANGUAGE = re.compile(r"[a-z]{2}")


def _problems(items: Any, vocabulary: frozenset[str]) -> list[str]:
    """What is wrong with one parsed set (empty when it is well-formed)."""
    if not isinstance(items, list) or not items:
        return ["not a non-empty JSON list"]
    problems: list[str] = []
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(f"#{n}: not an object")
            continue
        if unknown := set(item) - KEYS:
            problems.append(f"#{n}: unknown keys {sorted(unknown)}")
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"#{n}: empty or missing text")
        labels: dict[str, list[Any]] = {}
        for key in ("principles", "denied"):
            value = item.get(key, [])
            if key == "principles" and "principles" not in item:
                problems.append(f"#{n}: missing principles")
            if not isinstance(value, list):
                problems.append(f"#{n}: {key} is not a list")
                value = []
            if len(set(map(str, value))) != len(value):
                problems.append(f"#{n}: repeated slug in {key}")
            if bad := [s for s in value if s not in vocabulary]:
                problems.append(f"#{n}: {key} not in the vocabulary: {bad}")
            labels[key] = value
        if both := set(map(str, labels["principles"])) & set(map(str, labels["denied"])):
            problems.append(f"#{n}: both carried and denied: {sorted(both)}")
        if "language" in item:
            language = item["language"]
            if not isinstance(language, str) or not LANGUAGE.fullmatch(language):
                problems.append(f"#{n}: language {language!r} is not a 2-letter lowercase code")
            elif language != "en" and labels["principles"]:
                # the analyser reads English only: a text in another language carries nothing
                # it could be scored on
                problems.append(f"#{n}: a text in {language!r} is labelled with principles")
        if "note" in item and not isinstance(item["note"], str):
            problems.append(f"#{n}: note is not a string")
    return problems


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_the_labelled_sets_are_found() -> None:
    names = {path.name for path in SETS}
    assert "principle-examples.json" in names
    assert {"principle-examples-unseen-f.json", "principle-examples-unseen-g.json"} <= names


@pytest.mark.parametrize("path", SETS, ids=lambda path: path.name)
def test_a_labelled_set_is_well_formed(path: Path) -> None:
    items = json.loads(path.read_bytes().decode("utf-8"))
    assert _problems(items, frozenset(PRINCIPLE_SLUGS)) == []


def test_no_text_appears_twice_across_the_sets() -> None:
    seen: dict[str, str] = {}
    repeats = []
    for path in SETS:
        for item in json.loads(path.read_text(encoding="utf-8")):
            key = _key(item["text"])
            if key in seen:
                repeats.append(f"{path.name} repeats a text from {seen[key]}: {key[:60]!r}")
            seen.setdefault(key, path.name)
    assert repeats == []


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        ({"text": "x", "principles": ["safty"]}, "not in the vocabulary"),
        ({"text": "x", "principles": ["safety"], "denied": ["safety"]}, "both carried and denied"),
        ({"text": "x", "principles": ["safety", "safety"]}, "repeated slug"),
        ({"text": "  ", "principles": []}, "empty or missing text"),
        ({"text": "x"}, "missing principles"),
        ({"text": "x", "principles": [], "language": "CY"}, "2-letter lowercase"),
        ({"text": "x", "principles": [], "language": "cym"}, "2-letter lowercase"),
        ({"text": "x", "principles": ["safety"], "language": "cy"}, "labelled with principles"),
        ({"text": "x", "principles": [], "labels": []}, "unknown keys"),
        ({"text": "x", "principles": "safety"}, "not a list"),
    ],
)
def test_the_checker_catches_a_malformed_item(item: dict[str, Any], problem: str) -> None:
    problems = _problems([item], frozenset(PRINCIPLE_SLUGS))
    assert any(problem in p for p in problems), problems


def test_the_checker_accepts_a_well_formed_item() -> None:
    item = {
        "text": "Peer support is outside the scope of this framework.",
        "principles": [],
        "denied": ["peer-support"],
        "note": "scope exclusion",
    }
    assert _problems([item], frozenset(PRINCIPLE_SLUGS)) == []
    assert _problems([], frozenset(PRINCIPLE_SLUGS)) == ["not a non-empty JSON list"]


def test_texts_differing_only_in_spacing_or_case_count_as_repeats() -> None:
    assert _key("Do no  further\nharm.") == _key("do no further harm.")
