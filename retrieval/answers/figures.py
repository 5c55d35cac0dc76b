"""Figures across sources: when a question asks for a number or a date and the quoted sources
state different ones, set them side by side, each with its citation.

A quote's figure is the first number or date in it that stands within a few words of one of the
question's terms ("2,030 *troops*", "*declared* … until 19 January"). The figures are quoted
verbatim from the quotes; nothing is computed or rounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Quote
from ..tokenize import tokens

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
# A date ("7 January", "January 7, 2022") or a number ("2,030", "1.5", "150-strong" -> 150).
FIGURE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\b"
)
# A date only: for "when" questions ("4." numbering a paragraph is no date).
DATE = re.compile(rf"\b(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}|{_MONTH}|(?:19|20)\d{{2}})\b")
# A day of a month ("13 August", "August 13, 2018"): what "what date" and "which day" ask for.
DAY = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)\b"
)
NEAR = 6  # words between a figure and a question term
_WORD = re.compile(r"[^\W_]+")


def figure_in(text: str, terms: Iterable[str], pattern: re.Pattern[str] = FIGURE) -> str:
    """The first figure in `text` within NEAR words of a question term (verbatim), or "";
    `pattern` narrows what counts as a figure (a date only, an amount in words too)."""
    wanted = set(terms)
    return next((figure for figure, near in figures_near(text, pattern) if near & wanted), "")


def figures_near(text: str, pattern: re.Pattern[str] = FIGURE) -> list[tuple[str, frozenset[str]]]:
    """Each figure in `text` (verbatim, in order) with the terms of the NEAR words either side
    of it: what figure_in() looks for, whatever the question's terms."""
    found = []
    for match in pattern.finditer(text):
        if _numbering(text, match):
            continue  # "14. The peacekeepers …": the paragraph's number, not a figure
        before = text[max(0, match.start() - 80) : match.start()]
        after = text[match.end() : match.end() + 80]
        around = _WORD.findall(before)[-NEAR:] + _WORD.findall(after)[:NEAR]
        found.append((match.group(), frozenset(tokens(" ".join(around)))))
    return found


def stated(text: str, pattern: re.Pattern[str] = FIGURE) -> str:
    """The first figure anywhere in `text` (verbatim; a list number aside), or "": in a short
    turn of an exchange the whole turn is about the topic its context names ("Q August 13,
    2018; does that sound right?" after questions about the grand jury)."""
    for match in pattern.finditer(text):
        if not _numbering(text, match):
            return match.group()
    return ""


def _numbering(text: str, match: re.Match[str]) -> bool:
    """Whether a number opens a line as its list number ("14. ", "3) ")."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    return (
        not text[line_start : match.start()].strip()
        and re.match(r"[.)]\s", text[match.end() : match.end() + 2]) is not None
    )


def _value(figure: str) -> str:
    """A figure's value for comparison: "2,030" and "2030" are one figure."""
    return re.sub(r"(?<=\d),(?=\d{3})", "", figure).casefold()


def side_by_side(quotes: Sequence[Quote], terms: Iterable[str]) -> str:
    """A note setting out the quotes' differing figures with their citations, or "" if they agree.

    Only quotes from different documents are compared; a source is listed once, with its first
    figure.
    """
    terms = tuple(terms)
    found: list[tuple[str, Quote]] = []
    docs: set[str] = set()
    for quote in quotes:
        if quote.citation.doc_id in docs:
            continue
        figure = figure_in(quote.text, terms)
        if figure:
            found.append((figure, quote))
            docs.add(quote.citation.doc_id)
    if len(found) < 2 or len({_value(f) for f, _ in found}) < 2:
        return ""
    parts = [
        f"{figure} \u2014 {quote.speaker.name}, {quote.document.title or quote.document.id}, "
        f"{_lines(quote)}"
        for figure, quote in found
    ]
    return "The sources give different figures: " + "; ".join(parts) + "."


def _lines(quote: Quote) -> str:
    span = quote.citation.span
    if span.line_start == span.line_end:
        return f"line {span.line_start}"
    return f"lines {span.line_start}\u2013{span.line_end}"
