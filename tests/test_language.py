"""Telling a text's language: detector 2 also doubts English in a language its lists do not
name; detector 1 stays as it was, so that rules-5.0's stored analyses reproduce."""

from __future__ import annotations

import tomllib

import pytest

from api.comparison.engine import RULES_DIR, parse, run
from api.comparison.language import detect_language

UNLISTED = [
    # Urdu in Latin letters quoting the English term
    "Trauma-informed care ka matlab hai ke bachon aur khandano ko mehfooz mehsoos ho, un ki "
    "baat suni jaye aur staff samajhta ho ke sadma zindagi par kaisa asar dalta hai.",
    # Somali
    "Daryeel ku saleysan fahamka dhaawaca nafsiga ah waxay ka dhigan tahay in carruurta iyo "
    "qoysaskuba ay dareemaan badbaado iyo kalsooni.",
    # Swahili
    "Huduma inayozingatia kiwewe inamaanisha kwamba watoto na familia wanajisikia salama na "
    "wafanyakazi wanaelewa athari za kiwewe kwa maendeleo yao.",
    # Swedish
    "Traumamedveten omsorg innebär att barn och familjer känner sig trygga och att personalen "
    "förstår hur trauma påverkar utvecklingen och beteendet.",
]

ENGLISH = [
    "Safety, trust, choice, collaboration and empowerment.",
    "Trauma-informed care: realise, recognise, respond, resist re-traumatisation.",
    "Do no further harm.",
    "Peer specialists, people in recovery themselves, work alongside clinicians to support "
    "clients.",
    "Midwives ask, gently, whether anything in a woman's past might make examinations harder.",
    "Version 3.2. Approved by Cabinet on 14 March. Review date: March next year. Owner: Head "
    "of Service, Early Help.",
]


@pytest.mark.parametrize("text", UNLISTED)
def test_detector_2_says_undetermined_for_a_language_its_lists_do_not_name(text: str) -> None:
    assert detect_language(text, 2) == "und"
    assert detect_language(text, 1) == "en"  # what rules-5.0 recorded


@pytest.mark.parametrize("text", ENGLISH)
def test_detector_2_keeps_english_with_few_function_words_english(text: str) -> None:
    assert detect_language(text, 2) == "en"


def test_detector_1_is_unchanged_for_rules_5_0() -> None:
    assert detect_language("Do no further harm.", 1) == "ga"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mae gofal wedi ei lywio gan drawma yn golygu bod plant yn teimlo yn ddiogel.", "cy"),
        ("Perthnasoedd cyson gydag oedolion dibynadwy yw sail ein gwaith gyda phlant.", "cy"),
        ("Les soins tenant compte des traumatismes favorisent la sécurité des enfants.", "fr"),
    ],
)
def test_both_detectors_name_a_listed_language(text: str, code: str) -> None:
    assert detect_language(text, 1) == detect_language(text, 2) == code


def test_a_rules_file_with_detector_2_does_not_analyse_an_unlisted_language() -> None:
    data = tomllib.loads((RULES_DIR / "rules-5.0.toml").read_text(encoding="utf-8"))
    data["settings"]["language_detector"] = 2
    rules = parse("rules-5.0.toml", data)
    result = run(rules, UNLISTED[0])
    assert (result.analysed, result.language, result.carried) == (False, "und", ())
    assert result.reason is not None
    assert "could not be told" in result.reason
    assert run(rules, ENGLISH[3]).analysed is True


def test_the_current_rules_use_detector_2() -> None:
    from api.comparison.analyser import analyse_full

    result = analyse_full(UNLISTED[1])
    assert (result.analysed, result.language) == (False, "und")
