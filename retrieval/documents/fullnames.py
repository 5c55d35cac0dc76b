"""A short label's full name, from where the document introduces its speakers.

A transcript often labels its speakers by surname or initials ("MR PRICE:", "TB:") and names
them in full once, in its header or its opening line: "Ned Price, Department Spokesperson",
"Press Secretary Karine Jean-Pierre", "by Tom Baker (TB)". The label then takes that full name
(and, from a participant line "Name, Role", that role). Nothing comes from a list: only the
document's own words, and only where they name one person unambiguously.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .shapes import HONORIFICS, OFFICE_WORDS, Label, is_honorific, strip_honorific, title_case
from .speakers import CONNECTORS, TITLE_WORDS, same_person, split_label

__all__ = ["full_names", "ru_nominative"]

# A name with its initials in brackets, as an interview introduces its speakers: "Tom Baker (TB)".
_INTRODUCED = re.compile(r"\b((?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)\s*\(([A-Z]{2,4})\)")
# A given name: "Ned", "Karine", "Jean-Luc", "María". One: a name of three words would be read
# as an office and a name (speakers.split_label), so "María Isabel Salvador" is Isabel Salvador.
_GIVEN = r"([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?)"
_SPACE = "[ \t\u00a0]+"
_POSTNOMINALS = re.compile(r"^(?:[ \t]+[A-Z]{2,4})+(?=,)")  # "AO", "KC", "MP", "OBE"
_BREAK = "(?:[ \t\u00a0]+\n?|\n)[ \t\u00a0]*"  # a space, or a line's end
# Words no given name is (_not_given), and the words of an office or a title (_an_office).
_NO_GIVEN = TITLE_WORDS | CONNECTORS | HONORIFICS | OFFICE_WORDS
_OFFICE_OR_TITLE = OFFICE_WORDS | TITLE_WORDS
HEADER_CHARS = 3000  # the header searched: at most this much text before the first label
# A hearing's or an argument's heading that introduces who speaks next, in capitals:
# "STATEMENT OF HON. JAMES E. RISCH, U.S. SENATOR FROM IDAHO", "ORAL ARGUMENT OF PAUL D. CLEMENT
# ON BEHALF OF THE PETITIONERS", a court reporter's line number before it.
_STATEMENT = re.compile(
    r"^[ \t]*(?:\d{1,2}[ \t]+)?(?:PREPARED[ \t]+)?(?:STATEMENT|TESTIMONY|(?:ORAL|REBUTTAL)[ \t]+ARGUMENT)"
    r"[ \t]+OF[ \t]+"
    r"(?:THE[ \t]+)?(?:HON(?:ORABLE)?\.?[ \t]+|(?:MR|MS|MRS|DR)\.?[ \t]+)?"
    r"(?P<name>[A-Z][A-Z'’-]*\.?(?:[ \t]+[A-Z][A-Z'’-]*\.?){1,4}?)"
    r"(?:,[ \t]*(?P<role>[^\n]{2,120}?)|[ \t]+(?P<party>ON[ \t]+BEHALF[ \t]+OF[ \t]+[^\n]{2,80}?))?"
    r"[ \t]*$",
    re.MULTILINE,
)
_SMALL_WORDS = frozenset("of from for on behalf the and to in at by".split())
# An office written before the name it belongs to, as a title introduces its speakers: "Press
# Briefing by *Press Secretary* Karine Jean-Pierre", "Talks with *Prime Minister of Armenia*
# Nikol Pashinyan": capitalised words, with "of", "for" and "the" between them, ending the text
# before the name.
_ROLE_BEFORE = re.compile(
    rf"((?:[A-Z][\w.'’-]*{_SPACE}(?:(?:of|for|the|former){_SPACE})*)*[A-Z][\w.'’-]*){_SPACE}$"
)
# One of shapes.OFFICE_WORDS must be in such a run: it is then an office, not some other name
# ("Briefing Room", "Moscow").


# A header field naming who holds an office: "Speaker: The Honourable Greg Fergus", "Moderator:
# Jane Doe", "Chair: Senator Ann Lee" — the office's label, then a name alone on its line.
_FIELD_NAME = re.compile(
    r"(?:(?:The[ \t]+)?(?:Right[ \t]+)?(?:Honourable|Honorable|Hon\.)[ \t]+)?"
    r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Dame|Senator|Judge|Justice)\.?[ \t]+)?"
    r"(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+[A-Z][\w'’-]+){1,2})[ \t]*"
    r"(?:,[ \t]*[^,\n]{1,60})?"  # … and where they are from: "Joan Hartley, WBRN News"
)


def _fielded(text: str, labels: Sequence[Label]) -> list[Label]:
    """A header field naming an office's holder before anyone speaks ("Speaker: The Honourable
    Greg Fergus") is no speech, and the office's labels after it ("The Speaker:") are that
    person, the office their role. Only an office or a voice ("Moderator", "The Chair"), only
    before the first label with speech of its own (a moderator calling on "Derek Voss." later
    is a turn), and only when the office speaks again."""
    holders: dict[str, str] = {}
    spoken = False
    for lb in labels:
        if lb.kind not in ("named", "anonymous") or spoken:
            continue
        office = _office_key(lb.name)
        field = _FIELD_NAME.fullmatch(_rest_of_line(text, lb.end).strip())
        if field and (lb.kind == "anonymous" or _an_office(lb.name)) and office not in holders:
            holders[office] = field.group("name")
        else:
            spoken = True
    if not holders:
        return list(labels)
    uses = Counter(_office_key(lb.name) for lb in labels if lb.kind in ("named", "anonymous"))
    # The holder may speak under their own name instead ("MODERATOR: Joan Hartley" over
    # "HARTLEY:"): the field is no speech then either, and their labels take the office.
    spoken_names = [lb.name for lb in labels if lb.kind == "named"]
    by_name = {
        office: name
        for office, name in holders.items()
        if uses[office] == 1 and any(same_person(name, n) for n in spoken_names if n != name)
    }
    holders = {office: name for office, name in holders.items() if uses[office] > 1}
    if not holders and not by_name:
        return list(labels)
    out: list[Label] = []
    fielded: set[str] = set()
    offices_of = {name: office for office, name in by_name.items()}
    for lb in labels:
        office = _office_key(lb.name) if lb.kind in ("named", "anonymous") else ""
        if office in by_name and office not in fielded:
            fielded.add(office)
            out.append(replace(lb, name="", role="", kind="nonspeech"))
        elif (
            lb.kind == "named" and not lb.role and any(same_person(lb.name, n) for n in offices_of)
        ):
            holder = next(n for n in offices_of if same_person(lb.name, n))
            out.append(replace(lb, role=offices_of[holder].capitalize()))
        elif office in holders and office not in fielded:
            fielded.add(office)  # the field itself
            out.append(replace(lb, name="", role="", kind="nonspeech"))
        elif office in holders and not lb.role:
            office_words = lb.name.removeprefix("The ").removeprefix("the ").split()
            role = " ".join(title_case(w) for w in office_words)
            out.append(replace(lb, name=holders[office], role=role, kind="named"))
        else:
            out.append(lb)
    return out


# The official a Russian briefing's or interview's title names, in the genitive after their
# office: "Брифинг официального представителя МИД России Е.П.Вершининой", "Интервью Министра
# иностранных дел С.В.Лаврова".
_RU_TITLED = re.compile(
    r"(?i:представителя|министра|президента|председателя|заместителя|руководителя|директора"
    r"|посла|секретаря|губернатора|мэра|главы)[^.\n]{0,80}?"
    r"(?P<name>(?:[А-ЯЁ]\.[ \t\u00a0]?){1,2}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"
)
_ANSWER_VOICES = frozenset({"ответ", "answer"})
TITLE_CHARS = 1000  # where a title naming who answers is looked for: the text's start


def _answered(text: str, labels: Sequence[Label]) -> list[Label]:
    """ "Ответ:" labels in a briefing whose title names one official ("… представителя МИД
    России Е.П.Вершининой"): that official answers, named as a Russian label writes a name
    ("Е.П.Вершинина", the genitive put back in the nominative)."""

    def answers(lb: Label) -> bool:
        return lb.kind != "nonspeech" and lb.name.lower() in _ANSWER_VOICES

    if sum(map(answers, labels)) < 2:
        return list(labels)
    found = _RU_TITLED.search(text[:TITLE_CHARS])
    if not found:
        return list(labels)
    who = ru_nominative(found.group("name"))
    return [replace(lb, name=who, kind="named") if answers(lb) else lb for lb in labels]


def ru_nominative(name: str) -> str:
    """A Russian surname in the genitive back in the nominative: "Вершининой" → "Вершинина",
    "Лаврова" → "Лавров", "Песковой" → "Пескова", "Вяземского" → "Вяземский"."""
    for genitive, nominative in (
        ("ской", "ская"),
        ("цкой", "цкая"),
        ("ского", "ский"),
        ("цкого", "цкий"),
        ("ой", "а"),
    ):
        if name.endswith(genitive):
            return name[: -len(genitive)] + nominative
    if name.endswith(("ова", "ева", "ёва", "ина", "ына")):
        return name[:-1]
    return name


def full_names(text: str, labels: Sequence[Label]) -> list[Label]:
    """The labels, each short one given the full name the document introduces it by."""
    labels = _answered(text, _fielded(text, labels))
    named = [lb for lb in labels if lb.kind == "named"]
    if not named:
        return list(labels)
    spelled = _initials_spelled_out(text, named)
    # A header field naming one cast member ("PRESENTER: Jane Hollis (JH)") is no speaker: its
    # word is that person's part, when the cast list gives them none.
    fields = set()
    by_letters = {k.upper(): k for k in spelled}  # "JH" as the cast list writes "Jh"
    for lb in named if spelled else ():
        cast = _INTRODUCED.fullmatch(_rest_of_line(text, lb.end).strip())
        initials = by_letters.get(cast.group(2), "") if cast else ""
        if initials:
            fields.add(lb.start)
            name, role = spelled[initials]
            spelled[initials] = (name, role or lb.name.lower())
    labels = [
        replace(lb, name="", role="", kind="nonspeech") if lb.start in fields else lb
        for lb in labels
    ]
    named = [lb for lb in named if lb.start not in fields]
    if not named:
        return list(labels)
    # The header runs to the first speech: a cover's "DATE:" or "MEMBERS PRESENT:" fields are in
    # it, with the list that names the members in full.
    spoken = [lb.start for lb in labels if lb.kind in ("named", "anonymous")]
    first = min(spoken or [lb.start for lb in labels])
    header = text[max(0, first - HEADER_CHARS) : first]
    surnames = {lb.name for lb in named if lb.name not in spelled and _surname_alone(lb.name)}
    # "CHAIR WHITCOMB:" is Whitcomb in the chair: the surname is looked up as one alone.
    # So is "CITY MANAGER BRENNAN:" Brennan, the city manager.
    titled = {
        lb.name: words[-1]
        for lb in named
        if 2 <= len(words := lb.name.split()) <= 4
        and words[-2].lower() in _OFFICE_OR_TITLE
        and _surname_alone(words[-1])
    }
    surnames |= set(titled.values())
    introduced = _introduced_in(header, text, surnames) if surnames else {}
    if surnames - introduced.keys() and "OF" in text:
        stated = _statement_headings(text, surnames - introduced.keys())
        introduced.update(stated)
    for surname in sorted(surnames - introduced.keys()):
        # Introduced inside the opening turns instead ("Tonight … Democratic Congresswoman Renata
        # Okafor and …" in the moderator's first words): the text before its own first label.
        own = min(lb.start for lb in named if lb.name == surname or titled.get(lb.name) == surname)
        if own > first:
            before = text[max(0, own - HEADER_CHARS) : own]
            introduced.update(_introduced_in(before, text, {surname}))
    bare = {lb.name for lb in named if not lb.role}
    chairs = _chairs_listed(header, bare)
    chairs.update(_offices_named(header, bare - chairs.keys()))
    # A briefing's first line may name its spokesperson pages before the first question.
    opening = header if first <= HEADER_CHARS else f"{text[:HEADER_CHARS]}\n{header}"
    chairs.update(_holders_named(opening, bare - chairs.keys()))
    out = []
    for lb in labels:
        if lb.kind == "named" and not lb.role and lb.name in chairs:
            # "Chair:" is Dame Harriett Baldwin; "THE PRESIDENT:" is Halvorsen ("Remarks by
            # President Halvorsen at …"), the office their role.
            lb = replace(lb, name=chairs[lb.name], role=lb.name.removeprefix("The ").strip())
        elif lb.kind == "named" and lb.name in spelled:
            name, role = spelled[lb.name]
            lb = replace(lb, name=name, role=lb.role or role)
        elif lb.kind == "named" and titled.get(lb.name) in introduced:
            name, role = introduced[titled[lb.name]]
            office = " ".join(lb.name.split()[:-1]).title()
            lb = replace(lb, name=name, role=lb.role or role or office)
        elif lb.kind == "named" and lb.name in introduced:
            name, role = introduced[lb.name]
            # The header's role is fuller than an office the label's honorific gives
            # ("Senator" from "Senator Okafor." beside "U.S. Senator from Maine").
            fuller = role and (not lb.role or lb.role.casefold() in role.casefold())
            lb = replace(lb, name=name, role=role if fuller else lb.role)
        out.append(lb)
    return _office_holders(_presented(text, out))


# How long a role has been held, after it: "for 14 months", "for two years", "since 2024".
_HOW_LONG = (
    rf"(?:for{_SPACE}(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an|several"
    rf"|many|almost|nearly|over|more{_SPACE}than|the{_SPACE}(?:past|last))\b)|since\b)"
)


def _presented(text: str, labels: list[Label]) -> list[Label]:
    """A speaker with no role takes the one the text gives them before they first speak, as a
    reporter presents an interviewee ("Patrick Westfall is an agricultural economist at Iowa
    State University in Ames, and …": that office; "Fiona Caldwell has been the minister for
    water and flooding for 14 months": "minister for water and flooding")."""
    bare: dict[str, int] = {}
    for lb in labels:
        if lb.kind == "named" and not lb.role and len(lb.name.split()) >= 2:
            bare.setdefault(lb.name, lb.start)
    found: dict[str, str] = {}
    for name, start in bare.items():
        before = text[max(0, start - HEADER_CHARS) : start]
        if name not in before:
            continue
        roles = {
            m.group("role").strip()
            for m in re.finditer(
                rf"\b{re.escape(name)}{_SPACE}(?:is|was|has{_SPACE}been){_SPACE}(?:an?|the)"
                rf"{_SPACE}(?P<role>[^.;:!?\n,]{{3,80}}?)(?=[.;:!?,\n]|{_SPACE}{_HOW_LONG}|$)",
                before,
            )
        }
        if len(roles) == 1:
            found[name] = roles.pop()
    if not found:
        return labels
    return [
        replace(lb, role=found[lb.name]) if lb.name in found and not lb.role else lb
        for lb in labels
    ]


def _office_holders(labels: list[Label]) -> list[Label]:
    """A label that is an office alone ("The Convener:", "The PRESIDING OFFICER.") is the person
    the last label before it named with that office ("The Convener (Finlay Carson):", "The
    PRESIDING OFFICER (Mr. OKAFOR)."), as parliaments' reports write it and a change of chair
    is noted; before any such label, the office stays as written."""
    if not any(lb.kind == "named" and (lb.role or _an_office(lb.name)) for lb in labels):
        return labels  # no office among the labels
    holder: dict[str, tuple[str, str]] = {}
    out = []
    for lb in labels:
        if lb.kind != "named":
            out.append(lb)
            continue
        if not lb.role and _office_key(lb.name) in holder:
            name, role = holder[_office_key(lb.name)]
            out.append(replace(lb, name=name, role=role))
            continue
        name, role = (lb.name, lb.role) if lb.role else split_label(lb.name)
        if role and name.casefold() != role.casefold():
            # "The Convener (Finlay Carson)", "First Minister John Swinney": the office's holder.
            holder[_office_key(role)] = (lb.name, lb.role) if lb.role else (name, role)
        out.append(lb)
    return out


def _an_office(name: str) -> bool:
    """Whether a label is an office alone ("The First Minister", "The PRESIDING OFFICER")."""
    words = name.lower().split()
    if words[:1] == ["the"]:  # "The First Minister": "the" and a last word of an office
        return len(words) > 1 and words[-1] in _OFFICE_OR_TITLE
    return bool(words) and all(w in _OFFICE_OR_TITLE for w in words)


def _office_key(office: str) -> str:
    """An office as labels write it with or without "The": "the first minister" → "first minister"."""
    return office.casefold().removeprefix("the ")


def _surname_alone(name: str) -> bool:
    """A one-word name that is not an office ("Price", "Jean-Pierre"; not "President")."""
    return (
        len(name.split()) == 1
        and name[:1].isupper()
        and name.lower().strip(".") not in TITLE_WORDS | CONNECTORS | HONORIFICS
    )


def _introduced_in(header: str, text: str, surnames: set[str]) -> dict[str, tuple[str, str]]:
    """For each surname, (full name, role) where the header names it after one given name
    ("Ned Price, Department Spokesperson": role the rest of that line); none when the header
    gives two different given names for it, or the "given name" is a word the document also
    writes in lower case (a common word: "Communications Kirby" is no name)."""
    found: dict[str, set[tuple[str, str]]] = {}
    lowered: set[str] | None = None
    for surname in surnames:
        # The name may be wrapped onto the next line ("… Renata\nOkafor and …").
        # … and have a middle initial ("Martin G. Trask").
        pattern = re.compile(
            rf"\b{_GIVEN}(?:{_BREAK}([A-Z]\.))?{_BREAK}((?i:{re.escape(surname)}))\b(?!['’]s\b)"
        )
        for m in pattern.finditer(header):
            if lowered is None:  # the document's lower-case words, computed once if needed
                lowered = set(re.findall(r"\b[a-z][a-z'’-]+\b", text))
            given = m.group(1)
            if _not_given(given, lowered):
                continue
            line_start = header.rfind("\n", 0, m.start()) + 1
            rest = _rest_of_line(header, m.end())
            # Post-nominal letters before the comma: "Mr Chris Jordan AO, Commissioner of …".
            rest = _POSTNOMINALS.sub("", rest, count=1)
            role = ""
            lead = header[line_start : m.start()].split()
            if all(is_honorific(w) for w in lead) and rest.startswith(", "):
                role = rest[2:].strip()  # "Ned Price, Department Spokesperson"
                role = _LEADERS.sub("", role).strip().rstrip(".;,")[:80]  # a contents line's dots
                role = "" if _DEGREE.fullmatch(role) else role  # "Funmilayo Oyelaran, Ph.D."
            else:
                role = _office_before(header[line_start : m.start()])  # "Press Secretary Karine …"
                # Two members on one printed line ("Senator Ruben Alvarez Representative Linh
                # Nguyen"): the office is what follows the other's name.
                for other in surnames - {surname}:
                    cut = re.search(rf"\b{re.escape(other)}\b", role, re.IGNORECASE)
                    if cut:
                        role = role[cut.end() :].strip()
            middle = f"{m.group(2)} " if m.group(2) else ""
            found.setdefault(surname, set()).add((f"{given} {middle}{m.group(3)}", role))
    out = {}
    for surname, forms in found.items():
        names = {n for n, _ in forms}
        if len(names) == 1:
            roles = sorted(r for _, r in forms if r)
            out[surname] = (names.pop(), roles[0] if roles else "")
    return out


_LEADERS = re.compile(r"(?:[ \t]?\.){3,}.*$")  # "Dana Rivera . . . . . 2": dot leaders, a page
_DEGREE = re.compile(
    r"(?:Ph\.?D|M\.?D|Esq|Jr|Sr)\.?"
)  # a degree or a suffix after a comma: no office


def _not_given(word: str, lowered: set[str]) -> bool:
    """Whether a capitalised word before a surname is no given name: an office, an honorific, a
    connector, or a word the document also writes in lower case ("Communications Kirby")."""
    w = word.lower()
    return w in _NO_GIVEN or w.removesuffix("s") in _NO_GIVEN or w in lowered  # "Senators Bragg"


def _office_before(text: str) -> str:
    """The office the end of `text` gives the name after it ("… by Press Secretary "), or ""."""
    found = _ROLE_BEFORE.search(text)
    if found is None:
        return ""
    words = found.group(1).split()
    while words and words[0] in ("of", "for", "the", "The"):
        words.pop(0)
    if not any(w.lower().strip(".") in OFFICE_WORDS for w in words):
        return ""
    return " ".join(words)[:80]


def _statement_headings(text: str, surnames: set[str]) -> dict[str, tuple[str, str]]:
    """For each surname, (full name, role) from a heading in capitals that introduces its
    speaker ("STATEMENT OF HON. BONNIE JENKINS, UNDER SECRETARY OF STATE …"); none when two
    headings give different names for it."""
    by_key = {s.casefold(): s for s in surnames}
    found: dict[str, set[tuple[str, str]]] = {}
    for m in _STATEMENT.finditer(text):
        words = m.group("name").split()
        surname = by_key.get(words[-1].casefold())
        if surname is None:
            continue
        name = " ".join([*(title_case(w) for w in words[:-1]), surname])
        role = m.group("role") or m.group("party") or ""
        after = _rest_of_line(text, m.end() + 1).strip()
        if role and after and after.isupper() and len(after) <= 80:
            role += " " + after  # a heading wrapped onto a second line in capitals
        # "…, ACCOMPANIED BY GIDEON SHRAKE, COUNSEL": who comes with the witness is no office
        role = _titled(_ACCOMPANIED.split(role, maxsplit=1)[0])
        found.setdefault(surname, set()).add((name, role))
    return {s: sorted(forms)[0] for s, forms in found.items() if len({n for n, _ in forms}) == 1}


_ACCOMPANIED = re.compile(
    r",?\s+(?:ACCOMPANIED|Accompanied|accompanied)\s+BY\b|,?\s+accompanied\s+by\b", re.I
)


def _titled(caps: str) -> str:
    """A role written in capitals as a role is usually written: "U.S. Senator from Idaho"."""
    words = caps.strip().rstrip(".,;").split()
    return " ".join(
        w.lower() if w.lower() in _SMALL_WORDS else w if "." in w else title_case(w) for w in words
    )


def _chairs_listed(header: str, bare: set[str]) -> dict[str, str]:
    """For each bare office label ("Chair"), the one person the header's list of members gives
    it to in brackets ("Members present: Dame Harriett Baldwin (Chair); Rachel Blake; …")."""
    offices = {b for b in bare if b.lower().removeprefix("the ") in OFFICE_WORDS}
    out: dict[str, set[str]] = {}
    for office in offices:
        plain = office.removeprefix("The ").removeprefix("the ")
        for m in re.finditer(
            rf"((?:[A-Z][\w'’.-]+{_SPACE}){{1,4}}[A-Z][\w'’-]+){_SPACE}?\((?:the{_SPACE})?"
            rf"(?i:{re.escape(plain)})\)",
            header,
        ):
            words, _ = strip_honorific(m.group(1).split())
            out.setdefault(office, set()).add(" ".join(words))
    return {office: names.pop() for office, names in out.items() if len(names) == 1}


def _offices_named(header: str, bare: set[str]) -> dict[str, str]:
    """For each office label ("The President"), the one surname the header writes after that
    office ("Remarks by President Halvorsen at …"): that holder's name."""
    out: dict[str, set[str]] = {}
    for office in bare:
        plain = office.removeprefix("The ")
        if office == plain or plain.lower() not in OFFICE_WORDS:
            continue  # "The President", "The Chairman": an office alone, as a label
        for m in re.finditer(
            rf"\b{re.escape(plain)}{_SPACE}((?:[A-Z][a-z]+{_SPACE})?[A-Z][\w'’-]+)\b", header
        ):
            name = m.group(1)
            if not any(w.lower() in TITLE_WORDS | CONNECTORS | OFFICE_WORDS for w in name.split()):
                out.setdefault(office, set()).add(name)
    return {office: names.pop() for office, names in out.items() if len(names) == 1}


# Offices a label and the header may write in different words: "Spokesperson:" is the header's
# "Tomás Bergvall, Spokesman for the Secretary-General".
_SAME_OFFICE = (
    ("spokesperson", "spokesman", "spokeswoman"),
    ("chair", "chairman", "chairwoman", "chairperson"),
    ("moderator",),
    ("host",),
    ("interpreter",),
)


def _holders_named(header: str, bare: set[str]) -> dict[str, str]:
    """For each office label ("Spokesperson"), the one person the header names with that office
    after a comma ("… by Tomás Bergvall, Spokesman for the Secretary-General")."""
    out: dict[str, set[str]] = {}
    for office in bare:
        plain = office.lower().removeprefix("the ")
        group = next((g for g in _SAME_OFFICE if plain in g), None)
        if group is None:
            continue
        for m in re.finditer(
            rf"(?P<name>[A-Z][\w'’-]+(?:{_SPACE}[A-Z][\w'’-]+){{1,2}}),{_SPACE}(?:the{_SPACE})?"
            rf"(?:[A-Z][\w-]*{_SPACE}){{0,2}}?(?i:{'|'.join(group)})\b",
            header,
        ):
            words, _ = strip_honorific(m.group("name").split())
            if not any(w.lower() in _NO_GIVEN for w in words):
                out.setdefault(office, set()).add(" ".join(words))
    return {office: names.pop() for office, names in out.items() if len(names) == 1}


def _rest_of_line(text: str, start: int) -> str:
    """The text from `start` to the end of its line."""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _initials_spelled_out(text: str, labels: Sequence[Label]) -> dict[str, tuple[str, str]]:
    """The (full name, role) of labels that are initials ("TB"), where the document spells them
    out once as a name followed by exactly those initials in brackets ("Tom Baker (TB)"), the
    role the rest of its line after a comma ("Alan Pryor (AP), chief executive, Road Surface
    Alliance")."""
    wanted = {lb.name for lb in labels if 2 <= len(lb.name) <= 4}
    wanted = {w for w in wanted if w.isalpha() and w.isascii()}
    if not wanted:
        return {}
    by_letters = {w.upper(): w for w in wanted}
    found: dict[str, tuple[str, str]] = {}
    for m in _INTRODUCED.finditer(text):
        name, letters = m.group(1), m.group(2)
        if letters not in by_letters:
            continue
        words = name.split()
        rest = _rest_of_line(text, m.end())
        role = rest[2:].strip().rstrip(".;,")[:80] if rest.startswith(", ") else ""
        # the initials are those of the name's words ending with its last ("Maria Lindqvist")
        for start in range(len(words)):
            if "".join(w[0] for w in words[start:]).upper() == letters:
                found.setdefault(by_letters[letters], (" ".join(words[start:]), role))
                break
    return found
