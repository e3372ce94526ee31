"""The README's configuration table lists every setting of api/config.py with its real default,
and nothing else: it cannot drift from the code."""

import json
import re
from typing import Any

from api.config import Settings
from tests.conftest import ROOT

ROW = re.compile(r"^\| `(TIC_[A-Z_]+)` \| (`[^`]*`|empty) \| (.+) \|$")


def _table() -> dict[str, Any]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, Any] = {}
    for line in section.splitlines():
        match = ROW.match(line)
        if match:
            name, cell, meaning = match.groups()
            assert meaning.strip(), name
            raw = "" if cell == "empty" else cell.strip("`")
            try:
                rows[name] = json.loads(raw)
            except json.JSONDecodeError:
                rows[name] = raw
    return rows


def test_the_configuration_table_matches_the_settings() -> None:
    table = _table()
    fields = {f"TIC_{name.upper()}": field.default for name, field in Settings.model_fields.items()}
    assert sorted(table) == sorted(fields)
    for name, default in fields.items():
        assert table[name] == default, name
