"""Each indexed passage's terms, stored in the index generation when it is built.

The build computes every passage's index terms once (build.py); answering needs them again for
each candidate passage (the coverage check, the phrase bonus, the exchange context). Tokenising
fifty candidates per question was the largest cost of the answer path on a large archive, so
the build keeps them: one vocabulary of the generation's terms (`vocabulary.txt`, one term a
line, in order of first use), every indexed passage's term ids in order (`ids.npy`, uint16 when
the vocabulary allows, memory-mapped when answering) and how many ids each row of the passage
table has (`counts.npy`, in the narrowest unsigned dtype that holds them: a byte a row where the
positions, int64, took eight; where each row's ids start is summed from them when loading). A
passage that is not indexed has none stored (the answer path tokenises its text, as before).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TERMS_DIR = "terms"
_SMALL = 1 << 16  # a vocabulary this large or smaller numbers its terms in two bytes
_IDS, _COUNTS, _VOCABULARY = "ids.npy", "counts.npy", "vocabulary.txt"
_COUNT_DTYPES = (np.uint8, np.uint16, np.uint32, np.uint64)  # the first that holds every count


@dataclass(frozen=True)
class TermIds:
    """The terms of a run of passages: their ids in passage order, how many each passage has,
    and the vocabulary the ids number."""

    vocabulary: list[str]
    ids: np.ndarray  # int32, uint16 or uint32: each passage's term ids one after another
    counts: np.ndarray  # int64, per passage (0 for one not indexed)


def from_words(
    word_terms: list[str], which: np.ndarray, counts: np.ndarray, indexed: Sequence[bool]
) -> TermIds:
    """The term ids of passages whose words are given as `which` (per word, an index into
    `word_terms`, the term of each distinct word, "" for a stop word), `counts` words for each
    indexed passage in order; `indexed` says which passages of the run are indexed."""
    local: dict[str, int] = {}
    code = np.fromiter(
        (local.setdefault(t, len(local)) if t else -1 for t in word_terms),
        np.int32,
        len(word_terms),
    )
    per_word = code[which] if len(which) else np.zeros(0, np.int32)
    kept = per_word >= 0
    owner = np.repeat(np.arange(len(counts)), counts)
    per_indexed = np.bincount(owner[kept], minlength=len(counts)).astype(np.int64)
    return TermIds(list(local), per_word[kept], _spread(per_indexed, indexed))


def from_joined(joined: Sequence[str]) -> TermIds:
    """The term ids of passages given as their terms joined by spaces ("" if not indexed)."""
    local: dict[str, int] = {}
    split = [j.split() for j in joined]
    ids = [local.setdefault(t, len(local)) for ts in split for t in ts]
    return TermIds(
        list(local),
        np.array(ids, np.int32),
        np.fromiter(map(len, split), np.int64, len(split)),
    )


def _spread(per_indexed: np.ndarray, indexed: Sequence[bool]) -> np.ndarray:
    """Per passage of the run: the count of the indexed ones in order, 0 for the others."""
    mask = np.fromiter(indexed, np.bool_, len(indexed))
    out = np.zeros(len(mask), np.int64)
    out[mask] = per_indexed
    return out


class Joiner:
    """Joins the term ids of runs of passages, taken in order as they come (a worker's chunk at
    a time), into one vocabulary: each run's own vocabulary is dropped once its ids are mapped,
    and the ids are held in two bytes while the vocabulary allows, else four (a million passages
    hold some 45 million terms)."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self._ids: list[np.ndarray] = []
        self._counts: list[np.ndarray] = []

    def add(self, part: TermIds) -> None:
        """The next run's term ids."""
        mapping = np.fromiter(
            (self._index.setdefault(t, len(self._index)) for t in part.vocabulary),
            np.uint32,
            len(part.vocabulary),
        )
        # Two bytes an id while the vocabulary allows (a million passages: 90 MB, not 180 MB).
        dtype = np.uint16 if len(self._index) <= _SMALL else np.uint32
        self._ids.append((mapping[part.ids] if len(part.ids) else np.zeros(0)).astype(dtype))
        self._counts.append(part.counts)

    def joined(self) -> TermIds:
        """Every run's term ids, one after another (each run's copy freed as it is copied)."""
        dtype = np.uint16 if len(self._index) <= _SMALL else np.uint32
        ids = np.empty(sum(map(len, self._ids)), dtype)
        at = 0
        while self._ids:
            piece = self._ids.pop(0)
            ids[at : at + len(piece)] = piece
            at += len(piece)
        counts = np.concatenate(self._counts) if self._counts else np.zeros(0, np.int64)
        return TermIds(list(self._index), ids, counts)


def save_terms(terms: TermIds, directory: Path) -> None:
    """Write the term ids of every row of a passage table (in row order) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    dtype = np.uint16 if len(terms.vocabulary) <= _SMALL else np.uint32
    np.save(directory / _IDS, terms.ids.astype(dtype, copy=False))
    most = int(terms.counts.max()) if len(terms.counts) else 0
    narrow = next(t for t in _COUNT_DTYPES if most <= np.iinfo(t).max)
    np.save(directory / _COUNTS, terms.counts.astype(narrow))
    (directory / _VOCABULARY).write_text("\n".join(terms.vocabulary), encoding="utf-8")


class StoredTerms:
    """The term ids save_terms() wrote, read back: a row's terms without its text."""

    def __init__(self, directory: Path) -> None:
        # Memory-mapped as a plain array: its pages are read when used and the kernel may drop
        # them again; slicing a plain view costs what slicing any array costs.
        self._ids = np.load(directory / _IDS, mmap_mode="r").view(np.ndarray)
        counts = np.load(directory / _COUNTS)
        self._starts = np.zeros(len(counts) + 1, np.int64)
        np.cumsum(counts, out=self._starts[1:])
        text = (directory / _VOCABULARY).read_text(encoding="utf-8")
        self._vocabulary = text.split("\n") if text else []
        # The same strings as an object array: a row's words are gathered by numpy in one step
        # (8 µs against 15-20 µs for a 90-term row mapped word by word in Python).
        self._words = np.array(self._vocabulary, dtype=object)

    def __len__(self) -> int:
        """How many rows."""
        return len(self._starts) - 1

    def of(self, row: int) -> list[str]:
        """The terms of one row, in order (tokenize.tokens of its text if it is indexed)."""
        a, b = self._starts[row : row + 2].tolist()
        found: list[str] = self._words[self._ids[a:b]].tolist()
        return found
