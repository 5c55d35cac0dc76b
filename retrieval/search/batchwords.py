"""The words of many texts at once, found and told apart with numpy instead of one match per word.

tokenize.words() normalises a text and returns the runs of its word characters. Here the texts of
a run of passages are normalised one by one as there, joined by a space, and turned into one
array of code points; a word character is looked up in a table (filled, for the few non-ASCII
code points present, by the very regex words() uses), words are where runs of them start and
end, and equal words are grouped by a 64-bit polynomial hash of their code points. Every
grouping is then checked character by character, so a hash collision can never merge two
different words: split() returns None instead and the caller takes the plain path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..tokenize import WORD_CHAR, word_text

_BASE = 0x9E3779B97F4A7C15  # odd, so invertible modulo 2**64
_INVERSE = pow(_BASE, -1, 2**64)
_LENGTH = np.uint64(0xC2B2AE3D27D4EB4F)  # mixes a word's length into its key
# In an ASCII text words() matches [a-z0-9]+; in any other text [^\W_]+, whose ASCII part is
# [A-Za-z0-9] (no upper-case letter survives normalise(), so both agree).
_ASCII_TEXT = np.zeros(256, np.bool_)
_ASCII_TEXT[np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789", np.uint8)] = True
_OTHER_TEXT = _ASCII_TEXT[:128].copy()
_OTHER_TEXT[np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", np.uint8)] = True


@dataclass(frozen=True)
class Words:
    """The words of a run of texts, as positions in their joined word text."""

    text: str  # each text as words() splits it (word_text), joined by single spaces
    starts: np.ndarray  # each word's first character in `text`, in order
    ends: np.ndarray  # and its past-last character
    counts: np.ndarray  # how many words each text has
    first: np.ndarray  # per distinct word (in key order), the index of one of its occurrences
    inverse: np.ndarray  # per word, which distinct word it is

    def distinct(self) -> list[str]:
        """The distinct words, in the order of `first`."""
        s, e = self.starts[self.first].tolist(), self.ends[self.first].tolist()
        return [self.text[a:b] for a, b in zip(s, e, strict=True)]


def split(texts: Sequence[str]) -> Words | None:
    """The words of `texts` (words() of each, in order); None in the unlikely event that two
    different words share a hash."""
    parts = [word_text(t) for t in texts]
    text = " ".join(parts)
    if text.isascii():
        points = np.frombuffer(text.encode("ascii"), np.uint8)
        wordy = _ASCII_TEXT[points]
    else:
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
        wordy = _word_characters(points)
    edges = np.diff(wordy.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    sizes = np.fromiter(map(len, parts), np.int64, len(parts)) + 1
    # A text's words are those starting from its first character to the next text's first.
    first_word = np.searchsorted(starts, np.cumsum(sizes) - sizes)
    counts = np.diff(first_word, append=len(starts)).astype(np.int64)
    keys = _keys(points, starts, ends)
    first, inverse = _groups(keys)
    if not _all_equal(points, starts, ends, first[inverse]):
        return None
    return Words(text, starts, ends, counts, first, inverse)


def _word_characters(points: np.ndarray) -> np.ndarray:
    """Whether each code point is a word character, by words()'s regex for a non-ASCII text."""
    wordy: np.ndarray = _OTHER_TEXT[np.minimum(points, 127)]
    wide = points >= 128
    if wide.any():
        codes = np.unique(points[wide])
        yes = codes[[WORD_CHAR.fullmatch(chr(c)) is not None for c in codes.tolist()]]
        wordy[wide] = np.isin(points[wide], yes)
    return wordy


_POWERS: list[np.ndarray] = []  # [BASE**i, BASE**-i] for i < some size, grown on demand


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**i and its inverse modulo 2**64 for i in 0..n-1 (cached)."""
    if not _POWERS or len(_POWERS[0]) < n:
        size = max(n, 2 * len(_POWERS[0]) if _POWERS else 1 << 20)
        up = np.cumprod(np.full(size, _BASE, np.uint64), dtype=np.uint64)  # wraps modulo 2**64
        down = np.cumprod(np.full(size, _INVERSE, np.uint64), dtype=np.uint64)
        one = np.ones(1, np.uint64)
        _POWERS[:] = [np.concatenate([one, up[:-1]]), np.concatenate([one, down[:-1]])]
    return _POWERS[0][:n], _POWERS[1][:n]


def _keys(points: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per word, sum(point[i] * BASE**(i - start)) modulo 2**64 plus its length mixed in:
    from one prefix sum over the text (a word's sum, times BASE**-start)."""
    up, down = _powers(len(points))
    prefix = np.zeros(len(points) + 1, np.uint64)
    np.cumsum(points.astype(np.uint64) * up, dtype=np.uint64, out=prefix[1:])
    keys: np.ndarray = (prefix[ends] - prefix[starts]) * down[starts]
    keys += (ends - starts).astype(np.uint64) * _LENGTH
    return keys


def _groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per distinct key (ascending), the index of one word with it; per word, its key's rank
    (np.unique's index and inverse, with an unstable sort: any occurrence will do)."""
    order = np.argsort(keys)
    ordered = keys[order]
    new = np.empty(len(keys), np.bool_)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    inverse = np.empty(len(keys), np.int64)
    inverse[order] = np.cumsum(new) - 1
    return order[new], inverse


def _all_equal(points: np.ndarray, starts: np.ndarray, ends: np.ndarray, same: np.ndarray) -> bool:
    """Whether every word has the same characters as word `same[k]`, the one its key matched."""
    lengths = ends - starts
    if not np.array_equal(lengths, lengths[same]):
        return False
    mine = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(
        int(lengths.sum())
    )
    theirs = mine + np.repeat(starts[same] - starts, lengths)
    return bool(np.array_equal(points[mine], points[theirs]))
