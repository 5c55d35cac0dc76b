"""What answering and the bot read from a loaded corpus, whether held in memory or in an index."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..model import DocumentMeta, Location, Passage, Span, Speaker, location_at


@dataclass(frozen=True)
class Source:
    """A document as citations need it: its metadata, its file and what loading it noticed."""

    meta: DocumentMeta
    path: Path  # the file quotes are verbatim in (for a converted format, its extracted text)
    warnings: tuple[str, ...] = ()
    original: Path | None = None  # the file the text was extracted from, for converted formats
    format: str = "text"
    locations: tuple[Location, ...] = ()

    def location(self, offset: int) -> Location | None:
        """The page or cue time of a character offset of the text (None for plain text)."""
        return location_at(self.locations, offset)


class Library(Protocol):
    """The documents, speakers and passages of a corpus; every lookup the answer path needs."""

    # Read-only members (properties), so that a plain dict or a frozen field satisfies them.
    @property
    def directory(self) -> Path: ...

    @property
    def speakers(self) -> Mapping[str, Speaker]: ...

    @property
    def sources(self) -> Mapping[str, Source]: ...

    @property
    def duplicates(self) -> Mapping[str, tuple[str, ...]]:
        """Passage id -> the same paragraph in other documents."""
        ...

    @property
    def problems(self) -> tuple[str, ...]: ...

    @property
    def skipped(self) -> tuple[str, ...]:
        """Files that are not documents, one line each (see readers/skip.py)."""
        ...

    @property
    def passage_count(self) -> int:
        """How many passages (indexed or not) the corpus has."""
        ...

    @property
    def speaker_turns(self) -> Mapping[str, int]:
        """How many turns each speaker id has."""
        ...

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id; KeyError if there is none."""
        ...

    def said_with(self, speaker_ids: set[str]) -> dict[str, int]:
        """In the documents where any of `speaker_ids` speaks, the characters of passages each
        other speaker has there ("and the other guy?": who they face)."""
        ...

    def by_ref(self, ref: str) -> Passage | None:
        """The passage with this short reference (see Passage.ref), or None."""
        ...

    def turn_passages(self, doc_id: str, turn_index: int) -> list[Passage]:
        """The passages of one turn, in order."""
        ...

    def may_take_context(self, passage: Passage) -> bool:
        """False if the passage certainly takes no exchange context (exchange.py); an index
        knows it from its passage table, a corpus in memory says True."""
        ...

    def stored_terms(self, passage: Passage) -> list[str] | None:
        """The passage's index terms (tokenize.tokens of its text) if the library keeps them,
        else None (the caller tokenises the text)."""
        ...

    def turn_layout(self, doc_id: str, turn_index: int) -> list[tuple[str, Span, int]]:
        """Each passage of one turn as (id, span, length in characters), in order, without
        reading its text (an index answers from its passage table)."""
        ...
