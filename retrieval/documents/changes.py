"""Captions' speaker changes with no name: a line that opens with ">>" and no label after it.

Live captions (CART) and automatic captions mark each change of speaker with ">>" and name the
speaker only now and then (">> COUNCILMEMBER ORTIZ: …", then ">> THANK YOU, MAYOR. SO TONIGHT
…"). A bare ">>" is still a new voice: without a label of its own, its words would run on as the
turn of whoever was named last. Each becomes an anonymous voice's turn ("Unidentified speaker"),
unless its own words say who speaks ("MY NAME IS DOLORES FINCH", "I'm Priya Raman"): then that
person's. Only in a document that marks changes this way (MIN_CHANGES lines or more): a lone
">>" may be a quotation's mark in an e-mail.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ..model import Span
from .shapes import Label, title_case

__all__ = ["caption_changes"]

MIN_CHANGES = 3  # lines opening with ">>" a document needs before a bare one is a change
VOICE = "Unidentified speaker"
_CHANGE = re.compile(r"[ \t\u00a0]*>>[ \t\u00a0]*")
_NEXT_CHANGE = re.compile(r"\n[ \t\u00a0]*>>")
# The turn says who speaks: "MY NAME IS DOLORES FINCH", "my name is Anna Lee", "I'm Tom Baker".
_NAME_WORD = r"(?:[A-Z][a-z'’-]+|[A-Z][A-Z'’-]+)"
_SELF = re.compile(
    rf"\b(?:MY NAME IS|[Mm]y name is|I'M|I'm|I am|I AM)\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)
_NOT_NAME = frozenset(
    """AND I THE A AN SO BUT OF FROM ON IN AT WITH HERE THERE JUST NOT VERY REALLY GLAD HAPPY
    SORRY GOING HERE TO FOR A IT THAT THIS WORKING CALLING SPEAKING""".split()
)
_TITLES = frozenset("MR MS MRS DR MISS THANK".split())
_OPENING_CHARS = 160  # a turn says who speaks in its first words, or the one before in its last
# The turn before ends calling the next speaker, a sentence of its own: "… ITEM 7. MS. SZABO."
_CALL = re.compile(
    r"(?:^|[.?!:][ \t\u00a0\r\n]+)(?P<title>MR|MS|MRS|DR|Mr|Ms|Mrs|Dr)\.?[ \t\u00a0]+"
    r"(?P<surname>[A-Z][A-Za-z'’-]+)[.?!]?\s*$"
)


def caption_changes(text: str, spans: Sequence[Span], labels: Sequence[Label]) -> list[Label]:
    """A label for each line that opens with ">>" and has none, in a document of such lines."""
    if ">>" not in text:
        return []  # the usual document: no change marks, no pass over its lines
    changes = [(span, m) for span in spans if (m := _CHANGE.match(text, span.start, span.end))]
    if len(changes) < MIN_CHANGES:
        return []
    starts = sorted(lb.start for lb in labels)
    out = []
    for span, m in changes:
        if _labelled_at(starts, span.start, m.end()):
            continue  # ">> COUNCILMEMBER ORTIZ: …": labelled already
        if m.end() >= span.end:
            continue  # ">>" alone on its line: its words follow on the next
        opening = text[m.end() : m.end() + _OPENING_CHARS]
        opening = _NEXT_CHANGE.split(opening, maxsplit=1)[0]  # this turn's words, not the next's
        who = _says_who(opening) or _called(
            text, text[max(0, span.start - _OPENING_CHARS) : span.start], labels
        )
        if who:
            out.append(Label(span.start, m.end(), ">>", who, "", "named", "caption change, named"))
        else:
            out.append(Label(span.start, m.end(), ">>", VOICE, "", "anonymous", "caption change"))
    return out


def _labelled_at(starts: list[int], start: int, end: int) -> bool:
    """Whether a label begins between a line's start and the end of its ">>"."""
    i = bisect_left(starts, start)
    return i < len(starts) and starts[i] <= end


def _says_who(opening: str) -> str:
    """The name a turn gives itself in its first words, title-cased, or ""."""
    m = _SELF.search(opening)
    if not m:
        return ""
    words = [w for w in m.group("name").split() if w.upper() not in _NOT_NAME]
    if len(words) != len(m.group("name").split()) or len(words) < 2:
        return ""  # "I'm glad …", "MY NAME IS DOLORES AND …": no full name
    return " ".join(title_case(w) if w.isupper() else w for w in words)


def _called(text: str, before: str, labels: Sequence[Label]) -> str:
    """The person the turn before calls last ("… ITEM 7. MS. SZABO."): the full name the
    document gives that surname (in a label, or written out once), else title and surname."""
    m = _CALL.search(before)
    if not m:
        return ""
    surname = m.group("surname")
    names = {
        lb.name
        for lb in labels
        if lb.kind == "named" and lb.name.split()[-1].casefold() == surname.casefold()
    }
    if not names:
        names = {
            " ".join(title_case(w) if w.isupper() else w for w in f.group(0).split())
            for f in re.finditer(rf"\b[A-Z][A-Za-z'’-]+[ \t\u00a0]+{re.escape(surname)}\b", text)
            if f.group(0).split()[0].upper().rstrip(".") not in _TITLES
        }
    if len(names) == 1:
        return names.pop()
    return f"{title_case(m.group('title'))}. {title_case(surname)}" if not names else ""
