"""Value objects of the retrieval core: documents, speakers, turns, passages, quotes and answers."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("transcript", "speech", "press-release", "article")


@dataclass(frozen=True)
class Span:
    """A contiguous region of a source file: character offsets and 1-based inclusive lines."""

    start: int  # offset of the first character in the decoded file text
    end: int  # offset one past the last character
    line_start: int
    line_end: int


@dataclass(frozen=True)
class Location:
    """Where in an original file the extracted text from offset `start` on comes from."""

    start: int  # character offset in the extracted text
    page: int | None = None  # 1-based page of a PDF
    time: str = ""  # start of a subtitle cue, as the file writes it, e.g. "00:01:23.450"


def location_at(locations: tuple[Location, ...], offset: int) -> Location | None:
    """The location in force at a character offset of an extracted text, if any."""
    i = bisect.bisect_right([loc.start for loc in locations], offset) - 1
    return locations[i] if i >= 0 else None


@dataclass(frozen=True)
class Speaker:
    """A person (or, for prose, a publisher) to whom passages are attributed."""

    id: str  # stable slug, e.g. "vladimir-putin"
    name: str  # canonical display name, e.g. "Vladimir Putin"
    role: str = ""  # e.g. "President of Russia"; empty when unknown
    is_publisher: bool = False  # prose attributed to the outlet that published it
    aliases: tuple[str, ...] = ()  # other spellings seen in labels or the manifest
    anonymous: bool = False  # a voice nobody names ("Q", "Question", "VOICE"): turns, no person


@dataclass(frozen=True)
class DocumentMeta:
    """What is known about one document, from the manifest or inferred from the file."""

    id: str
    title: str
    kind: str
    source: str = ""
    date: str = ""
    url: str = ""
    speaker: str = ""  # for a speech without labels: the person speaking
    language: str = ""  # ISO 639-1 code ("en", "ru"): the manifest's, else detected from the text


@dataclass(frozen=True)
class Document:
    """A loaded source file with its metadata and the exact text the quotes are taken from."""

    meta: DocumentMeta
    path: Path  # the file `text` is in: the document itself, or its extracted text when written
    text: str
    warnings: tuple[str, ...] = ()
    format: str = (
        "text"  # see retrieval/documents/readers: "text", "markdown", "html", "pdf", "vtt", …
    )
    original: Path | None = None  # the file the text was extracted from; None for text files
    locations: tuple[Location, ...] = ()  # pages or cue times of the extracted text


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted contribution in a document."""

    doc_id: str
    index: int  # 0-based position among the document's turns
    speaker_id: str
    span: Span


@dataclass(frozen=True)
class Passage:
    """A paragraph of a turn: the unit that is indexed and quoted."""

    id: str  # "<doc id>:<turn>.<paragraph>", stable while the file is unchanged
    doc_id: str
    turn_index: int
    paragraph: int  # 0-based position within the turn
    speaker_id: str
    span: Span
    text: str  # exactly document.text[span.start:span.end]
    indexed: bool = True  # False for salutations and one-line courtesies with no content

    @property
    def ref(self) -> str:
        """A short id safe in links and button data; see passage_ref()."""
        return passage_ref(self.id)


def passage_ref(passage_id: str) -> str:
    """ "<doc id>:<turn>.<paragraph>" as [0-9a-f_] of at most 30 characters, stable per document."""
    doc_id, _, position = passage_id.rpartition(":")
    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8]
    return f"{digest}_{position.replace('.', '_')}"


@dataclass(frozen=True)
class Citation:
    """Where a quote stands: the document, the file and the lines.

    `path` is the file the quote is verbatim in; for a converted format (HTML, PDF, subtitles…)
    that is the extracted text, and `original` the file it came from, with its page or cue time.
    """

    doc_id: str
    path: Path
    span: Span
    passage_id: str
    original: Path | None = None
    page: int | None = None
    time: str = ""


@dataclass(frozen=True)
class Quote:
    """A verbatim span of a source file with its speaker and every place it appears."""

    text: str
    speaker: Speaker
    document: DocumentMeta
    citation: Citation
    score: float
    also_in: tuple[Citation, ...] = ()
    terms: tuple[str, ...] = ()  # query terms (stems) found in the quote, for highlighting
    # A question and its short reply quoted as one unit: the named person who asked (the quote
    # is the reply's speaker's answer; its first words are the asker's). None otherwise, and for
    # an unnamed asker ("Q"), whose marker the quote itself shows.
    asked_by: Speaker | None = None


@dataclass(frozen=True)
class Answer:
    """The reply to one question: quotes best first, or none with the reason why."""

    question: str
    quotes: tuple[Quote, ...] = ()
    problem: str = ""  # set when the question itself was unusable (empty, too long, …)
    speaker_filter: str = ""  # the speaker the question named, if any
    notes: tuple[str, ...] = field(default=())
    # Not a direct answer: the passages nearest the question when no quote is confident enough,
    # or, after fewer confident quotes than asked for, the next nearest ones.
    closest: tuple[Quote, ...] = ()
    # The question as it was read (a follow-up completed from the previous one); a chat stores it
    # and hands it back as `previous` with its next question.
    read_as: str = ""

    @property
    def abstained(self) -> bool:
        """True when nothing in the documents answers the question (closest passages aside)."""
        return not self.quotes
