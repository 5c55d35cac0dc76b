"""Which speakers a question's words name, from tables built once per corpus.

query.parse_query used to compare every word of every question with every name of every speaker
(spelling-tolerant, with difflib): ~0.6 ms a question against 60 speakers, growing with the
archive. The same decisions come from a few lookups here: a speaker is named by a word when the
word is spelling-close to one of the speaker's surnames (each distinct surname compared once per
distinct word, remembered), by a publisher's one-word alias, or by its role (every title word
present, and the place or its acronym). The result is exactly query._named_speakers' (a test
compares both on every speaker and many words).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from difflib import SequenceMatcher

from ..bounded import Bounded
from ..documents.speakers import CONNECTORS, name_words, same_person
from ..model import Speaker
from .query import _same_stem

WORD_CACHE = 50_000  # words whose surname matches are remembered
MIN_NAME_CHARS = 3  # a shorter word never names a speaker by surname


class SpeakerLookup:
    """The speakers of one corpus, indexed by the words that can name them."""

    def __init__(self, speakers: Iterable[Speaker]) -> None:
        self.speakers = list(speakers)
        self._by_surname: dict[str, list[int]] = {}  # surname -> speakers (persons) holding it
        self._given: list[frozenset[str]] = []  # given names of each speaker
        self._aliases: dict[str, list[int]] = {}  # a publisher's one-word name -> publishers
        self._roles: list[tuple[int, frozenset[str], tuple[str, ...], str, list[str]]] = []
        for i, sp in enumerate(self.speakers):
            names = (sp.name, *sp.aliases)
            if sp.is_publisher:
                for n in names:
                    if len(name_words(n)) == 1:
                        self._aliases.setdefault(name_words(n)[0], []).append(i)
                self._given.append(frozenset())
                continue
            for n in names:
                if name_words(n):
                    surnames = self._by_surname.setdefault(name_words(n)[-1], [])
                    if i not in surnames:
                        surnames.append(i)
            self._given.append(frozenset(w for n in names for w in name_words(n)[:-1]))
            if sp.role:
                title, _, place = sp.role.partition(" of ")
                title_words = tuple(title.strip().lower().split())
                place_words = [w for w in place.split() if w.lower() not in CONNECTORS]
                acronym = "".join(w[0] for w in place_words if w[0].isupper()).lower()
                self._roles.append(
                    (
                        i,
                        frozenset(title_words),
                        title_words,
                        acronym,
                        [w.lower() for w in place_words],
                    )
                )
        self._by_length: dict[int, list[str]] = {}  # surnames by length (see _surnames_near)
        for surname in self._by_surname:
            self._by_length.setdefault(len(surname), []).append(surname)
        self._words: Bounded[str, frozenset[int]] = Bounded(WORD_CACHE)
        self._matchers: dict[str, SequenceMatcher[str]] = {}
        self._lock = threading.Lock()

    def _named_by(self, word: str) -> frozenset[int]:
        """The persons whose surname the word spells (spelling-tolerant), remembered."""
        found = self._words.get(word)
        if found is None:
            if name_words(word) == (word,):
                with self._lock:  # the matchers are reused: one word at a time
                    found = frozenset(
                        i
                        for surname in self._surnames_near(word)
                        if self._close(word, surname)
                        for i in self._by_surname[surname]
                    )
            else:  # not a bare word (never from tokenize.words): the general comparison
                found = frozenset(
                    i
                    for i, sp in enumerate(self.speakers)
                    if not sp.is_publisher
                    and any(same_person(word, n) for n in (sp.name, *sp.aliases))
                )
            self._words.put(word, found)
        return found

    def named(self, ws: list[str]) -> dict[str, tuple[int, tuple[int, ...]]]:
        """Speakers the question's words name, each with (first position, positions of the
        naming words), in the corpus's speaker order: query._named_speakers' result."""
        by_name: dict[int, list[int]] = {}
        for pos, w in enumerate(ws):
            for i in self._aliases.get(w, ()):
                by_name.setdefault(i, []).append(pos)
            if len(w) >= MIN_NAME_CHARS:
                for i in self._named_by(w):
                    by_name.setdefault(i, []).append(pos)
        by_role: dict[int, list[int]] = {}
        present = set(ws)
        for i, title_set, title_words, acronym, place_words in self._roles:
            if i in by_name or not title_set <= present:
                continue
            positions = _role_positions(ws, title_words, acronym, place_words)
            if positions:
                by_role[i] = positions
        found: dict[str, tuple[int, tuple[int, ...]]] = {}
        for i in sorted(by_name.keys() | by_role.keys()):
            if i in by_name:
                hits = by_name[i]
                given = self._given[i]
                extra = [p for p, w in enumerate(ws) if w in given]
                positions = sorted(set(hits + extra))
            else:
                positions = by_role[i]
            found[self.speakers[i].id] = (min(positions), tuple(sorted(positions)))
        return found

    def _surnames_near(self, word: str) -> list[str]:
        """The surnames _close() may accept for `word` (it still decides): the word itself, and
        those whose length can pass its length bound (both at least 5 letters, 2·min/sum ≥ 0.8,
        i.e. from 2/3 to 3/2 of the word's; a letter wider either way)."""
        out = [word] if word in self._by_surname else []
        la = len(word)
        if la >= 5:
            for lb in range(max(5, 2 * la // 3 - 1), 3 * la // 2 + 2):
                out += [s for s in self._by_length.get(lb, ()) if s != word]
        return out

    def _close(self, word: str, surname: str) -> bool:
        """speakers._similar(word, surname): the length bound (difflib's real_quick_ratio)
        first, then one SequenceMatcher per surname, reused for every word (difflib indexes
        its second sequence once; a new matcher per pair did it again each time)."""
        if word == surname:
            return True
        la, lb = len(word), len(surname)
        if min(la, lb) < 5 or 2.0 * min(la, lb) / (la + lb) < 0.8:
            return False
        matcher = self._matchers.get(surname)
        if matcher is None:
            matcher = self._matchers[surname] = SequenceMatcher(None, "", surname)
        matcher.set_seq1(word)
        return matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


def _role_positions(
    ws: list[str], title_words: tuple[str, ...], acronym: str, place_words: list[str]
) -> list[int]:
    """query._role_positions once its title words are known to be present."""
    title_pos = [ws.index(t) for t in title_words]
    for i, w in enumerate(ws):
        if (len(acronym) >= 3 and w == acronym) or any(_same_stem(w, p) for p in place_words):
            return [*title_pos, i]
    return []
