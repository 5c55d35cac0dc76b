"""What every reader returns, and the helpers they share: text building, locations, decoding."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ...errors import CorpusError
from ...model import Location

PLAIN_FORMATS = ("text", "markdown")  # read as they are; every other format is converted
UNPUNCTUATED_WORDS = 100  # fewer sentence ends than one per this many words: unpunctuated
_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*(?=\s|$)")
_SPACE = re.compile(r"\s+")  # str patterns: \s also matches NO-BREAK SPACE and other Unicode spaces
_DECLARED = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._-]+)""", re.I)
# A line that opens with what looks like a speaker label (1-6 capitalised words, an optional
# bracketed place or role, a colon) or a Q/A marker: where a paragraph starts in printed text.
LABEL_START = re.compile(
    r"^(?:(?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w.'’-]*(?:\s*\([^)]{1,60}\))?:\s"
    r"|[QA][.:]\s)"
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Converted:
    """A document as text: paragraphs separated by one blank line, plus what its format told."""

    text: str
    format: str  # "text", "markdown", "html", "xml", "pdf-xml", "pdf", "srt", "vtt"
    locations: tuple[Location, ...] = ()  # ascending by start
    title: str = ""  # from the format's own metadata; "" when it has none
    date: str = ""
    warnings: tuple[str, ...] = ()  # what the reader could not read well, for the corpus report
    # Where paragraphs printed wholly in bold begin, ascending: the questions of an interview a
    # newspaper prints with no names ("<p><strong>Will you?</strong></p>"); see dialogue.py.
    emphasised: tuple[int, ...] = ()
    # Where the record's own narration begins, ascending: text the markup says nobody speaks
    # ("The House rose at 12:47."), which follows a speech without a label of its own, so the
    # parser would take it for more of that speech (see parsing.py).
    narration: tuple[int, ...] = ()
    # Speakers the format itself names (a WebVTT voice tag: "<v Announcer>"): labels naming
    # them are labels, however short ("Announcer:").
    speakers: tuple[str, ...] = ()

    @property
    def extracted(self) -> bool:
        """True when the text was converted from the file, not read from it as it is."""
        return self.format not in PLAIN_FORMATS


def unpunctuated(text: str) -> bool:
    """Whether a text of UNPUNCTUATED_WORDS words or more has fewer than one sentence end per
    that many words: automatic captions and raw speech-to-text, not written or edited speech
    (a sentence every 15-20 words)."""
    words = len(text.split())
    return (
        words >= UNPUNCTUATED_WORDS
        and len(_SENTENCE_END.findall(text)) * UNPUNCTUATED_WORDS < words
    )


def squash(text: str) -> str:
    """Runs of whitespace (line breaks, tabs, no-break spaces) as one space, ends trimmed.

    What a browser shows of markup text, and how a hard-wrapped paragraph is joined.
    """
    return _SPACE.sub(" ", text).strip()


class TextBuilder:
    """Collects paragraphs into one text, one blank line apart, noting where pages or cues begin."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._open = False  # a paragraph has been started and not ended
        self._start = 0  # where the text added last begins
        self.locations: list[Location] = []

    def paragraph(self, text: str, page: int | None = None, time: str = "") -> int:
        """Add one whole paragraph (whitespace squashed); an empty one is ignored.

        Returns where the paragraph begins in the text (-1 when it was empty)."""
        self.end()
        self.append(text, page, time)
        start = self._start if self._open else -1
        self.end()
        return start

    def append(self, text: str, page: int | None = None, time: str = "", glue: str = " ") -> None:
        """Continue the open paragraph (or start one) with `text`, joined by `glue`."""
        text = squash(text)
        if not text:
            return
        if self._open:
            self._add(glue)
        elif self._parts:
            self._add("\n\n")
        self._open = True
        self.mark(page, time)
        self._start = self._length
        self._add(text)

    def mark(self, page: int | None = None, time: str = "") -> None:
        """Note that the text from here on comes from this page or cue."""
        if page is None and not time:
            return
        last = self.locations[-1] if self.locations else None
        if last and (last.page, last.time) == (page, time):
            return
        if last and last.start == self._length:
            self.locations[-1] = Location(self._length, page, time)
        else:
            self.locations.append(Location(self._length, page, time))

    def end(self) -> None:
        """Close the open paragraph; the next text starts a new one."""
        self._open = False

    def reopen(self) -> None:
        """Continue the last paragraph: the next text joins it (a page break cut it in print)."""
        self._open = bool(self._parts)

    def _add(self, s: str) -> None:
        self._parts.append(s)
        self._length += len(s)

    def text(self) -> str:
        """The text so far, ending in a newline (empty if nothing was added)."""
        return "".join(self._parts) + "\n" if self._parts else ""


def decode_markup(data: bytes, fallback: str = "cp1252") -> str:
    """Text of HTML/XML bytes by BOM, XML declaration or meta charset, else UTF-8, else `fallback`.

    A CorpusError (one line) when a declared encoding is unknown or does not fit the bytes.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :] if codec == "utf-8" else data, codec)
    head = data[:4096]
    declared = _DECLARED.search(head) or _META_CHARSET.search(head)
    if declared:
        return _decode(data, declared.group(1).decode("ascii"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(data, fallback)


def _decode(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except LookupError:
        raise CorpusError(f"declares an unknown encoding {codec!r}; re-save it as UTF-8") from None
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"not valid {codec} text (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); re-save it as UTF-8"
        ) from None
