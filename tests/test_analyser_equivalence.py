"""Each released rules version gives exactly what it gave when it was released.

``data/rules-4.0-outputs.json.gz`` was recorded by the last Python module of rules-4.0 (the
2,640-line api/comparison/analyser.py, deleted when the rules became data): every finding
with its evidence spans on every labelled text (776) and on 411 generated ones (random
sentences from them joined by varied separators, upper-cased, title-cased, with curly quotes,
unicode dashes and non-breaking spaces, three texts of 5,000+ words, and edge cases).

``data/rules-5.0-outputs.json.gz`` was recorded by the engine before it was made faster
(``python -m tests.record_outputs rules-5.0``): carried and denied principles with their
spans, and whether the text was analysed, in what language and why not, on the rules-4.0
texts, every labelled text since, and texts generated with the characters rules-5.0
normalises. A faster engine must give the same, byte for byte.
"""

from __future__ import annotations

import pytest

from api.comparison.analyser import analyse_full
from tests.record_outputs import outcome, read

# version, texts recorded, texts with a finding at least
RECORDED = [
    ("rules-4.0", 1187, 1000),
    ("rules-5.0", 1758, 1400),
    ("rules-5.1", 2126, 1700),
    ("rules-5.2", 2194, 1800),
]


@pytest.mark.parametrize(("version", "size", "with_findings"), RECORDED)
def test_a_released_version_gives_its_recorded_findings_and_spans_on_every_text(
    version: str, size: int, with_findings: int
) -> None:
    cases = read(version)
    assert len(cases) == size
    assert sum(1 for c in cases if c["findings"]) > with_findings  # the texts exercise it
    differ = []
    for case in cases:
        text = str(case["text"])
        result = analyse_full(text, version)
        expected = {k: v for k, v in case.items() if k != "text"}
        # rules-4.0's recording has its findings only (it had no denials nor languages)
        got = {k: v for k, v in outcome(result).items() if k in expected}
        if got != expected:
            differ.append(text[:80])
        spans = [s for f in (*result.carried, *result.denied) for s in f.evidence]
        assert all(text[s.start : s.end] == s.quote for s in spans)
    assert differ == []
