"""The incremental nearest-neighbour index against a TF-IDF index fitted from scratch."""

import random

import numpy as np
import pytest

from api.comparison import neighbours
from api.comparison.neighbours import NeighbourIndex
from api.comparison.similarity import TfidfIndex, pairwise_similarity

WORDS = [
    "children",
    "families",
    "feel",
    "safe",
    "practitioners",
    "open",
    "honest",
    "decisions",
    "partnership",
    "parents",
    "supervision",
    "reflective",
    "trauma",
    "adversity",
    "culture",
    "identity",
    "respected",
    "choice",
    "voice",
    "trust",
    "relationships",
    "workforce",
    "wellbeing",
    "retraumatise",
    "recognise",
    "realise",
    "policies",
    "training",
]


def random_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 25)))


def expected(documents: dict[int, str], text: str) -> dict[int, float]:
    """Cosines of ``text`` with each document under an index fitted on the documents."""
    ids = sorted(documents)
    index = TfidfIndex.fit([documents[i] for i in ids])
    sims = pairwise_similarity([text, *(documents[i] for i in ids)], index)[0, 1:]
    return {i: float(s) for i, s in zip(ids, sims, strict=True)}


def assert_nearest(index: NeighbourIndex, documents: dict[int, str], text: str, k: int) -> None:
    found = index.nearest(text, k)
    want = expected(documents, text)
    ranked = sorted((i for i in want if want[i] > 1e-12), key=lambda i: (-round(want[i], 9), i))
    assert [n.id for n in found] == ranked[:k]
    for n in found:
        assert n.score == pytest.approx(want[n.id], abs=1e-9)


def test_scores_equal_a_fitted_index() -> None:
    rng = random.Random(7)
    documents = {i: random_text(rng) for i in range(1, 120)}
    index = NeighbourIndex.build(documents.items())
    assert index.size == len(documents)
    for _ in range(10):
        assert_nearest(index, documents, random_text(rng), k=10)
    # A stored text is its own best match, and excluded when asked.
    assert index.nearest(documents[5], 1)[0].id == 5
    assert 5 not in [n.id for n in index.nearest(documents[5], 200, exclude=5)]


def test_changes_one_at_a_time_equal_a_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    """Adds, rewrites and removals (enough to fold the delta into the base several times)
    give the answers of an index built from scratch on what is current after each step."""
    monkeypatch.setattr(neighbours, "_COMPACT_MIN", 16)
    folds = 0
    rng = random.Random(11)
    documents = {i: random_text(rng) for i in range(1, 60)}
    index = NeighbourIndex.build(documents.items())
    next_id = 60
    for step in range(1500):
        action = rng.random()
        if action < 0.4 or not documents:
            documents[next_id] = random_text(rng)
            index = index.apply({next_id: documents[next_id]})
            next_id += 1
        elif action < 0.7:
            victim = rng.choice(sorted(documents))
            documents[victim] = random_text(rng)
            index = index.apply({victim: documents[victim]})
        else:
            victim = rng.choice(sorted(documents))
            del documents[victim]
            index = index.apply({victim: None})
        assert index.size == len(documents)
        folds += len(index.delta_ids) == 0
        if step % 100 == 0:
            assert_nearest(index, documents, random_text(rng), k=7)
    assert folds > 5  # the delta was folded into the base along the way
    assert_nearest(index, documents, random_text(rng), k=25)
    rebuilt = NeighbourIndex.build(documents.items())
    query = random_text(rng)
    assert [(n.id, round(n.score, 9)) for n in index.nearest(query, 30)] == [
        (n.id, round(n.score, 9)) for n in rebuilt.nearest(query, 30)
    ]


def test_terms_no_current_document_has_are_ignored() -> None:
    index = NeighbourIndex.build([(1, "children feel safe"), (2, "reflective supervision")])
    index = index.apply({2: None})
    # "supervision" is known to the vocabulary but no current document has it: weight 0.
    assert index.nearest("reflective supervision", 5) == []
    assert not np.any(index.query_vector("supervision"))
    [only] = index.nearest("children supervision", 5)
    assert only.id == 1
    assert only.score == pytest.approx(expected({1: "children feel safe"}, "children")[1])


def test_snapshots_are_immutable() -> None:
    before = NeighbourIndex.build([(1, "children feel safe"), (2, "families feel safe")])
    after = before.apply({3: "children and families", 1: None})
    assert [n.id for n in before.nearest("children", 5)] == [1]
    assert [n.id for n in after.nearest("children", 5)] == [3]
    assert 1 in before
    assert 1 not in after
    assert 3 in after


def test_empty_and_stop_word_texts_find_nothing() -> None:
    assert NeighbourIndex.build([]).nearest("children", 3) == []
    index = NeighbourIndex.build([(1, "children feel safe")])
    assert index.nearest("the and of", 3) == []
