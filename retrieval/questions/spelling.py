"""Spelling correction against the corpus's own vocabulary (symspellpy), and its surface words.

The index holds stems ("emergenc"); people type words ("emergancy"). Each indexed stem gets a
surface word: the most frequent English word with that stem, from the frequency dictionary that
ships inside symspellpy (or the stem itself, for names). A typed word the corpus never uses is
corrected to the corpus word nearest by edit distance, the most frequent among equals. Common
English words are never "corrected" into other words ("shut" is not a typo of "shot"); only their
British/American spelling variants are tried ("defense" -> "defence").
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from symspellpy import SymSpell, Verbosity

from ..tokenize import stem

MAX_TERMS = 10_000  # the most frequent index terms the speller knows: bounds start-up on any corpus
COMMON_WORDS = 20_000  # English words (4+ letters, most frequent first) a typo may be of …
COMMON_MIN_LENGTH = 5  # … when it has this many letters, one edit away …
COMMON_LEAD = 3.0  # … and that word is this many times more frequent than any other one edit away
_DICTIONARY = "frequency_dictionary_en_82_765.txt"
SURFACE_CANDIDATES = 60  # English words beginning with a stem that are tried for its surface
# (US, UK) spelling endings, tried both ways on a real English word the corpus never uses.
_VARIANTS = (
    ("or", "our"),
    ("ored", "oured"),
    ("oring", "ouring"),
    ("ors", "ours"),
    ("ense", "ence"),
    ("ize", "ise"),
    ("ized", "ised"),
    ("izing", "ising"),
    ("ization", "isation"),
    ("yze", "yse"),
    ("er", "re"),
    ("og", "ogue"),
    ("eled", "elled"),
    ("eling", "elling"),
)


@lru_cache(maxsize=1)
def english() -> dict[str, int]:
    """The English word frequencies that ship with symspellpy (82,765 words)."""
    text = (resources.files("symspellpy") / _DICTIONARY).read_text(encoding="utf-8")
    out: dict[str, int] = {}
    for line in text.splitlines():
        word, _, count = line.partition(" ")
        if word.isalpha():
            out[word] = int(count)
    return out


@lru_cache(maxsize=1)
def _alphabetical() -> list[str]:
    return sorted(english())


@lru_cache(maxsize=65536)
def surface(term: str) -> str:
    """A readable word for an index stem ("emergenc" -> "emergency"): the most frequent English
    word with that stem among those it begins (a stem's "i" may stand for "y": "countri")."""
    counts, ranked = english(), _alphabetical()
    best, best_count = term, -1
    for head in {term, term[:-1] + "y"} if term.endswith("i") else {term}:
        at = bisect_left(ranked, head)
        for word in ranked[at : at + SURFACE_CANDIDATES]:
            if not word.startswith(head):
                break
            if counts[word] > best_count and stem(word) == term:
                best, best_count = word, counts[word]
    return best


@lru_cache(maxsize=1)
def common_speller() -> SymSpell:
    """A speller over the COMMON_WORDS most frequent English words (built once, 0.3 s)."""
    counts = english()
    sym = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
    for word in sorted((w for w in counts if len(w) >= 4), key=lambda w: (-counts[w], w))[
        :COMMON_WORDS
    ]:
        sym.create_dictionary_entry(word, counts[word])
    return sym


def common_word(word: str) -> str:
    """The common English word a typed word misspells ("arested" -> "arrested"), or "".

    One edit from one of the COMMON_WORDS most frequent English words, which leads every other
    word one edit away (of another stem) by COMMON_LEAD times in frequency: "bordr" is "border"
    (not "borer"), while a rare name one edit from a rare word ("blinken") is no typo.
    """
    if len(word) < COMMON_MIN_LENGTH or not word.isalpha() or word in english():
        return ""
    found = common_speller().lookup(word, Verbosity.CLOSEST, max_edit_distance=1)
    if not found:
        return ""
    top = found[0]
    rivals = [f.count for f in found[1:] if stem(f.term) != stem(top.term)]
    return top.term if all(top.count >= COMMON_LEAD * c for c in rivals) else ""


class Speller:
    """Corrects typed words to index terms of one corpus."""

    def __init__(
        self,
        vocabulary: Iterable[tuple[str, int]] = (),
        entries: list[tuple[str, str, int]] | None = None,
    ) -> None:
        """`vocabulary`: (index term, passage count) pairs, most frequent first; or `entries`,
        the (word, term, count) dictionary entries of a Speller of that vocabulary (its
        `entries`, saved with the index: no English word list needed to rebuild it)."""
        if entries is None:
            entries = []
            seen: set[str] = set()
            for term, count in list(vocabulary)[:MAX_TERMS]:
                for key in {surface(term), term}:
                    if key not in seen and re.fullmatch(r"[^\W\d_]+", key):
                        seen.add(key)
                        entries.append((key, term, count))
        self.entries = entries
        self._term_of = {key: term for key, term, _ in entries}
        self.terms = frozenset(self._term_of.values())
        self._sym: SymSpell | None = None  # built on the first word that needs a lookup
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Build the lookup structure now rather than on the first word that needs it."""
        self._symspell()

    def _symspell(self) -> SymSpell:
        """The SymSpell dictionary of the entries, in their order (built once, when needed)."""
        with self._lock:
            if self._sym is None:
                sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
                for key, _, count in self.entries:
                    sym.create_dictionary_entry(key, count)
                self._sym = sym
            return self._sym

    def correct(self, word: str) -> str:
        """The index term a typed word most likely meant, or "" when none is close enough."""
        for us, uk in _VARIANTS:
            for a, b in ((us, uk), (uk, us)):
                if word.endswith(a):
                    variant = stem(word[: -len(a)] + b)
                    if variant in self.terms:
                        return variant
        if word in english():
            return ""
        if len(word) < 4 or not word.isalpha():
            return ""
        distance = 1 if len(word) < 6 else 2
        found = self._symspell().lookup(word, Verbosity.CLOSEST, max_edit_distance=distance)
        if not found:
            return ""
        # Among equally near words the most frequent wins; ties between several: not sure enough.
        top = found[0]
        rivals = [f for f in found if f.distance == top.distance and f.count == top.count]
        return self._term_of[top.term] if len(rivals) == 1 else ""
