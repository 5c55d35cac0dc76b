"""The exchange around a short passage: the neighbouring turns that give it its topic.

In a hearing or a cross-examination the answer often lies in a short turn whose topic is in the
turns before it ("Q You testified in federal grand jury proceedings; right? A Yes. … Q August 13,
2018; does that sound right?"). The words of the preceding turns are search-only context for such
a passage: they count for it at reduced credit in the relevance check and the ranking, while the
quote stays the passage itself, verbatim. A short passage that follows a hit is considered too,
even if it shares no word with the question. Only a turn of one passage up to SHORT_CHARS long
gets context (a long paragraph carries its own topic; a paragraph of a speech is one of the
speaker's points), and only CONTEXT_CHARS of text before it is read. A long paragraph split
into windows for indexing (parsing.windows) is one paragraph still: each window takes its
neighbouring windows' words as context the same way. The first paragraph of a reply takes the
question put just before it (another speaker's turn ending in "?", CONTEXT_CHARS of it) the same
way, at more credit: in a debate or an interview the question names what the answer is about
("Mr. Vanocur asked …?" "Well, I would suggest …"). The question stays open across a short aside
between the asker and the replier (ASIDE_TURNS turns at most, no new question of the asker's):
"Who's pushing for DRM?" "Do you remember we talked about Audible?" "They didn't hear that part;
go on." "Well, Netflix …".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import numpy as np

from ..bounded import Bounded
from ..model import Passage, Span
from ..search.library import Library

SHORT_CHARS = 200  # a passage this short takes its topic from the exchange around it
CONTEXT_CHARS = 400  # characters of the preceding turns read as its context
FOLLOWERS_CHARS = 400  # … and of the following turns searched for a short answer after a hit
# A question stays open across a short aside between the asker and the replier: at most this
# many turns, each at most ASIDE_CHARS long, none a new question of the asker's.
ASIDE_TURNS = 2
ASIDE_CHARS = CONTEXT_CHARS
MAX_TURNS = 12  # at most this many turns either way (many one-word answers: "Yes.")


TURN_CACHE = 5_000  # turns whose passages are remembered (an index reads them from disk)


def is_short(passage: Passage) -> bool:
    """Whether a passage is short enough to take its topic from its neighbours."""
    return len(passage.text) <= SHORT_CHARS


class Exchanges:
    """The exchange around passages of one library, its turns read once and remembered."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._turns: Bounded[tuple[str, int], list[Passage]] = Bounded(TURN_CACHE)
        self._layouts: Bounded[tuple[str, int], list[tuple[str, Span, int]]] = Bounded(TURN_CACHE)

    def turn(self, doc_id: str, index: int) -> list[Passage]:
        """The passages of one turn, in order ([] past the document's ends)."""
        found = self._turns.get((doc_id, index))
        if found is None:
            found = self.library.turn_passages(doc_id, index) if index >= 0 else []
            self._turns.put((doc_id, index), found)
        return found

    def layout(self, doc_id: str, index: int) -> list[tuple[str, Span, int]]:
        """The (id, span, length) of each passage of one turn, in order, no text read: most
        candidates need only this to learn that they take no context."""
        found = self._layouts.get((doc_id, index))
        if found is None:
            found = self.library.turn_layout(doc_id, index) if index >= 0 else []
            self._layouts.put((doc_id, index), found)
        return found

    def is_exchange_turn(self, passage: Passage) -> bool:
        """A short passage that is a whole turn: one line of an exchange, not a paragraph of a
        speech (whose neighbours are the same speaker's other points)."""
        return is_short(passage) and len(self.layout(passage.doc_id, passage.turn_index)) == 1

    def _walk(self, passage: Passage, step: int) -> Iterator[Passage]:
        """The passages of the other turns before (step -1) or after (step 1) a whole-turn
        passage, nearest first, over at most MAX_TURNS turns."""
        for k in range(1, MAX_TURNS + 1):
            found = self.turn(passage.doc_id, passage.turn_index + step * k)
            if not found:
                return
            yield from (reversed(found) if step < 0 else found)

    def around(self, passage: Passage) -> tuple[list[Passage], list[Passage]]:
        """A passage's search-only context: the exchange before a short whole turn; else the
        neighbouring windows of a long paragraph split for indexing and, apart (it names what
        the reply is about, so it counts for more), the question put just before a reply's
        first paragraph."""
        if not self.library.may_take_context(passage):
            return [], []  # an index knows most passages take none (may_take_context below)
        before = self.context_before(passage)
        if before:
            return before, []
        return self.windows_around(passage), self.question_before(passage)

    def question_before(self, passage: Passage) -> list[Passage]:
        """The question put just before the first paragraph of a reply: the other speaker's
        turn before it, when that turn ends in a question mark (within CONTEXT_CHARS) — or
        before a short aside between the two of them (see aside_before)."""
        if passage.paragraph != 0 or passage.turn_index == 0:
            return []
        before = self.turn(passage.doc_id, passage.turn_index - 1)
        if not before or before[-1].speaker_id == passage.speaker_id:
            return []
        if not before[-1].text.rstrip().endswith("?"):
            before = self.aside_before(passage)
            if not before:
                return []
        return _within(reversed(before))

    def aside_before(self, passage: Passage) -> list[Passage]:
        """The turn asking the question a reply answers after an aside: up to ASIDE_TURNS short
        turns (ASIDE_CHARS each at most) by the replier and the asker alone stand between them,
        none a new question of the asker's — the replier may ask back ("Who's pushing for it?"
        "Do you remember we talked about Audible?" "They didn't hear that part; go on." "Well,
        Netflix are …"). [] when there is none, when the reply is no one's speech (a
        publisher's note) or itself asks (a new question)."""
        if self.library.speakers[passage.speaker_id].is_publisher:
            return []
        own = self.turn(passage.doc_id, passage.turn_index)
        if own and own[-1].text.rstrip().endswith("?"):
            return []
        between: set[str] = set()
        for k in range(1, ASIDE_TURNS + 2):
            before = self.turn(passage.doc_id, passage.turn_index - k)
            if not before:
                return []
            asker = before[-1].speaker_id
            if asker != passage.speaker_id and before[-1].text.rstrip().endswith("?"):
                return before if between <= {asker, passage.speaker_id} else []
            if k > ASIDE_TURNS or sum(len(p.text) for p in before) > ASIDE_CHARS:
                return []
            between.update(p.speaker_id for p in before)
        return []

    def windows_around(self, passage: Passage) -> list[Passage]:
        """The other windows of the same long paragraph (split for indexing; see
        parsing.windows): the window just before and just after, on the same line of text."""
        turn = self.layout(passage.doc_id, passage.turn_index)
        at: int | None = passage.paragraph  # a turn's passages are numbered from 0, in order
        if not (0 <= passage.paragraph < len(turn) and turn[passage.paragraph][0] == passage.id):
            at = next((i for i, (pid, _, _) in enumerate(turn) if pid == passage.id), None)
        if at is None:
            return []
        ids = []
        if at > 0 and turn[at - 1][1].line_end == passage.span.line_start:
            ids.append(turn[at - 1][0])
        if at + 1 < len(turn) and turn[at + 1][1].line_start == passage.span.line_end:
            ids.append(turn[at + 1][0])
        return [p for p in map(self._passage, ids) if p is not None]

    def _passage(self, passage_id: str) -> Passage | None:
        """A passage read when needed (None if its file changed since indexing)."""
        try:
            return self.library.passage(passage_id)
        except KeyError:
            return None

    def context_before(self, passage: Passage) -> list[Passage]:
        """The passages before a short whole turn within CONTEXT_CHARS, nearest first; [] for
        any other passage."""
        if not self.is_exchange_turn(passage):
            return []
        return _within(self._walk(passage, -1))

    def followers(self, passage: Passage) -> list[Passage]:
        """The short whole turns after a short whole turn, within FOLLOWERS_CHARS, nearest first
        ([] after any other passage: a speech is not an exchange)."""
        if not self.is_exchange_turn(passage):
            return []
        out: list[Passage] = []
        size = 0
        for p in self._walk(passage, 1):
            size += len(p.text)
            if size > FOLLOWERS_CHARS:
                break
            if p.indexed and self.is_exchange_turn(p):
                out.append(p)
        return out


def _within(passages: Iterable[Passage]) -> list[Passage]:
    """The passages in order until CONTEXT_CHARS of text are read (the one passing it too)."""
    out: list[Passage] = []
    size = 0
    for p in passages:
        out.append(p)
        size += len(p.text)
        if size >= CONTEXT_CHARS:
            break
    return out


def may_take_context(columns: Mapping[str, np.ndarray], asks: np.ndarray) -> np.ndarray:
    """Per row of a passage table (see table.py; rows in document, turn and paragraph order),
    whether Exchanges.around() of its passage may be anything but []: False only where the
    table alone shows it is [] (`asks`: whether each row's text ends in a question mark). An
    index stores it, so that most candidates of a question read no neighbouring turn.

    The conditions are around()'s, each taken wide: a short whole turn after the first (the
    exchange before it); a turn's first paragraph right after another speaker's turn which, or
    one of the ASIDE_TURNS turns before which, has a passage that asks (the question put before
    it, also across an aside); a window with a neighbouring window of the same
    turn on its first or last line (the other windows of its paragraph)."""
    n = len(asks)
    if not n:
        return np.zeros(0, np.bool_)
    doc, turn, speaker = columns["doc"], columns["turn"], columns["speaker"]
    new_turn = np.ones(n, np.bool_)
    new_turn[1:] = (doc[1:] != doc[:-1]) | (turn[1:] != turn[:-1])
    firsts = np.flatnonzero(new_turn)
    run = np.cumsum(new_turn) - 1
    size = np.diff(np.append(firsts, n))[run]
    short = columns["end"] - columns["start"] <= SHORT_CHARS
    maybe: np.ndarray = short & (size == 1) & (turn > 0)
    # Per turn: whether it, or one of the ASIDE_TURNS turns before it in its document, asks
    # (a reply takes the question put before a short aside too: aside_before).
    asked = np.logical_or.reduceat(asks, firsts)
    turn_doc = doc[firsts]
    recent = asked.copy()
    for k in range(1, ASIDE_TURNS + 1):
        recent[k:] |= asked[:-k] & (turn_doc[k:] == turn_doc[:-k])
    after = np.zeros(n, np.bool_)  # row i - 1 is in the turn just before row i's, which asks
    after[1:] = (
        (doc[1:] == doc[:-1])
        & (turn[1:] == turn[:-1] + 1)
        & (speaker[1:] != speaker[:-1])
        & recent[run[:-1]]
    )
    maybe |= (columns["para"] == 0) & (turn > 0) & after
    same = ~new_turn[1:]  # row i and row i + 1 are in one turn
    joined = same & (columns["line_end"][:-1] == columns["line_start"][1:])
    maybe[1:] |= joined  # a window whose previous window ends on its first line
    maybe[:-1] |= joined  # … and one whose next window starts on its last line
    return maybe
