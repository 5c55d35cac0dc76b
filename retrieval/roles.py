"""Offices named in other words: "the judge" is the speaker labelled `THE COURT`, "the Minister"
is whoever holds a ministerial office ("The Parliamentary Under-Secretary of State for …").

A small, general table of the offices of courtrooms, parliaments, hearings, debates and
briefings: the word a reader uses, and the phrases a transcript's labels or roles use for it. A
speaker holds an office when their role contains one of its phrases, or when their name is the
office itself (`The Court`, `The Clerk`, `Court Officer`, `The Acting President`). Several holders
are all named ("the Minister" in a debate where two ministers answer): the question is then about
any of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Speaker
from .tokenize import normalise, stem

_CHAIR = ("chair", "chairman", "chairwoman", "chairperson", "presiding officer", "speaker")
_COUNSEL = ("counsel", "attorney", "lawyer", "solicitor", "barrister")
_MINISTER = ("minister", "secretary of state", "under secretary", "parliamentary secretary")
_PRESS = ("press secretary", "spokesman", "spokeswoman", "spokesperson")
# The word a question uses -> phrases of a role or of a label naming that office.
OFFICES: dict[str, tuple[str, ...]] = {
    "judge": ("court", "judge", "justice", "magistrate"),
    "court": ("court", "judge"),
    "clerk": ("clerk",),
    "witness": ("witness", "deponent"),
    "prosecutor": ("prosecutor", "district attorney", "prosecution"),
    "counsel": _COUNSEL,
    "lawyer": _COUNSEL,
    "attorney": _COUNSEL,
    "minister": _MINISTER,
    "chair": _CHAIR,
    "chairman": _CHAIR,
    "chairwoman": _CHAIR,
    "moderator": ("moderator", "host", "anchor"),
    "host": ("host", "moderator", "presenter"),
    "interviewer": ("interviewer", "host", "moderator"),
    "press secretary": _PRESS,
    "spokesman": _PRESS,
    "spokeswoman": _PRESS,
    "spokesperson": _PRESS,
}

# The words (and stems) a reader names an office by: naming no one in particular.
OFFICE_TERMS = frozenset(f for office in OFFICES for w in office.split() for f in (w, stem(w))) - {
    "of",
    "for",
}


def holds(speaker: Speaker, phrases: Iterable[str]) -> bool:
    """Whether a speaker's role contains one of the phrases, or their name is the office."""
    role = " " + normalise(speaker.role).replace("-", " ") + " "
    name = normalise(speaker.name).replace("-", " ")
    name = name.removeprefix("the ")
    return any(f" {p} " in role or name == p or name.endswith(" " + p) for p in phrases)


def by_office(
    words: list[str], speakers: Iterable[Speaker]
) -> tuple[tuple[str, ...], set[str]] | None:
    """The speakers holding an office the question names ("the judge"), with the words (and
    their stems) that named it; None when it names no office a speaker holds."""
    text = " " + " ".join(words) + " "
    people = [sp for sp in speakers if not sp.is_publisher and not sp.anonymous]
    for office, phrases in OFFICES.items():
        if f" {office} " not in text:
            continue
        holders = tuple(sp.id for sp in people if holds(sp, phrases))
        if holders:
            named = set(office.split())
            return holders, named | {stem(w) for w in named}
    return None
