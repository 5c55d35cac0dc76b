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
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path

from symspellpy import SymSpell, Verbosity

from ..tokenize import stem

MAX_TERMS = 10_000  # the most frequent index terms the speller knows: bounds start-up on any corpus
COMMON_WORDS = 20_000  # English words (4+ letters, most frequent first) a typo may be of …
COMMON_MIN_LENGTH = 5  # … when it has this many letters, one edit away …
COMMON_LEAD = 3.0  # … and that word is this many times more frequent than any other one edit away
_DICTIONARY = "frequency_dictionary_en_82_765.txt"
SEARCHES = 64  # words looked up in the list's text before it is parsed whole (see English)
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


class English(Mapping[str, int]):
    """The English word frequencies that ship with symspellpy (82,765 words), one "word count"
    line each. The table is parsed only when it is wanted whole (iterated, counted, or more than
    SEARCHES words looked up): parsing the 82,765 lines costs a process 55-100 ms, while a
    question that reads a handful of words finds each in the file's text (0.1-0.7 ms a word, the
    answer remembered). Either way a word maps to the count on its line, if it is alphabetic.
    """

    def __init__(self, text: str) -> None:
        self._text = "\n" + text  # every line, the first too, then starts with "\n"
        self._table: dict[str, int] | None = None
        self._found: dict[str, int | None] = {}  # words searched for: count, or None if absent
        self._lock = threading.Lock()

    def table(self) -> dict[str, int]:
        """Every alphabetic word with its count (parsed once)."""
        with self._lock:
            if self._table is None:
                out: dict[str, int] = {}
                for line in self._text.splitlines():
                    word, _, count = line.partition(" ")
                    if word.isalpha():
                        out[word] = int(count)
                self._table = out
            return self._table

    def count(self, word: str) -> int | None:
        """The word's count, or None if it is not an alphabetic word of the list."""
        table = self._table
        if table is not None:
            return table.get(word)
        if word in self._found:
            return self._found[word]
        if len(self._found) >= SEARCHES:
            return self.table().get(word)
        found = None
        if word.isalpha():  # no space, no line break: the line "word count" is found whole
            text = self._text
            at = text.find(f"\n{word} ")
            if at >= 0:
                start = at + len(word) + 2
                end = text.find("\n", start)
                found = int(text[start : end if end >= 0 else len(text)])
        self._found[word] = found
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.count(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self.count(word) if isinstance(word, str) else None
        if found is None:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.table())

    def __len__(self) -> int:
        return len(self.table())


@lru_cache(maxsize=1)
def english() -> English:
    """The English word frequencies that ship with symspellpy (see English)."""
    return English(dictionary_file().read_text(encoding="utf-8"))


def dictionary_file() -> Path:
    """symspellpy's English word list, the file english() reads."""
    return Path(str(resources.files("symspellpy") / _DICTIONARY))


@lru_cache(maxsize=1)
def _alphabetical() -> list[str]:
    return sorted(english().table())


def common_words(n: int, shortest: int = 3) -> list[str]:
    """The n commonest words of the English list of at least `shortest` letters, commonest first
    (ties alphabetically)."""
    ranked = sorted(english().table().items(), key=lambda item: (-item[1], item[0]))
    return [w for w, _ in ranked if len(w) >= shortest][:n]


def prepare_surface() -> None:
    """Sort the English word list surface() searches now: about 90 ms on the 2-core machine,
    which the first question needing a word outside the vocabulary's table waited for."""
    _alphabetical()


@lru_cache(maxsize=65536)
def surface(term: str) -> str:
    """A readable word for an index stem ("emergenc" -> "emergency"): the most frequent English
    word with that stem among those it begins (a stem's "i" may stand for "y": "countri")."""
    counts, ranked = english().table(), _alphabetical()
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
    counts = english().table()
    sym = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
    for word in common_words(COMMON_WORDS, shortest=4):
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


def near_common(word: str) -> bool:
    """Whether a word the corpus and the English list do not know is one edit from one of the
    COMMON_WORDS most frequent English words, however many ("shuting": "shutting", "shouting"):
    perhaps a typo, though of which word is not sure (common_word says when it is)."""
    if len(word) <= COMMON_MIN_LENGTH or not word.isalpha() or word in english():
        return False
    return bool(common_speller().lookup(word, Verbosity.CLOSEST, max_edit_distance=1))


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
