"""Known-answer tests for TF-IDF similarity (api/comparison/similarity.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from api.comparison.similarity import (
    SharedTerm,
    Similarity,
    TfidfIndex,
    fit_index,
    pairwise_similarity,
    similarity,
    tokenize,
)
from tests.helpers import python_output

BRITISH = (
    "A trauma-informed organisation realises the widespread impact of trauma, recognises "
    "the signs in behaviour, and seeks to resist re-traumatisation through its programme "
    "and person-centred counselling."
)
AMERICAN = (
    "A trauma-informed organization realizes the widespread impact of trauma, recognizes "
    "the signs in behavior, and seeks to resist retraumatization through its program "
    "and person-centered counseling."
)

CORPUS = [
    "Safety, trustworthiness and transparency are principles of trauma-informed care.",
    "Peer support and mutual self-help build trust and recovery.",
    "Collaboration and mutuality: healing happens in relationships.",
    "Empowerment, voice and choice; strengths-based care for survivors.",
    "Cultural, historical and gender issues shape trauma and its recognition.",
    "The organisation realises the impact of trauma and recognises its signs.",
    "Safety first: physical and emotional safety for staff and clients.",
]


# --- tokenize -----------------------------------------------------------------------------


def test_tokenize_lowercases_and_drops_stop_words() -> None:
    assert tokenize("The Safety OF Clients and Staff") == ["safe", "client", "staff"]


def test_tokenize_folds_british_spellings_to_one_form() -> None:
    assert tokenize(BRITISH) == tokenize(AMERICAN)
    assert tokenize("realise recognise organisation behaviour traumatise") == tokenize(
        "realize recognize organization behavior traumatize"
    )
    assert tokenize("realise recognise organisation behaviour traumatise") == [
        "realiz",
        "recogn",
        "organiz",
        "behavior",
        "traumat",
    ]
    assert tokenize("re-traumatisation programme centre non-judgemental") == [
        "retraumat",
        "program",
        "center",
        "nonjudgment",
    ]


def test_tokenize_folds_isation_generally_but_leaves_ise_words_alone() -> None:
    assert tokenize("stabilisation prioritising minimised") == tokenize(
        "stabilization prioritizing minimized"
    )
    # American English writes these with -ise too; folding them would invent words ("advize")
    assert tokenize("exercise otherwise promise advise raise noise expertise") == [
        "exercis",
        "otherwis",
        "promis",
        "advis",
        "rais",
        "nois",
        "expertis",
    ]


def test_tokenize_splits_compounds_and_strips_possessives() -> None:
    assert tokenize("trauma-informed survivor's co-production") == [
        "trauma",
        "inform",
        "survivor",
        "coproduct",
    ]


def test_tokenize_stems_so_inflections_and_derivations_meet() -> None:
    assert tokenize("children feel safe") == ["child", "feel", "safe"]
    assert tokenize("the safety of a child") == ["safe", "child"]
    assert tokenize("supported supporting supports") == ["support"] * 3
    assert tokenize("collaborate collaboration collaborative") == ["collabor"] * 3
    assert tokenize("empower empowerment empowering") == ["empower"] * 3


def test_the_readmes_example_now_shares_terms() -> None:
    result = similarity("Children feel safe.", "The safety of every child comes first.")
    assert result.score > 0.3
    # shown as words of the texts, not as stems
    assert [t.term for t in result.shared_terms] == ["child", "safe"]


def test_tokenize_empty_and_stop_word_only_text() -> None:
    assert tokenize("") == []
    assert tokenize("the and of it, a!") == []


# --- index --------------------------------------------------------------------------------


def test_index_idf_by_hand() -> None:
    index = fit_index(["safety trust", "trust choice"])
    assert index.terms == ("choic", "safe", "trust")  # stems
    assert dict(index.vocabulary) == {"choic": 0, "safe": 1, "trust": 2}
    # smooth idf: ln((1 + n) / (1 + df)) + 1 with n = 2
    rare, common = math.log(3 / 2) + 1, math.log(3 / 3) + 1
    np.testing.assert_allclose(index.idf, [rare, rare, common])
    norm = math.hypot(rare, common)
    np.testing.assert_allclose(
        index.matrix.toarray(), [[0, rare / norm, common / norm], [rare / norm, 0, common / norm]]
    )


def test_index_non_smooth_and_sublinear_idf_by_hand() -> None:
    index = TfidfIndex.fit(
        ["safety safety safety trust", "trust choice"], smooth_idf=False, sublinear_tf=True
    )
    # plain idf: ln(n / df) + 1
    np.testing.assert_allclose(index.idf, [math.log(2) + 1, math.log(2) + 1, 1.0])
    tf_safety = 1 + math.log(3)  # sublinear tf: 1 + ln(count)
    row = np.array([0.0, tf_safety * (math.log(2) + 1), 1.0])
    np.testing.assert_allclose(index.matrix.toarray()[0], row / np.linalg.norm(row))


def test_vectorize_ignores_unknown_terms() -> None:
    index = fit_index(["safety trust", "trust choice"])
    rows = index.vectorize(["trust unicorns", "unicorns only"]).toarray()
    np.testing.assert_allclose(rows, [[0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])


def test_empty_corpus_gives_empty_index_not_an_error() -> None:
    index = fit_index(["", "the of and"])
    assert index.terms == ()
    assert index.matrix.shape == (2, 0)
    assert similarity("safety", "safety", index).score == 0.0


# --- similarity -------------------------------------------------------------------------------


def test_text_against_itself_is_exactly_one() -> None:
    index = fit_index(CORPUS)
    for text in CORPUS:
        assert similarity(text, text, index).score == 1.0


def test_disjoint_texts_score_zero_and_share_nothing() -> None:
    index = fit_index(CORPUS)
    result = similarity("peer support recovery", "gender historical cultural", index)
    assert result.score == 0.0
    assert result.shared_terms == ()


def test_british_and_american_spelling_score_one() -> None:
    index = fit_index([*CORPUS, BRITISH])
    assert similarity(BRITISH, AMERICAN, index).score == 1.0
    assert similarity(BRITISH, AMERICAN).score == 1.0  # index fitted on the pair


def test_text_without_known_terms_scores_zero() -> None:
    index = fit_index(CORPUS)
    assert similarity("quantum chromodynamics", CORPUS[0], index).score == 0.0
    assert similarity("", CORPUS[0], index).score == 0.0
    assert similarity("", "", index).score == 0.0


def test_similarity_and_shared_terms_by_hand() -> None:
    index = fit_index(["safety trust", "trust choice"])
    rare, common = math.log(3 / 2) + 1, math.log(3 / 3) + 1
    expected = common**2 / (rare**2 + common**2)  # only "trust" is shared
    result = similarity("safety trust", "trust choice", index)
    assert result.score == pytest.approx(expected, abs=1e-12)
    assert [t.term for t in result.shared_terms] == ["trust"]
    assert result.shared_terms[0].weight == pytest.approx(expected, abs=1e-12)


def test_shared_term_weights_sum_to_score_and_are_sorted() -> None:
    index = fit_index(CORPUS)
    result = similarity(CORPUS[0], CORPUS[6], index)
    assert 0.0 < result.score < 1.0
    weights = [t.weight for t in result.shared_terms]
    assert weights == sorted(weights, reverse=True)
    assert sum(weights) == pytest.approx(result.score)
    assert {t.term for t in result.shared_terms} == {"safety"}


def test_shared_terms_are_capped_at_top_n() -> None:
    text = "safety trust choice voice collaboration empowerment peer support"
    index = fit_index([text, "unrelated words here"])
    assert len(similarity(text, text, index).shared_terms) == 8
    top = similarity(text, text, index, top_n=3).shared_terms
    assert len(top) == 3
    # Equal weights: ties are broken alphabetically.
    assert [t.term for t in top] == ["choice", "collaboration", "empowerment"]


# --- pairwise ---------------------------------------------------------------------------------


def test_pairwise_diagonal_and_symmetry() -> None:
    texts = [*CORPUS, "", "the of and"]
    matrix = pairwise_similarity(texts)
    assert matrix.shape == (len(texts), len(texts))
    np.testing.assert_array_equal(np.diag(matrix), [1.0] * len(CORPUS) + [0.0, 0.0])
    np.testing.assert_array_equal(matrix, matrix.T)
    assert matrix.min() >= 0.0
    assert matrix.max() <= 1.0


def test_pairwise_matches_pairwise_calls_to_similarity() -> None:
    index = fit_index(CORPUS)
    matrix = pairwise_similarity(CORPUS, index)
    for i, a in enumerate(CORPUS):
        for j, b in enumerate(CORPUS):
            assert matrix[i, j] == pytest.approx(similarity(a, b, index).score, abs=1e-12)


def test_pairwise_with_index_uses_its_idf() -> None:
    index = fit_index(CORPUS)
    texts = ["safety and trust", "trust and choice", "quantum"]
    rows = index.vectorize(texts)
    expected = (rows @ rows.T).toarray()
    np.fill_diagonal(expected, [1.0, 1.0, 0.0])
    np.testing.assert_allclose(pairwise_similarity(texts, index), expected, atol=1e-12)


def test_pairwise_sparse_route_matches_dense_route() -> None:
    # A vocabulary much larger than the corpus sends _gram down the sparse route; the result
    # must not depend on which route was taken.
    rng = np.random.default_rng(7)
    vocab = [f"term{i}x" for i in range(3000)]
    texts = [" ".join(rng.choice(vocab, size=30)) for _ in range(40)]
    rows = fit_index(texts).matrix
    dense = rows.toarray()
    expected = dense @ dense.T
    np.fill_diagonal(expected, 1.0)
    np.testing.assert_allclose(pairwise_similarity(texts), expected, atol=1e-12)


@pytest.mark.parametrize(("smooth_idf", "sublinear_tf"), [(True, False), (False, True)])
def test_agrees_with_scikit_learn(smooth_idf: bool, sublinear_tf: bool) -> None:
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    sklearn_pairwise = pytest.importorskip("sklearn.metrics.pairwise")
    texts = [*CORPUS, BRITISH, AMERICAN, "Safety safety safety and trust."]
    vectorizer = sklearn_text.TfidfVectorizer(
        tokenizer=tokenize,
        lowercase=False,
        token_pattern=None,
        smooth_idf=smooth_idf,
        sublinear_tf=sublinear_tf,
    )
    theirs_rows = vectorizer.fit_transform(texts)
    index = fit_index(texts, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
    assert list(index.terms) == list(vectorizer.get_feature_names_out())
    np.testing.assert_allclose(index.idf, vectorizer.idf_, atol=1e-12)
    np.testing.assert_allclose(index.matrix.toarray(), theirs_rows.toarray(), atol=1e-12)
    theirs = sklearn_pairwise.cosine_similarity(theirs_rows)
    assert np.abs(pairwise_similarity(texts, index) - theirs).max() < 1e-6
    if smooth_idf and not sublinear_tf:  # scikit-learn's defaults are ours too
        assert np.abs(pairwise_similarity(texts) - theirs).max() < 1e-6


def test_single_term_texts_share_that_term_with_full_weight() -> None:
    index = fit_index(CORPUS)
    assert similarity("Safety.", "safety!", index) == Similarity(
        score=1.0, shared_terms=(SharedTerm("safety", 1.0),)
    )


def test_importing_the_app_imports_no_numpy_scipy_stemmer_or_tqdm() -> None:
    """They take about half a second to import: they load when an index or a matrix is first
    built (the stemmer at the first tokenisation, tqdm at the first progress bar), and then
    take the place of their stand-ins."""
    code = (
        "import sys\n"
        "import api.main\n"
        "heavy = ('numpy', 'scipy', 'snowballstemmer', 'tqdm')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "from api.comparison import similarity\n"
        "similarity.pairwise_similarity(['children feel safe', 'child safety'])\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "modules = sys.modules['numpy'], sys.modules['scipy.sparse']\n"
        "print((similarity.np, similarity.sp) == modules)\n"
    )
    assert python_output(code).splitlines() == [
        "[]",
        "['numpy', 'scipy', 'snowballstemmer']",
        "True",
    ]
