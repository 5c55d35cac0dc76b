"""What a record's cover says of the offices that speak in it: the judge ("BEFORE THE HONORABLE
MARGARET A. OKAFOR, CIRCUIT JUDGE" is "THE COURT:"), the presiding officer ("President Halvorsen
presiding", "Senator Aldous W. Holloway (chairman), presiding", a UN cover's "President: Mr.
Kjeldgaard . . . (Denmark)"), the vice-president who took the chair ("The Acting President:"),
and the witness ("the witness, David Pecker, having been sworn", "J O R G E   M E N D E Z, called
as a witness"). The office's labels become that person, the office their role; a cover naming
two, or none, names nobody.
"""

from __future__ import annotations

import re

from .shapes import Label, title_case

__all__ = ["cover_offices", "witness_named"]

_WITNESS = re.compile(
    r"\bthe witness,\s+(?P<a>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){1,3}),"
    # (a name's words across one line's end at most: not the caption's line above a blank one)
    r"|(?P<b>[A-Z][\w.'-]*(?:(?:[ \t]+|[ \t]*\n[ \t]*)[A-Z][\w.'-]*){1,3}),?\s+(?:\d{1,2}\s+)?"
    r"(?:having\s+been|called\s+as\s+a\s+witness)"  # a line may break anywhere in it
)
# A court transcript's cover names the judge who presides: "BEFORE THE HONORABLE MARGARET A.
# OKAFOR, CIRCUIT JUDGE", "Before: Hon. Ann Lee, Justice".
_JUDGE = re.compile(
    r"\bBEFORE[ \t]*:?\s+(?:THE\s+)?HON(?:ORABLE|\.)\s+"
    r"(?P<name>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){1,3}),\s*"
    r"(?P<role>(?:[A-Z][\w.'-]*\s+){0,3}(?:JUDGE|JUSTICE|MAGISTRATE)\b[^\n]{0,40})",
    re.IGNORECASE,
)
_JUDGE_CHARS = 4000  # the cover: where the judge is named, before the proceedings
# … and who presides over a sitting: "President Halvorsen presiding", "Chairman Lee presiding".
_PRESIDING = re.compile(
    r"\b(?P<title>President|Vice-President|Chair(?:man|woman|person)?|Speaker)[ \t]+"
    r"(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}),?[ \t]+presiding\b"
    # "Senator Aldous W. Holloway (chairman), presiding", as a hearing's record opens
    r"|\b(?:Senator|Representative|Congressman|Congresswoman|Judge|Mr\.|Mrs\.|Ms\.)\s+"
    r"(?P<named>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+"
    r"\((?P<office>chairman|chairwoman|chairperson|chair|presiding)\),?\s+presiding\b"
    # A UN record's cover: "President: Mr. Kjeldgaard . . . . . . (Denmark)"
    r"|\bPresident:[ \t]+(?:Mr|Mrs|Ms|Dr)\.?[ \t]+"
    r"(?P<cover>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)[ \t]*(?:\.[ \t]*){3,}\("
)
_WITNESS_ANCHOR = re.compile(r"the witness,|having\s+been|called\s+as\s+a\s+witness")


def cover_offices(text: str, labels: list[Label]) -> list[Label]:
    """The labels, "THE COURT:", "The PRESIDENT:", "The Acting President:" and "THE WITNESS:"
    given the person the record names in each office."""
    judge = (
        _JUDGE.search(_LETTER_SPACED.sub(_unspace, text[:_JUDGE_CHARS]))  # "B E F O R E :"
        if any(lb.name.casefold() == "the court" for lb in labels)
        else None
    )
    if judge:  # "THE COURT:" is the judge the cover names, still "the court" by role
        name, role = (
            " ".join(title_case(w) for w in judge.group(g).split()) for g in ("name", "role")
        )
        role = re.split(r",\s+and\s+a\s+jury", role, flags=re.IGNORECASE)[0]
        labels = [
            Label(
                lb.start, lb.end, lb.raw, name, f"The Court, {role.strip(' .,')}", lb.kind, lb.shape
            )
            if lb.name.casefold() == "the court"
            else lb
            for lb in labels
        ]
    labels = _acting(text, _presiding(text, labels))
    witness = (
        witness_named(text) if any(lb.name.casefold() == "the witness" for lb in labels) else ""
    )
    if witness:  # "THE WITNESS:" is the witness the document names
        labels = [
            Label(lb.start, lb.end, lb.raw, witness, "witness", lb.kind, lb.shape)
            if lb.name.casefold() == "the witness"
            else lb
            for lb in labels
        ]
    return labels


# A vice-president taking the chair: "Mr. Osei (Ghana), Vice-President, took the Chair." — the
# record's "The Acting President:" from there on.
_ACTING = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr)\.?[ \t]+(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})[ \t]+"
    r"\([^()\n]{2,60}\),[ \t]+Vice-President,[ \t]+took[ \t]+the[ \t]+Chair\."
)


def _acting(text: str, labels: list[Label]) -> list[Label]:
    """ "The Acting President:" is the one vice-president the record says took the chair."""
    if not any(lb.name.casefold() == "the acting president" for lb in labels):
        return labels
    names = {m["name"] for m in _ACTING.finditer(text)}
    if len(names) != 1:
        return labels
    name = names.pop()
    return [
        Label(lb.start, lb.end, lb.raw, name, "The Acting President", lb.kind, lb.shape)
        if lb.name.casefold() == "the acting president"
        else lb
        for lb in labels
    ]


def _presiding(text: str, labels: list[Label]) -> list[Label]:
    """ "The PRESIDENT:" is whoever the cover says presides ("President Halvorsen presiding"),
    still the President by office; one presiding officer named, once, or nobody is."""
    found = {
        (
            m["title"] or (m["office"] or "President").capitalize(),
            " ".join((m["name"] or m["named"] or m["cover"]).split()),
        )
        for m in _PRESIDING.finditer(text[:_JUDGE_CHARS])
    }
    if len(found) != 1:
        return labels
    title, name = found.pop()
    office = f"the {title.casefold()}"
    return [
        Label(lb.start, lb.end, lb.raw, name, f"The {title}", lb.kind, lb.shape)
        if lb.name.casefold() == office
        else lb
        for lb in labels
    ]


def witness_named(text: str) -> str:
    """The witness the document names ("the witness, David Pecker, having been sworn")."""
    m = None
    for anchor in _WITNESS_ANCHOR.finditer(text):  # cheap literals first, the pattern nearby
        near = text[max(0, anchor.start() - 120) : anchor.end() + 120]
        # A name letter-spaced as a reporter prints it ("J O R G E   M E N D E Z, called as a
        # witness"): its letters joined, its words kept apart.
        m = _WITNESS.search(_LETTER_SPACED.sub(_unspace, near))
        if m:
            break
    name = (m.group("a") or m.group("b")) if m else ""
    lines = [line.split() for line in name.split("\n")]
    if len(lines) > 1 and len(lines[-1]) >= 2 and lines[0][-1].endswith("."):
        # "Dwayne Kessler." ending the line above "DWAYNE KESSLER, called as a witness": the
        # sentence before is no part of the name
        name = " ".join(lines[-1])
    name = " ".join(name.split())
    return " ".join(title_case(w) for w in name.split()) if name.isupper() else name


# Letter-spaced capitals: single letters one space apart, words three or more spaces apart.
_LETTER_SPACED = re.compile(
    r"(?<![\w])(?:[A-Z] ){2,}[A-Z](?![\w])(?:[ ]{3,}(?:[A-Z] ){1,}[A-Z](?![\w]))*"
)


def _unspace(m: re.Match[str]) -> str:
    return " ".join(word.replace(" ", "") for word in re.split(r" {3,}", m.group(0)))
