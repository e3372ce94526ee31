"""Compare the principle sets that definitions of trauma-informed care carry.

Principles are identified by slug (e.g. ``"safety"``, ``"trustworthiness"``). Everything here
works on plain collections of slugs and returns frozen dataclasses whose tuples are in a
canonical, deterministic order, so API responses and tests do not depend on set iteration.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Consensus",
    "ConsensusStatus",
    "PrincipleComparison",
    "PrincipleConsensus",
    "compare_principles",
    "consensus",
    "overlap",
]

ConsensusStatus = Literal["agreed", "contested", "unique", "absent"]


def _ordered(slugs: Iterable[str], order: Sequence[str] | None) -> tuple[str, ...]:
    """``slugs`` (deduplicated) in the position they have in ``order``.

    Slugs that ``order`` does not mention come after the ordered ones, alphabetically, rather
    than being dropped: an unknown slug is still information the caller should see.
    """
    unique = set(slugs)
    if order is None:
        return tuple(sorted(unique))
    rank: dict[str, int] = {}
    for position, slug in enumerate(order):
        rank.setdefault(slug, position)
    known = sorted((s for s in unique if s in rank), key=rank.__getitem__)
    unknown = sorted(s for s in unique if s not in rank)
    return (*known, *unknown)


@dataclass(frozen=True, slots=True)
class PrincipleComparison:
    """How a definition's principles relate to the core definition's."""

    shared: tuple[str, ...]
    missing: tuple[str, ...]  # in the core, not in the other definition
    extra: tuple[str, ...]  # in the other definition, not in the core
    coverage: float  # |shared| / |core|, 1.0 for an empty core


def compare_principles(
    core: Collection[str], other: Collection[str], order: Sequence[str] | None = None
) -> PrincipleComparison:
    """Shared, missing and extra principles of ``other`` relative to ``core``.

    ``coverage`` is the share of the core's principles that ``other`` carries. For an empty
    core it is 1.0: the core asks for nothing, so nothing is missing (and 0/0 must not leak out
    as NaN or an exception into an API response). Duplicates in the inputs are ignored.
    """
    core_set, other_set = set(core), set(other)
    shared = core_set & other_set
    coverage = len(shared) / len(core_set) if core_set else 1.0
    return PrincipleComparison(
        shared=_ordered(shared, order),
        missing=_ordered(core_set - other_set, order),
        extra=_ordered(other_set - core_set, order),
        coverage=coverage,
    )


def overlap(a: Collection[str], b: Collection[str]) -> float:
    """Jaccard index |a & b| / |a | b| of two principle sets.

    Two empty sets give 1.0: they are identical, and ``overlap(x, x) == 1.0`` should hold for
    every ``x``. One empty and one non-empty set give 0.0.
    """
    a_set, b_set = set(a), set(b)
    union = a_set | b_set
    if not union:
        return 1.0
    return len(a_set & b_set) / len(union)


@dataclass(frozen=True, slots=True)
class PrincipleConsensus:
    """How many organisations' current definitions carry one principle."""

    principle: str
    organisations: tuple[str, ...]  # sorted slugs of the organisations carrying it
    count: int
    share: float  # count / number of organisations; 0.0 when there are none
    status: ConsensusStatus
    in_core: bool


@dataclass(frozen=True, slots=True)
class Consensus:
    """Agreement across organisations, and where the core definition departs from it."""

    organisations: tuple[str, ...]  # all organisations considered, sorted
    principles: tuple[PrincipleConsensus, ...]  # in the order of the ``principles`` argument
    core_lacks_agreed: tuple[str, ...]  # carried by every organisation (>= 2), not by the core
    core_lacks_majority: tuple[str, ...]  # carried by more than half, not by the core
    core_adds: tuple[str, ...]  # carried by the core, by no organisation

    def for_principle(self, slug: str) -> PrincipleConsensus:
        """The row for ``slug``; ``KeyError`` if it was not part of the comparison."""
        for row in self.principles:
            if row.principle == slug:
                return row
        raise KeyError(slug)


def _status(count: int, n_orgs: int) -> ConsensusStatus:
    # "agreed" needs at least two organisations: one organisation carrying a principle is
    # that organisation's choice, not agreement, so it is reported as "unique" even when it
    # is the only organisation in the registry.
    if count == 0:
        return "absent"
    if count == 1:
        return "unique"
    if count == n_orgs:
        return "agreed"
    return "contested"


def consensus(
    carriers: Mapping[str, Collection[str]],
    core: Collection[str],
    principles: Sequence[str],
) -> Consensus:
    """Per-principle agreement across organisations and its gaps relative to the core.

    ``carriers`` maps an organisation slug to the principle slugs its current definition
    carries. ``principles`` fixes which principles are reported and in what order; a principle
    carried by an organisation or the core but missing from ``principles`` is appended
    (alphabetically) rather than silently dropped. With no organisations every principle is
    "absent" with share 0.0, nothing is lacking and every core principle is an addition.
    A majority is strictly more than half of the organisations.
    """
    organisations = tuple(sorted(carriers))
    n_orgs = len(organisations)
    core_set = set(core)
    carried_by: dict[str, list[str]] = {}
    for org in organisations:
        for slug in set(carriers[org]):
            carried_by.setdefault(slug, []).append(org)  # orgs visited sorted: lists stay sorted
    listed = dict.fromkeys(principles)
    extras = sorted((set(carried_by) | core_set) - set(listed))
    rows = []
    for slug in (*listed, *extras):
        orgs = tuple(carried_by.get(slug, ()))
        count = len(orgs)
        rows.append(
            PrincipleConsensus(
                principle=slug,
                organisations=orgs,
                count=count,
                share=count / n_orgs if n_orgs else 0.0,
                status=_status(count, n_orgs),
                in_core=slug in core_set,
            )
        )
    return Consensus(
        organisations=organisations,
        principles=tuple(rows),
        core_lacks_agreed=tuple(
            r.principle for r in rows if r.status == "agreed" and not r.in_core
        ),
        core_lacks_majority=tuple(
            r.principle for r in rows if 2 * r.count > n_orgs and not r.in_core
        ),
        core_adds=tuple(r.principle for r in rows if r.in_core and r.count == 0),
    )
