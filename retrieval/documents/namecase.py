"""A name read from an ALL-CAPS label, spelled as the document itself spells it.

"MCCAIN:" title-cased is "Mccain"; the document's own prose writes "Senator McCain". A name word
that came from capitals takes the mixed-case spelling the document uses most for that word (a
capital first letter, lower case after each inner capital: "McCain", "DeSantis", "O'Brien"),
when that spelling is not rarer than the plain title-cased one. Nothing comes from a list: a
word the document never writes in mixed case keeps today's title case ("Obama").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

from .shapes import Label, title_case

__all__ = ["document_casing"]


def _titled_words(lb: Label) -> tuple[str, ...]:
    """The words of a label's name title-cased from capitals in the label as written ("MCCAIN"
    shown as "Mccain"). A label written in mixed case ("Senator McCain:") keeps its spelling."""
    return _titled(lb.raw, lb.name)


@lru_cache(maxsize=65536)
def _titled(raw: str, name: str) -> tuple[str, ...]:
    """_titled_words() of a label's raw text and name (cached: each speaker's label recurs)."""
    if not _caps_run(raw):
        return ()  # no capitals in the label: nothing was title-cased (most labels; no scan)
    caps = {p for p in re.split(r"[^\w'’-]+", raw) if p.isupper()}
    return tuple(w for w in name.split() if w.upper() in caps and w == title_case(w.upper()))


def _caps_run(form: str) -> bool:
    """Two capitals in a row: "McCAIN", "NATO" are capitals, not a mixed-case spelling."""
    return any(a.isupper() and b.isupper() for a, b in pairwise(form))


def _forms(text: str, lowered: str, word: str) -> Iterator[str]:
    """Each whole-word occurrence of `word` in `text`, in any case, as written there. `lowered`
    is text.lower() of the same length (a pass of C string search per word, no regex)."""
    needle = word.lower()
    at = lowered.find(needle)
    while at != -1:
        end = at + len(needle)
        before = text[at - 1 : at] if at else ""
        after = text[end : end + 1]
        if not _joins(before) and not _joins(after):
            yield text[at:end]
        at = lowered.find(needle, end)


def _joins(char: str) -> bool:
    """Whether a character next to a match makes it part of a longer word."""
    return bool(char) and (char.isalnum() or char in "_'’-")


def _spellings(text: str, words: set[str]) -> dict[str, str]:
    """For each title-cased word, the document's preferred mixed-case spelling if it differs."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): positions shift
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    out: dict[str, str] = {}
    for word in words:
        forms: Counter[str] = Counter(
            form
            for form in _forms(text, lowered, word)
            # lower case ("brown" the colour) or capitals ("MCCAIN", "McCAIN") are no spelling
            if form[:1].isupper() and not _caps_run(form)
        )
        if not forms:
            continue
        best, n = max(forms.items(), key=lambda kv: (kv[1], kv[0] == word))
        if best != word and n >= forms.get(word, 0):
            out[word] = best
    return out


def document_casing(text: str, labels: Sequence[Label]) -> list[Label]:
    """The labels with each title-cased name word spelled as the document spells it."""
    words = {w for lb in labels if lb.name for w in _titled_words(lb)}
    if not words:
        return list(labels)
    spelled = _spellings(text, words)
    if not spelled:
        return list(labels)
    out = []
    for lb in labels:
        titled = set(_titled_words(lb)) if lb.name else set()
        if titled & spelled.keys():
            name = " ".join(spelled.get(w, w) if w in titled else w for w in lb.name.split())
            lb = replace(lb, name=name)
        out.append(lb)
    return out
