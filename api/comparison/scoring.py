"""Pure scoring helpers for multi-label principle predictions.

Precision, recall and F1 per label, and macro-F1 over a label set, computed from lists
of gold and predicted label sets. No I/O; reused by the tests and the benchmark.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "LabelScore",
    "LabelledExample",
    "confusion",
    "evaluate",
    "macro_f1",
    "parse_examples",
    "score_labels",
]


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Counts and rates for one label. A rate with an empty denominator is 1.0."""

    label: str
    tp: int
    fp: int
    fn: int

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        actual = self.tp + self.fn
        return self.tp / actual if actual else 1.0

    @property
    def f1(self) -> float:
        if self.tp == 0 and self.fp == 0 and self.fn == 0:
            return 1.0
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0


@dataclass(frozen=True, slots=True)
class LabelledExample:
    """A text with its gold labels.

    ``labels``: principles the text carries; ``denied``: principles it explicitly denies,
    defers or leaves out; ``language``: its ISO 639-1 code (a text not in English has no
    labels: it must be reported as not analysed).
    """

    text: str
    labels: frozenset[str]
    note: str = ""
    denied: frozenset[str] = frozenset()
    language: str = "en"


def confusion(
    gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]], label: str
) -> LabelScore:
    """True/false positives and false negatives for one label across paired examples."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted must have the same length")
    tp = fp = fn = 0
    for g_raw, p_raw in zip(gold, predicted, strict=True):
        g = label in set(g_raw)
        p = label in set(p_raw)
        if g and p:
            tp += 1
        elif p:
            fp += 1
        elif g:
            fn += 1
    return LabelScore(label, tp, fp, fn)


def score_labels(
    gold: Sequence[Iterable[str]],
    predicted: Sequence[Iterable[str]],
    labels: Sequence[str],
) -> dict[str, LabelScore]:
    """A :class:`LabelScore` for each label, in ``labels`` order."""
    gold_sets = [frozenset(g) for g in gold]
    pred_sets = [frozenset(p) for p in predicted]
    return {label: confusion(gold_sets, pred_sets, label) for label in labels}


def macro_f1(scores: Mapping[str, LabelScore], *, only_supported: bool = True) -> float:
    """Mean F1 over labels; by default only labels that occur in gold or predictions."""
    values = [s.f1 for s in scores.values() if not only_supported or (s.tp + s.fp + s.fn) > 0]
    return sum(values) / len(values) if values else 1.0


def evaluate(
    examples: Sequence[LabelledExample],
    predict: Callable[[str], Iterable[str]],
    labels: Sequence[str],
) -> tuple[float, dict[str, LabelScore]]:
    """Run ``predict`` on every example; return macro-F1 and the per-label scores."""
    gold = [e.labels for e in examples]
    predicted = [frozenset(predict(e.text)) for e in examples]
    scores = score_labels(gold, predicted, labels)
    return macro_f1(scores), scores


def parse_examples(raw: Any) -> list[LabelledExample]:
    """Labelled examples from parsed JSON: a list of ``{"text", "principles", "denied"?,
    "language"?, "note"?}`` (``denied`` defaults to none, ``language`` to ``"en"``)."""
    return [
        LabelledExample(
            text=str(item["text"]),
            labels=frozenset(str(s) for s in item["principles"]),
            note=str(item.get("note", "")),
            denied=frozenset(str(s) for s in item.get("denied", ())),
            language=str(item.get("language", "en")),
        )
        for item in raw
    ]
