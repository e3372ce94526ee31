"""Known-answer and reconstruction tests for the word diff (api/comparison/diff.py)."""

from __future__ import annotations

import itertools
import random

import pytest

from api.comparison.diff import DiffOp, DiffStats, diff_stats, has_changes, word_diff


def _rebuild_a(ops: tuple[DiffOp, ...]) -> str:
    return "".join(op.a_text for op in ops if op.op in ("equal", "delete", "replace"))


def _rebuild_b(ops: tuple[DiffOp, ...]) -> str:
    return "".join(op.b_text for op in ops if op.op in ("equal", "insert", "replace"))


def _assert_consistent(a: str, b: str, ops: tuple[DiffOp, ...]) -> None:
    """Every invariant a consumer of the diff relies on."""
    assert _rebuild_a(ops) == a
    assert _rebuild_b(ops) == b
    a_pos = b_pos = 0
    for op in ops:
        assert (op.a_start, op.b_start) == (a_pos, b_pos)  # contiguous, in order
        assert a[op.a_start : op.a_end] == op.a_text
        assert b[op.b_start : op.b_end] == op.b_text
        if op.op == "insert":
            assert op.a_text == ""
            assert op.b_text
        elif op.op == "delete":
            assert op.b_text == ""
            assert op.a_text
        elif op.op == "replace":
            assert op.a_text
            assert op.b_text
        a_pos, b_pos = op.a_end, op.b_end
    assert (a_pos, b_pos) == (len(a), len(b))
    # Adjacent ops never repeat a kind: equal runs and change runs are merged.
    for left, right in itertools.pairwise(ops):
        assert (left.op == "equal") != (right.op == "equal")


def test_identical_texts_give_one_equal_op() -> None:
    text = "Trauma-informed care realises the impact of trauma."
    ops = word_diff(text, text)
    assert ops == (DiffOp("equal", text, text, 0, len(text), 0, len(text)),)
    assert not has_changes(ops)
    # "Trauma-informed" counts as two words, as the diff tokenises it.
    assert diff_stats(ops) == DiffStats(words_added=0, words_removed=0, words_unchanged=8)


def test_two_empty_strings_give_no_ops() -> None:
    assert word_diff("", "") == ()
    assert not has_changes(())


def test_from_and_to_empty() -> None:
    assert word_diff("", "safety first") == (DiffOp("insert", "", "safety first", 0, 0, 0, 12),)
    assert word_diff("safety first", "") == (DiffOp("delete", "safety first", "", 0, 12, 0, 0),)


def test_single_word_replacement_by_hand() -> None:
    a = "Care that is safe and collaborative."
    b = "Care that is safe and empowering."
    assert word_diff(a, b) == (
        DiffOp("equal", "Care that is safe and ", "Care that is safe and ", 0, 22, 0, 22),
        DiffOp("replace", "collaborative", "empowering", 22, 35, 22, 32),
        DiffOp("equal", ".", ".", 35, 36, 32, 33),
    )
    assert diff_stats(word_diff(a, b)) == DiffStats(1, 1, 5)


def test_insertion_and_deletion_by_hand() -> None:
    ops = word_diff("safety and trust", "safety, choice and trust")
    assert [(op.op, op.a_text, op.b_text) for op in ops] == [
        ("equal", "safety ", "safety"),
        ("insert", "", ", choice "),
        ("equal", "and trust", "and trust"),
    ]
    ops = word_diff("voice and real choice", "voice and choice")
    assert [(op.op, op.a_text, op.b_text) for op in ops] == [
        ("equal", "voice and ", "voice and "),
        ("delete", "real ", ""),
        ("equal", "choice", "choice"),
    ]
    assert diff_stats(ops) == DiffStats(words_added=0, words_removed=1, words_unchanged=3)


def test_whitespace_only_changes_are_not_changes_by_default() -> None:
    a = "Safety and  trust\nfor all."
    b = "  Safety and trust for all."
    ops = word_diff(a, b)
    assert not has_changes(ops)
    _assert_consistent(a, b, ops)
    strict = word_diff(a, b, ignore_whitespace=False)
    assert has_changes(strict)
    _assert_consistent(a, b, strict)


def test_whitespace_only_texts_are_reproduced() -> None:
    for a, b in [("   ", ""), ("", "\n"), (" \t", "word"), ("word", "  ")]:
        _assert_consistent(a, b, word_diff(a, b))


def test_punctuation_is_its_own_token() -> None:
    ops = word_diff("safety, trust", "safety; trust")
    assert [(op.op, op.a_text, op.b_text) for op in ops] == [
        ("equal", "safety", "safety"),
        ("replace", ", ", "; "),
        ("equal", "trust", "trust"),
    ]
    assert diff_stats(ops) == DiffStats(0, 0, 2)  # punctuation is not counted as words


def test_stats_count_replaced_words_on_both_sides() -> None:
    ops = word_diff("one two three four", "one five six four")
    assert diff_stats(ops) == DiffStats(words_added=2, words_removed=2, words_unchanged=2)


_WORDS = ["safety", "trust", "choice", "voice", "care", "trauma", "peer", "the", "and", "of"]
_PUNCT = ["", "", "", ",", ".", ";"]
_SPACE = [" ", " ", " ", "  ", "\n", "\t"]


def _random_text(rng: random.Random, n_words: int) -> str:
    return (
        "".join(
            rng.choice(_WORDS) + rng.choice(_PUNCT) + rng.choice(_SPACE) for _ in range(n_words)
        ).rstrip()
        if n_words
        else ""
    )


def _mutate(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(0, 6)):
        pos = rng.randrange(len(words) + 1)
        kind = rng.random()
        if kind < 0.4:
            words.insert(pos, rng.choice(_WORDS))
        elif kind < 0.7 and pos < len(words):
            del words[pos]
        elif pos < len(words):
            words[pos] = rng.choice(_WORDS) + rng.choice(_PUNCT)
    return " ".join(words)


@pytest.mark.parametrize("ignore_whitespace", [True, False])
def test_reconstruction_property_over_random_texts(ignore_whitespace: bool) -> None:
    rng = random.Random(20240601)
    for _ in range(400):
        a = _random_text(rng, rng.randint(0, 40))
        b = _mutate(rng, a) if rng.random() < 0.7 else _random_text(rng, rng.randint(0, 40))
        ops = word_diff(a, b, ignore_whitespace=ignore_whitespace)
        _assert_consistent(a, b, ops)
        if a == b:
            assert not has_changes(ops)


def test_reconstruction_on_large_edited_text_uses_anchored_path() -> None:
    # 20k words is far past the size SequenceMatcher is run on directly, so this exercises
    # prefix/suffix trimming and unique-word anchoring.
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)] + _WORDS
    a_words = [rng.choice(vocabulary) for _ in range(20_000)]
    b_words = list(a_words)
    for _ in range(100):
        b_words[rng.randrange(len(b_words))] = rng.choice(vocabulary)
    del b_words[5000:5010]
    b_words[12_000:12_000] = ["inserted", "passage"]
    a, b = " ".join(a_words), " ".join(b_words)
    ops = word_diff(a, b)
    _assert_consistent(a, b, ops)
    stats = diff_stats(ops)
    # At most 100 substitutions + 10 deletions + 2 insertions, give or take alignment choices.
    assert stats.words_removed <= 110
    assert stats.words_added <= 102
    assert stats.words_unchanged >= 20_000 - 110


def test_reconstruction_on_large_unrelated_texts() -> None:
    rng = random.Random(11)
    a = _random_text(rng, 3000)
    b = _random_text(rng, 3000)
    _assert_consistent(a, b, word_diff(a, b))


def test_large_text_over_small_vocabulary_still_aligns() -> None:
    # Every word repeats many times, so no single word can anchor the alignment; runs of
    # words must, or the whole text would come back as one "replace".
    rng = random.Random(3)
    a_words = [rng.choice(_WORDS) for _ in range(20_000)]
    b_words = list(a_words)
    for _ in range(50):
        b_words[rng.randrange(len(b_words))] = "changed"
    a, b = " ".join(a_words), " ".join(b_words)
    ops = word_diff(a, b)
    _assert_consistent(a, b, ops)
    stats = diff_stats(ops)
    assert stats.words_added == 50
    assert stats.words_removed == 50
    assert stats.words_unchanged == 20_000 - 50
