"""Is a text English? A function-word heuristic, documented here, instead of a library.

The analyser's rules read English only, so the question that matters is "English or not",
and a wrong "not English" hides a definition from every comparison. Function words (the,
of, and; y, yn, mae; le, la, et...) are the most frequent words of every language and
almost never shared between them, so counting them decides that question well on texts of a
sentence or more. Libraries that name any of 50+ languages (langdetect, lingua) are large,
probabilistic on short texts, and would answer a harder question than the one we ask.

The rule: a text is English unless it shows evidence of being something else: mostly letters
of a non-Latin script; more function words of one of the languages below than of English (at
least 15% of its words); or (detector 2) in a text of a dozen words or more, almost none of
the function words only English uses: a language not listed, named "und". A short list of
nouns ("Safety, trust, choice.") has no function words at all, and stays English: the rules
can read it.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["DETECTORS", "ENGLISH", "UNDETERMINED", "detect_language"]

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
# Detector 2 (rules-5.1 on) also reads more English function words, needs two function words
# of another language before naming it ("Do no further harm." is not Irish), and doubts English
# in a text of a dozen words or more with almost none of the function words only English uses:
# the labelled English texts have at least 8% of them, while a language not listed here
# (Somali, Swahili, Turkish, Urdu in Latin letters...) has next to none, even when it quotes
# "trauma-informed care". Detector 1 stays as it was so that rules-5.0's stored analyses
# reproduce.
DETECTORS = (1, 2)
_MORE_ENGLISH = frozenset(
    [
        "might",
        "could",
        "shall",
        "whether",
        "anything",
        "something",
        "nothing",
        "everything",
        "themselves",
        "itself",
        "ourselves",
        "yourself",
        "alongside",
        "any",
        "some",
        "such",
        "only",
        "just",
        "very",
        "more",
        "most",
        "other",
        "another",
        "both",
        "either",
        "neither",
        "after",
        "before",
        "during",
        "until",
        "under",
        "between",
        "through",
        "across",
        "against",
        "among",
        "within",
        "without",
        "upon",
        "because",
        "while",
        "although",
        "though",
        "where",
        "why",
        "you",
        "your",
        "he",
        "she",
        "his",
        "her",
        "him",
        "then",
        "here",
        "had",
        "having",
        "being",
        "do",
        "does",
        "did",
        "no",
        "one",
        "whose",
        "whom",
    ]
)
_ENGLISH_2 = _FUNCTION_WORDS[ENGLISH] | _MORE_ENGLISH
# "a", "in", "is", "to" are words in other languages too: only the rest is evidence of English.
_ONLY_ENGLISH = _ENGLISH_2.difference(
    *(words for lang, words in _FUNCTION_WORDS.items() if lang != ENGLISH)
)
_MIN_WORDS_TO_DOUBT = 12  # shorter texts are often lists of nouns: "Safety, trust, choice."
_MIN_ENGLISH_SHARE = 0.05


_SAMPLE = 3000  # characters: the beginning of a long text says its language as well


def detect_language(text: str, detector: int = DETECTORS[-1]) -> str:
    """``"en"``, another ISO 639-1 code from the lists above, or ``"und"``."""
    text = text[:_SAMPLE]
    # an ASCII text's letters are all Latin (and counting them in Python is the slow part)
    letters = 0 if text.isascii() else sum(1 for c in text if c.isalpha())
    if letters and len(_LATIN.findall(text)) < letters / 2:
        return UNDETERMINED  # mostly another script: certainly not what the rules read
    words = [w.lower() for w in _WORDS.findall(text)]
    if not words:
        return ENGLISH
    vocabularies = {**_FUNCTION_WORDS, ENGLISH: _ENGLISH_2} if detector >= 2 else _FUNCTION_WORDS
    seen = Counter(words)

    def count(vocab: frozenset[str]) -> int:  # the words of ``vocab`` in the text
        return sum(seen[w] for w in seen.keys() & vocab)

    counts = {lang: count(vocab) for lang, vocab in vocabularies.items()}
    best = max(counts, key=lambda lang: counts[lang])
    if (
        best != ENGLISH
        and counts[best] > counts[ENGLISH]
        and counts[best] >= _MIN_SHARE * len(words)
        and (detector < 2 or counts[best] >= 2)
    ):
        return best
    if detector >= 2 and len(words) >= _MIN_WORDS_TO_DOUBT:
        english = count(_ONLY_ENGLISH)
        if english < _MIN_ENGLISH_SHARE * len(words):
            return UNDETERMINED  # no sign of English: a language the lists above do not name
    return ENGLISH
