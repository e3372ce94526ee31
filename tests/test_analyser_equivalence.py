"""Regression guard for the analyser's exact output (findings and evidence spans).

The rules are written for recall and precision; the matching code underneath is tuned for
speed (patterns are rewritten at import into equivalent literal-first forms). This test pins
the complete output on every labelled example text, so a speed change that alters any
finding or span fails here.

Update ``EXPECTED_SHA256`` deliberately, and only together with a change of
``METHOD_VERSION``: print the new value with ``_digest()`` after checking the differences.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from api.comparison.analyser import METHOD_VERSION, analyse

DATA = Path(__file__).resolve().parent / "data"
# the labelled sets the digest covers, named explicitly so that a new set added to the
# directory later (for example a fresh held-out set) does not change the pinned digest
PINNED_SETS = (
    "principle-examples.json",
    "principle-examples-holdout.json",
    "principle-examples-unseen-a.json",
    "principle-examples-unseen-b.json",
    "principle-examples-unseen-c.json",
    "principle-examples-unseen-d.json",
)
EXPECTED_VERSION = "rules-4.0"
EXPECTED_SHA256 = "6ff95918d281b7211ba781db35554c6d20926284e4f62c72f3e5d183f411a05f"


def _texts() -> list[str]:
    texts: list[str] = []
    for name in PINNED_SETS:
        path = DATA / name
        texts.extend(str(item["text"]) for item in json.loads(path.read_text(encoding="utf-8")))
    return texts


def _digest() -> str:
    out = [
        [[f.slug, [[s.start, s.end, s.quote] for s in f.evidence]] for f in analyse(text)]
        for text in _texts()
    ]
    blob = json.dumps(out, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return hashlib.sha256(blob).hexdigest()


def test_output_on_all_examples_is_unchanged() -> None:
    assert METHOD_VERSION == EXPECTED_VERSION
    assert len(_texts()) >= 600
    assert _digest() == EXPECTED_SHA256
