"""TF-IDF cosine similarity between definitions of trauma-informed care.

The weighting mirrors scikit-learn's ``TfidfVectorizer`` (``norm="l2"``, ``smooth_idf`` and
``sublinear_tf`` options, natural-log idf with the ``+ 1`` offset) so that numbers produced
here can be checked against that well-known reference, but scikit-learn itself is a dev-only
dependency and is never imported at runtime: this module only needs numpy and scipy.

Everything here is pure: plain values in, frozen dataclasses / arrays out.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from api.comparison.lazy import LazyModule

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp
    from numpy.typing import NDArray

    FloatArray = NDArray[np.float64]
    IntArray = NDArray[np.int64]
    CsrMatrix = sp.csr_array
else:  # imported when an index or a matrix is first built, not with the app
    np = LazyModule("numpy", globals(), "np")
    sp = LazyModule("scipy.sparse", globals(), "sp")

__all__ = [
    "STOP_WORDS",
    "SharedTerm",
    "Similarity",
    "TfidfIndex",
    "fit_index",
    "pairwise_similarity",
    "similarity",
    "surface",
    "tokenize",
]

# ---------------------------------------------------------------------------------------------
# Tokenisation
# ---------------------------------------------------------------------------------------------

# One pass over the lowercased text: runs of letters/digits, optionally joined by hyphens or
# apostrophes so that "re-traumatisation" and "organisation's" arrive as a single raw token
# that the (cached) normaliser below can fold. ``[^\W_]`` is "a letter or digit" in Unicode.
_RAW_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")

# A small, fixed list of English function words. It is deliberately built in (rather than
# borrowed from a library) so that similarity scores never change because a dependency
# changed its list. Only grammatical glue is listed: domain words such as "safety", "choice"
# or "trust" must never be dropped.
STOP_WORDS: frozenset[str] = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "among",
        "amongst",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "either",
        "etc",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "may",
        "me",
        "might",
        "more",
        "most",
        "must",
        "my",
        "myself",
        "neither",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "others",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",
        "same",
        "shall",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "therefore",
        "these",
        "they",
        "this",
        "those",
        "through",
        "thus",
        "to",
        "too",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "via",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whereas",
        "whether",
        "which",
        "while",
        "whilst",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
    ]
)

# Hyphenated words whose first part is one of these prefixes are joined ("re-traumatise" ->
# "retraumatise", "co-ordinate" -> "coordinate"): British texts hyphenate these far more often
# than American ones, and without joining the two spellings would share no token at all.
# Other compounds ("trauma-informed") are split into words, as scikit-learn's default does.
_JOIN_PREFIXES: frozenset[str] = frozenset(
    {"re", "co", "non", "pre", "post", "multi", "inter", "intra", "sub", "anti", "de", "un"}
)

# Whole-word British -> American spellings that no general rule below covers.
_EXACT_FOLDS: Mapping[str, str] = MappingProxyType(
    {
        "programme": "program",
        "programmes": "programs",
        "centre": "center",
        "centres": "centers",
        "centred": "centered",
        "centring": "centering",
        "epicentre": "epicenter",
        "theatre": "theater",
        "theatres": "theaters",
        "metre": "meter",
        "metres": "meters",
        "fibre": "fiber",
        "defence": "defense",
        "defences": "defenses",
        "offence": "offense",
        "offences": "offenses",
        "licence": "license",
        "licences": "licenses",
        "pretence": "pretense",
        "practise": "practice",
        "practises": "practices",
        "practised": "practiced",
        "practising": "practicing",
        "ageing": "aging",
        "fulfil": "fulfill",
        "fulfils": "fulfills",
        "fulfilment": "fulfillment",
        "enrol": "enroll",
        "enrols": "enrolls",
        "enrolment": "enrollment",
        "skilful": "skillful",
        "wilful": "willful",
        "instalment": "installment",
        "catalogue": "catalog",
        "learnt": "learned",
        "diarrhoea": "diarrhea",
        "oedema": "edema",
    }
)

# -our -> -or, anchored at the start of the word so derived forms follow ("behavioural",
# "honourable", "neighbourhood"); listed explicitly because "hour", "four" or "your" must
# not be touched.
_OUR_RE = re.compile(
    r"(behavi|col|fav|hon|lab|neighb|hum|rum|harb|vig|endeav|sav|savi|od|val|arm|parl|flav"
    r"|clam|cand|ranc|splend|tum|vap)our"
)
# Doubled l before a suffix ("counselling", "counsellor", "modelled") -> single l.
_DOUBLE_L_RE = re.compile(
    r"(counsel|model|label|travel|signal|cancel|fuel|channel|level|marshal|equal|dial|total"
    r"|tunnel|jewel)l(ing|ed|er|ers|or|ors)"
)
# Greek/Latin digraphs in medical words ("paediatric", "anaesthetic", "haematology").
_DIGRAPH_RE = re.compile(r"(paediatr|orthopaed|anaesthe|haem|oestr|foet|gynaec|leukaem|anaem)")
_DIGRAPH_FOLDS: Mapping[str, str] = MappingProxyType(
    {
        "paediatr": "pediatr",
        "orthopaed": "orthoped",
        "anaesthe": "anesthe",
        "haem": "hem",
        "oestr": "estr",
        "foet": "fet",
        "gynaec": "gynec",
        "leukaem": "leukem",
        "anaem": "anem",
    }
)
# -ise/-isation -> -ize/-ization in general ("realise", "recognised", "organisations",
# "traumatising", "retraumatisation", "recognisable"). The stem needs at least three letters
# and must not end in a vowel or "w" so that "raise", "noise", "cruise" and "otherwise" are
# left alone; words where American English also writes -ise are listed below.
_ISE_RE = re.compile(r"(\w{3,}?)is(e|es|ed|ing|er|ers|ation|ations|ational|able)")
_ISE_EXCEPTIONS: frozenset[str] = frozenset(
    [
        "advise",
        "advertise",
        "anise",
        "apprise",
        "chastise",
        "circumcise",
        "comprise",
        "compromise",
        "concise",
        "demise",
        "despise",
        "devise",
        "disenfranchise",
        "enfranchise",
        "enterprise",
        "excise",
        "exercise",
        "exorcise",
        "expertise",
        "franchise",
        "improvise",
        "incise",
        "merchandise",
        "mortise",
        "paradise",
        "precise",
        "premise",
        "prise",
        "promise",
        "remise",
        "reprise",
        "revise",
        "supervise",
        "surmise",
        "surprise",
        "televise",
        "treatise",
        "uprise",
        "valise",
        "cerise",
        "chemise",
        "sunrise",
        "moonrise",
    ]
)
# -lyse -> -lyze ("analyse", "paralysed", "catalysing").
_LYSE_RE = re.compile(r"(\w+l)ys(e|es|ed|ing|er|ers|able)")


def _fold_spelling(word: str) -> str:
    """Map a British spelling to its American form; other words come back unchanged.

    American is the canonical form only because it is the more regular one (-ize, -or); the
    point is that both spellings of a word end up as the same vocabulary term.
    """
    exact = _EXACT_FOLDS.get(word)
    if exact is not None:
        return exact
    if "dgement" in word:
        # judgement, acknowledgement, and compounds such as "non-judgemental".
        word = word.replace("dgement", "dgment")
    if "our" in word:
        m = _OUR_RE.match(word)
        if m is not None:
            word = m.group(1) + "or" + word[m.end() :]
    if "ll" in word:
        m = _DOUBLE_L_RE.fullmatch(word)
        if m is not None:
            return m.group(1) + m.group(2)
    m = _DIGRAPH_RE.match(word)
    if m is not None:
        word = _DIGRAPH_FOLDS[m.group(1)] + word[m.end() :]
    m = _ISE_RE.fullmatch(word)
    if m is not None:
        stem = m.group(1)
        if stem[-1] not in "aeiouw" and stem + "ise" not in _ISE_EXCEPTIONS:
            return stem + "iz" + m.group(2)
        return word
    m = _LYSE_RE.fullmatch(word)
    if m is not None:
        return m.group(1) + "yz" + m.group(2)
    return word


# Snowball's English (Porter2) stemmer, so that inflections and derivations meet ("support",
# "supported", "supporting"; "collaborate", "collaboration"). It leaves irregular plurals and a
# few derivations apart; those that matter in definitions are joined here.
_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "person"}
_AFTER_STEM = {"safeti": "safe", "empow": "empower", "secur": "secure"}


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """Made at the first tokenisation, not at import."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    stem = str(_stemmer().stemWord(_IRREGULAR.get(word, word)))
    return _AFTER_STEM.get(stem, stem)


def surface(term: str, texts: Sequence[str]) -> str:
    """A readable word for a vocabulary term (a stem): the shortest (then first in
    alphabetical order) word of ``texts`` with that stem; the stem itself if none has it."""
    words = {
        word
        for text in texts
        for raw in _RAW_TOKEN_RE.findall(text.lower())
        for word in _words(raw)
        if _stem(word) == term
    }
    return min(words, key=lambda w: (len(w), w)) if words else term


@lru_cache(maxsize=1 << 16)
def _normalise_raw(raw: str) -> tuple[str, ...]:
    """Turn one raw regex match into zero or more vocabulary terms (stems)."""
    return tuple(_stem(word) for word in _words(raw))


@lru_cache(maxsize=1 << 16)
def _words(raw: str) -> tuple[str, ...]:
    """Turn one raw regex match into zero or more words (spellings folded, stop words out).

    Cached because definitions reuse a small vocabulary: after warm-up almost every token is
    a dictionary hit, which is what keeps ``tokenize`` fast on thousands of texts. The cache
    is bounded so a long-running process cannot grow it without limit.
    """
    if "'" in raw or "\u2019" in raw:
        raw = raw.replace("\u2019", "'")
        # Possessive "'s" carries no meaning for similarity; other apostrophes ("don't") are
        # dropped so the contraction becomes one word.
        if raw.endswith("'s"):
            raw = raw[:-2]
        raw = raw.replace("'", "")
    parts = raw.split("-")
    out: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        while part in _JOIN_PREFIXES and i + 1 < len(parts):
            i += 1
            part += parts[i]
        i += 1
        term = _fold_spelling(part)
        # Single characters ("s", "a", "1") carry no signal; scikit-learn's default token
        # pattern drops them too.
        if len(term) > 1 and term not in STOP_WORDS:
            out.append(term)
    return tuple(out)


def tokenize(text: str) -> list[str]:
    """Lowercase word stems, British spellings folded to American, stop words removed.

    >>> tokenize("Organisations realise the behaviour of re-traumatisation")
    ['organiz', 'realiz', 'behavior', 'retraumat']
    >>> tokenize("children feel safe"), tokenize("child safety")
    (['child', 'feel', 'safe'], ['child', 'safe'])
    """
    norm = _normalise_raw
    return [term for raw in _RAW_TOKEN_RE.findall(text.lower()) for term in norm(raw)]


# ---------------------------------------------------------------------------------------------
# TF-IDF index
# ---------------------------------------------------------------------------------------------


def _idf(df: IntArray, n_docs: int, smooth_idf: bool) -> FloatArray:
    """scikit-learn's idf: ``ln((1 + n) / (1 + df)) + 1`` (smooth) or ``ln(n / df) + 1``.

    The ``+ 1`` keeps terms that occur in every document from being zeroed out entirely.
    """
    if smooth_idf:
        return np.log((1.0 + n_docs) / (1.0 + df.astype(np.float64))) + 1.0
    # Every vocabulary term occurs in at least one fitted document, so df >= 1 here.
    return np.log(n_docs / df.astype(np.float64)) + 1.0


def _weighted_rows(
    term_ids: list[int],
    indptr: list[int],
    n_terms: int,
    idf: FloatArray | None,
    smooth_idf: bool,
    sublinear_tf: bool,
) -> tuple[CsrMatrix, FloatArray]:
    """Build the l2-normalised TF-IDF CSR matrix from flat per-document term ids.

    ``term_ids[indptr[i]:indptr[i + 1]]`` are the (repeated) term ids of document ``i``. Counting
    is done with one ``np.unique`` over ``row * n_terms + column`` keys instead of per-document
    Python dictionaries; the unique keys come out sorted, which is exactly canonical CSR order
    (rows ascending, column indices sorted within a row). When ``idf`` is None it is computed
    from this corpus (fitting). Returns the matrix and the idf used.
    """
    n_docs = len(indptr) - 1
    ptr = np.asarray(indptr, dtype=np.int64)
    if n_terms == 0 or not term_ids:
        empty = sp.csr_array((n_docs, n_terms), dtype=np.float64)
        if idf is None:
            idf = np.zeros(n_terms, dtype=np.float64)
        return empty, idf
    rows = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(ptr))
    keys = rows * n_terms + np.asarray(term_ids, dtype=np.int64)
    uniq, counts = np.unique(keys, return_counts=True)
    row_of = uniq // n_terms
    cols = uniq % n_terms
    if idf is None:
        idf = _idf(np.bincount(cols, minlength=n_terms), n_docs, smooth_idf)
    tf = counts.astype(np.float64)
    if sublinear_tf:
        tf = np.log(tf) + 1.0
    data = tf * idf[cols]
    # Row l2 norms via bincount (handles empty rows, unlike np.add.reduceat).
    norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=n_docs))
    data /= norms[row_of]
    new_ptr = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of, minlength=n_docs), out=new_ptr[1:])
    matrix = sp.csr_array((data, cols, new_ptr), shape=(n_docs, n_terms))
    matrix.has_sorted_indices = True
    return matrix, idf


@dataclass(frozen=True, eq=False, slots=True)
class TfidfIndex:
    """A TF-IDF model fitted on a corpus of definitions.

    ``terms`` is the sorted vocabulary (column ``j`` of every matrix is ``terms[j]``), ``idf``
    the per-term inverse document frequency and ``matrix`` the l2-normalised TF-IDF rows of
    the fitted corpus (a ``scipy.sparse.csr_array``, one row per text). Equality is identity:
    comparing arrays element-wise is not a meaningful ``==``.
    """

    terms: tuple[str, ...]
    vocabulary: Mapping[str, int]
    idf: FloatArray
    matrix: CsrMatrix
    smooth_idf: bool = True
    sublinear_tf: bool = False

    @classmethod
    def fit(
        cls, texts: Sequence[str], *, smooth_idf: bool = True, sublinear_tf: bool = False
    ) -> TfidfIndex:
        """Fit vocabulary and idf on ``texts`` (same semantics as ``TfidfVectorizer``).

        An empty corpus, or one made only of stop words, gives an empty vocabulary; unlike
        scikit-learn this is not an error: every similarity against it is simply 0.
        """
        first_seen: dict[str, int] = {}
        add = first_seen.setdefault
        term_ids: list[int] = []
        indptr = [0]
        for text in texts:
            term_ids.extend([add(term, len(first_seen)) for term in tokenize(text)])
            indptr.append(len(term_ids))
        # Columns are renumbered to alphabetical order so that results do not depend on the
        # order the corpus was given in (and match scikit-learn's column layout).
        terms = tuple(sorted(first_seen))
        vocabulary = {term: j for j, term in enumerate(terms)}
        if term_ids:
            remap = np.empty(len(terms), dtype=np.int64)
            remap[list(first_seen.values())] = [vocabulary[t] for t in first_seen]
            term_ids = remap[np.asarray(term_ids, dtype=np.int64)].tolist()
        matrix, idf = _weighted_rows(term_ids, indptr, len(terms), None, smooth_idf, sublinear_tf)
        idf.setflags(write=False)
        return cls(
            terms=terms,
            vocabulary=MappingProxyType(vocabulary),
            idf=idf,
            matrix=matrix,
            smooth_idf=smooth_idf,
            sublinear_tf=sublinear_tf,
        )

    @property
    def n_documents(self) -> int:
        """Number of texts the index was fitted on."""
        return int(self.matrix.shape[0])

    def vectorize(self, texts: Sequence[str]) -> CsrMatrix:
        """TF-IDF rows for new texts using the fitted vocabulary and idf.

        Terms outside the vocabulary are ignored (as in scikit-learn's ``transform``): they
        have no idf, and the index's vector space has no axis for them.
        """
        get = self.vocabulary.get
        term_ids: list[int] = []
        indptr = [0]
        for text in texts:
            term_ids.extend([j for j in map(get, tokenize(text)) if j is not None])
            indptr.append(len(term_ids))
        matrix, _ = _weighted_rows(
            term_ids, indptr, len(self.terms), self.idf, self.smooth_idf, self.sublinear_tf
        )
        return matrix


def fit_index(
    texts: Sequence[str], *, smooth_idf: bool = True, sublinear_tf: bool = False
) -> TfidfIndex:
    """Fit a :class:`TfidfIndex` on ``texts`` (functional spelling of ``TfidfIndex.fit``)."""
    return TfidfIndex.fit(texts, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)


# ---------------------------------------------------------------------------------------------
# Similarity
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SharedTerm:
    """A term both texts contain and its contribution to their cosine similarity.

    The contributions of all shared terms sum to the score, so they explain it exactly.
    """

    term: str
    weight: float


@dataclass(frozen=True, slots=True)
class Similarity:
    """Cosine similarity in ``[0, 1]`` plus the shared terms that produced it (largest first)."""

    score: float
    shared_terms: tuple[SharedTerm, ...]


def _clamp_unit(x: float) -> float:
    # Non-negative unit vectors have a cosine in [0, 1]; anything outside is float noise.
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def similarity(a: str, b: str, index: TfidfIndex | None = None, *, top_n: int = 10) -> Similarity:
    """Cosine similarity of the TF-IDF vectors of ``a`` and ``b`` under ``index``.

    Without an index one is fitted on just the two texts, which is fine for a one-off check
    but gives every shared term the same idf; pass the registry's index for meaningful
    weights. A text with no term known to the index scores 0.0. Texts with identical vectors
    (identical texts, or texts differing only in spelling variants, stop words or case) score
    exactly 1.0 rather than 0.9999999999999998.
    """
    if index is None:
        index = TfidfIndex.fit([a, b])
    rows = index.vectorize([a, b])
    ptr = rows.indptr
    a_cols, b_cols = rows.indices[ptr[0] : ptr[1]], rows.indices[ptr[1] : ptr[2]]
    a_w, b_w = rows.data[ptr[0] : ptr[1]], rows.data[ptr[1] : ptr[2]]
    if a_cols.size == 0 or b_cols.size == 0:
        return Similarity(score=0.0, shared_terms=())
    _, ia, ib = np.intersect1d(a_cols, b_cols, assume_unique=True, return_indices=True)
    contributions = a_w[ia] * b_w[ib]
    identical = np.array_equal(a_cols, b_cols) and np.array_equal(a_w, b_w)
    score = 1.0 if identical else _clamp_unit(float(contributions.sum()))
    shared_cols = a_cols[ia]
    # Largest contribution first; ties broken alphabetically so the output is deterministic.
    ranked = sorted(
        zip(contributions.tolist(), shared_cols.tolist(), strict=True),
        key=lambda cw: (-cw[0], index.terms[cw[1]]),
    )
    shared = tuple(
        SharedTerm(term=surface(index.terms[col], (a, b)), weight=weight)
        for weight, col in ranked[:top_n]
    )
    return Similarity(score=score, shared_terms=shared)


# Above this many cells (n texts x vocabulary terms) a dense copy of the TF-IDF matrix is not
# made: 4M float64 cells is 32 MB, comfortably small next to the n x n result it produces.
_DENSE_MAX_CELLS = 4_000_000
# Rough relative costs, measured with numpy/scipy on a 2-core machine: a BLAS multiply-add
# costs ~1 unit, a multiply-add in scipy's sparse product ~100 and each stored entry of the
# sparse result (accumulate, store, then copy out to dense) ~1000.
_SPARSE_MULADD_COST = 100
_SPARSE_ENTRY_COST = 1000
# The sparse route computes the upper triangle in this many row blocks, which skips roughly
# (1 - 1/blocks) / 2 of the products a full X @ X.T would do.
_SPARSE_ROW_BLOCKS = 4


def _gram(matrix: CsrMatrix) -> FloatArray:
    """``matrix @ matrix.T`` as a dense array, by whichever route is cheaper.

    Short definitions over a domain vocabulary of a few hundred terms give a TF-IDF matrix
    that is 10-20% full and an n x n result that is completely full: there scipy's sparse
    product spends its time on bookkeeping, and a BLAS product of the (small) dense copy is
    several times faster. With a large, diverse vocabulary the matrix is genuinely sparse and
    the sparse product wins. The choice uses a cost model: n^2 * terms multiply-adds for
    dense against, for sparse, the sum over terms of document-frequency^2 multiply-adds plus
    one stored entry per non-zero of the result (at most n^2).
    """
    n_docs, n_terms = matrix.shape
    df = np.bincount(matrix.indices, minlength=n_terms).astype(np.float64)
    sparse_muladds = float(df @ df)
    dense_cost = float(n_docs) * n_docs * n_terms
    sparse_cost = _SPARSE_MULADD_COST * sparse_muladds + _SPARSE_ENTRY_COST * min(
        float(n_docs) * n_docs, sparse_muladds
    )
    if n_docs * n_terms <= _DENSE_MAX_CELLS and dense_cost <= sparse_cost:
        dense = matrix.toarray()
        # ``a @ a.T`` on the same buffer lets numpy use the symmetric BLAS kernel (syrk).
        gram: FloatArray = dense @ dense.T
        return gram
    # Sparse route: the result is symmetric, so compute block rows of the upper triangle
    # only (rows r0:r1 against rows r0:) and mirror them.
    out = np.empty((n_docs, n_docs), dtype=np.float64)
    bounds = np.linspace(0, n_docs, _SPARSE_ROW_BLOCKS + 1).astype(np.int64).tolist()
    for r0, r1 in itertools.pairwise(bounds):
        if r0 == r1:
            continue
        block = (matrix[r0:r1] @ matrix[r0:].T).toarray()
        out[r0:r1, r0:] = block
        out[r0:, r0:r1] = block.T
    return out


def pairwise_similarity(texts: Sequence[str], index: TfidfIndex | None = None) -> FloatArray:
    """Dense ``n x n`` cosine similarity matrix of ``texts``.

    Without an index the texts are their own corpus (fit and compare in one go); with one,
    they are vectorised against it. Rows are already unit length, so the whole matrix is a
    single product ``X @ X.T`` (see ``_gram`` for how it is computed). The diagonal is exactly
    1.0 for every text with at least one vocabulary term and 0.0 for texts without any (empty,
    or only stop words).
    """
    matrix = TfidfIndex.fit(texts).matrix if index is None else index.vectorize(texts)
    result = _gram(matrix)
    # All weights are non-negative, so entries cannot be below 0; only rounding above 1 needs
    # clamping.
    np.minimum(result, 1.0, out=result)
    has_terms = np.diff(matrix.indptr) > 0
    np.fill_diagonal(result, has_terms.astype(np.float64))
    return result
