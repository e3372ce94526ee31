"""Progress bars for long work (seeding, import, re-analysis, synthetic data), on standard error.

One place decides how progress is shown, so every command looks the same: tqdm with
``disable=None``, which draws only when standard error is a terminal. Under a pipe, in CI, in a
container's log or under pytest it prints nothing at all, and standard output stays for results.
"""

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(
    items: Iterable[T], *, total: int | None = None, description: str | None = None
) -> Iterator[T]:
    """``items``, drawing a bar on a terminal (``total``: ``len(items)`` when it has one)."""
    from tqdm import tqdm  # when a command first shows progress, not with the app

    yield from tqdm(items, total=total, desc=description, disable=None, leave=False, unit=" items")
