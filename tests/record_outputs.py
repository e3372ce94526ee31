"""Records what a released rules version makes of many texts: `python -m tests.record_outputs
rules-5.0` writes tests/data/rules-5.0-outputs.json.gz.

A released version is frozen (its file is never edited), so its outputs are recorded once and
tests/test_analyser_equivalence.py holds the engine to them byte for byte whatever is done
to make it faster. The texts are those of the rules-4.0 recording (the labelled texts of the
time and 411 generated ones), every labelled text since, and texts generated from them with
the characters rules-5.0 normalises (full-width letters, ligatures, combining accents,
zero-width characters, soft hyphens, curly quotes and dashes) and with denials and hedges
joined in; the recording keeps the texts, so it does not depend on how they were made.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path
from typing import Any

from api.comparison.analyser import TextAnalysis, analyse_full

DATA = Path(__file__).resolve().parent / "data"


def fixture(version: str) -> Path:
    return DATA / f"{version}-outputs.json.gz"


def outcome(result: TextAnalysis) -> dict[str, Any]:
    """One analysis as recorded: each finding as [slug, [[start, end], ...]]."""

    def spans(findings: tuple[Any, ...]) -> list[Any]:
        return [[f.slug, [[s.start, s.end] for s in f.evidence]] for f in findings]

    return {
        "findings": spans(result.carried),
        "denied": spans(result.denied),
        "analysed": result.analysed,
        "language": result.language,
        "reason": result.reason,
    }


def read(version: str) -> list[dict[str, Any]]:
    data = json.loads(gzip.decompress(fixture(version).read_bytes()))
    assert data["version"] == version
    cases: list[dict[str, Any]] = data["cases"]
    return cases


_DENIALS = [
    "We do not yet offer peer support.",
    "This definition does not cover cultural issues.",
    "Staff wellbeing is outside the scope of this definition.",
    "Choice for families will be considered in a later phase.",
    "We have not included peer mentoring in this version.",
    "There is currently no reflective supervision for staff.",
    "Our definition makes no reference to cultural identity or heritage.",
]
_HEDGES = [
    "We aim to offer peer support to every parent.",
    "We will work towards better staff wellbeing.",
    "The team should strive to give families choice and control.",
    "We hope one day to build trusting relationships with every family.",
]


def _full_width(word: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in word)


def _inside(word: str, char: str, rng: random.Random) -> str:
    if len(word) < 2:
        return word
    k = rng.randrange(1, len(word))
    return word[:k] + char + word[k:]


def _accent(word: str, rng: random.Random) -> str:
    k = rng.randrange(len(word))
    return word[: k + 1] + "\u0301" + word[k + 1 :] if word[k].isalpha() else word


def _change(word: str, kind: int, rng: random.Random) -> str:
    """One of eight ways of writing ``word`` that NFKC and folding undo."""
    if kind == 0:
        return _full_width(word)
    if kind <= 4:
        return _inside(word, "\u200b\u00ad\u200d\ufeff"[kind - 1], rng)
    if kind == 5:
        return _accent(word, rng)
    if kind == 6:
        return word.replace("fi", "\ufb01").replace("fl", "\ufb02")
    return word.replace("'", "\u2019").replace("-", "\u2013")


def _odd(text: str, rng: random.Random, rate: float) -> str:
    """``text`` with some words written in characters that NFKC and folding undo."""
    words = text.split(" ")
    out = [_change(w, rng.randrange(8), rng) if w and rng.random() < rate else w for w in words]
    text = " ".join(out)
    return text.replace('"', "\u201c", 1).replace(" - ", " \u2014 ")


def texts() -> list[str]:
    """Every text recorded, in a fixed order (a text appears once)."""
    found: dict[str, None] = {str(c["text"]): None for c in read("rules-4.0")}
    labelled = [
        str(item["text"])
        for path in sorted(DATA.glob("principle*.json"))
        for item in json.loads(path.read_text(encoding="utf-8"))
    ]
    found.update(dict.fromkeys(labelled))
    rng = random.Random(50)
    for _ in range(250):
        found[_odd(rng.choice(labelled), rng, rng.choice([0.1, 0.3, 0.6]))] = None
    for _ in range(150):
        parts = rng.sample(labelled, rng.randint(1, 4))
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(_DENIALS))
        if rng.random() < 0.5:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(_HEDGES))
        text = rng.choice([" ", "\n", "\n\n", "; "]).join(parts)
        found[_odd(text, rng, 0.2) if rng.random() < 0.5 else text] = None
    for words in (5000, 8000):
        parts = []
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rng.choice(labelled + _DENIALS + _HEDGES))
        found[_odd("\n\n".join(parts), rng, 0.05)] = None
    found.update(dict.fromkeys(["", " ", ".", "\u200b", "\ufeff\u00ad", "safe" * 50]))
    return list(found)


def record(version: str) -> None:
    cases = [{"text": t, **outcome(analyse_full(t, version))} for t in texts()]
    body = json.dumps({"version": version, "cases": cases}, ensure_ascii=False, indent=0)
    fixture(version).write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))
    print(f"{fixture(version)}: {len(cases)} texts")


if __name__ == "__main__":
    record(sys.argv[1])
