"""One comparison of a text against another: principles, lexical similarity and a word diff."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from api.comparison.diff import DiffOp, word_diff
from api.comparison.principles_compare import PrincipleComparison, compare_principles
from api.comparison.similarity import Similarity, TfidfIndex, similarity

SIMILARITY_METHOD = "tfidf-cosine/smooth-idf/l2 over current registry definitions"


@dataclass(frozen=True, slots=True)
class TextComparison:
    principles: PrincipleComparison
    similarity: Similarity
    diff: tuple[DiffOp, ...]


def compare_texts(
    subject_text: str,
    subject_principles: Collection[str],
    against_text: str,
    against_principles: Collection[str],
    index: TfidfIndex,
    order: Sequence[str],
) -> TextComparison:
    """Compare ``subject`` against ``against`` (the core, usually): what it shares, misses, adds.

    Coverage is the share of the against-text's principles the subject carries. Similarity uses
    the registry's corpus weights, so shared boilerplate ("trauma", "care") counts for little.
    The diff reads from the against-text to the subject: what would change the core into it.
    """
    return TextComparison(
        principles=compare_principles(against_principles, subject_principles, order),
        similarity=similarity(subject_text, against_text, index),
        diff=word_diff(against_text, subject_text),
    )
