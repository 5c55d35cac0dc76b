"""Numbered voices named by what the transcript itself says: "Speaker 1", "Speaker 2".

A Rev, Otter or Zoom transcript labels its speakers "Speaker 1 (00:00:04):", and the words name
them: the host says "I'm your host, Nadia Ferreira", turns to a guest by name ("Caleb, let's
start with the big picture.", "… what do you think, Luisa?") and the guest thanks the host by name
("Thanks, Nadia."). A voice takes a name when those signs agree:
- its own first turn introduces it ("I'm Nadia Ferreira", "my name is …", "this is …");
- a turn that opens or ends by addressing someone is followed by that someone's turn;
- a turn that opens by thanking someone by name follows that someone's turn.
A given name alone becomes the one full name the document writes it in ("Caleb" → "Caleb
Honaker", from "Dr. Caleb Honaker is a hydrologist …"). Nothing is named when two names are
voted for one voice, or one name for two voices: the label then stays "Speaker 2".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..tokenize import STOP_WORDS
from .shapes import Label

_NAME = r"[A-Z][a-z'’-]+"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a space, or a line's end in hard-wrapped text
_FULL = rf"{_NAME}(?:{_GAP}{_NAME}){{1,2}}"
# "I'm your host, Nadia Ferreira", "my name is Anna Lee", "this is Tom Baker"
_SELF = re.compile(
    rf"\b(?:I'm|I am|my name is|this is)[ \t]+(?:your host,?[ \t]+|[Dd]r\.?[ \t]+)?(?P<name>{_FULL})"
)
# "Caleb, let's start …" (the turn addresses whoever speaks next)
_OPENS = re.compile(rf"^(?:(?:So|Okay|OK|And|Now|Well),?[ \t]+)?(?P<name>{_NAME}),[ \t]")
# "… what do you think, Luisa?" (the turn ends addressing whoever speaks next)
_ENDS = re.compile(rf",[ \t]+(?P<name>{_NAME})\?\s*$")
# "Thanks, Nadia." (the turn thanks whoever spoke before)
_THANKS = re.compile(rf"^(?:Thanks|Thank you)(?: so much)?,[ \t]+(?P<name>{_NAME})\b")
_NOT_NAMES = frozenset(
    """Yes No Well Sure Right Okay So And But Now Thanks Thank Look Again Honestly Great Mr Mrs Ms
    Miss Dr Sir Madam Chair Chairman Chairwoman President Senator Minister Judge Doctor Professor
    Everyone Everybody Guys Folks""".split()
)


def named_voices(text: str, labels: Sequence[Label]) -> list[Label]:
    """The labels, each numbered voice ("Speaker 2") given the name the transcript gives it."""
    voices = [lb for lb in labels if lb.shape == "numbered voice"]
    if len({lb.name for lb in voices}) < 2:
        return list(labels)
    turns = _turns(text, labels)
    votes: dict[str, Counter[str]] = {}
    first_turn: dict[str, str] = {}
    for i, (lb, words) in enumerate(turns):
        first_turn.setdefault(lb.name, words)
        after = turns[i + 1][0] if i + 1 < len(turns) else None
        before = turns[i - 1][0] if i else None
        for pattern, other in ((_OPENS, after), (_ENDS, after), (_THANKS, before)):
            m = pattern.search(words)
            if m and other is not None and other.name != lb.name and m["name"] not in _NOT_NAMES:
                votes.setdefault(other.name, Counter())[m["name"]] += 1
    for voice, words in first_turn.items():
        m = _SELF.search(words[:300])
        if m:
            votes.setdefault(voice, Counter())[m["name"]] += 2
    numbered = {lb.name for lb in voices}
    chosen: dict[str, str] = {}
    for voice, counted in votes.items():
        given = {name.split()[0] for name in counted}
        if voice not in numbered or len(given) != 1:
            continue  # no name, or two names for one voice
        fullest = " ".join(max(counted, key=lambda n: (len(n.split()), counted[n])).split())
        name = fullest if " " in fullest else _full_name(text, fullest)
        if " " in name:  # a name the document writes in full, not a stray "Listen,"
            chosen[voice] = name
    uses = Counter(name.split()[0] for name in chosen.values())
    chosen = {v: n for v, n in chosen.items() if uses[n.split()[0]] == 1}  # one name, one voice
    return [
        replace(lb, name=chosen[lb.name], kind="named", role="")
        if lb.shape == "numbered voice" and lb.name in chosen
        else lb
        for lb in labels
    ]


def _turns(text: str, labels: Sequence[Label]) -> list[tuple[Label, str]]:
    """Each labelled turn with its words, in order."""
    ordered = sorted(labels, key=lambda lb: lb.start)
    ends = [lb.start for lb in ordered[1:]] + [len(text)] if ordered else []
    return [
        (lb, text[lb.end : end].strip())
        for lb, end in zip(ordered, ends, strict=True)
        if lb.kind in ("named", "anonymous")
    ]


def _full_name(text: str, name: str) -> str:
    """A name as the document writes it in full: the one full name starting with a given name
    ("Caleb" → "Caleb Honaker"); the name itself when there is none, or several."""
    found = {
        " ".join(f.split())
        for f in re.findall(rf"\b{re.escape(name)}{_GAP}{_NAME}(?:[ \t]+{_NAME})?\b", text)
    }
    found = {f for f in found if f.split()[1] not in _NOT_NAMES}
    shortest = {" ".join(f.split()[:2]) for f in found}
    return shortest.pop() if len(shortest) == 1 else name


# A reporter naming themselves and their outlet as their question opens: "Thank you, Stéphane.
# Hiroko Tanabe, Nippon Daily. …", "Hi, Dan Ross with Reuters.", "Анна Белова, ТАСС."
_UPPER = "(?=[A-ZÀ-ÞА-ЯЁ])"
_WORD = r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*"
_OUTLET_WORD = rf"{_UPPER}[\w&'’-]*(?:\.[\w&'’-]+)*"  # "Reuters", "U.S", "CBS-News"
# … and what an outlet's name ends with in lower case: "Khabar 24 TV channel", "Kazinform news
# agency", "телеканал"
_MEDIA = (
    r"(?:TV|television|channel|news|agency|newspaper|radio|station|magazine|daily|weekly|"
    r"network|service|телеканал|агентство|газета|радио)"
)
_ASKER = re.compile(
    rf"(?:(?:Thank you|Thanks|Hi|Hello|Yes|Good (?:morning|afternoon|evening)|Спасибо|Здравствуйте)"
    rf"(?:,?[ \t]+{_UPPER}{_WORD})?[.,!][ \t]+)?"
    rf"(?:(?:I'm|I am|This is|It's|Меня зовут)[ \t]+)?"
    rf"(?P<name>{_UPPER}{_WORD}(?:[ \t]+{_UPPER}{_WORD}){{1,2}}),?[ \t]+"
    rf"(?:(?:from|with|of)[ \t]+)?(?P<outlet>(?:the[ \t]+)?{_OUTLET_WORD}"
    rf"(?:[ \t]+(?:{_OUTLET_WORD}|\d{{1,3}}|{_MEDIA})){{0,4}})[.,]"
)
_ASKER_VOICES = frozenset({"question", "q", "reporter", "questioner", "вопрос", "журналист"})


def askers_named(text: str, labels: Sequence[Label], not_names: frozenset[str]) -> list[Label]:
    """The labels, each anonymous question ("Question:", "Q:") whose speech opens with the
    reporter's own name and outlet given that reporter's name, the outlet their role;
    `not_names` are words no name starts with (titles, offices: "Secretary Blinken, …")."""
    out = []
    for lb in labels:
        voice = (lb.name or lb.raw).casefold()
        if lb.kind == "anonymous" and voice in _ASKER_VOICES:
            m = _ASKER.match(text, lb.end, min(len(text), lb.end + 200))
            first = m["name"].split()[0] if m else ""
            if (
                m
                and first.lower() not in not_names
                and first.lower() not in STOP_WORDS
                and (first not in _NOT_NAMES)
            ):  # "On North Korea, …", "So Jane, …" open no name
                lb = replace(lb, name=m["name"], role=m["outlet"], kind="named")
        if lb.kind == "anonymous":
            # A voice from the floor that says who it is ("AUDIENCE QUESTION: Hi. My name is
            # Linda Farrow.", "CALLER: Yes, hi, my name's Dave Okoro"): that person, this once.
            said = _MY_NAME.search(text, lb.end, min(len(text), lb.end + _MY_NAME_CHARS))
            if said:
                kept = [w for w in voice.split() if w not in _ASKER_VOICES]
                role = " ".join(kept) or "questioner"  # "audience question": the audience
                lb = replace(lb, name=said["name"], role=role, kind="named")
        out.append(lb)
    return out


_MY_NAME = re.compile(
    rf"\b(?:[Mm]y name is|[Mm]y name's|[Mm]y name’s|Меня зовут)[ \t]+(?P<name>{_FULL})\b"
)
_MY_NAME_CHARS = 120  # a voice says who it is as it begins


# Offices a programme's labels name instead of the person ("PRESENTER:", "HOST:").
_PRESENTING = frozenset({"presenter", "host", "moderator", "interviewer", "anchor"})


def presenters_named(text: str, labels: Sequence[Label]) -> list[Label]:
    """The labels, a presenter's ("PRESENTER:", "Host:") given the name their first turn
    introduces them by ("… I'm Claire Ashby."), the office their role; only when that first turn
    introduces one person."""
    if not any(lb.name.casefold().removeprefix("the ") in _PRESENTING for lb in labels):
        return list(labels)  # most documents: no presenter's office among the labels
    first: dict[str, str] = {}
    for lb, words in _turns(text, labels):
        office = lb.name.casefold().removeprefix("the ")
        if lb.kind == "named" and not lb.role and office in _PRESENTING:
            first.setdefault(office, words[:600])
    names: dict[str, str] = {}
    for office, words in first.items():
        found = {m["name"] for m in _SELF.finditer(words) if m["name"].split()[0] not in _NOT_NAMES}
        if len(found) == 1:
            names[office] = " ".join(found.pop().split())
    if not names:
        return list(labels)
    out = []
    for lb in labels:
        office = lb.name.casefold().removeprefix("the ")
        if lb.kind == "named" and not lb.role and office in names:
            lb = replace(lb, name=names[office], role=lb.name.removeprefix("The ").title())
        out.append(lb)
    return out


def given_names_in_full(text: str, labels: Sequence[Label]) -> list[Label]:
    """The labels, each that names a speaker by one given name ("JESS:", "Ruth:") given the one
    full name the document writes it in ("I'm Jess Okafor", "our guest is Dr. Ruth Abernathy").
    An office ("HOST:", "CHAIR:") is no given name; a name the document writes with two
    surnames, or one another label already is, stays as it is."""
    singles = {
        lb.name
        for lb in labels
        if lb.kind == "named"
        and len(lb.name.split()) == 1
        and lb.name[:1].isupper()
        and lb.name[1:].islower()
        and lb.name.lower() not in _OFFICES
        and "honorific" not in lb.shape  # "Mr. Dorofeyev": a surname, not a given name
        and "brackets" not in lb.shape
        and not lb.role  # "Halvorsen, The President": an office's holder, by surname
    }
    if not singles:
        return list(labels)
    taken = {lb.name for lb in labels if lb.kind == "named"}
    full = {name: _written_in_full(text, name) for name in singles}
    full = {name: f for name, f in full.items() if f != name and f not in taken}
    return [replace(lb, name=full[lb.name]) if lb.name in full else lb for lb in labels]


_OFFICES = frozenset(
    """host cohost co-host guest caller chair chairman chairwoman moderator presenter anchor
    narrator announcer interviewer interviewee reporter voicemail judge clerk mayor speaker
    president senator witness counsel minister secretary operator audience""".split()
)


def _written_in_full(text: str, name: str) -> str:
    """_full_name for a given name, but never across the end of a short line: a roll's column
    of surnames ("Okafor" / "Oyelowo") or a list ("Halvorsen" / "Vice-President") is no name."""
    found = set()
    for m in re.finditer(rf"\b{re.escape(name)}{_GAP}{_NAME}(?:[ \t]+{_NAME})?\b", text):
        words = m.group(0).split()
        if words[1] in _NOT_NAMES or words[1].endswith("-"):
            continue
        if "\n" in m.group(0):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if m.start() - line_start < _WRAPPED_LINE:
                continue
        found.add(" ".join(words[:2]))
    return found.pop() if len(found) == 1 else name


_WRAPPED_LINE = 30  # characters before a name on a line that wraps prose, not a list
