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

import re
from collections.abc import Iterable

from ..model import Speaker
from ..tokenize import STOP_WORDS, normalise, stem, words

QUALIFIER_WORDS = 3  # words before an office (or after its "for"/"of") that may qualify it

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
    # Words only: "Prime Minister, Lib." holds "minister" before its comma.
    role = " " + " ".join(words(speaker.role)) + " "
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
        holders = [sp for sp in people if holds(sp, phrases)]
        if holders:
            named = set(office.split())
            qualified, qualifier = _qualified(words, office, holders)
            named |= qualifier
            return tuple(sp.id for sp in qualified), named | {stem(w) for w in named}
    return None


def _role_words(speaker: Speaker) -> set[str]:
    """The stems of a speaker's role's content words ("energy", "climat", "kettering")."""
    return {stem(w) for w in re.findall(r"\w+", normalise(speaker.role)) if w not in STOP_WORDS}


def _qualified(
    words: list[str], office: str, holders: list[Speaker]
) -> tuple[list[Speaker], set[str]]:
    """The holders an office's qualifier picks out ("the *Energy* Minister", "the Minister for
    *Transport*" among several ministers), with the qualifying words; all holders when the
    question qualifies the office by nothing that one of their roles holds."""
    head = office.split()
    at = next((i for i in range(len(words)) if words[i : i + len(head)] == head), None)
    if at is None or len(holders) < 2:
        return holders, set()
    near = words[max(0, at - QUALIFIER_WORDS) : at]
    end = at + len(head)
    if words[end : end + 1] in (["for"], ["of"]):
        near += words[end + 1 : end + 1 + QUALIFIER_WORDS]
    near = [w for w in near if w not in STOP_WORDS and w not in OFFICE_TERMS]
    roles = {sp.id: _role_words(sp) for sp in holders}
    said = {w for w in near if any(stem(w) in r for r in roles.values())}
    picked = [sp for sp in holders if said and all(stem(w) in roles[sp.id] for w in said)]
    if not picked or len(picked) == len(holders):
        return holders, set()
    # "the Prime Minister" is not the Deputy Prime Minister, unless the question says "deputy".
    principal = [sp for sp in picked if not _subordinate(sp.role, said | set(words))]
    return principal or picked, said


# Words that make an office a lesser one when they stand before it ("Deputy Prime Minister").
SUBORDINATE = frozenset("deputy vice assistant associate shadow under junior acting".split())


def in_role(role: str, phrase: str) -> bool:
    """Whether a role (" words ") holds an office phrase as its holder, not as a lesser office
    ("deputy prime minister" holds no "prime minister")."""
    at = role.find(f" {phrase} ")
    while at >= 0:
        before = role[:at].split()[-1:]
        if not before or before[0] not in SUBORDINATE:
            return True
        at = role.find(f" {phrase} ", at + 1)
    return False


def _subordinate(role: str, asked: set[str]) -> bool:
    """Whether a role holds the office asked about only as a lesser one: a subordinating word
    right before the qualifier the question uses, the question itself not saying it."""
    ws = words(role)
    return any(
        ws[i] in SUBORDINATE and ws[i] not in asked and ws[i + 1] in asked
        for i in range(len(ws) - 1)
    )


def by_seat(
    words: list[str], speakers: Iterable[Speaker]
) -> tuple[tuple[str, ...], set[str]] | None:
    """The member a question names by seat ("the member for Kettering", "the hon. Member for
    Newport West"): the speakers whose role (a parliament's "Newport West, Lab") holds the
    words after "member for", as many of them as one role holds; with the words that named them."""
    if not any(
        words[i] in ("member", "members", "mp") and words[i + 1] == "for"
        for i in range(len(words) - 2)
    ):
        return None  # no seat named: the roles need not be read
    people = [sp for sp in speakers if not sp.is_publisher and not sp.anonymous and sp.role]
    roles = {sp.id: _role_words(sp) for sp in people}
    for i in range(len(words) - 2):
        if words[i] not in ("member", "members", "mp") or words[i + 1] != "for":
            continue
        seat: list[str] = []
        for w in words[i + 2 : i + 2 + QUALIFIER_WORDS + 1]:
            if w in STOP_WORDS:  # "the Isle of Wight", "Vik and Strand"
                continue
            if not any({*map(stem, seat), stem(w)} <= r for r in roles.values()):
                break
            seat.append(w)
        holders = tuple(sid for sid, r in roles.items() if seat and {*map(stem, seat)} <= r)
        if holders:
            named = {words[i], "for", *seat} | (
                {words[i - 1]} if words[i - 1 : i] == ["hon"] else set()
            )
            return holders, named | {stem(w) for w in named}
    return None
