"""Nearest neighbours by TF-IDF cosine over a corpus that changes one definition at a time.

``TfidfIndex`` (``api.comparison.similarity``) is fitted once on a fixed corpus; refitting it
after every write costs a pass over every text. ``NeighbourIndex`` keeps what a refit would
recompute from raw counts instead, so a write changes only what it touches:

- each document's raw term counts, as rows of a CSR matrix (the *base*) plus a small CSR of
  documents added or rewritten since (the *delta*); a rewritten or removed base row is masked
  out rather than deleted, and the delta is folded into the base once it grows past a share of
  it (``_COMPACT_*``), so a change costs O(delta), not O(corpus);
- the document frequency of each term and the number of documents, from which the idf is a
  vector operation (``ln((1 + n) / (1 + df)) + 1``, scikit-learn's smooth idf).

A query weighs its terms with the current idf, drops terms no current document has (as
``TfidfIndex.vectorize`` does), and scores every document with one sparse product divided by
each document's l2 norm under the current idf (one more sparse product, computed once per
snapshot). The scores are therefore exactly the cosines ``similarity`` gives under a
``TfidfIndex`` fitted on the same documents (up to float rounding).

Snapshots are immutable: ``apply`` returns a new index sharing the unchanged arrays, so readers
on other threads keep using the one they hold. The vocabulary only grows and is shared by every
snapshot; a term a snapshot does not know yet has no column there and is ignored by it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from api.comparison.lazy import LazyModule
from api.comparison.similarity import TfidfIndex, tokenize

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp
    from numpy.typing import NDArray

    FloatArray = NDArray[np.float64]
    IntArray = NDArray[np.int64]
else:  # imported when an index is first built, not with the app
    np = LazyModule("numpy", globals(), "np")
    sp = LazyModule("scipy.sparse", globals(), "sp")

__all__ = ["Neighbour", "NeighbourIndex"]

# Fold the delta into the base once it holds more than this many documents and this share of
# the base: small enough that scoring the delta stays cheap, large enough that the fold (a pass
# over every stored count) is rare.
_COMPACT_MIN = 512
_COMPACT_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class Neighbour:
    id: int
    score: float


@dataclass
class _Vocabulary:
    """Term -> column, append-only and shared by every snapshot."""

    columns: dict[str, int] = field(default_factory=dict)

    def ids(self, text: str, grow: bool) -> list[int]:
        columns = self.columns
        if not grow:
            return [j for j in map(columns.get, tokenize(text)) if j is not None]
        add = columns.setdefault
        return [add(term, len(columns)) for term in tokenize(text)]


def _counts(rows: list[list[int]], n_terms: int) -> sp.csr_array:
    """Raw term counts of each row's term ids, as a canonical CSR matrix."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    if indptr[-1] == 0:
        return sp.csr_array((len(rows), n_terms), dtype=np.float64)
    row_of = np.repeat(np.arange(len(rows), dtype=np.int64), np.diff(indptr))
    keys = row_of * n_terms + np.fromiter(
        (j for r in rows for j in r), dtype=np.int64, count=int(indptr[-1])
    )
    uniq, counts = np.unique(keys, return_counts=True)
    rows_of = uniq // n_terms
    ptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows_of, minlength=len(rows)), out=ptr[1:])
    matrix = sp.csr_array(
        (counts.astype(np.float64), uniq % n_terms, ptr), shape=(len(rows), n_terms)
    )
    matrix.has_sorted_indices = True
    return matrix


def _widen(matrix: sp.csr_array, n_terms: int) -> sp.csr_array:
    """The same rows with ``n_terms`` columns (new terms have no counts in old rows)."""
    if matrix.shape[1] == n_terms:
        return matrix
    shape = (matrix.shape[0], n_terms)
    return sp.csr_array((matrix.data, matrix.indices, matrix.indptr), shape=shape)


@dataclass(frozen=True, eq=False)
class NeighbourIndex:
    """One snapshot of the index: ids, counts and document frequencies (see the module)."""

    vocabulary: _Vocabulary
    base: sp.csr_array  # raw counts, one row per base document
    base_ids: IntArray
    alive: NDArray[np.bool_]  # base rows still current (not removed or rewritten since)
    row_of: Mapping[int, int]  # id -> base row
    delta: sp.csr_array  # raw counts of documents written since the base was built
    delta_ids: IntArray
    df: IntArray  # documents containing each term, over this snapshot's columns
    size: int  # current documents

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def build(cls, documents: Iterable[tuple[int, str]]) -> NeighbourIndex:
        """An index of ``documents`` ((id, text) pairs, ids unique)."""
        return cls._built(_Vocabulary(), list(documents))

    @classmethod
    def _built(cls, vocabulary: _Vocabulary, documents: list[tuple[int, str]]) -> NeighbourIndex:
        rows = [vocabulary.ids(text, grow=True) for _, text in documents]
        n_terms = len(vocabulary.columns)
        base = _counts(rows, n_terms)
        ids = np.fromiter((i for i, _ in documents), dtype=np.int64, count=len(documents))
        return cls(
            vocabulary=vocabulary,
            base=base,
            base_ids=ids,
            alive=np.ones(len(documents), dtype=np.bool_),
            row_of={int(i): r for r, i in enumerate(ids)},
            delta=sp.csr_array((0, n_terms), dtype=np.float64),
            delta_ids=np.zeros(0, dtype=np.int64),
            df=np.bincount(base.indices, minlength=n_terms).astype(np.int64),
            size=len(documents),
        )

    def apply(self, changes: Mapping[int, str | None]) -> NeighbourIndex:
        """A new snapshot where each id in ``changes`` has the text given, or is gone (None)."""
        if not changes:
            return self
        vocabulary = self.vocabulary
        new_rows = {i: vocabulary.ids(t, grow=True) for i, t in changes.items() if t is not None}
        n_terms = len(vocabulary.columns)
        df = np.zeros(n_terms, dtype=np.int64)
        df[: len(self.df)] = self.df
        alive = self.alive.copy()
        size = self.size
        for i in changes:
            row = self.row_of.get(i)
            if row is not None and alive[row]:
                alive[row] = False
                df[self.base.indices[self.base.indptr[row] : self.base.indptr[row + 1]]] -= 1
                size -= 1
        # Delta rows that stay, then the new ones.
        keep = [r for r, i in enumerate(self.delta_ids.tolist()) if i not in changes]
        dropped = np.setdiff1d(np.arange(len(self.delta_ids)), keep)
        for r in dropped.tolist():
            df[self.delta.indices[self.delta.indptr[r] : self.delta.indptr[r + 1]]] -= 1
        size -= len(dropped)
        added = _counts(list(new_rows.values()), n_terms)
        df += np.bincount(added.indices, minlength=n_terms)
        size += len(new_rows)
        delta = sp.vstack([_widen(self.delta[keep], n_terms), added], format="csr")
        delta_ids = np.concatenate(
            [self.delta_ids[keep], np.fromiter(new_rows, dtype=np.int64, count=len(new_rows))]
        )
        snapshot = NeighbourIndex(
            vocabulary=vocabulary,
            base=self.base,
            base_ids=self.base_ids,
            alive=alive,
            row_of=self.row_of,
            delta=delta,
            delta_ids=delta_ids,
            df=df,
            size=size,
        )
        if len(delta_ids) > max(_COMPACT_MIN, _COMPACT_SHARE * len(self.base_ids)):
            return snapshot.compacted()
        return snapshot

    def compacted(self) -> NeighbourIndex:
        """The same documents with the delta folded into the base and removed rows dropped."""
        n_terms = len(self.df)
        base = sp.vstack([_widen(self.base, n_terms)[self.alive], self.delta], format="csr")
        base.has_sorted_indices = True
        ids = np.concatenate([self.base_ids[self.alive], self.delta_ids])
        return NeighbourIndex(
            vocabulary=self.vocabulary,
            base=base,
            base_ids=ids,
            alive=np.ones(len(ids), dtype=np.bool_),
            row_of={int(i): r for r, i in enumerate(ids)},
            delta=sp.csr_array((0, n_terms), dtype=np.float64),
            delta_ids=np.zeros(0, dtype=np.int64),
            df=self.df,
            size=self.size,
        )

    # -- querying ------------------------------------------------------------------------------

    @cached_property
    def idf(self) -> FloatArray:
        """scikit-learn's smooth idf over the current documents (0 for terms none of them has)."""
        idf: FloatArray = np.log((1.0 + self.size) / (1.0 + self.df)) + 1.0
        idf[self.df == 0] = 0.0
        return idf

    @cached_property
    def _norms(self) -> tuple[FloatArray, FloatArray]:
        """Each base and delta row's l2 norm under this snapshot's idf."""
        squared = self.idf * self.idf
        return (
            np.sqrt(_squares(self.base) @ squared[: self.base.shape[1]]),
            np.sqrt(_squares(self.delta) @ squared[: self.delta.shape[1]]),
        )

    @cached_property
    def tfidf(self) -> TfidfIndex:
        """This snapshot as the ``TfidfIndex`` a fit on its documents would give, for the pairwise
        comparisons (``similarity``, ``pairwise_similarity``): the same idf, and a vocabulary of
        the terms some current document has (others are ignored, as a fit ignores them). Its
        columns are this index's, in the order terms were first seen, not alphabetical: only
        the order of float sums differs. No document rows are kept (``matrix`` is empty).

        O(vocabulary), not O(corpus). The vocabulary is shared with the snapshots that come
        after this one, so the caller computes this while no ``apply`` can run (the service
        does it under the lock it applies changes under)."""
        n_terms = len(self.df)
        terms = tuple(itertools.islice(self.vocabulary.columns, n_terms))
        present = self.df > 0
        idf = self.idf.copy()
        idf.setflags(write=False)
        return TfidfIndex(
            terms=terms,
            vocabulary=MappingProxyType({t: j for j, t in enumerate(terms) if present[j]}),
            idf=idf,
            matrix=sp.csr_array((0, n_terms), dtype=np.float64),
        )

    def __contains__(self, document_id: object) -> bool:
        if not isinstance(document_id, int):
            return False
        row = self.row_of.get(document_id)
        return (row is not None and bool(self.alive[row])) or document_id in set(
            self.delta_ids.tolist()
        )

    def query_vector(self, text: str) -> FloatArray:
        """The text's l2-normalised TF-IDF weights over this snapshot's columns (dense)."""
        ids = [j for j in self.vocabulary.ids(text, grow=False) if j < len(self.df)]
        weights = np.zeros(len(self.df), dtype=np.float64)
        if ids:
            np.add.at(weights, np.asarray(ids, dtype=np.int64), 1.0)
            weights *= self.idf  # terms no current document has weigh 0: they are dropped
            norm = float(np.sqrt(weights @ weights))
            if norm > 0.0:
                weights /= norm
        return weights

    def nearest(self, text: str, k: int, exclude: int | None = None) -> list[Neighbour]:
        """The ``k`` current documents most similar to ``text`` (cosine > 0), best first; ties
        by id. ``exclude`` (the subject itself, say) is never returned."""
        query = self.query_vector(text) * self.idf  # document weights are counts x idf
        base_norms, delta_norms = self._norms
        scores = np.concatenate(
            [
                _cosines(self.base, query, base_norms, self.alive),
                _cosines(self.delta, query, delta_norms, None),
            ]
        )
        ids = np.concatenate([self.base_ids, self.delta_ids])
        if exclude is not None:
            scores[ids == exclude] = 0.0
        candidates = np.flatnonzero(scores > 0.0)
        if len(candidates) > k:
            # The k-th best score; keep everything at least as good so ties resolve by id.
            kth = np.partition(scores[candidates], len(candidates) - k)[len(candidates) - k]
            candidates = candidates[scores[candidates] >= kth]
        order = np.lexsort((ids[candidates], -scores[candidates]))[:k]
        return [
            Neighbour(id=int(ids[candidates[o]]), score=min(1.0, float(scores[candidates[o]])))
            for o in order
        ]


def _squares(matrix: sp.csr_array) -> sp.csr_array:
    return sp.csr_array((matrix.data**2, matrix.indices, matrix.indptr), shape=matrix.shape)


def _cosines(
    matrix: sp.csr_array, query: FloatArray, norms: FloatArray, alive: NDArray[np.bool_] | None
) -> FloatArray:
    """Cosine of each row of raw counts with ``query`` (already multiplied by the idf)."""
    if matrix.shape[0] == 0:
        return np.zeros(0, dtype=np.float64)
    dots = matrix @ query[: matrix.shape[1]]
    out = np.zeros(matrix.shape[0], dtype=np.float64)
    np.divide(dots, norms, out=out, where=norms > 0.0)
    if alive is not None:
        out[~alive] = 0.0
    return out
