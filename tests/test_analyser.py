"""Tests for the rule-based principle analyser and the scoring helpers."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from api.comparison.analyser import (
    METHOD_VERSION,
    PRINCIPLE_SLUGS,
    PrincipleFinding,
    Span,
    analyse,
)
from api.comparison.scoring import (
    LabelledExample,
    LabelScore,
    confusion,
    evaluate,
    macro_f1,
    score_labels,
)
from bench.analyser import load_examples

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
TUNED = DATA / "principle-examples.json"
HOLDOUT = DATA / "principle-examples-holdout.json"
UNSEEN_A = DATA / "principle-examples-unseen-a.json"
UNSEEN_B = DATA / "principle-examples-unseen-b.json"
UNSEEN_C = DATA / "principle-examples-unseen-c.json"
UNSEEN_D = DATA / "principle-examples-unseen-d.json"
PUBLIC = DATA / "principles-examples-public.json"  # the public sample of the reference material
PRINCIPLES_MD = ROOT / "seed" / "evidence" / "principles.md"

# thresholds actually met (see bench/analyser.py for the current numbers)
TUNED_MIN_PRECISION = 0.9
TUNED_MIN_RECALL = 0.9
TUNED_MIN_MACRO_F1 = 0.97
HOLDOUT_MIN_MACRO_F1 = 0.95
# unseen-a was written independently of the analyser, then used for tuning in rules-2.0
UNSEEN_A_MIN_MACRO_F1 = 0.95
# unseen-b and unseen-c were written independently too, then used for tuning in rules-3.0
# (rules-2.0 scored 0.761 and 0.779 on them before tuning)
UNSEEN_B_MIN_MACRO_F1 = 0.97
UNSEEN_C_MIN_MACRO_F1 = 0.97
# unseen-d was written independently too, then used for tuning in rules-4.0
# (rules-3.1 scored 0.858 on it before tuning)
UNSEEN_D_MIN_MACRO_F1 = 0.97


def _slugs(text: str) -> frozenset[str]:
    return frozenset(f.slug for f in analyse(text))


def _all_examples() -> list[LabelledExample]:
    return load_examples(TUNED) + load_examples(HOLDOUT) + load_examples(PUBLIC)


# --------------------------------------------------------------------------------------
# interface
# --------------------------------------------------------------------------------------


def test_interface_constants() -> None:
    assert METHOD_VERSION == "rules-5.2"
    assert len(PRINCIPLE_SLUGS) == 12
    assert len(set(PRINCIPLE_SLUGS)) == 12
    assert PRINCIPLE_SLUGS[0] == "safety"
    assert PRINCIPLE_SLUGS[-1] == "workforce-wellbeing"


def test_public_slug_order_matches_principles_md() -> None:
    rows = [
        line.split("`")[1]
        for line in PRINCIPLES_MD.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    ]
    assert tuple(rows) == PRINCIPLE_SLUGS


def test_findings_in_slug_order_with_typed_spans() -> None:
    text = (
        "Staff receive reflective supervision. Children feel safe. Parents are equal "
        "partners, and we are honest with them."
    )
    findings = analyse(text)
    order = [PRINCIPLE_SLUGS.index(f.slug) for f in findings]
    assert order == sorted(order)
    assert {f.slug for f in findings} == {
        "safety",
        "trustworthiness",
        "collaboration",
        "workforce-wellbeing",
    }
    for finding in findings:
        assert isinstance(finding, PrincipleFinding)
        assert all(isinstance(s, Span) for s in finding.evidence)


def test_no_principle_gives_empty_tuple() -> None:
    assert analyse("The office is on the third floor, next to the lifts.") == ()
    assert analyse("") == ()


# --------------------------------------------------------------------------------------
# accuracy
# --------------------------------------------------------------------------------------


def test_tuned_set_is_large_enough() -> None:
    assert len(load_examples(TUNED)) >= 200
    assert len(load_examples(HOLDOUT)) >= 30
    for example in load_examples(TUNED) + load_examples(HOLDOUT):
        assert example.labels <= set(PRINCIPLE_SLUGS)


@pytest.mark.parametrize("slug", PRINCIPLE_SLUGS)
def test_tuned_precision_and_recall_per_principle(slug: str) -> None:
    _, scores = evaluate(load_examples(TUNED), _slugs, PRINCIPLE_SLUGS)
    score = scores[slug]
    assert score.support > 0
    assert score.precision >= TUNED_MIN_PRECISION, score
    assert score.recall >= TUNED_MIN_RECALL, score


def test_tuned_macro_f1() -> None:
    macro, _ = evaluate(load_examples(TUNED), _slugs, PRINCIPLE_SLUGS)
    assert macro >= TUNED_MIN_MACRO_F1


def test_holdout_macro_f1() -> None:
    macro, _ = evaluate(load_examples(HOLDOUT), _slugs, PRINCIPLE_SLUGS)
    assert macro >= HOLDOUT_MIN_MACRO_F1


def test_unseen_a_macro_f1() -> None:
    macro, _ = evaluate(load_examples(UNSEEN_A), _slugs, PRINCIPLE_SLUGS)
    assert macro >= UNSEEN_A_MIN_MACRO_F1


@pytest.mark.parametrize(
    ("path", "threshold"),
    [
        (UNSEEN_B, UNSEEN_B_MIN_MACRO_F1),
        (UNSEEN_C, UNSEEN_C_MIN_MACRO_F1),
        (UNSEEN_D, UNSEEN_D_MIN_MACRO_F1),
    ],
    ids=["unseen-b", "unseen-c", "unseen-d"],
)
def test_unseen_b_c_d_macro_f1(path: Path, threshold: float) -> None:
    macro, _ = evaluate(load_examples(path), _slugs, PRINCIPLE_SLUGS)
    assert macro >= threshold


def test_public_sample_all_correct() -> None:
    for example in load_examples(PUBLIC):
        assert _slugs(example.text) == example.labels, example.text


def test_trap_examples_produce_no_false_label() -> None:
    traps = [e for e in _all_examples() if e.note.startswith("trap")]
    assert len(traps) >= 15
    for example in traps:
        extra = _slugs(example.text) - example.labels
        assert not extra, (example.text, extra)


@pytest.mark.parametrize(
    "text",
    [
        "The safeguarding team meets weekly.",
        "Contact the Multi-Agency Safeguarding Hub on the number below.",
        "Health, police and education work together at the multi-agency panel.",
        "Cases are peer reviewed by colleagues, and peers comment at the team meeting.",
        "He was collected by a trusted family friend.",
        "The service is part of the council's trauma strategy.",
        "We recognise the contribution of our partners.",
        "The receptionist responded kindly to the caller.",
        "The Leeds Teaching Hospitals NHS Trust hosts the clinic.",
        "Safer recruitment checks are completed for every post.",
        "The service works with children and young people who have experienced trauma.",
        "Our trauma lead chairs the monthly steering meeting.",
        "Social workers discussed the case with their peers at the weekly huddle.",
        "The duty team responds to all referrals within 24 hours.",
        "The Local Safeguarding Children Partnership's multi-agency training covers neglect.",
        "She is a trusted member of the community and sits on the parish council.",
        "A trusted professional will contact you within five working days.",
        "The Community Safety Partnership meets in the town hall.",
        "Our Trust's board approved the estates strategy.",
        "The steering group is made up of heads of service.",
        "Module leaders are recognised experts in their fields.",
        "The contractor may request an extension to the deadline.",
        "Workers are supported to use the new case recording system.",
        "The group agreed a safety plan for the car park.",
        "Reviewers look for evidence that the policy is followed.",
    ],
)
def test_trap_sentences(text: str) -> None:
    assert _slugs(text) == frozenset(), text


# --------------------------------------------------------------------------------------
# spellings and phrasing variants
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("british", "american"),
    [
        (
            "Staff realise that trauma is widespread and can affect a child's behaviour.",
            "Staff realize that trauma is widespread and can affect a child's behavior.",
        ),
        (
            "Practitioners recognise the signs of trauma and avoid re-traumatising children.",
            "Practitioners recognize the signs of trauma and avoid retraumatizing children.",
        ),
        (
            "The organisation minimises re-traumatisation and its programme is co-produced.",
            "The organization minimizes re-traumatization and its program is coproduced.",
        ),
        (
            "The centre honours families' culture and offers counselling to staff.",
            "The center honors families' culture and offers counseling to staff.",
        ),
        (
            "Practitioners recognise the signs of trauma and prioritise staff wellbeing.",
            "Practitioners recognize the signs of trauma and prioritize staff well-being.",
        ),
    ],
)
def test_british_and_american_spellings_agree(british: str, american: str) -> None:
    assert _slugs(british)
    assert _slugs(british) == _slugs(american)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Children are kept safe.", "safety"),
        ("Safety comes first.", "safety"),
        ("Young people should feel safer.", "safety"),
        ("Families are supported safely and feel secure.", "safety"),
        ("The approach empowers parents.", "empowerment"),
        ("Empowerment is central.", "empowerment"),
        ("We are empowering young people.", "empowerment"),
        ("Avoid re-traumatisation.", "resist-retraumatisation"),
        ("Avoid re traumatisation.", "resist-retraumatisation"),
        ("Avoid retraumatization.", "resist-retraumatisation"),
        ("Staff wellbeing and staff well-being matter.", "workforce-wellbeing"),
        ("We use a relationship-based approach.", "relationships"),
        ("We use a relationship based approach.", "relationships"),
        ("Recovery is the primary goal.", "realise"),
        ("Minimize re-traumatization.", "resist-retraumatisation"),
        ("Cultural competence.", "cultural-responsiveness"),
        ("Peer/consumer input is included.", "peer-support"),
        ("The relationship is the intervention.", "relationships"),
        ("What happens in the earliest years can shape a child for life.", "realise"),
        ("Every policy is rewritten with an understanding of trauma.", "respond"),
        ("We never push anyone to go over painful things.", "resist-retraumatisation"),
        ("Parents who have been through it themselves mentor other parents.", "peer-support"),
        ("We look beneath the behaviour.", "recognise"),
        ("Letters are rewritten together with parents.", "collaboration"),
        ("You can stop at any time and you don't have to answer.", "empowerment"),
        ("We'll always tell you beforehand who will be there.", "trustworthiness"),
        ("Interpreters and a female worker are offered as standard.", "cultural-responsiveness"),
        ("No one carries a hard case alone.", "workforce-wellbeing"),
        ("We will never make children repeat their story.", "resist-retraumatisation"),
        ("You will have a say, and you can ask for a break at any time.", "empowerment"),
        ("Safety: children feel calm and protected from harm.", "safety"),
        ("Will you tell us what will happen next and why?", "trustworthiness"),
        ("Parents are partners in every plan.", "collaboration"),
        ("Because each move reopens old wounds, moves are planned.", "resist-retraumatisation"),
        ("Harm in childhood can show up decades later.", "realise"),
        ("Staff wonder what might be going on at home for a child.", "recognise"),
    ],
)
def test_inflections_hyphens_and_slogans(text: str, slug: str) -> None:
    assert slug in _slugs(text)


def test_principle_name_lists() -> None:
    six = (
        "The six principles are safety, trust, choice, collaboration, empowerment and "
        "cultural consideration."
    )
    assert _slugs(six) == {
        "safety",
        "trustworthiness",
        "empowerment",
        "collaboration",
        "cultural-responsiveness",
    }
    samhsa = (
        "Safety; Trustworthiness and transparency; Peer support; Collaboration and "
        "mutuality; Empowerment, voice and choice; Cultural, historical and gender issues."
    )
    assert _slugs(samhsa) == set(PRINCIPLE_SLUGS[:6])


# --------------------------------------------------------------------------------------
# evidence spans
# --------------------------------------------------------------------------------------


def _check_findings(text: str, findings: tuple[PrincipleFinding, ...]) -> None:
    slugs = [f.slug for f in findings]
    assert len(slugs) == len(set(slugs))
    assert [PRINCIPLE_SLUGS.index(s) for s in slugs] == sorted(
        PRINCIPLE_SLUGS.index(s) for s in slugs
    )
    for finding in findings:
        assert finding.evidence, finding
        previous_end = -1
        for span in finding.evidence:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.quote
            assert span.start >= previous_end  # sorted, non-overlapping, no duplicates
            assert span.quote == span.quote.strip()
            previous_end = span.end


def test_every_span_slices_the_original_text() -> None:
    for example in _all_examples():
        _check_findings(example.text, analyse(example.text))


def test_evidence_is_a_meaningful_phrase() -> None:
    text = (
        "We want every child and parent who meets our service to feel safe, both "
        "physically and emotionally, in every contact they have with us."
    )
    (finding,) = analyse(text)
    assert finding.slug == "safety"
    quotes = [s.quote for s in finding.evidence]
    assert quotes == ["feel safe, both physically and emotionally"]
    for example in _all_examples():
        for finding in analyse(example.text):
            for span in finding.evidence:
                assert len(span.quote) >= 3
                assert len(span.quote) < max(len(example.text), 4) or len(example.text) < 60


def test_offsets_survive_unicode_punctuation() -> None:
    text = (
        "\u201cWe\u2019re honest\u201d \u2013 families\u2019 voices are heard; "
        "children feel safe \u2014 and nobody is re\u2011traumatised. \U0001f600 "
        "\u0130stanbul\u2019s team values each family\u2019s culture."
    )
    findings = analyse(text)
    _check_findings(text, findings)
    assert {
        "trustworthiness",
        "empowerment",
        "safety",
        "resist-retraumatisation",
        "cultural-responsiveness",
    } <= {f.slug for f in findings}


# --------------------------------------------------------------------------------------
# robustness and purity
# --------------------------------------------------------------------------------------


def _weird_inputs() -> list[str]:
    rng = random.Random(20240517)
    alphabet = "abc safe trust \x00\x07\t\n\r\u200b\u2028\ufeff\U0001f600\u0130\u00df\u0301.;:-'\""
    weird = [
        "",
        " ",
        "\x00",
        "\n\n\n",
        "...;;;:::---",
        "\x00\x01\x02 safety \x7f",
        "\ud800 lone surrogate safe",
        "\u0130\u0130\u0130 SAFE \u0130 TRUST",
        "\u05e9\u05dc\u05d5\u05dd \u043f\u0440\u0438\u0432\u0435\u0442 "
        "\u4f60\u597d \u0645\u0631\u062d\u0628\u0627",
        "re-" * 5000,
        "safe " * 20000,
        ("Children feel safe and families are equal partners. " * 2000)[:100_000],
        "a" * 100_000,
        "trauma " + "x " * 50_000 + " affects development",
    ]
    weird += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300))) for _ in range(200)]
    return weird


def test_weird_inputs_never_raise() -> None:
    for text in _weird_inputs():
        findings = analyse(text)
        assert isinstance(findings, tuple)
        _check_findings(text, findings)


def test_deterministic_and_pure() -> None:
    text = load_examples(TUNED)[70].text
    first = analyse(text)
    for _ in range(3):
        assert analyse(text) == first
    assert analyse("Children feel safe.") == analyse("Children feel safe.")


# --------------------------------------------------------------------------------------
# scoring helpers
# --------------------------------------------------------------------------------------


def test_confusion_counts() -> None:
    gold = [{"a"}, {"a", "b"}, set(), {"b"}]
    predicted = [{"a"}, {"b"}, {"a"}, set()]
    score = confusion(gold, predicted, "a")
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(0.5)
    with pytest.raises(ValueError, match="same length"):
        confusion(gold, predicted[:2], "a")


def test_score_edge_cases_and_macro() -> None:
    empty = LabelScore("x", 0, 0, 0)
    assert (empty.precision, empty.recall, empty.f1) == (1.0, 1.0, 1.0)
    assert LabelScore("y", 0, 2, 0).f1 == 0.0
    scores = score_labels([{"a"}, {"b"}], [{"a"}, {"a"}], ["a", "b", "c"])
    assert scores["a"].f1 == pytest.approx(2 / 3)
    assert scores["b"].f1 == 0.0
    assert macro_f1(scores) == pytest.approx(1 / 3)
    assert macro_f1(scores, only_supported=False) == pytest.approx((2 / 3 + 0 + 1) / 3)
    assert macro_f1({}) == 1.0
