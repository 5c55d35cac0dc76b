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
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .dedupe import PRIME, SHINGLE, SKETCH, Sketches, join_sketches
from .model import Passage
from .tokenize import term, words

PARALLEL_FROM = 20_000  # passages; below this a pool's start-up costs more than it saves
CHUNK = 5_000  # passages per task: small enough to spread evenly, large enough to amortise

_PASSAGES: Sequence[Passage] = ()  # what forked workers read (inherited, never pickled)


@dataclass(frozen=True)
class Features:
    """What the build needs of every passage, computed once."""

    terms: list[str]  # per passage in order: its index terms joined by spaces ("" if not indexed)
    sketches: Sketches  # the indexed passages' duplicate sketches, in order (see dedupe.py)


def passage_features(passages: Sequence[Passage], workers: int | None = None) -> Features:
    """Index terms and duplicate sketches of `passages`; `workers` processes (default: one per
    core for a large corpus, none for a small one or where fork is unavailable)."""
    global _PASSAGES
    if workers is None:
        workers = (os.cpu_count() or 1) if len(passages) >= PARALLEL_FROM else 1
    bounds = [(lo, min(lo + CHUNK, len(passages))) for lo in range(0, len(passages), CHUNK)]
    if workers <= 1 or len(bounds) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        parts = [_features(passages, lo, hi) for lo, hi in bounds]
    else:
        _PASSAGES = passages
        try:
            with multiprocessing.get_context("fork").Pool(min(workers, len(bounds))) as pool:
                parts = pool.map(_chunk, bounds, chunksize=1)
        finally:
            _PASSAGES = ()
    return Features([t for part, _ in parts for t in part], join_sketches([s for _, s in parts]))


def _chunk(bounds: tuple[int, int]) -> tuple[list[str], Sketches]:
    """A worker's task: the features of one run of the inherited passages."""
    return _features(_PASSAGES, *bounds)


def _features(passages: Sequence[Passage], lo: int, hi: int) -> tuple[list[str], Sketches]:
    """Terms of passages lo..hi and sketches of the indexed ones among them.

    Words become ids in a vocabulary that holds each word's term and hash, so the per-word work
    is C-level map() calls; the shingles of the whole run are hashed in a few numpy operations.
    """
    vocabulary = _vocabulary()
    out: list[str] = []
    ids: list[int] = []
    lengths: list[int] = []
    for p in passages[lo:hi]:
        if not p.indexed:
            out.append("")
            continue
        found = vocabulary.ids_of(words(p.text))
        out.append(" ".join(filter(None, map(vocabulary.terms.__getitem__, found))))
        ids += found
        lengths.append(len(found))
    hashes = np.array(vocabulary.hashes, np.uint64)[np.array(ids, np.int64)]
    return out, _sketches(hashes, np.array(lengths, np.int64))


class _Vocabulary:
    """Word -> id, with each id's index term and stable hash (those of tokenize and dedupe)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.terms: list[str] = []
        self.hashes: list[int] = []

    def ids_of(self, ws: list[str]) -> list[int]:
        """The ids of the words, new words added."""
        found = list(map(self.index.get, ws))
        if None in found:
            for k, w in enumerate(ws):
                if found[k] is None:
                    if w not in self.index:
                        self.index[w] = len(self.terms)
                        self.terms.append(term(w))
                        self.hashes.append(zlib.crc32(w.encode("utf-8")))
                    found[k] = self.index[w]
        return found  # type: ignore[return-value]


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
    whole = np.arange(total) - starts[owner] <= lengths[owner] - SHINGLE
    is_short = np.flatnonzero(lengths < SHINGLE)
    rows = np.concatenate([owner[whole], is_short])
    values = np.concatenate([rolling[whole], short[is_short]])
    order = np.lexsort((values, rows))
    rows, values = rows[order], values[order]
    fresh = np.r_[True, (rows[1:] != rows[:-1]) | (values[1:] != values[:-1])]
    rows, values = rows[fresh], values[fresh]
    first = np.r_[True, rows[1:] != rows[:-1]]
    rank = np.arange(len(rows)) - np.maximum.accumulate(np.where(first, np.arange(len(rows)), 0))
    keep = rank < SKETCH
    return values[keep], np.bincount(rows[keep], minlength=n).astype(np.int64)
