"""rules-5.1: negation built from general cues, with a scope that ends at a clause boundary.

Each sentence stands for a class of wording (any subject, contractions, deferral, exclusion,
lack, "rather than", double negation), written for these tests, not taken from a labelled set.
"""

from __future__ import annotations

import pytest

from api.comparison.analyser import analyse_full

V51 = "rules-5.1"

DENIALS = [
    ("Lot 2 does not include peer support or lived-experience roles.", "peer-support"),
    ("Children do not currently have a say in where they are placed.", "empowerment"),
    ("Our service doesn't offer peer support groups.", "peer-support"),
    ("The strategy doesn't say anything about staff wellbeing.", "workforce-wellbeing"),
    ("We won't be screening children for trauma in this phase.", "recognise"),
    ("Cultural identity isn't addressed in this document.", "cultural-responsiveness"),
    ("Peer mentoring is not currently part of our offer.", "peer-support"),
    ("Routine enquiry about trauma will not be introduced until 2027.", "recognise"),
    ("The framework is silent on culture, race and identity.", "cultural-responsiveness"),
    (
        "This definition excludes staff wellbeing, secondary trauma and burnout.",
        "workforce-wellbeing",
    ),
    ("The service has yet to put in place any support for staff.", "workforce-wellbeing"),
    (
        "The framework lacks any reference to the cultural backgrounds of families.",
        "cultural-responsiveness",
    ),
    ("Rather than setting up peer groups, the trust funds more psychologists.", "peer-support"),
    ("Peer support will come in a later version of the plan.", "peer-support"),
    ("Reflective supervision for staff will be considered later.", "workforce-wellbeing"),
    (
        "Co-production with families is planned for the next stage of the programme.",
        "collaboration",
    ),
    (
        "Race and faith are covered by the council's separate equality scheme.",
        "cultural-responsiveness",
    ),
    (
        "Cultural responsiveness has been absent from every version so far.",
        "cultural-responsiveness",
    ),
    ("Physical and emotional safety is not covered here; see the Safety Standard.", "safety"),
    (
        "It is not a staff wellbeing policy, and it says nothing about burnout.",
        "workforce-wellbeing",
    ),
    ("We have no peer mentors, and none are planned.", "peer-support"),
]

CARRIES = [
    # a contrast or a new clause ends the cue's reach
    (
        "We cannot offer peer mentors yet, but we are honest with families about why.",
        "trustworthiness",
    ),
    (
        "The building feels like a home rather than a police station, so children feel safe.",
        "safety",
    ),
    # a negated verb after "who": what happened to people, not what the service leaves out
    ("Families who have not had a choice before are given real choices by us.", "empowerment"),
    (
        "Staff who do not receive supervision burn out, so every practitioner has "
        "reflective supervision.",
        "workforce-wellbeing",
    ),
    # "have to": relief, not absence; "not only ... but also"; double negation
    (
        "Workers do not have to cope alone: there is a debrief after every incident.",
        "workforce-wellbeing",
    ),
    ("It's not only about safety but also about trust: we explain every decision.", "safety"),
    ("Without stable, trusting relationships, children cannot begin to heal.", "relationships"),
    ("Staff who are unsupported cannot offer children steady relationships.", "relationships"),
    ("We do not just offer choice; families shape every plan with us.", "empowerment"),
    (
        "Young people do not get passed from worker to worker; they keep the same key worker.",
        "relationships",
    ),
]


@pytest.mark.parametrize(("text", "slug"), DENIALS)
def test_a_denied_principle_is_reported_apart(text: str, slug: str) -> None:
    result = analyse_full(text, V51)
    assert slug not in {f.slug for f in result.carried}
    denied = {f.slug: f for f in result.denied}
    assert slug in denied
    for span in denied[slug].evidence:
        assert text[span.start : span.end] == span.quote


@pytest.mark.parametrize(("text", "slug"), CARRIES)
def test_negation_outside_the_principle_s_words_does_not_deny_it(text: str, slug: str) -> None:
    result = analyse_full(text, V51)
    assert slug in {f.slug for f in result.carried}
    assert slug not in {f.slug for f in result.denied}
