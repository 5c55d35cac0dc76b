"""Poppler's `pdftohtml -xml` output: one `<text>` per printed line, placed by its coordinates.

Lines are put in reading order (full-width lines, then the left column before the right one),
running heads and page numbers dropped, and joined into paragraphs at a first-line indent, a
larger gap, or a change between bold and plain lines (headings, speaker labels).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .base import Converted, TextBuilder, squash
from .lines import Paragraphs, furniture, shape, vocabulary
from .xmlspeech import parse_xml

FORMAT = "pdf-xml"
INDENT = 8  # points right of a column's usual left edge that make a first-line indent
MARGIN = 0.1  # running heads and feet lie in the outer tenth of the page
GAP = 0.7  # a gap above a line larger than this share of its height starts a paragraph
RIGHT_COLUMN = 0.1  # the share of lines starting right of the middle that makes two columns


@dataclass(frozen=True)
class _Line:
    page: int
    top: int
    left: int
    width: int
    height: int
    text: str
    bold: bool  # the whole line is bold
    bold_start: bool  # the line begins with bold text


def accepts(path: Path, head: bytes) -> bool:
    """A pdf2xml document (poppler's root element)."""
    return b"<pdf2xml" in head


def convert(path: Path, data: bytes) -> Converted:
    """The printed text as paragraphs, each line's page kept as its location."""
    root = parse_xml(data)
    pages = [_page_lines(page) for page in root.iter("page")]
    # Running heads and feet are the first and last lines of a page as printed, top to bottom
    # (pdftohtml may write a page's foot before its body).
    drop = furniture(
        [[x.text for x in sorted(lines, key=lambda x: (x.top, x.left))] for lines in pages]
    )
    words = vocabulary(line.text for lines in pages for line in lines)
    paragraphs = Paragraphs(words)
    body = Counter(x.height for lines in pages for x in lines).most_common(1)
    body_height = body[0][0] if body else 0
    previous: _Line | None = None
    previous_full = False
    aside: _Line | None = None
    heights = {
        int(p.get("number") or 0): float(p.get("height") or 0) or 1e9 for p in root.iter("page")
    }
    kept = [
        [x for x in lines if not _is_furniture(x, lines, drop, heights.get(x.page, 1e9))]
        for lines in pages
    ]
    columns = _two_columns(kept, root)
    for lines in kept:
        ordered = _reading_order(lines, root, columns)
        for line, base, full in ordered:
            if line.height < body_height - 1 and not line.bold:
                # Smaller print (a footnote, a note on the record) interrupts the flow of the
                # speech: it becomes paragraphs of its own after the one it interrupts.
                paragraphs.aside(line.text, line.page, _starts_paragraph(aside, line, base))
                aside = line
                continue
            # Running text never passes between a column and a row across the page (a masthead,
            # a title, a note): that change of layout ends a paragraph.
            paragraphs.add(
                line.text,
                line.page,
                _starts_paragraph(previous, line, base) or full != previous_full,
            )
            previous, previous_full = line, full
    builder = TextBuilder()
    paragraphs.write(builder)
    title = next((squash(line.text) for lines in pages for line in lines if line.bold), "")
    return Converted(builder.text(), FORMAT, tuple(builder.locations), title[:200])


def _page_lines(page: etree._Element) -> list[_Line]:
    number = int(page.get("number") or 0)
    out = []
    for el in page.iter("text"):
        text = squash(_unspaced("".join(el.itertext())))
        if not text:
            continue
        bold_text = squash(_unspaced("".join("".join(b.itertext()) for b in el.iter("b"))))
        first = el.text.strip() if el.text else ""
        starts_bold = not first and len(el) > 0 and el[0].tag == "b" and bool(bold_text)
        out.append(
            _Line(
                number,
                _int(el, "top"),
                _int(el, "left"),
                _int(el, "width"),
                _int(el, "height"),
                text,
                len(bold_text.replace(" ", "")) >= len(text.replace(" ", "")),
                starts_bold,
            )
        )
    return out


# Letter-spaced print ("F U N M I L A Y O   O Y E L A R A N:", a heading's or a label's
# emphasis): single letters one space apart, words three or more spaces apart.
_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?=[^\w]|$)")


def _unspaced(text: str) -> str:
    """Letter-spaced words written as words ("F U N M I L A Y O" -> "FUNMILAYO")."""
    if "  " not in text and not _SPACED.search(text):
        return text
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


def _int(el: etree._Element, name: str) -> int:
    try:
        return int(float(el.get(name) or 0))
    except ValueError:
        return 0


def _is_furniture(line: _Line, lines: list[_Line], drop: set[str], height: float) -> bool:
    """A running head, foot or page number: a recurring line at the top or bottom of its page
    (among its first or last two lines, and in the outer tenth of the page)."""
    if shape(line.text) not in drop:
        return False
    tops = sorted(x.top for x in lines)
    at_edge = line.top <= tops[min(1, len(tops) - 1)] or line.top >= tops[max(0, len(tops) - 2)]
    return at_edge and (
        line.top < MARGIN * height or line.top + line.height > (1 - MARGIN) * height
    )


def _two_columns(pages: list[list[_Line]], root: etree._Element) -> bool:
    """Whether a document is set in two columns: RIGHT_COLUMN of its lines or more start right
    of their page's middle (a date or a page number there now and then is no column)."""
    lines = [x for page in pages for x in page]
    middles = {number: _page_width(root, number) / 2 for number in {x.page for x in lines}}
    right = sum(1 for x in lines if x.left > middles[x.page])
    return bool(lines) and right >= RIGHT_COLUMN * len(lines)


def _reading_order(
    lines: list[_Line], root: etree._Element, columns: bool = True
) -> list[tuple[_Line, int, bool]]:
    """Lines in reading order, each with the usual left edge of its column and whether it
    crosses the middle of the page.

    Pieces printed on one row are joined first; a row that crosses the middle of the page is
    read whole, and between such rows the left column is read before the right one.
    """
    if not lines:
        return []
    middle = _page_width(root, lines[0].page) / 2
    if not columns:
        # One column: a short line (a paragraph's last) is no column of its own.
        base = _base(lines)
        return [(x, base, True) for row in _rows(lines) for x in [_merge(row)]]
    out: list[tuple[_Line, int]] = []
    band: list[list[_Line]] = [[], []]

    def flush() -> None:
        for column in band:
            base = _base(column)
            out.extend((x, base) for x in sorted(column, key=lambda x: x.top))
            column.clear()

    full: list[_Line] = []
    for row in _rows(lines):
        if any(x.left < middle - 5 and x.left + x.width > middle + 5 for x in row):
            flush()
            line = _merge(row)
            full.append(line)
            out.append((line, -1))
            continue
        left = [x for x in row if x.left + x.width <= middle + 5]
        right = [x for x in row if x.left + x.width > middle + 5]
        for column, parts in zip(band, (left, right), strict=True):
            if parts:
                column.append(_merge(parts))
    flush()
    full_base = _base(full)
    return [(x, full_base if base == -1 else base, base == -1) for x, base in out]


def _rows(lines: list[_Line]) -> list[list[_Line]]:
    """Lines grouped by printed row, each row left to right: pieces whose heights overlap by at
    least half the smaller one share a row (a large initial "A" and its "/60/PV.25")."""
    rows: list[list[_Line]] = []
    for line in sorted(lines, key=lambda x: (x.top, x.left)):
        if rows and _same_row(rows[-1], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda x: x.left) for row in rows]


def _same_row(row: list[_Line], line: _Line) -> bool:
    """Whether a line's vertical extent overlaps the row's by half of the smaller height."""
    top = min(x.top for x in row)
    bottom = max(x.top + x.height for x in row)
    overlap = min(bottom, line.top + line.height) - max(top, line.top)
    return overlap >= 0.5 * min(bottom - top, line.height) and overlap > 0


def _merge(parts: list[_Line]) -> _Line:
    """Pieces of one printed line as one line; touching pieces ("25" "th") join without a space."""
    first = parts[0]
    text, right = first.text, first.left + first.width
    for part in parts[1:]:
        text += ("" if part.left - right < 2 else " ") + part.text
        right = part.left + part.width
    return _Line(
        first.page,
        min(x.top for x in parts),
        first.left,
        right - first.left,
        max(x.height for x in parts),
        text,
        all(x.bold for x in parts),
        first.bold_start,
    )


def _base(lines: list[_Line]) -> int:
    """The most common left edge of some lines (their column's margin)."""
    return Counter(x.left for x in lines).most_common(1)[0][0] if lines else 0


def _page_width(root: etree._Element, number: int) -> float:
    for page in root.iter("page"):
        if int(page.get("number") or 0) == number:
            return float(page.get("width") or 0) or 1e9
    return 1e9


def _open(text: str) -> bool:
    """Whether a line stops inside something it opened: a bracket not closed, or a comma."""
    return text.count("(") > text.count(")") or text.endswith(",")


def _starts_paragraph(previous: _Line | None, line: _Line, base: int) -> bool:
    if previous is None:
        return True
    if previous.bold and line.bold_start and _open(previous.text):
        # A bold label wrapped over two lines ("Mr. Desmond Aucoin (President and Chief
        # Executive Officer," / "Northern Shore Rail): Thank you"): one paragraph, one label.
        return False
    if line.bold != previous.bold:
        return True
    if line.left > base + INDENT and not (
        previous.page == line.page and abs(line.left - previous.left) <= 2
    ):
        return True  # a first-line indent; lines of an indented block share theirs
    if line.bold_start and not previous.bold:
        return True
    same_place = line.page == previous.page and abs(line.left - previous.left) <= 3 * INDENT
    return same_place and line.top - (previous.top + previous.height) > GAP * line.height
