"""The per-passage work of an index build, done once per passage and on every core.

Each indexed passage's words are split once (tokenize.words) and turned into both its index
terms, for the engine, and its shingle sketch, for duplicate detection. Large corpora are cut
into chunks that forked worker processes compute (they inherit the passages, so only the
results travel back); small ones are computed in this process, where a pool would cost more
than it saves. Either way the results are the same, in passage order.
"""

from __future__ import annotations

import multiprocessing
import os
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise, repeat

import numpy as np

from ..documents.dedupe import (
    PRIME,
    SHINGLE,
    SKETCH,
    Sketches,
    join_sketches,
    sketches,
    word_shingles,
)
from ..model import Passage
from ..tokenize import term, terms, words
from .batchwords import split
from .termstore import Joiner, TermIds, from_joined, from_words

PARALLEL_FROM = 20_000  # passages; below this a pool's start-up costs more than it saves
CHUNK = 5_000  # passages per task: small enough to spread evenly, large enough to amortise

_PASSAGES: Sequence[Passage] = ()  # what forked workers read (inherited, never pickled)


@dataclass(frozen=True)
class Features:
    """What the build needs of every passage, computed once."""

    terms: list[str]  # per passage in order: its index terms joined by spaces ("" if not indexed)
    sketches: Sketches  # the indexed passages' duplicate sketches, in order (see dedupe.py)
    term_ids: TermIds  # the same terms as ids, stored for answering (see termstore.py)


def passage_features(
    passages: Sequence[Passage],
    workers: int | None = None,
    known: Mapping[str, Features] | None = None,
) -> Features:
    """Index terms and duplicate sketches of `passages`; `workers` processes (default: one per
    core for a large corpus, none for a small one or where fork is unavailable).

    `known`: the features of some documents' passages computed already, by document id (the
    workers that parsed them, ahead.py); a document's are taken if they have one term string per
    passage of it, and only the other documents' passages are computed here.
    """
    if not known:
        return _computed(passages, workers)
    taken: list[tuple[int, int, Features | None]] = []  # runs of one document: lo, hi, known
    missing: list[Passage] = []
    for lo, hi in _documents(passages):
        found = known.get(passages[lo].doc_id)
        if found is not None and len(found.terms) == hi - lo:
            taken.append((lo, hi, found))
        else:
            taken.append((lo, hi, None))
            missing += passages[lo:hi]
    computed = _computed(missing, workers)
    cursor = _Cursor(computed)
    parts = [
        found if found is not None else cursor.take(passages[lo:hi]) for lo, hi, found in taken
    ]
    ids = Joiner()
    for part in parts:
        ids.add(part.term_ids)
    return Features(
        [t for part in parts for t in part.terms],
        join_sketches([p.sketches for p in parts]),
        ids.joined(),
    )


def document_features(passages: Sequence[Passage]) -> dict[str, Features]:
    """The features of each document's passages (in order, one document after another), by
    document id, computed in this process at once."""
    cursor = _Cursor(_computed(passages, 1))
    return {passages[lo].doc_id: cursor.take(passages[lo:hi]) for lo, hi in _documents(passages)}


def _documents(passages: Sequence[Passage]) -> list[tuple[int, int]]:
    """The runs of consecutive passages of one document, as (lo, hi)."""
    cuts = [k for k in range(1, len(passages)) if passages[k].doc_id != passages[k - 1].doc_id]
    return list(pairwise([0, *cuts, len(passages)])) if passages else []


class _Cursor:
    """Features of a run of passages handed out in consecutive pieces."""

    def __init__(self, features: Features) -> None:
        self.features = features
        sizes = features.sketches[1]
        self._ends = np.concatenate([[0], np.cumsum(sizes)])  # where each sketch's hashes end
        self._id_ends = np.concatenate([[0], np.cumsum(features.term_ids.counts)])
        self._passage = self._sketch = 0

    def take(self, passages: Sequence[Passage]) -> Features:
        """The features of the next passages, which must be `passages`."""
        lo, hi = self._passage, self._passage + len(passages)
        k = self._sketch + sum(p.indexed for p in passages)
        keys, sizes = self.features.sketches
        a, b = int(self._ends[self._sketch]), int(self._ends[k])
        ids = self.features.term_ids
        used, local = _compact(ids.ids[int(self._id_ends[lo]) : int(self._id_ends[hi])])
        piece = Features(
            self.features.terms[lo:hi],
            (keys[a:b], sizes[self._sketch : k]),
            # Its own small vocabulary: a piece travels back from a worker alone.
            TermIds(
                [ids.vocabulary[i] for i in used.tolist()],
                local.astype(np.uint16 if len(used) <= 1 << 16 else np.int32),
                ids.counts[lo:hi],
            ),
        )
        self._passage, self._sketch = hi, k
        return piece


def _compact(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(ids, return_inverse=True) for small non-negative ids, without sorting: the ids
    present, ascending, and each id's position among them."""
    if len(ids) and int(ids.max()) >= 8 * len(ids):
        # A small document among a large vocabulary: arrays the size of the vocabulary would
        # cost more than sorting its few ids (documents x vocabulary over a whole batch).
        used, inverse = np.unique(ids, return_inverse=True)
        return used, inverse.reshape(-1)
    present = np.zeros(int(ids.max()) + 1 if len(ids) else 0, np.bool_)
    present[ids] = True
    rank = np.cumsum(present, dtype=np.int64) - 1
    return np.flatnonzero(present), rank[ids]


def _computed(passages: Sequence[Passage], workers: int | None) -> Features:
    """passage_features() with nothing known."""
    # Each chunk's results are taken as they come, in order: its term ids are mapped into one
    # vocabulary at once, so that no chunk's own vocabulary outlives it.
    terms: list[str] = []
    sketch_parts: list[Sketches] = []
    ids = Joiner()
    for chunk_terms, chunk_sketches, chunk_ids in _parts(passages, workers):
        terms += chunk_terms
        sketch_parts.append(chunk_sketches)
        ids.add(chunk_ids)
    return Features(terms, join_sketches(sketch_parts), ids.joined())


def _parts(passages: Sequence[Passage], workers: int | None) -> Iterator[_Part]:
    """The features of each chunk of `passages`, in order (see passage_features)."""
    global _PASSAGES
    if workers is None:
        workers = (os.cpu_count() or 1) if len(passages) >= PARALLEL_FROM else 1
    bounds = [(lo, min(lo + CHUNK, len(passages))) for lo in range(0, len(passages), CHUNK)]
    if workers <= 1 or len(bounds) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (_features(passages, lo, hi) for lo, hi in bounds)
        return
    _PASSAGES = passages
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(bounds))) as pool:
            yield from pool.imap(_chunk, bounds)
    finally:
        _PASSAGES = ()


_Part = tuple[list[str], Sketches, TermIds]


def _chunk(bounds: tuple[int, int]) -> _Part:
    """A worker's task: the features of one run of the inherited passages."""
    return _features(_PASSAGES, *bounds)


def _features(passages: Sequence[Passage], lo: int, hi: int) -> _Part:
    """Terms of passages lo..hi (joined and as ids) and sketches of the indexed ones among them.

    The run's indexed passages are split into words all at once (batchwords.split); only its
    distinct words are looked up in this process's vocabulary, which holds each word's term and
    hash; each passage's terms are cut from one buffer of term bytes gathered by numpy; the
    shingles of the whole run are hashed in a few numpy operations.
    """
    run = passages[lo:hi]
    texts = [p.text for p in run if p.indexed]
    found = split(texts)
    if found is None:  # two words shared a hash: the plain path, one passage at a time
        return _plain_features(run)
    vocabulary = _vocabulary()
    ids = vocabulary.ids_of(found.distinct())
    terms = [vocabulary.terms[i] for i in ids]
    hashes = np.array([vocabulary.hashes[i] for i in ids], np.uint64)[found.inverse]
    indexed_terms = iter(_joined_terms(terms, found.inverse, found.counts))
    indexed = [p.indexed for p in run]
    out = [next(indexed_terms) if i else "" for i in indexed]
    term_ids = from_words(terms, found.inverse, found.counts, indexed)
    return out, _sketches(hashes, found.counts), term_ids


def _joined_terms(terms: list[str], which: np.ndarray, counts: np.ndarray) -> list[str]:
    """Per text, the terms of its words (`counts` words each, `which` word of `terms` each) that
    are not empty, joined by spaces: one gather of bytes, one decode, one split."""
    n = len(counts)
    if not n:
        return []
    has_term = np.fromiter(map(bool, terms), np.bool_, len(terms))[which]  # not a stop word
    kept = which[has_term]
    per_text = np.bincount(np.repeat(np.arange(n), counts)[has_term], minlength=n)
    pieces = [t.encode("utf-8") + b" " for t in terms] + [b"\n"]  # the last: after each text
    sizes = np.fromiter(map(len, pieces), np.int64, len(pieces))
    buffer = np.frombuffer(b"".join(pieces), np.uint8)
    sequence = np.insert(kept, np.cumsum(per_text), len(terms))
    lengths = sizes[sequence]
    starts = np.cumsum(sizes) - sizes
    begin = np.cumsum(lengths) - lengths
    gather = np.repeat(starts[sequence] - begin, lengths) + np.arange(int(lengths.sum()))
    joined = buffer[gather].tobytes().decode("utf-8")
    return [t.rstrip(" ") for t in joined.split("\n")[:n]]


def _plain_features(run: Sequence[Passage]) -> _Part:
    """What _features computes, one passage at a time with tokenize.words()."""
    split_words = [words(p.text) if p.indexed else [] for p in run]
    out = [" ".join(terms(ws)) if p.indexed else "" for p, ws in zip(run, split_words, strict=True)]
    return (
        out,
        sketches([word_shingles(ws) for p, ws in zip(run, split_words, strict=True) if p.indexed]),
        from_joined(out),
    )


class _Vocabulary:
    """Word -> id, with each id's index term and stable hash (those of tokenize and dedupe)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.terms: list[str] = []
        self.hashes: list[int] = []

    def ids_of(self, ws: list[str]) -> list[int]:
        """The ids of the words, new words added."""
        ids = list(map(self.index.get, ws, repeat(-1)))
        for k, found in enumerate(ids):
            if found == -1:
                w = ws[k]
                ids[k] = self.index[w] = len(self.terms)
                self.terms.append(term(w))
                self.hashes.append(zlib.crc32(w.encode("utf-8")))
        return ids


_VOCABULARY: list[_Vocabulary] = []
_MAX_WORDS = 2_000_000  # a process's vocabulary starts again past this many words


def _vocabulary() -> _Vocabulary:
    """This process's vocabulary, kept between chunks (a worker computes many)."""
    if not _VOCABULARY or len(_VOCABULARY[0].terms) > _MAX_WORDS:
        _VOCABULARY[:] = [_Vocabulary()]
    return _VOCABULARY[0]


def _sketches(hashes: np.ndarray, lengths: np.ndarray) -> Sketches:
    """dedupe.sketches() of the passages whose word hashes follow one another in `hashes`
    (`lengths` words each): the same rolling hash as dedupe.word_shingles, over all at once."""
    n, total = len(lengths), len(hashes)
    if not n:
        return sketches([])
    starts = np.cumsum(lengths) - lengths
    padded = np.concatenate([hashes, np.zeros(SHINGLE, np.uint64)])
    # rolling[i] after step k: the hash of the k words from i; a passage shorter than SHINGLE
    # words has one shingle, of all its words (none: 0).
    rolling = np.zeros(total, np.uint64)
    short = np.zeros(n, np.uint64)
    for k in range(SHINGLE):
        rolling = rolling * PRIME + padded[k : k + total]
        ends_here = np.flatnonzero(lengths == k + 1)
        short[ends_here] = rolling[starts[ends_here]]
    owner = np.repeat(np.arange(n), lengths)
    keep = np.arange(total) - starts[owner] <= lengths[owner] - SHINGLE
    is_short = np.flatnonzero((lengths < SHINGLE) & (lengths > 0))
    keep[starts[is_short]] = True  # a short passage's one shingle, where its words start
    rolling[starts[is_short]] = short[is_short]
    rows, values = owner[keep], rolling[keep]
    empty = np.flatnonzero(lengths == 0)
    if len(empty):  # no words: one shingle, 0
        rows = np.concatenate([rows, empty])
        values = np.concatenate([values, np.zeros(len(empty), np.uint64)])
        order = np.argsort(rows, kind="stable")
        rows, values = rows[order], values[order]
    return _bottom(values, np.bincount(rows, minlength=n))


def _bottom(values: np.ndarray, sizes: np.ndarray) -> Sketches:
    """The SKETCH smallest distinct values of each run of `sizes` values (every size > 0), in
    ascending order: the row minimum SKETCH times over, each time masking the values equal to it
    (linear, where sorting every value was not)."""
    n = len(sizes)
    firsts = np.cumsum(sizes) - sizes
    values = values.copy()
    left = sizes.copy()  # values of each row not yet taken or masked
    out = np.zeros((n, SKETCH), np.uint64)
    taken = np.zeros((n, SKETCH), np.bool_)
    for k in range(SKETCH):
        alive = left > 0
        if not alive.any():
            break
        least = np.minimum.reduceat(values, firsts)
        out[:, k], taken[:, k] = least, alive
        equal = (values == np.repeat(least, sizes)) & np.repeat(alive, sizes)
        left -= np.add.reduceat(equal.astype(np.int64), firsts)
        values[equal] = _MASKED  # a real value equal to _MASKED is the row's largest: left <= 0
    return out[taken], taken.sum(axis=1).astype(np.int64)


_MASKED = np.uint64(2**64 - 1)
