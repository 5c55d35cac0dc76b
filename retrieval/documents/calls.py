"""The office a chair gives a speaker when calling them: "The leader of the Welsh Conservatives,
Tomos Pritchard." A parliament's record labels a member by name alone ("Tomos Pritchard:") and
says who they are only when the chair calls them; that office becomes the label's role, so that
"what did the leader of the Welsh Conservatives say" names them. Only for a speaker the labels
give no role, only an office with an office's word ("leader", "member", "minister" …), and only
when the document gives that person one such office.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .shapes import Label

__all__ = ["offices_called"]

_OFFICE_WORD = (
    r"(?:leader|member|minister|secretary|spokesperson|spokesman|spokeswoman|chair|chairman"
    r"|chairwoman|convener|whip|president|director|commissioner|governor|mayor|senator"
    r"|representative|delegate|counsel|agent)"
)
# What precedes ", Tomos Pritchard.": "The leader of the Welsh Conservatives" (searched only
# before a speaker's name after a comma, which one simple pass over the text finds).
_OFFICE_BEFORE = re.compile(
    rf"(?:^|[.!?:;]\s|\n)[Tt]he\s+(?P<office>(?:[\w’'-]+\s+){{0,3}}?{_OFFICE_WORD}"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|and|the)){{0,5}})?)$"
)
_NAME_AFTER_COMMA = re.compile(r", (?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2})[.!?]")
_BEFORE_CHARS = 120  # an office before a name is at most this long


def offices_called(text: str, labels: Sequence[Label]) -> list[Label]:
    """The labels, each named speaker without a role given the office the chair calls them by."""
    roleless = {lb.name for lb in labels if lb.kind == "named" and not lb.role}
    if not roleless:
        return list(labels)
    offices: dict[str, set[str]] = {}
    for called in _NAME_AFTER_COMMA.finditer(text):
        name = called["name"]
        if name not in roleless:
            continue
        at = called.start()
        m = _OFFICE_BEFORE.search(text, max(0, at - _BEFORE_CHARS), at)
        if m:
            offices.setdefault(name, set()).add(m["office"].strip())
    found = {name: next(iter(o)) for name, o in offices.items() if len(o) == 1}
    if not found:
        return list(labels)
    return [
        replace(lb, role=found[lb.name]) if lb.kind == "named" and lb.name in found else lb
        for lb in labels
    ]
