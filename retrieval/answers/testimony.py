"""Questions put to a speaker: in Q/A testimony the exchange is the unit a reader quotes.

"When did the witness testify before the grand jury?" is answered by counsel's question and the
witness's short reply ("Q August 13, 2018; does that sound right? A Yes."): the facts are in the
question, the assent in the answer. So, for a question about a speaker, a short whole turn of
another speaker that asks (ends in "?"), directly followed by that speaker's short whole turn,
counts as the speaker's
passage, and is quoted as one unit from the start of the question to the end of the answer —
an exact substring of the document text, checked against both passages before it is used (a
file changed since it was indexed gives the question alone, never a wrong quote).

Failing that, what was put to the speaker may answer: a passage of a turn that ends in a question
just before one of theirs (a host introducing the guest: "So the keynote is titled … Why don't
you share a brief bit about that keynote?"), quoted as its own speaker's words, with a note.
"""

from __future__ import annotations

from collections.abc import Collection

from ..bounded import Bounded
from ..model import Passage, Span
from ..search.bm25 import Hit
from ..search.library import Library
from .exchange import Exchanges

TEXT_CACHE = 8  # documents whose text is kept for cutting exchanges


class Testimony:
    """Finds the questions put to speakers of one library and cuts the exchange quote."""

    def __init__(self, library: Library, exchanges: Exchanges) -> None:
        self.library = library
        self.exchanges = exchanges
        self._texts: Bounded[str, str] = Bounded(TEXT_CACHE)

    def answer_to(self, passage: Passage, speakers: Collection[str]) -> Passage | None:
        """The reply by one of `speakers` directly after a short whole turn of someone else that
        asks (ends in "?"), if that reply is a short whole turn too (the exchange of an
        examination); else None."""
        if passage.speaker_id in speakers or not self.exchanges.is_exchange_turn(passage):
            return None
        if not passage.text.rstrip().endswith("?"):
            return None  # a statement, not a question put to them
        after = self.exchanges.turn(passage.doc_id, passage.turn_index + 1)
        if len(after) != 1 or after[0].speaker_id not in speakers:
            return None
        return after[0] if self.exchanges.is_exchange_turn(after[0]) else None

    def said_to(self, passage: Passage, speakers: Collection[str]) -> bool:
        """Whether a passage is in another speaker's turn that ends in a question and comes
        directly before one of `speakers`' turns: what was put to them (a host introducing a
        guest and asking, a question put to a witness)."""
        if passage.speaker_id in speakers:
            return False
        after = self.exchanges.turn(passage.doc_id, passage.turn_index + 1)
        if not after or after[0].speaker_id not in speakers:
            return False
        own = self.exchanges.turn(passage.doc_id, passage.turn_index)
        return bool(own) and own[-1].text.rstrip().endswith("?")

    def put_to(self, hits: list[Hit], speakers: Collection[str]) -> list[tuple[Hit, Passage]]:
        """The hits that are questions put to one of `speakers`, each with its answer."""
        out = []
        for hit in hits:
            answer = self.answer_to(hit.passage, speakers)
            if answer is not None:
                out.append((hit, answer))
        return out

    def exchange(self, question: Passage, answer: Passage) -> tuple[str, Span] | None:
        """The text and file span from the start of the question to the end of the answer, or
        None when the document on disk no longer holds both passages where they were indexed."""
        source = self.library.sources.get(question.doc_id)
        if source is None:
            return None
        text = self._texts.get(question.doc_id)
        if text is None:
            try:
                text = source.path.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            self._texts.put(question.doc_id, text)
        q, a = question.span, answer.span
        if text[q.start : q.end] != question.text or text[a.start : a.end] != answer.text:
            return None
        return text[q.start : a.end], Span(q.start, a.end, q.line_start, a.line_end)
