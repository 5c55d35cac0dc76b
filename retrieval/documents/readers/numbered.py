"""A court reporter's transcript as text: every line numbered in the margin, pages of 25 lines.

Depositions and hearing transcripts exported from their PDF print each page's lines numbered 1
to 25 in a left margin, with the reporting firm's name, its telephone number and "Page 5" on
lines of their own around them. Read as it is, a quote spanning two lines would carry the next
line's number inside it ("a cost 24  reduction program"), and a page's foot would cut the
answer running on over it. This reader writes the text as the page prints it without the
margin: each numbered line past its number (the indent past the gutter kept, so that "Q." and
"A." lines still open their paragraphs), the unnumbered lines of a page's head and foot left
out, and the pages run on one into the next. Each page's number is kept as its location: the
"Page 5" a head or foot gives, else the page's place in the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...model import Location
from ..parsing import numbered_lines
from . import plain
from .base import Converted

FORMAT = "numbered"
SUFFIXES = {".txt", ".text"}
MIN_LINES = 20  # numbered lines the head must hold …
_MARGIN = re.compile(r"^[ \t]*(\d{1,2})(?=[ \t]|$)")
_PAGE = re.compile(r"^[ \t]*(?:Page[ \t]+)?(\d{1,4})[ \t]*$", re.IGNORECASE)
PAGE_LINES = 10  # a line numbered 1 after one numbered this or more opens a new page


def accepts(path: Path, head: bytes) -> bool:
    """A text file whose head numbers nearly all its lines in a margin (checked whole later)."""
    if path.suffix.lower() not in SUFFIXES:
        return False
    lines = [ln for ln in head.decode("utf-8", "replace").splitlines()[:-1] if ln.strip()]
    numbered = sum(1 for ln in lines if _MARGIN.match(ln))
    return numbered >= MIN_LINES and numbered >= 0.6 * len(lines)


def convert(path: Path, data: bytes) -> Converted:
    """The text without its margin and page furniture (see the module's note); a text that is
    not numbered throughout after all is read as plain text."""
    read = plain.convert(path, data)
    text = read.text
    if not numbered_lines(text):
        return read
    numbered: list[tuple[int, str]] = []  # (page, the line past its number)
    page_numbers: dict[int, int] = {}  # page -> the number its head or foot prints
    page, last = 1, 0
    heads: bool | None = None  # whether "Page 5" lines head their pages (else they foot them)
    for raw in text.lstrip("\ufeff").split("\n"):  # not splitlines(): it ends lines at \f
        line = raw.replace("\f", "").rstrip("\r")
        if "\f" in raw and last:
            page, last = page + 1, 0  # a form feed: a new page, whatever its numbers
        m = _MARGIN.match(line)
        if not m:
            printed = _PAGE.match(line)
            if printed:
                if heads is None:
                    heads = not numbered
                ahead = heads and last >= PAGE_LINES  # the head of the page to come
                page_numbers.setdefault(page + ahead, int(printed.group(1)))
            continue  # the firm's name, its telephone, a running head: never text
        number = int(m.group(1))
        if number == 1 and last >= PAGE_LINES:
            page += 1
        last = number
        numbered.append((page, line[m.end() :].rstrip()))
    gutter = min(
        (len(rest) - len(rest.lstrip(" \t")) for _, rest in numbered if rest.strip()), default=0
    )
    out: list[str] = []
    locations: list[Location] = []
    length = 0
    for p, rest in numbered:
        shown = page_numbers.get(p, p)
        if not locations or locations[-1].page != shown:
            locations.append(Location(length, shown))
        line = rest[gutter:] if rest.strip() else ""
        out.append(line)
        length += len(line) + 1
    return Converted("\n".join(out) + "\n", FORMAT, tuple(locations))
