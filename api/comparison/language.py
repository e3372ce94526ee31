"""Is a text English? A function-word heuristic, documented here, instead of a library.

The analyser's rules read English only, so the question that matters is "English or not",
and a wrong "not English" hides a definition from every comparison. Function words (the,
of, and; y, yn, mae; le, la, et...) are the most frequent words of every language and
almost never shared between them, so counting them decides that question well on texts of a
sentence or more. Libraries that name any of 50+ languages (langdetect, lingua) are large,
probabilistic on short texts, and would answer a harder question than the one we ask.

The rule: a text is English unless it shows positive evidence of being something else:
mostly letters of a non-Latin script, or more function words of one of the languages below
than of English (at least 15% of its words). A short list of nouns ("Safety, trust,
choice.") has no function words at all, and stays English: the rules can read it.
"""

from __future__ import annotations

import re

__all__ = ["ENGLISH", "UNDETERMINED", "detect_language"]

ENGLISH = "en"
UNDETERMINED = "und"  # ISO 639-2's code for "undetermined"

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "a",
            "in",
            "is",
            "are",
            "be",
            "that",
            "for",
            "it",
            "with",
            "as",
            "on",
            "by",
            "this",
            "we",
            "our",
            "their",
            "they",
            "or",
            "not",
            "who",
            "can",
            "will",
            "have",
            "has",
            "from",
            "at",
            "an",
            "all",
            "which",
            "when",
            "what",
            "how",
            "its",
            "them",
            "us",
            "was",
            "were",
            "been",
            "there",
            "these",
            "those",
            "into",
            "about",
            "so",
            "if",
            "than",
            "also",
            "should",
            "would",
            "may",
            "must",
            "each",
            "every",
        ]
    ),
    "cy": frozenset(
        [
            "y",
            "yr",
            "a",
            "ac",
            "i",
            "o",
            "yn",
            "ar",
            "gan",
            "mae",
            "ein",
            "eu",
            "bod",
            "gyda",
            "sy'n",
            "sy",
            "ei",
            "ni",
            "nhw",
            "hefyd",
            "neu",
            "am",
            "wrth",
            "pan",
            "hyn",
            "hynny",
            "rhaid",
            "fel",
            "mewn",
            "oes",
            "ydy",
            "ydyn",
            "dros",
            "trwy",
            "drwy",
            "heb",
            "ddim",
            "nid",
        ]
    ),
    "ga": frozenset(
        [
            "an",
            "na",
            "agus",
            "ar",
            "is",
            "go",
            "le",
            "do",
            "ag",
            "sa",
            "ina",
            "leis",
            "atá",
            "tá",
            "bhfuil",
            "a",
            "chun",
            "mar",
            "nach",
            "ní",
        ]
    ),
    "gd": frozenset(
        [
            "an",
            "na",
            "agus",
            "air",
            "is",
            "gu",
            "le",
            "do",
            "aig",
            "anns",
            "tha",
            "a",
            "airson",
            "mar",
            "nach",
            "chan",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "du",
            "et",
            "est",
            "un",
            "une",
            "pour",
            "dans",
            "que",
            "qui",
            "sur",
            "par",
            "avec",
            "sont",
            "ne",
            "pas",
            "au",
            "aux",
            "ce",
            "cette",
            "nous",
            "leur",
            "leurs",
            "il",
            "elle",
            "ils",
            "elles",
            "être",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "ein",
            "eine",
            "zu",
            "den",
            "dem",
            "des",
            "mit",
            "von",
            "für",
            "auf",
            "nicht",
            "sich",
            "wir",
            "ihre",
            "sie",
            "im",
            "werden",
            "wird",
            "sind",
            "auch",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "en",
            "que",
            "un",
            "una",
            "es",
            "por",
            "para",
            "con",
            "se",
            "su",
            "sus",
            "al",
            "como",
            "más",
            "lo",
            "son",
            "nos",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "gli",
            "le",
            "di",
            "del",
            "della",
            "e",
            "è",
            "un",
            "una",
            "per",
            "in",
            "che",
            "con",
            "non",
            "sono",
            "si",
            "al",
            "dei",
            "delle",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "de",
            "do",
            "da",
            "dos",
            "das",
            "e",
            "em",
            "que",
            "um",
            "uma",
            "para",
            "com",
            "não",
            "por",
            "se",
            "ao",
            "são",
            "seu",
            "sua",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "is",
            "dat",
            "op",
            "te",
            "in",
            "voor",
            "met",
            "zijn",
            "niet",
            "die",
            "wij",
            "ze",
            "hun",
            "worden",
        ]
    ),
    "pl": frozenset(
        [
            "i",
            "w",
            "z",
            "na",
            "jest",
            "się",
            "nie",
            "do",
            "że",
            "to",
            "jak",
            "dla",
            "oraz",
            "od",
            "są",
            "po",
            "przez",
        ]
    ),
}
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_MIN_SHARE = 0.15


_SAMPLE = 3000  # characters: the beginning of a long text says its language as well


def detect_language(text: str) -> str:
    """``"en"``, another ISO 639-1 code from the lists above, or ``"und"``."""
    text = text[:_SAMPLE]
    letters = sum(1 for c in text if c.isalpha())
    if letters and len(_LATIN.findall(text)) < letters / 2:
        return UNDETERMINED  # mostly another script: certainly not what the rules read
    words = [w.lower() for w in _WORDS.findall(text)]
    if not words:
        return ENGLISH
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    if (
        best != ENGLISH
        and counts[best] > counts[ENGLISH]
        and counts[best] >= _MIN_SHARE * len(words)
    ):
        return best
    return ENGLISH
