"""rules-4.0, moved from Python code to rules/rules-4.0.toml, gives exactly what the code did.

``data/rules-4.0-outputs.json.gz`` was recorded by the last Python module of rules-4.0 (the
2,640-line api/comparison/analyser.py, deleted when the rules became data): every finding
with its evidence spans on every labelled text (776) and on 411 generated ones (random
sentences from them joined by varied separators, upper-cased, title-cased, with curly quotes,
unicode dashes and non-breaking spaces, three texts of 5,000+ words, and edge cases).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from api.comparison.analyser import analyse

FIXTURE = Path(__file__).resolve().parent / "data" / "rules-4.0-outputs.json.gz"


def _cases() -> list[dict[str, object]]:
    data = json.loads(gzip.decompress(FIXTURE.read_bytes()))
    assert data["version"] == "rules-4.0"
    cases: list[dict[str, object]] = data["cases"]
    return cases


def test_the_data_file_gives_the_old_codes_findings_and_spans_on_every_text() -> None:
    cases = _cases()
    assert len(cases) == 1187
    assert sum(1 for c in cases if c["findings"]) > 1000  # the texts do exercise the rules
    differ = []
    for case in cases:
        text = str(case["text"])
        found = analyse(text, "rules-4.0")
        got = [[f.slug, [[s.start, s.end] for s in f.evidence]] for f in found]
        if got != case["findings"]:
            differ.append(text[:80])
        assert all(text[s.start : s.end] == s.quote for f in found for s in f.evidence)
    assert differ == []
