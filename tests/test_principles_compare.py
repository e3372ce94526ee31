"""Known-answer tests for principle comparison (api/comparison/principles_compare.py)."""

from __future__ import annotations

import pytest

from api.comparison.principles_compare import (
    Consensus,
    PrincipleComparison,
    PrincipleConsensus,
    compare_principles,
    consensus,
    overlap,
)

SAMHSA_SIX = [
    "safety",
    "trustworthiness",
    "peer-support",
    "collaboration",
    "empowerment",
    "cultural-issues",
]

# --- compare_principles -------------------------------------------------------------------


def test_definition_against_itself_has_full_coverage() -> None:
    result = compare_principles(SAMHSA_SIX, SAMHSA_SIX)
    assert result == PrincipleComparison(
        shared=tuple(sorted(SAMHSA_SIX)), missing=(), extra=(), coverage=1.0
    )


def test_shared_missing_extra_by_hand_in_canonical_order() -> None:
    core = {"safety", "trustworthiness", "collaboration", "empowerment"}
    other = ["empowerment", "safety", "voice", "choice", "safety"]  # duplicate is ignored
    result = compare_principles(core, other, order=[*SAMHSA_SIX, "voice"])
    assert result.shared == ("safety", "empowerment")
    assert result.missing == ("trustworthiness", "collaboration")
    # "voice" is in the order; "choice" is not, so it comes after the ordered slugs.
    assert result.extra == ("voice", "choice")
    assert result.coverage == 0.5


def test_default_order_is_alphabetical() -> None:
    result = compare_principles({"safety", "empowerment"}, {"voice", "choice"})
    assert result.shared == ()
    assert result.missing == ("empowerment", "safety")
    assert result.extra == ("choice", "voice")
    assert result.coverage == 0.0


def test_empty_core_has_full_coverage() -> None:
    assert compare_principles([], ["safety"]) == PrincipleComparison(
        shared=(), missing=(), extra=("safety",), coverage=1.0
    )
    assert compare_principles([], []).coverage == 1.0


def test_empty_other_has_zero_coverage() -> None:
    result = compare_principles(["safety", "voice"], [])
    assert result.missing == ("safety", "voice")
    assert result.coverage == 0.0


# --- overlap --------------------------------------------------------------------------------


def test_overlap_by_hand() -> None:
    assert overlap({"safety", "trust", "voice"}, {"safety", "voice", "choice"}) == 2 / 4
    assert overlap(["safety"], ["safety", "safety"]) == 1.0


def test_overlap_edge_cases() -> None:
    assert overlap([], []) == 1.0  # identical (empty) sets
    assert overlap([], ["safety"]) == 0.0
    assert overlap(["safety"], []) == 0.0
    assert overlap(["safety"], ["voice"]) == 0.0
    assert overlap(SAMHSA_SIX, SAMHSA_SIX[::-1]) == 1.0


# --- consensus ------------------------------------------------------------------------------

PRINCIPLES = [
    "safety",
    "trustworthiness",
    "peer-support",
    "collaboration",
    "empowerment",
    "voice",
    "cultural-issues",
]
CARRIERS = {
    "samhsa": {
        "safety",
        "trustworthiness",
        "peer-support",
        "collaboration",
        "empowerment",
        "voice",
        "cultural-issues",
    },
    "nhs-scotland": {
        "safety",
        "trustworthiness",
        "collaboration",
        "empowerment",
        "voice",
        "choice",
    },
    "acf": {"safety", "trustworthiness", "collaboration", "voice"},
    "nice": {"safety", "trustworthiness", "empowerment", "peer-support"},
}
CORE = {"safety", "collaboration", "empowerment", "resilience"}
ALL4 = ("acf", "nhs-scotland", "nice", "samhsa")


def test_consensus_on_small_registry_by_hand() -> None:
    result = consensus(CARRIERS, CORE, PRINCIPLES)
    assert result == Consensus(
        organisations=ALL4,
        principles=(
            PrincipleConsensus("safety", ALL4, 4, 1.0, "agreed", in_core=True),
            PrincipleConsensus("trustworthiness", ALL4, 4, 1.0, "agreed", in_core=False),
            PrincipleConsensus("peer-support", ("nice", "samhsa"), 2, 0.5, "contested", False),
            PrincipleConsensus(
                "collaboration", ("acf", "nhs-scotland", "samhsa"), 3, 0.75, "contested", True
            ),
            PrincipleConsensus(
                "empowerment", ("nhs-scotland", "nice", "samhsa"), 3, 0.75, "contested", True
            ),
            PrincipleConsensus(
                "voice", ("acf", "nhs-scotland", "samhsa"), 3, 0.75, "contested", False
            ),
            PrincipleConsensus("cultural-issues", ("samhsa",), 1, 0.25, "unique", False),
            # Not in PRINCIPLES, so appended alphabetically rather than dropped:
            PrincipleConsensus("choice", ("nhs-scotland",), 1, 0.25, "unique", False),
            PrincipleConsensus("resilience", (), 0, 0.0, "absent", True),
        ),
        core_lacks_agreed=("trustworthiness",),
        # Peer support is carried by exactly half (2 of 4): not a majority.
        core_lacks_majority=("trustworthiness", "voice"),
        core_adds=("resilience",),
    )
    assert result.for_principle("voice").share == 0.75
    with pytest.raises(KeyError):
        result.for_principle("hope")


def test_consensus_with_no_organisations() -> None:
    result = consensus({}, {"safety"}, ["safety", "voice"])
    assert result.organisations == ()
    assert result.principles == (
        PrincipleConsensus("safety", (), 0, 0.0, "absent", in_core=True),
        PrincipleConsensus("voice", (), 0, 0.0, "absent", in_core=False),
    )
    assert result.core_lacks_agreed == ()
    assert result.core_lacks_majority == ()
    assert result.core_adds == ("safety",)


def test_single_organisation_is_unique_not_agreed() -> None:
    result = consensus({"samhsa": ["safety"]}, [], ["safety"])
    row = result.for_principle("safety")
    assert (row.count, row.share, row.status) == (1, 1.0, "unique")
    assert result.core_lacks_agreed == ()
    assert result.core_lacks_majority == ("safety",)  # 1 of 1 is a majority


def test_two_organisations_carrying_it_is_agreed() -> None:
    result = consensus({"a": ["safety", "voice"], "b": ["safety"]}, ["voice"], ["safety", "voice"])
    assert [r.status for r in result.principles] == ["agreed", "unique"]
    assert result.core_lacks_agreed == ("safety",)
    assert result.core_adds == ()
