"""Find the same paragraph in several documents (a speech published alone and inside a transcript)."""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Sequence
from typing import cast

import numpy as np

from ..model import Passage
from ..tokenize import words

SHINGLE = 5  # words per shingle: long enough that shared shingles mean shared wording
MIN_OVERLAP = 0.8  # share of the shorter paragraph's shingles that the longer one must contain
# Candidates are paragraphs sharing one of their SKETCH smallest shingle hashes (bottom-k
# MinHash): a pair with Jaccard similarity J is missed with probability at most (1 - J)^SKETCH,
# about 1e-4 at the weakest overlap accepted here. It keeps memory linear in the corpus.
SKETCH = 8
# A shingle hash shared by more paragraphs than this is boilerplate ("I would like to thank"),
# not a duplicated paragraph; it proposes no candidates.
MAX_SHARED = 64
PRIME = np.uint64(1_000_003)


# Word -> CRC-32: the same in every process (str hashes are salted), looked up not recomputed.
_HASHES: dict[str, int] = {}
_MAX_HASHES = 500_000


def _word_hashes(ws: list[str]) -> list[int]:
    """The stable hash of each word."""
    found = list(map(_HASHES.get, ws))
    if None not in found:
        return cast("list[int]", found)  # every word's hash was known
    hashes = [
        zlib.crc32(w.encode("utf-8")) if h is None else h for w, h in zip(ws, found, strict=True)
    ]
    if len(_HASHES) < _MAX_HASHES:
        _HASHES.update(zip(ws, hashes, strict=True))
    return hashes


def shingles(text: str) -> np.ndarray:
    """Sorted unique hashes of every run of SHINGLE consecutive normalised words."""
    return word_shingles(words(text))


def word_shingles(ws: list[str]) -> np.ndarray:
    """shingles() of a text already split by words()."""
    ids = np.array(_word_hashes(ws), np.uint64)
    n = max(len(ids) - SHINGLE + 1, 1)
    h = np.zeros(n, np.uint64)
    for j in range(min(SHINGLE, len(ids))):
        h = h * PRIME + ids[j : j + n]  # wraps modulo 2**64, as a rolling hash should
    return np.unique(h)


Sketches = tuple[np.ndarray, np.ndarray]  # every sketch's hashes one after another, and how many


def sketches(sets: Sequence[np.ndarray]) -> Sketches:
    """The bottom-SKETCH hashes of each shingle set, packed into two flat arrays."""
    if not sets:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    cut = [s[:SKETCH] for s in sets]
    return np.concatenate(cut), np.array([len(s) for s in cut], np.int64)


def join_sketches(parts: Sequence[Sketches]) -> Sketches:
    """Packed sketches of consecutive runs of passages, as one."""
    if not parts:
        return sketches([])
    return np.concatenate([k for k, _ in parts]), np.concatenate([c for _, c in parts])


def duplicate_groups(
    passages: Sequence[Passage], sketched: Sketches | None = None
) -> dict[str, tuple[str, ...]]:
    """For each indexed passage, the ids of near-identical passages in other documents.

    `sketched`: the indexed passages' sketches in order, when the build computed them already
    (see build.py); only the candidates' full shingle sets are then computed here.
    """
    indexed = [p for p in passages if p.indexed]
    if sketched is None:
        sketched = sketches([shingles(p.text) for p in indexed])
    full: dict[int, np.ndarray] = {}

    def shingle_set(i: int) -> np.ndarray:
        if i not in full:
            full[i] = shingles(indexed[i].text)
        return full[i]

    groups: dict[str, set[str]] = defaultdict(set)
    for i, j in sorted(_candidate_pairs(*sketched)):
        a, b = indexed[i], indexed[j]
        if a.doc_id != b.doc_id and _near_identical(shingle_set(i), shingle_set(j)):
            groups[a.id].add(b.id)
            groups[b.id].add(a.id)
    return {pid: tuple(sorted(others)) for pid, others in groups.items()}


def _candidate_pairs(keys: np.ndarray, counts: np.ndarray) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose sketches share a hash."""
    if not len(keys):
        return set()
    rows = np.repeat(np.arange(len(counts)), counts)
    order = np.argsort(keys, kind="stable")
    keys, rows = keys[order], rows[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    shared = (ends - starts > 1) & (ends - starts <= MAX_SHARED)  # most hashes are in one sketch
    pairs: set[tuple[int, int]] = set()
    for a, b in zip(starts[shared].tolist(), ends[shared].tolist(), strict=True):
        members = sorted(set(rows[a:b].tolist()))
        pairs.update((x, y) for k, x in enumerate(members) for y in members[k + 1 :])
    return pairs


def _near_identical(a: np.ndarray, b: np.ndarray) -> bool:
    """Most of the smaller paragraph's shingles are in the larger, and the sizes are close."""
    shared = len(np.intersect1d(a, b, assume_unique=True))
    smaller, larger = sorted((len(a), len(b)))
    return shared >= MIN_OVERLAP * smaller and smaller >= MIN_OVERLAP * larger
