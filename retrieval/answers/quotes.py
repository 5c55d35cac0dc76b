"""Cut a quote from a passage: the whole paragraph, or for a long one its best run of sentences."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from ..tokenize import tokens

MAX_QUOTE_CHARS = 700
# A sentence ends at . ! ? or … (possibly followed by closing quotes or brackets) before a space.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s+\S)")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a paragraph; over-long ones split at spaces."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        out.append((start, match.end()))
        start = match.end() + (len(text[match.end() :]) - len(text[match.end() :].lstrip()))
    if start < len(text):
        out.append((start, len(text)))
    return [piece for s in out for piece in _split_long(text, *s)]


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence longer than half a quote, cut at spaces into pieces that fit."""
    limit = MAX_QUOTE_CHARS // 2
    pieces = []
    while end - start > limit:
        cut = text.rfind(" ", start, start + limit)
        if cut <= start:
            cut = start + limit
        pieces.append((start, cut))
        start = cut + 1 if text[cut : cut + 1] == " " else cut
    pieces.append((start, end))
    return pieces


def best_window(text: str, terms: set[str], idf: Callable[[str], float]) -> tuple[int, int]:
    """Offsets of the run of whole sentences (≤ MAX_QUOTE_CHARS) that covers the query best."""
    if len(text) <= MAX_QUOTE_CHARS:
        return 0, len(text)
    spans = sentences(text)
    found = [set(tokens(text[s:e])) & terms for s, e in spans]
    best, best_key = (0, 0), (-1.0, 0, 0)
    for i in range(len(spans)):
        covered: set[str] = set()
        hits = 0
        for j in range(i, len(spans)):
            if spans[j][1] - spans[i][0] > MAX_QUOTE_CHARS:
                break
            covered |= found[j]
            hits += len(found[j])
            # Most query information first, then most matching sentences, then the earliest start.
            key = (math.fsum(idf(t) for t in covered), hits, -i)  # exact: order-free
            if key > best_key:
                best, best_key = (i, j), key
    first, last = _widen(spans, *best)
    return spans[first][0], spans[last][1]


def _widen(spans: list[tuple[int, int]], first: int, last: int) -> tuple[int, int]:
    """Add neighbouring sentences, the one before first, while the quote still fits."""
    grown = True
    while grown:
        grown = False
        if first > 0 and spans[last][1] - spans[first - 1][0] <= MAX_QUOTE_CHARS:
            first, grown = first - 1, True
        if last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= MAX_QUOTE_CHARS:
            last, grown = last + 1, True
    return first, last
