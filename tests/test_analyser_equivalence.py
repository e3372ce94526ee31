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
EXPECTED_VERSION = "rules-3.1"
EXPECTED_SHA256 = "fd75f7d52fbf0181e11727550e5e2bcb758805ac2eff9e35e6a972691f6714ec"


def _texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(DATA.glob("principle-examples*.json")):
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
