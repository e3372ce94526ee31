"""rules-5.2: negation cue classes generalised from unseen-h, unseen-i and tuning-52.

Each sentence stands for a class of wording and was written for these tests, not taken from
a labelled set: what the service says it cannot do, whatever the verb; "it is not our role to";
taken out or put off in the passive; handed to someone else; beyond what the text covers;
stopping short; an aside between commas before the words that deny.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.comparison.analyser import PRINCIPLE_SLUGS as SLUGS
from api.comparison.analyser import analyse_full
from api.comparison.scoring import evaluate
from bench.analyser import DATASETS, load_examples, predictor

V52 = "rules-5.2"

DENIALS = [
    ("We can't guarantee that every family will feel safe in our offices.", "safety"),
    ("We are not able to explain every decision to parents.", "trustworthiness"),
    ("The team will not always be able to keep tenants informed.", "trustworthiness"),
    ("It is not currently possible to give each child a consistent key worker.", "relationships"),
    ("It isn't the job of our reception staff to screen callers for trauma.", "recognise"),
    ("Patients should not expect us to give them a choice of clinician.", "empowerment"),
    (
        "The audit makes no attempt to ask whether our processes re-traumatise people.",
        "resist-retraumatisation",
    ),
    ("The new handbook omits any reference to peer mentors.", "peer-support"),
    ("Our peer mentoring scheme for new parents has been shelved.", "peer-support"),
    ("Reflective supervision was dropped from the budget this year.", "workforce-wellbeing"),
    ("Spotting the signs of trauma is left to the school nurse.", "recognise"),
    (
        "Questions of faith and ethnicity go beyond what this leaflet can cover.",
        "cultural-responsiveness",
    ),
    ("The consultation stopped short of sharing decisions with residents.", "collaboration"),
    ("Peer support, which we had hoped to fund, has been put on hold.", "peer-support"),
    (
        "We do not, at present, offer reflective supervision to staff.",
        "workforce-wellbeing",
    ),
]

CARRIES = [
    # the service's own commitment, with "cannot" or "not" in it
    ("We cannot stress enough that children must feel safe with us.", "safety"),
    (
        "No child is left to cope alone with a new placement; each keeps the same worker.",
        "relationships",
    ),
    ("We will not tolerate racism or discrimination of any kind.", "cultural-responsiveness"),
    ("Families are not made to repeat their story to every new worker.", "resist-retraumatisation"),
]


@pytest.mark.parametrize(("text", "slug"), DENIALS)
def test_a_denied_principle_is_reported_apart(text: str, slug: str) -> None:
    result = analyse_full(text, V52)
    assert slug not in {f.slug for f in result.carried}
    denied = {f.slug: f for f in result.denied}
    assert slug in denied
    for span in denied[slug].evidence:
        assert text[span.start : span.end] == span.quote


@pytest.mark.parametrize(("text", "slug"), CARRIES)
def test_a_negation_that_is_the_principle_s_own_statement_carries_it(text: str, slug: str) -> None:
    result = analyse_full(text, V52)
    assert slug in {f.slug for f in result.carried}
    assert slug not in {f.slug for f in result.denied}


# what a text says it does not cover is not what it does ("does not" avoids harm elsewhere)
def test_not_covering_a_harm_is_not_avoiding_it() -> None:
    text = "This guide does not address the use of restraint on children."
    assert "resist-retraumatisation" not in {f.slug for f in analyse_full(text, V52).carried}


# the share of texts that deny a principle where 5.2 reports it as carried, over every
# labelled set (5.1: 27 of 163; 5.2 measured 8 of 163 when its negation classes landed)
MAX_NEGATION_ERRORS = 0.06


DATA = Path(__file__).resolve().parent / "data"
# what rules-5.2 measures on the sets first tuned on in 5.2 (rules-5.1: h 0.816, i 0.763,
# tuning-52 0.674)
MEASURED = [
    ("principle-examples-unseen-h.json", 0.88),
    ("principle-examples-unseen-i.json", 0.83),
    ("principle-examples-tuning-52.json", 0.81),
]


@pytest.mark.parametrize(("name", "threshold"), MEASURED, ids=[n for n, _ in MEASURED])
def test_macro_f1_on_the_sets_tuned_for_rules_5_2(name: str, threshold: float) -> None:
    examples = [e for e in load_examples(DATA / name) if e.language == "en"]
    macro, _ = evaluate(examples, predictor(V52), SLUGS)
    assert macro >= threshold


def test_denied_principles_reported_as_carried_at_most_as_often_as_measured() -> None:
    denying = [
        e for _, path, _ in DATASETS for e in load_examples(path) if e.denied and e.language == "en"
    ]
    assert len(denying) >= 160
    wrong = [
        e.text[:60]
        for e in denying
        if e.denied & {f.slug for f in analyse_full(e.text, V52).carried}
    ]
    assert len(wrong) / len(denying) <= MAX_NEGATION_ERRORS, wrong


# each class of ordinary wording rules-5.2 generalised, in a sentence written for the test
CLASSES = [
    ("Residents should have more say over the support they get.", "empowerment"),
    ("Each young person shapes their own support plan.", "empowerment"),
    ("Victims' wishes are heard and written down in their own words.", "empowerment"),
    (
        "Midwives ask every woman, in private, about past experiences that may make birth hard.",
        "recognise",
    ),
    ("Routine enquiry about adversity is part of every health check.", "recognise"),
    ("Every officer learns how trauma can show up in a custody suite.", "recognise"),
    ("The exclusions code was revised after the review of trauma in our schools.", "respond"),
    ("The council has adopted a trauma-informed approach across all of its services.", "respond"),
    ("No pupil should ever feel unsafe on the way to school.", "safety"),
    ("We want a team where it is safe to speak up when the work gets too much.", "safety"),
    ("Appointments can be held somewhere quieter than the main clinic.", "safety"),
    ("Advisers explain what will happen next and by when.", "trustworthiness"),
    ("We will tell you what we record and who we share it with.", "trustworthiness"),
    ("When things go wrong, we say so and put them right.", "trustworthiness"),
    ("Tenants have a real say in how the estate is managed.", "collaboration"),
    ("We plan your care with you, not for you.", "collaboration"),
    ("Budget decisions are made jointly by parents and officers.", "collaboration"),
    (
        "Each resident has a support worker who remains the same throughout their stay.",
        "relationships",
    ),
    ("Our homes are staffed by a small, consistent team.", "relationships"),
    ("No child has to start again with a stranger when they move school.", "relationships"),
    (
        "Frequent changes of carer are felt by children as yet another loss, so we avoid them.",
        "resist-retraumatisation",
    ),
    (
        "Our hearings are arranged so that giving evidence does not become a second ordeal.",
        "resist-retraumatisation",
    ),
    ("We accept that services can themselves be a source of harm.", "resist-retraumatisation"),
    (
        "Our routines no longer echo the control and fear of an abusive home.",
        "resist-retraumatisation",
    ),
    ("Workers never push for details before a survivor is ready.", "resist-retraumatisation"),
    ("No one is retraumatised by the way we handle complaints.", "resist-retraumatisation"),
]


@pytest.mark.parametrize(("text", "slug"), CLASSES)
def test_a_generalised_wording_carries_its_principle(text: str, slug: str) -> None:
    assert slug in {f.slug for f in analyse_full(text, V52).carried}


# trauma as an injury, and recovery as the name of a service, are not the reach of trauma
@pytest.mark.parametrize(
    "text",
    [
        "Waiting times in trauma and orthopaedics fell this quarter.",
        "The major trauma centre treated 400 patients after road collisions.",
        "Our Recovery College runs courses on budgeting and cooking.",
        "Each client is offered a recovery champion from the local community.",
    ],
)
def test_a_near_miss_wording_does_not_carry_realise(text: str) -> None:
    assert "realise" not in {f.slug for f in analyse_full(text, V52).carried}


# words of a principle used in another sense
@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Please keep your belongings safe in the lockers provided.", "safety"),
        ("The home is a secure setting for boys aged 12 to 17.", "safety"),
        ("We aim to be the provider of choice for the county's schools.", "empowerment"),
        ("Managers are empowered to make budget decisions.", "empowerment"),
    ],
)
def test_a_word_in_another_sense_does_not_carry_it(text: str, slug: str) -> None:
    assert slug not in {f.slug for f in analyse_full(text, V52).carried}
