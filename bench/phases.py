"""Wall time of each phase of a benchmark run, so every run shows where its budget went.

``phase(name)`` times a block and records it (nested phases are named "outer / inner"); the
run's entry point prints ``table()`` at the end and keeps ``recorded()`` beside the totals in
build/bench-times.json. One run at a time per process, so a module-level record is enough.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

_recorded: dict[str, float] = {}
_open: list[str] = []


@contextlib.contextmanager
def phase(name: str) -> Iterator[None]:
    """Time the block as ``name`` (inside another phase: "outer / name"); recorded even when
    the block raises, so a failed run still shows what it spent."""
    full = " / ".join([*_open, name])
    _open.append(name)
    started = time.perf_counter()
    try:
        yield
    finally:
        _open.pop()
        _recorded[full] = _recorded.get(full, 0.0) + time.perf_counter() - started


def record(name: str, seconds: float) -> None:
    """A phase timed elsewhere (inside the current phase, as ``phase`` names it)."""
    full = " / ".join([*_open, name])
    _recorded[full] = _recorded.get(full, 0.0) + seconds


def recorded() -> dict[str, float]:
    """Each phase's seconds, in the order the phases ended (inner before outer)."""
    return {name: round(seconds, 1) for name, seconds in _recorded.items()}


def table(total_s: float) -> str:
    """The phases as lines, outer ones in the order they started: seconds and share of total."""
    started = sorted(_recorded, key=_start_order)
    lines = []
    for name in started:
        depth = name.count(" / ")
        seconds = _recorded[name]
        label = "  " * depth + name.rsplit(" / ", 1)[-1]
        lines.append(f"  {label:<54} {seconds:7.1f} s {seconds / total_s:6.1%}")
    return "\n".join(lines)


def _start_order(name: str) -> tuple[int, ...]:
    """Sort key: a phase after its parent, siblings in the order they were first recorded."""
    order = list(_recorded)
    parts = name.split(" / ")
    return tuple(
        min(i for i, n in enumerate(order) if n.split(" / ")[: depth + 1] == parts[: depth + 1])
        for depth in range(len(parts))
    )


def reset() -> None:
    _recorded.clear()
    _open.clear()
