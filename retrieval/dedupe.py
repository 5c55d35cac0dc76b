"""Find the same paragraph in several documents (a speech published alone and inside a transcript)."""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Sequence
from typing import cast

import numpy as np

from .model import Passage
from .tokenize import words

SHINGLE = 5  # words per shingle: long enough that shared shingles mean shared wording
MIN_OVERLAP = 0.8  # share of the shorter paragraph's shingles that the longer one must contain
# Candidates are paragraphs sharing one of their SKETCH smallest shingle hashes (bottom-k
# MinHash): a pair with Jaccard similarity J is missed with probability at most (1 - J)^SKETCH,
# about 1e-4 at the weakest overlap accepted here. It keeps memory linear in the corpus.
SKETCH = 8
# A shingle hash shared by more paragraphs than this is boilerplate ("I would like to thank"),
# not a duplicated paragraph; it proposes no candidates.
MAX_SHARED = 64
_PRIME = np.uint64(1_000_003)


# Word -> CRC-32: the same in every process (str hashes are salted), looked up not recomputed.
_HASHES: dict[str, int] = {}
_MAX_HASHES = 500_000


def _word_hashes(ws: list[str]) -> list[int]:
    """The stable hash of each word."""
    found = list(map(_HASHES.get, ws))
    if None not in found:
        return cast("list[int]", found)  # every word's hash was known
    hashes = [zlib.crc32(w.encode("utf-8")) if h is None else h for w, h in zip(ws, found, strict=True)]
    if len(_HASHES) < _MAX_HASHES:
        _HASHES.update(zip(ws, hashes, strict=True))
    return hashes


def shingles(text: str) -> np.ndarray:
    """Sorted unique hashes of every run of SHINGLE consecutive normalised words."""
    ids = np.array(_word_hashes(words(text)), np.uint64)
    n = max(len(ids) - SHINGLE + 1, 1)
    h = np.zeros(n, np.uint64)
    for j in range(min(SHINGLE, len(ids))):
        h = h * _PRIME + ids[j : j + n]  # wraps modulo 2**64, as a rolling hash should
    return np.unique(h)


def duplicate_groups(passages: Sequence[Passage]) -> dict[str, tuple[str, ...]]:
    """For each indexed passage, the ids of near-identical passages in other documents."""
    indexed = [p for p in passages if p.indexed]
    sets = [shingles(p.text) for p in indexed]
    groups: dict[str, set[str]] = defaultdict(set)
    for i, j in _candidate_pairs(sets):
        a, b = indexed[i], indexed[j]
        if a.doc_id != b.doc_id and _near_identical(sets[i], sets[j]):
            groups[a.id].add(b.id)
            groups[b.id].add(a.id)
    return {pid: tuple(sorted(others)) for pid, others in groups.items()}


def _candidate_pairs(sets: list[np.ndarray]) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose sketches share a hash."""
    if not sets:
        return set()
    keys = np.concatenate([s[:SKETCH] for s in sets])
    rows = np.repeat(np.arange(len(sets)), [min(len(s), SKETCH) for s in sets])
    order = np.argsort(keys, kind="stable")
    keys, rows = keys[order], rows[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    pairs: set[tuple[int, int]] = set()
    for a, b in zip(starts, ends, strict=True):
        if 1 < b - a <= MAX_SHARED:
            members = sorted(set(rows[a:b].tolist()))
            pairs.update((x, y) for k, x in enumerate(members) for y in members[k + 1 :])
    return pairs


def _near_identical(a: np.ndarray, b: np.ndarray) -> bool:
    """Most of the smaller paragraph's shingles are in the larger, and the sizes are close."""
    shared = len(np.intersect1d(a, b, assume_unique=True))
    smaller, larger = sorted((len(a), len(b)))
    return shared >= MIN_OVERLAP * smaller and smaller >= MIN_OVERLAP * larger
