"""rules-5.0: negation and scope, hedging, language, and normalisation that keeps spans exact.

The texts below were written for development before the labelled sets unseen-f and unseen-g
were read, in several voices (a council, an NHS board, a charity, a school, a policy team).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.comparison.analyser import analyse, analyse_full
from api.comparison.language import detect_language
from api.comparison.normalise import normalise

V5 = "rules-5.0"
# what rules-5.0 was tested to do, every later version must do too
V5_AND_LATER = ["rules-5.0", "rules-5.1", "rules-5.2"]

DENIALS = [
    ("We do not yet offer peer support.", "peer-support"),
    ("This definition does not cover cultural issues.", "cultural-responsiveness"),
    ("Peer support is outside the scope of this definition.", "peer-support"),
    (
        "Our approach builds trust and keeps children safe, not including peer support.",
        "peer-support",
    ),
    ("Cultural responsiveness will be considered in a later phase.", "cultural-responsiveness"),
    (
        "At this stage the framework does not address the wellbeing of staff; that work "
        "will follow.",
        "workforce-wellbeing",
    ),
    ("We have not included peer mentoring in this version of the policy.", "peer-support"),
    (
        "Our definition makes no reference to cultural identity or heritage.",
        "cultural-responsiveness",
    ),
    (
        "Peer support and mentoring by care leavers are beyond the remit of this document.",
        "peer-support",
    ),
    ("The council does not currently commission peer support groups for parents.", "peer-support"),
    ("Cultural responsiveness is not addressed in this definition.", "cultural-responsiveness"),
    (
        "Issues of race, faith and culture are excluded from this version.",
        "cultural-responsiveness",
    ),
    ("Peer-led groups will be developed at a later stage.", "peer-support"),
    ("In a later phase, the strategy will add peer support.", "peer-support"),
    ("There is currently no peer support for young people leaving care.", "peer-support"),
    ("This guidance does not extend to the welfare of practitioners.", "workforce-wellbeing"),
]

# hedged, aspirational or negated-but-positive wording still carries the principle
CARRIES = [
    # "without" before a gerund is a commitment (a cue's lookahead must see past the match)
    ("We will never move a child without first explaining why.", "trustworthiness"),
    ("No young person should ever feel unsafe in our homes.", "safety"),
    ("We aim to offer peer support to every parent.", "peer-support"),
    ("We will work towards better staff wellbeing.", "workforce-wellbeing"),
    ("The team should strive to give families choice and control.", "empowerment"),
    (
        "We strive to be culturally responsive and respect each family's heritage.",
        "cultural-responsiveness",
    ),
    ("We hope one day to offer peer support to every parent who wants it.", "peer-support"),
    ("We never shout, threaten or use restraint, so children feel safe.", "safety"),
    ("We don't just talk about choice - we give families real choices.", "empowerment"),
    (
        "Children who do not feel safe at home need adults they can trust and a safe place.",
        "safety",
    ),
    (
        "Our service cannot yet provide peer mentors, but we aim to build trusting "
        "relationships with every family.",
        "relationships",
    ),
    (
        "When a child has to be moved, we plan so that it does not happen in front of "
        "classmates, to reduce the fear and shame of being re-traumatised.",
        "resist-retraumatisation",
    ),
]


@pytest.mark.parametrize("version", V5_AND_LATER)
@pytest.mark.parametrize(("text", "slug"), DENIALS)
def test_a_denied_principle_is_reported_apart_with_its_words(
    text: str, slug: str, version: str
) -> None:
    result = analyse_full(text, version)
    assert result.analysed
    assert slug not in {f.slug for f in result.carried}
    denied = {f.slug: f for f in result.denied}
    assert slug in denied
    for span in denied[slug].evidence:
        assert text[span.start : span.end] == span.quote
    assert slug in " ".join(s.quote for s in denied[slug].evidence).lower().replace(" ", "-") or (
        denied[slug].evidence
    )


@pytest.mark.parametrize("version", V5_AND_LATER)
@pytest.mark.parametrize(("text", "slug"), CARRIES)
def test_hedged_or_positive_wording_still_carries(text: str, slug: str, version: str) -> None:
    result = analyse_full(text, version)
    assert slug in {f.slug for f in result.carried}
    assert slug not in {f.slug for f in result.denied}


@pytest.mark.parametrize("version", V5_AND_LATER)
def test_a_principle_carried_elsewhere_is_carried_not_denied(version: str) -> None:
    text = (
        "We do not yet offer peer support groups. Parents who have been through the same "
        "process mentor other parents in our family centre."
    )
    result = analyse_full(text, version)
    assert "peer-support" in {f.slug for f in result.carried}
    assert result.denied == ()


def test_rules_4_0_still_reports_the_denied_principle_as_carried() -> None:
    """The old version is kept as it was: its stored analyses stay reproducible."""
    assert [f.slug for f in analyse("We do not yet offer peer support.", "rules-4.0")] == [
        "peer-support"
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Mae gofal wedi ei lywio gan drawma yn golygu bod plant a theuluoedd yn teimlo yn "
            "ddiogel a bod eu lleisiau yn cael eu clywed.",
            "cy",
        ),
        (
            "Les soins tenant compte des traumatismes sont une approche qui reconnaît la "
            "prévalence des traumatismes et qui favorise la sécurité.",
            "fr",
        ),
        ("Травма-информированный подход означает безопасность и доверие.", "und"),
    ],
)
def test_a_text_in_another_language_is_not_analysed_and_says_so(text: str, code: str) -> None:
    result = analyse_full(text, V5)
    assert result.analysed is False
    assert result.language == code
    assert result.reason is not None
    assert "rules-5.0" in result.reason
    assert result.carried == ()
    assert result.denied == ()


def test_a_given_language_is_used_instead_of_detection() -> None:
    english = "Children feel safe and families are treated as equal partners."
    assert analyse_full(english, V5, language="cy").analysed is False
    welsh = "Mae plant yn teimlo yn ddiogel."
    assert analyse_full(welsh, V5, language="en").analysed is True


@pytest.mark.parametrize(
    "text",
    [
        "Safety, trust, choice, collaboration and empowerment.",
        "Children feel safe.",
        "trauma",
        "We will build trust with every family we work with.",
    ],
)
def test_english_texts_even_without_function_words_are_english(text: str) -> None:
    assert detect_language(text) == "en"


INSERTS = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@pytest.mark.parametrize("char", INSERTS)
def test_invisible_characters_inside_a_word_no_longer_hide_it(char: str) -> None:
    text = f"Children feel sa{char}fe and we build tr{char}ust with families."
    found = {f.slug: f for f in analyse(text, V5)}
    assert {"safety", "trustworthiness"} <= set(found)
    for f in found.values():
        for span in f.evidence:
            assert text[span.start : span.end] == span.quote
    assert char in found["safety"].evidence[0].quote


@pytest.mark.parametrize(
    "text",
    [
        "".join(
            chr(ord(c) + 0xFEE0) if c.isalpha() else c for c in "Children feel safe."
        ),  # full-width
        "Children feel sa\u0301fe.",  # a combining accent
        "Children feel saf\u00e9.",  # precomposed
        "Children \u201cfeel safe\u201d \u2014 always.",
        "Children \ufb01nd they feel safe.",  # a ligature
    ],
)
def test_normalised_forms_match_and_spans_slice_the_original(text: str) -> None:
    found = {f.slug: f for f in analyse(text, V5)}
    assert "safety" in found
    for span in found["safety"].evidence:
        assert text[span.start : span.end] == span.quote


_PIECES = st.sampled_from(
    [
        "safe",
        "trust",
        " ",
        "feel ",
        "Children ",
        ".",
        "\u200b",
        "\u00ad",
        "\ufeff",
        "\u0301",
        "\uff33",  # full-width S
        "\ufb01",  # the fi ligature
        "\u2019",
        "\u2014",
        "İ",
        "ß",
        "e",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_every_span_slices_the_original_text_exactly(text: str) -> None:
    norm, to_original = normalise(text)
    for start in range(len(norm)):
        for end in range(start + 1, min(len(norm), start + 6) + 1):
            o_start, o_end = to_original(start, end)
            assert 0 <= o_start < o_end <= len(text)
    result = analyse_full(text, V5, language="en")
    for f in (*result.carried, *result.denied):
        for span in f.evidence:
            assert text[span.start : span.end] == span.quote
