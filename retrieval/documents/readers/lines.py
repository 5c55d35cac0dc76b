"""Printed lines into paragraphs: shared by the PDF readers (text layer and pdftohtml XML)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .base import TextBuilder

_WORD_BREAK = re.compile(r"(\w+)-$")
_LEADING_WORD = re.compile(r"^(\w+)")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)


def furniture(pages: list[list[str]], edge: int = 2) -> set[str]:
    """Running heads and feet: short lines among the first or last `edge` of a page that recur
    (digits aside) on at least half the pages and end no sentence, and bare page numbers there."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({shape(x) for x in lines[:edge] + lines[-edge:]})
    threshold = max(2, len(pages) // 2)
    return {
        s
        for s, n in seen.items()
        if (n >= threshold and len(s.split()) <= 10 and not s.endswith((".", "?", "!")))
        or _PAGE_NUMBER.match(s.replace("#", "1"))
    }


def shape(line: str) -> str:
    """A line with its numbers masked, for comparing running heads across pages."""
    return _DIGITS.sub("#", " ".join(line.split()))


def join_lines(previous: str, line: str, words: set[str]) -> tuple[str, str]:
    """How to join `line` to a paragraph ending in `previous`: (text to append, glue).

    A word broken by a hyphen at a line end is rejoined without the hyphen when the document
    spells the whole word elsewhere; otherwise the hyphen stays and no space is added.
    """
    broken = _WORD_BREAK.search(previous)
    if broken:
        rest = _LEADING_WORD.match(line)
        if rest and rest.group(1)[0].islower():
            whole = (broken.group(1) + rest.group(1)).lower()
            if whole in words:
                return line, "\x00"  # caller removes the hyphen
        if rest:
            return line, ""  # "Non-" + "Proliferation": the hyphen stays, no space
    return line, " "


def vocabulary(lines: Iterable[str]) -> set[str]:
    """The lower-case words of a text, for join_lines."""
    return {w.lower() for line in lines for w in re.findall(r"\w+", line)}


class Paragraphs:
    """Printed lines gathered into paragraphs, each line remembering its page."""

    def __init__(self, words: set[str]) -> None:
        self.words = words
        self.done: list[list[tuple[str, int, str]]] = []  # (text, page, glue before it)
        self.open: list[tuple[str, int, str]] = []
        self.asides: list[list[tuple[str, int, str]]] = []  # written after the open paragraph

    def add(self, line: str, page: int, new_paragraph: bool) -> None:
        """Append a line, starting a new paragraph first if asked."""
        if new_paragraph:
            self.end()
        if not self.open:
            self.open.append((line, page, ""))
            return
        previous, previous_page, glue = self.open[-1]
        text, join = join_lines(previous, line, self.words)
        if join == "\x00":
            self.open[-1] = (previous[:-1], previous_page, glue)
            join = ""
        self.open.append((text, page, join))

    def aside(self, line: str, page: int, new_paragraph: bool) -> None:
        """A line outside the main flow (a footnote): kept, written after the open paragraph."""
        if new_paragraph or not self.asides:
            self.asides.append([])
        paragraph = self.asides[-1]
        if paragraph:
            text, join = join_lines(paragraph[-1][0], line, self.words)
            if join == "\x00":
                paragraph[-1] = (paragraph[-1][0][:-1], paragraph[-1][1], paragraph[-1][2])
                join = ""
            paragraph.append((text, page, join))
        else:
            paragraph.append((line, page, ""))

    def end(self) -> None:
        """Close the open paragraph (and write the asides that interrupted it)."""
        if self.open:
            self.done.append(self.open)
            self.open = []
        self.done += [a for a in self.asides if a]
        self.asides = []

    def write(self, builder: TextBuilder) -> None:
        """Every paragraph into `builder`, pages marked where they change."""
        self.end()
        for paragraph in self.done:
            builder.end()
            for text, page, glue in paragraph:
                builder.append(text, page=page, glue=glue)
        builder.end()
