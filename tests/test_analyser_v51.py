"""rules-5.1: negation built from general cues, with a scope that ends at a clause boundary.

Each sentence stands for a class of wording (any subject, contractions, deferral, exclusion,
lack, "rather than", double negation), written for these tests, not taken from a labelled set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.comparison.analyser import PRINCIPLE_SLUGS as SLUGS
from api.comparison.analyser import analyse_full
from api.comparison.scoring import evaluate
from bench.analyser import DATASETS, load_examples, predictor

V51 = "rules-5.1"
# what rules-5.1 was tested to do sentence by sentence, every later version must do too
V51_AND_LATER = ["rules-5.1", "rules-5.2"]

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
    ("The plan has nothing to say about culture or identity.", "cultural-responsiveness"),
    ("Peer support sits outside this framework.", "peer-support"),
    ("What we can't offer is any choice of social worker.", "empowerment"),
    ("The school has chosen not to adopt peer mentoring.", "peer-support"),
    (
        "The board has parked the proposal to introduce reflective supervision.",
        "workforce-wellbeing",
    ),
    ("The council currently offers children little choice or voice in placements.", "empowerment"),
    ("There's no provision here for group work or peer support of any kind.", "peer-support"),
    ("Physical safety is managed by the estates team.", "safety"),
    (
        "Questions of race, faith and culture fall to partner agencies.",
        "cultural-responsiveness",
    ),
    ("Power-sharing with families is not the aim of this service.", "collaboration"),
    ("We don't screen anyone for trauma or try to spot it.", "recognise"),
    ("We are not yet in a position to offer clinical supervision to staff.", "workforce-wellbeing"),
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
    # "no X should": the principle stated with "no"
    (
        "No parent should leave a meeting without understanding what was decided.",
        "trustworthiness",
    ),
    # "give up" is not a verb of offering; "and" with a new verb starts a new clause
    (
        "We don't give up on young people, and the same worker stays with them for years.",
        "relationships",
    ),
    (
        "Young people do not get passed from worker to worker; they keep the same key worker.",
        "relationships",
    ),
]


@pytest.mark.parametrize("version", V51_AND_LATER)
@pytest.mark.parametrize(("text", "slug"), DENIALS)
def test_a_denied_principle_is_reported_apart(text: str, slug: str, version: str) -> None:
    result = analyse_full(text, version)
    assert slug not in {f.slug for f in result.carried}
    denied = {f.slug: f for f in result.denied}
    assert slug in denied
    for span in denied[slug].evidence:
        assert text[span.start : span.end] == span.quote


@pytest.mark.parametrize("version", V51_AND_LATER)
@pytest.mark.parametrize(("text", "slug"), CARRIES)
def test_negation_outside_the_principle_s_words_does_not_deny_it(
    text: str, slug: str, version: str
) -> None:
    result = analyse_full(text, version)
    assert slug in {f.slug for f in result.carried}
    assert slug not in {f.slug for f in result.denied}


# each class of ordinary wording rules-5.1 generalised, in a sentence written for the test
CLASSES = [
    ("Every manager is trained in how adversity affects adults' health.", "respond"),
    ("Intake processes have been reviewed with trauma in mind.", "respond"),
    ("Relationships are what make the difference for the families we see.", "relationships"),
    ("Each tenant keeps the same named officer for the whole tenancy.", "relationships"),
    ("Children are never passed between several social workers in a year.", "relationships"),
    ("Practitioners explain every step of the assessment to parents.", "trustworthiness"),
    ("Patients are told in advance who is coming and why.", "trustworthiness"),
    ("We share decisions with the families we support.", "collaboration"),
    ("Young people are involved in the design of the service.", "collaboration"),
    ("We value the expertise that parents bring about their own children.", "collaboration"),
    ("Staff understand how commonplace trauma is among people who are homeless.", "realise"),
    ("Many of the women we support have experienced domestic abuse.", "realise"),
    ("Trauma can explain behaviour that looks defiant or hostile.", "realise"),
    ("Waiting rooms are quiet and welcoming.", "safety"),
    ("We offer every survivor the option of a female advocate.", "empowerment"),
    ("Our workers ask each person what they would like to happen next.", "empowerment"),
    (
        "We review our processes so that they do not cause avoidable distress.",
        "resist-retraumatisation",
    ),
    ("Above all, do no further harm.", "resist-retraumatisation"),
]


@pytest.mark.parametrize("version", V51_AND_LATER)
@pytest.mark.parametrize(("text", "slug"), CLASSES)
def test_a_generalised_wording_carries_its_principle(text: str, slug: str, version: str) -> None:
    assert slug in {f.slug for f in analyse_full(text, version).carried}


# the wordings that stay with another principle, as the labelled sets have them
@pytest.mark.parametrize("version", V51_AND_LATER)
@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Staff are trained to notice the signs of trauma in children.", "respond"),
        ("We recognise the expertise of our Black and Asian staff network.", "collaboration"),
        ("Across the Trust, every ward has a named matron.", "trustworthiness"),
        ("The model acknowledges historical and intergenerational trauma.", "realise"),
        # a person's lack of cooperation is behaviour, not a denial nor collaboration
        ("Officers notice dissociation or an apparent lack of cooperation.", "collaboration"),
    ],
)
def test_a_near_miss_wording_does_not_carry_it(text: str, slug: str, version: str) -> None:
    assert slug not in {f.slug for f in analyse_full(text, version).carried}


DATA = Path(__file__).resolve().parent / "data"
# the share of texts that deny a principle where 5.1 reports it as carried (measured 8 of
# 107, 0.075; the target in make bench is 1 in 10)
MAX_NEGATION_ERRORS = 0.1


# what rules-5.1 measures on the sets it was tuned on (rules-5.0 scored e 0.836, f 0.917,
# g 0.827 and tuning-51 0.821, with 20 of 52 denied principles reported as carried)
MEASURED = [
    ("principle-examples-unseen-e.json", 0.95),
    ("principle-examples-unseen-f.json", 0.95),
    ("principle-examples-unseen-g.json", 0.94),
    ("principle-examples-tuning-51.json", 0.91),
    # a third author's set, measured untuned at 0.701 (rules-5.0: 0.667), then tuned on
    ("principle-examples-unseen-i.json", 0.76),
]


@pytest.mark.parametrize(("name", "threshold"), MEASURED, ids=[n for n, _ in MEASURED])
def test_macro_f1_on_the_sets_tuned_for_rules_5_1(name: str, threshold: float) -> None:
    examples = [e for e in load_examples(DATA / name) if e.language == "en"]
    macro, _ = evaluate(examples, predictor(V51), SLUGS)
    assert macro >= threshold


def test_denied_principles_reported_as_carried_at_most_as_often_as_measured() -> None:
    """Over every labelled set 5.1 was tuned on (unseen-h, held out for 5.1 and tuned on in
    rules-5.2, stays out: 5.1 carries 12 of its 35 denials). unseen-i, by a third author, was
    measured untuned after most of 5.1's tuning: 25 of its 55 denials carried, then 8 after
    tuning on it; the others 0 of 52."""
    denying = [
        e
        for _, path, status in DATASETS
        if not status.startswith("HELD OUT") and "rules-5.2" not in status
        for e in load_examples(path)
        if e.denied and e.language == "en"
    ]
    assert len(denying) >= 100
    wrong = [
        e.text[:60]
        for e in denying
        if e.denied & {f.slug for f in analyse_full(e.text, V51).carried}
    ]
    assert len(wrong) / len(denying) <= MAX_NEGATION_ERRORS, wrong
