"""Text with page breaks: `pdftotext` output, a transcript printed page by page.

A PDF's text layer saved as text (`pdftotext`, a transcription company's export) puts a form feed
between pages and keeps each page's running head and foot: "Ward 3 Community Town Hall   Page 2",
the date, "Page 3 of 24". Read as it is, those lines sit inside the turn they interrupt, and a
sentence running over the page break ("The fiscal year" / "2025 general fund budget …") is cut
in two passages. This reader writes the pages without their running heads and feet (the lines
among a page's first or last two that recur, numbers aside, on half the pages, or a bare page
number: the rule readers/lines.py applies to PDFs) and runs a page on into the next when its
last line ends no sentence. Everything else stays as printed; each page's number is its location.
A text whose lines are numbered in a margin is read by readers/numbered.py instead.
"""

from __future__ import annotations

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
    out: list[str] = []
    locations: list[Location] = []
    length = 0
    for number, page in enumerate(lines, start=1):
        body = _without_furniture(page, drop)
        while body and not body[0].strip():
            body.pop(0)
        while body and not body[-1].strip():
            body.pop()
        if not body:
            continue
        if out:
            # A page whose last line ends no sentence runs on into the next page's first line.
            glue = "\n" if out[-1].rstrip()[-1:] not in _CLOSING else "\n\n"
            out.append(glue)
            length += len(glue)
        locations.append(Location(length, number))
        chunk = "\n".join(body)
        out.append(chunk)
        length += len(chunk)
    return Converted("".join(out) + "\n", FORMAT, tuple(locations))


def _without_furniture(page: list[str], drop: set[str]) -> list[str]:
    """A page's lines less the running heads and feet among its first and last EDGE lines."""
    filled = [i for i, x in enumerate(page) if x.strip()]
    edges = set(filled[:EDGE] + filled[-EDGE:])
    return [x for i, x in enumerate(page) if not (i in edges and shape(x.strip()) in drop)]
