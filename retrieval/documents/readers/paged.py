"""Text with page breaks: `pdftotext` output, a transcript printed page by page.

A PDF's text layer saved as text (`pdftotext`, a transcription company's export) puts a form feed
between pages and keeps each page's running head and foot: "Ward 3 Community Town Hall   Page 2",
the date, "Page 3 of 24". Read as it is, those lines sit inside the turn they interrupt, and a
sentence running over the page break ("The fiscal year" / "2025 general fund budget …") is cut
in two passages. This reader writes the pages without their running heads and feet (the lines
among a page's first or last two that recur, numbers aside, on half the pages, or a bare page
number: the rule readers/lines.py applies to PDFs) and runs a page on into the next when its
last line ends no sentence. Everything else stays as printed; each page's number is its location.
A text whose lines are numbered in a margin from its first page is read by readers/numbered.py
instead; one whose cover has no numbers (a court's verbatim record: the cover, the bench and
counsel, then numbered pages) is read here, each numbered line written past its number and the
gutter after it, so that a quote running over lines carries no line number inside it.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from ...model import Location
from . import plain
from .base import Converted
from .lines import furniture, shape

FORMAT = "paged"
SUFFIXES = {".txt", ".text"}
MIN_PAGES = 2  # form feeds a text needs before it is read page by page
EDGE = 2  # a page's first and last lines searched for running heads and feet
_CLOSING = '.!?…:;"”’)]»'


def accepts(path: Path, head: bytes) -> bool:
    """A text file with a form feed in its head (the whole text is checked in convert)."""
    return path.suffix.lower() in SUFFIXES and b"\f" in head


def convert(path: Path, data: bytes) -> Converted:
    """The pages without their running heads and feet, a sentence cut by a page break whole
    again (see the module's note); fewer than MIN_PAGES pages: plain text."""
    read = plain.convert(path, data)
    pages = read.text.lstrip("\ufeff").replace("\r\n", "\n").split("\f")
    if len(pages) - 1 < MIN_PAGES:
        return read
    lines = [page.split("\n") for page in pages]
    drop = furniture([[x for x in page if x.strip()] for page in lines], EDGE)
    if not drop:
        return read
    lines = _past_margin(lines)
    written = _Written()
    waiting: tuple[int, list[str]] | None = None  # a page's footnotes, and that page
    for number, page in enumerate(lines, start=1):
        body, below = _footnotes(_without_furniture(page, drop))
        while body and not body[0].strip():
            body.pop(0)
        while body and not body[-1].strip():
            body.pop()
        if not body:
            continue
        if written.out:
            # A page whose last line ends no sentence runs on into the next page's first line.
            written.add("\n" if written.out[-1].rstrip()[-1:] not in _CLOSING else "\n\n")
        if waiting is not None:
            # The footnotes of the page before wait until the sentence running over the break
            # ends: between its two halves they would cut it in two passages.
            ends = next((i for i, x in enumerate(body) if x.rstrip()[-1:] in _CLOSING), None)
            if ends is not None:
                written.page(number, body[: ends + 1])
                written.add("\n\n")
                written.page(waiting[0], waiting[1])
                waiting, body = None, body[ends + 1 :]
                if not body:
                    continue
                written.add("\n\n")
        written.page(number, body)
        if below:
            if body[-1].rstrip()[-1:] in _CLOSING:
                written.add("\n\n")
                written.page(number, below)  # the page ends a sentence: its notes stay there
            else:
                waiting = (number, below)
    if waiting is not None:
        written.add("\n\n")
        written.page(waiting[0], waiting[1])
    out, locations = written.out, written.locations
    return Converted("".join(out) + "\n", FORMAT, tuple(locations))


class _Written:
    """The converted text as it is written, and the page of each stretch of it."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.locations: list[Location] = []
        self.length = 0

    def add(self, text: str) -> None:
        self.out.append(text)
        self.length += len(text)

    def page(self, number: int, lines: list[str]) -> None:
        """Lines of page `number`, located there."""
        if not self.locations or self.locations[-1].page != number:
            self.locations.append(Location(self.length, number))
        self.add("\n".join(lines))


_RULE = re.compile(r"^[ \t]*_{5,}[ \t]*$")  # the rule above a page's footnotes
NOTES_SHARE = 0.5  # footnotes begin in the lower half of a page's lines


def _footnotes(body: list[str]) -> tuple[list[str], list[str]]:
    """A page's lines parted at the rule above its footnotes: (the text, the footnotes); the
    footnotes with blank lines at either end dropped, or [] when the page has none."""
    rules = [i for i, x in enumerate(body) if _RULE.match(x) and i >= NOTES_SHARE * len(body)]
    if not rules:
        return body, []
    below = body[rules[-1] + 1 :]
    while below and not below[0].strip():
        below.pop(0)
    while below and not below[-1].strip():
        below.pop()
    return (body[: rules[-1]], below) if below else (body, [])


def _without_furniture(page: list[str], drop: set[str]) -> list[str]:
    """A page's lines less the running heads and feet among its first and last EDGE lines."""
    filled = [i for i, x in enumerate(page) if x.strip()]
    edges = set(filled[:EDGE] + filled[-EDGE:])
    return [x for i, x in enumerate(page) if not (i in edges and shape(x.strip()) in drop)]


_MARGIN = re.compile(r"^[ \t]*(\d{1,2})(?=[ \t]|$)")
MIN_NUMBERED = 5  # numbered lines a page has before its numbers are a margin …
NUMBERED_SHARE = 0.6  # … and this share of its lines (and of its steps, one up)


def _past_margin(pages: list[list[str]]) -> list[list[str]]:
    """Each page that numbers its lines in a margin (most of its lines, counting up by one)
    with every numbered line past its number and the gutter after it (the indent all those lines
    share, so that indented first lines still stand out); other pages as they are."""
    numbered = [_numbered(page) for page in pages]
    rests = [
        x[m.end() :]
        for page, n in zip(pages, numbered, strict=True)
        if n
        for x in page
        if (m := _MARGIN.match(x)) and x[m.end() :].strip()
    ]
    gutter = min((len(r) - len(r.lstrip(" \t")) for r in rests), default=0)
    return [
        [x[m.end() + gutter :] if n and (m := _MARGIN.match(x)) else x for x in page]
        for page, n in zip(pages, numbered, strict=True)
    ]


def _numbered(page: list[str]) -> bool:
    """Whether a page numbers its lines: MIN_NUMBERED of them or more, most of its lines, each
    number mostly one more than the last."""
    filled = [x for x in page if x.strip()]
    numbers = [int(m.group(1)) for x in filled if (m := _MARGIN.match(x))]
    if len(numbers) < MIN_NUMBERED or len(numbers) < NUMBERED_SHARE * len(filled):
        return False
    steps = sum(1 for a, b in pairwise(numbers) if b == a + 1)
    return steps >= NUMBERED_SHARE * (len(numbers) - 1)
