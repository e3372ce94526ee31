"""Benchmark: our TF-IDF pairwise similarity against scikit-learn, plus word-diff timings.

Run with ``.venv/bin/python -m bench.similarity``. scikit-learn is a dev-only dependency; it
is imported here (bench code), never from ``api/``.
"""

from __future__ import annotations

import functools
import random
import statistics
import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from api.comparison.diff import word_diff
from api.comparison.similarity import pairwise_similarity, tokenize

N_TEXTS = 2_000
WORDS_PER_TEXT = 80
REPEATS = 5
TARGET_RATIO = 1.5
TARGET_MAX_ABS_DIFF = 1e-6

# A few hundred words that definitions of trauma-informed care actually use, with some
# British spellings so the spelling folding is exercised, and common function words so that
# stop-word removal has something to do.
_DOMAIN = """
trauma traumatic trauma-informed informed care approach organisation organization
organisations service services system systems staff workforce practitioner practitioners
client clients patient patients person people individual individuals family families
community communities survivor survivors youth children adult adults safety safe
trustworthiness trust transparency peer support supports mutual self-help collaboration
mutuality empowerment voice choice cultural historical gender issues realise realize
recognise recognize signs symptoms respond responding resist resisting re-traumatisation
retraumatization re-traumatization principles principle framework model models policy
policies procedures practice practices practise setting settings environment physical
emotional psychological wellbeing well-being health mental behavioural behavioral
behaviour behavior understanding awareness knowledge impact impacts effects widespread
potential paths recovery healing resilience strengths strength-based prevention
intervention interventions treatment treatments screening assessment assessments
universal precautions sensitive sensitivity responsive responsiveness relational
relationships relationship connection belonging dignity respect compassion empathy
humility equity equitable inclusion inclusive diversity anti-racist oppression
marginalised marginalized stigma stigmatising stigmatizing shame blame violence abuse
neglect adversity adverse childhood experiences aces toxic stress chronic complex
developmental intergenerational collective racial identity culture language
accessible accountable accountability leadership governance engagement involvement
participation partnership partnerships co-production coproduction lived experience
expertise feedback evaluation outcomes quality improvement training education learning
supervision reflective reflection burnout vicarious secondary compassion-fatigue
self-care programme program programmes programs centre center person-centred
person-centered whole integrated coordinated co-ordinated holistic multidisciplinary
agency agencies sector sectors public private voluntary statutory justice criminal
housing homelessness education schools social work welfare primary hospital clinic
clinical nursing medical psychiatric therapy therapeutic counselling counseling
psychotherapy psychologist psychologists nurses doctors teachers police workers
volunteers managers leaders commissioners funders triggers triggering distress
dysregulation regulation co-regulation grounding stabilisation stabilization
predictability consistency boundaries routines clear communication information
consent control autonomy agency-wide organisational organizational culture change
transformation implementation sustainability readiness capacity competence competency
skills tools guidance standards values beliefs attitudes assumptions language
non-judgemental nonjudgmental judgement judgment listening believing validating
acknowledging recognising recognizing minimising minimizing harm harms risk risks
protective factors coping strategies hope optimism growth post-traumatic
"""
_FUNCTION_WORDS = (
    "the of and to in a for that is with as by on which are be their its within across "
    "through this can an all who from"
)


def synthetic_definitions(n: int = N_TEXTS, words: int = WORDS_PER_TEXT) -> list[str]:
    """Deterministic definition-like texts: domain words interleaved with function words."""
    rng = random.Random(42)
    domain = _DOMAIN.split()
    function = _FUNCTION_WORDS.split()
    texts = []
    for _ in range(n):
        length = rng.randint(words - 20, words + 20)
        chosen = [
            rng.choice(function) if rng.random() < 0.35 else rng.choice(domain)
            for _ in range(length)
        ]
        texts.append(" ".join(chosen).capitalize() + ".")
    return texts


def _timings(fn: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    """Best-of-``repeats`` and median wall-clock seconds of ``fn()``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def _sklearn_pairwise(texts: list[str]) -> NDArray[np.float64]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    matrix = TfidfVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None)
    result: NDArray[np.float64] = cosine_similarity(matrix.fit_transform(texts))
    return result


def _prose(rng: random.Random, n_words: int) -> str:
    domain = _DOMAIN.split()
    function = _FUNCTION_WORDS.split()
    return " ".join(
        rng.choice(function) if rng.random() < 0.35 else rng.choice(domain) for _ in range(n_words)
    )


def _edited(rng: random.Random, text: str, edits: int) -> str:
    """``text`` with ``edits`` random single-word substitutions, insertions and deletions."""
    words = text.split()
    domain = _DOMAIN.split()
    for _ in range(edits):
        pos = rng.randrange(len(words))
        kind = rng.choice(("sub", "ins", "del"))
        if kind == "sub":
            words[pos] = rng.choice(domain)
        elif kind == "ins":
            words.insert(pos, rng.choice(domain))
        elif len(words) > 1:
            del words[pos]
    return " ".join(words)


def run() -> None:
    """Print the benchmark table."""
    texts = synthetic_definitions()
    n_words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} texts, {n_words / len(texts):.1f} words/text on average")

    # Warm the tokenizer cache once so neither side pays the one-off cost in its first run.
    tokenize(" ".join(texts))
    ours = pairwise_similarity(texts)
    theirs = _sklearn_pairwise(texts)
    max_abs = float(np.abs(ours - theirs).max())

    ours_best, ours_median = _timings(lambda: pairwise_similarity(texts))
    sk_best, sk_median = _timings(lambda: _sklearn_pairwise(texts))
    print(f"\npairwise similarity, {len(texts)} x {len(texts)} (best of {REPEATS} / median)")
    print(f"  {'':<28}{'best':>10}{'median':>10}")
    print(f"  {'ours (numpy/scipy)':<28}{ours_best * 1e3:>8.1f}ms{ours_median * 1e3:>8.1f}ms")
    print(f"  {'scikit-learn':<28}{sk_best * 1e3:>8.1f}ms{sk_median * 1e3:>8.1f}ms")
    ratio_best, ratio_median = ours_best / sk_best, ours_median / sk_median
    verdict = "OK" if ratio_best <= TARGET_RATIO else "SLOWER THAN TARGET"
    print(
        f"  ratio ours/sklearn: best {ratio_best:.2f}, median {ratio_median:.2f}"
        f"  (target <= {TARGET_RATIO}: {verdict})"
    )
    diff_verdict = "OK" if max_abs <= TARGET_MAX_ABS_DIFF else "TOO FAR"
    print(
        f"  max |ours - sklearn| = {max_abs:.3e}"
        f"  (target <= {TARGET_MAX_ABS_DIFF:g}: {diff_verdict})"
    )

    rng = random.Random(42)
    print(f"\nword_diff (best of {REPEATS} / median)")
    for size, edits in ((80, 5), (2_000, 40), (2_000, 2_000), (20_000, 200)):
        a = _prose(rng, size)
        b = _edited(rng, a, edits) if edits < size else _prose(rng, size)
        best, median = _timings(functools.partial(word_diff, a, b))
        label = f"{size} words, {'unrelated' if edits >= size else f'{edits} edits'}"
        print(f"  {label:<28}{best * 1e3:>8.2f}ms{median * 1e3:>8.2f}ms")


if __name__ == "__main__":
    run()
