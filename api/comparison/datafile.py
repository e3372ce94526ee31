"""Reading the comparison package's data files (principles.json, rules/*.toml) one way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["read"]


def read(
    path: Path, loads: Callable[[str], Any], error: Callable[[str], Exception] = ValueError
) -> Any:
    """``path`` (UTF-8) parsed by ``loads``; a file it cannot parse raises ``error`` naming
    the file (json's and tomllib's decode errors are both ValueErrors)."""
    try:
        return loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise error(f"{path.name}: not valid {path.suffix[1:].upper()}: {exc}") from None
