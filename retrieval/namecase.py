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
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from .shapes import Label, title_case

__all__ = ["document_casing"]


def _titled_words(lb: Label) -> list[str]:
    """The words of a label's name written in title case ("Mccain", "Obama"): the ones that may
    have come from capitals. A word already in mixed case ("McCain") is left as written."""
    return [
        w for w in lb.name.split() if len(w) >= 3 and w == title_case(w.upper()) and w != w.upper()
    ]


def _caps_run(form: str) -> bool:
    """Two capitals in a row: "McCAIN", "NATO" are capitals, not a mixed-case spelling."""
    return any(a.isupper() and b.isupper() for a, b in pairwise(form))


def _spellings(text: str, words: set[str]) -> dict[str, str]:
    """For each title-cased word, the document's preferred mixed-case spelling if it differs."""
    pattern = re.compile(
        r"(?<![\w'’-])(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")"
        r"(?![\w'’-])",
        re.IGNORECASE,
    )
    seen: dict[str, Counter[str]] = {}
    for m in pattern.finditer(text):
        form = m.group()
        if not form[:1].isupper() or _caps_run(form):
            continue  # lower case ("brown" the colour) or capitals ("MCCAIN", "McCAIN")
        seen.setdefault(form.casefold(), Counter())[form] += 1
    out: dict[str, str] = {}
    for word in words:
        forms = seen.get(word.casefold())
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
