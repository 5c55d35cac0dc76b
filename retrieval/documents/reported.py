"""Who a news report quotes: a paragraph that quotes one named person is theirs.

A report has no speaker labels; it quotes people in its own sentences: '"We will not accept
this," said Anna Berg, the union's president.', '"…" Lind told reporters.', 'According to the
health minister, Tomas Lind, …', '«…», - заявил министр строительства Иван Петров.', 'По словам
Петрова, «…»'. A paragraph holding a quotation (in quotation marks, three words or more) whose
sentence names one person as the one saying it is credited to that person, with the office the
report gives them ("the union's president"); the quote still shows the report's own words around
theirs, verbatim. A surname alone is the person the report has named in full before ("Berg" is
Anna Berg). A paragraph quoting two people, quoting nobody, or saying what someone said in the
report's own words ("Berg added that …") stays the publisher's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .fullnames import ru_nominative
from .speakers import TITLE_WORDS

__all__ = ["reported_speakers"]

_SPACE = r"[ \t\u00a0]+"
_EN_WORD = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"  # "Kassym-Jomart", "O’Neill"
_EN_NAME = rf"{_EN_WORD}(?:[ \t\u00a0]{_EN_WORD}){{1,2}}"
_EN_SURNAME = r"[A-Z][a-z][\w'’-]+"
_FULL_NAME = re.compile(_EN_NAME)
_RU_NAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:[ \t\u00a0]+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)?"
_SAYING = (
    r"(?:said|says|added|told(?:[ \t]+\w+){0,2}|warned|stated|explained|noted|insisted|argued"
    r"|stressed|wrote|declared|announced|replied|continued|recalled|acknowledged|admitted)"
)
_RU_SAYING = (
    r"(?:заявил|сказал|сообщил|отметил|подчеркнул|добавил|пояснил|рассказал|уточнил|указал"
    r"|признал|напомнил|считает|полагает|говорит)а?"
)
# A quotation: what stands between quotation marks (one pass, no backtracking: a paragraph
# with an opening mark and no closing one costs what reading it costs).
_QUOTE = re.compile(r"[\"“«„]([^\"“”«»„]*)[\"”»“]")
_WORDS = re.compile(r"\w+")
QUOTE_WORDS = 3  # a direct quotation has at least this many words
# The sayer, in the sentence of the quote.
_SAYER = re.compile(
    # '"…," said Anna Berg, the union's president.' / '"…," said Berg.'
    rf"[\"”][ \t]*{_SAYING}{_SPACE}(?P<a>{_EN_NAME}|{_EN_SURNAME})"
    rf"(?:,{_SPACE}(?P<ra>[^,.;\"“”]{{3,80}}?))?[.,;]"
    # '"…" Lind told reporters.' / 'Anna Berg, the union's president, said: "…"'
    rf"|(?:^|[\"”.][ \t]*|[ \t])(?P<b>{_EN_NAME}|{_EN_SURNAME})(?:,{_SPACE}(?P<rb>[^,\"“”]{{3,80}}?),)?"
    rf"{_SPACE}{_SAYING}\b"
    # 'According to the health minister, Tomas Lind, …'
    rf"|\b[Aa]ccording{_SPACE}to{_SPACE}(?:(?:the{_SPACE})?(?P<rc>[a-z][\w'’ -]{{2,60}}?),{_SPACE})?"
    rf"(?P<c>{_EN_NAME})\b"
    # '«…», - заявил министр строительства Иван Петров.' / '…», - пояснил Соколов.'
    rf"|[»\"”],?[ \t]*[-–—][ \t]*{_RU_SAYING}{_SPACE}(?P<rd>(?:[а-яё-]+{_SPACE}){{0,6}}?)"
    rf"(?P<d>{_RU_NAME})[.,]"
    # 'По словам Петрова, …' (the genitive)
    rf"|\b[Пп]о{_SPACE}словам{_SPACE}(?P<re>(?:[а-яё-]+{_SPACE}){{0,6}}?)(?P<e>{_RU_NAME}),"
)
# Who a person is, in the report's words anywhere: 'Rahul Mehta, a health economist at the
# Geneva Graduate Institute, …', 'the health minister, Tomas Lind, …', 'France's deputy health
# minister, Sophie Durand, said …'.
_APPOSITIVE = re.compile(
    rf"(?P<a>{_EN_NAME}),{_SPACE}(?P<ra>(?:the|an?){_SPACE}[^,;.\"“”()]{{3,80}}?)[,.;]"
    rf"|\b(?P<rb>(?:the|an?|[A-Z][a-z]+['’]s){_SPACE}[a-z][\w'’ -]{{2,60}}?),{_SPACE}"
    rf"(?P<b>{_EN_NAME})[,.]"
)
_NOT_NAMES = frozenset(
    """The This That These Those It He She They We I A An But And Or So Yet In On At For From
    With Officials Critics Analysts Experts Police Ministers Minister President Government""".split()
)


def reported_speakers(
    text: str, paragraphs: Sequence[tuple[int, int]]
) -> dict[int, tuple[str, str]]:
    """For each paragraph (index into `paragraphs`, (start, end) spans) that quotes one named
    person, (full name, role); the others are left out."""
    full: dict[str, str] = {}  # a surname -> the one full name the report gives it so far
    out: dict[int, tuple[str, str]] = {}
    offices: dict[str, str] = {}  # a full name -> the first office the report gives them
    for i, (start, end) in enumerate(paragraphs):
        chunk = text[start:end]
        for m in _APPOSITIVE.finditer(chunk):
            name, office = m.group("a") or m.group("b"), m.group("ra") or m.group("rb")
            if name.split()[0] not in _NOT_NAMES and not _title(name.split()[0]):
                offices.setdefault(name, re.sub(r"^(?:the|an?)\s+", "", office.strip()))
        for m in _FULL_NAME.finditer(chunk):
            words = m.group(0).split()
            while len(words) > 2 and _title(words[0]):
                words.pop(0)  # "President Vladimir Putin" names Vladimir Putin
            whole = " ".join(words)
            if not _title(words[0]):
                full[words[-1]] = whole if full.get(words[-1], whole) == whole else ""
        if not any(len(_WORDS.findall(q.group(1))) >= QUOTE_WORDS for q in _QUOTE.finditer(chunk)):
            continue
        sayers: dict[str, str] = {}
        for m in _SAYER.finditer(chunk):
            name, role = _who(m, full)
            if name:
                sayers.setdefault(name, role)
                sayers[name] = sayers[name] or role
        if len(sayers) == 1:
            out[i] = next(iter(sayers.items()))
    return {
        i: (_given_name(text, name), role or offices.get(name, "")[:80])
        for i, (name, role) in out.items()
    }


def _given_name(text: str, name: str) -> str:
    """A Russian surname alone ("- пояснил Соколов.") with the one given name the report writes
    before it ("Дмитрий Соколов"); else as it is."""
    if " " in name or not re.fullmatch(r"[А-ЯЁ][а-яё-]+", name):
        return name
    given = {
        m.group(1)
        for m in re.finditer(rf"\b([А-ЯЁ][а-яё]+){_SPACE}{re.escape(name)}\b", text)
        if not _title(m.group(1))
    }
    return f"{given.pop()} {name}" if len(given) == 1 else name


def _who(m: re.Match[str], full: dict[str, str]) -> tuple[str, str]:
    """(name, role) a match of _SAYER names; ("", "") for a word that is no name."""
    for group, role_group in (("a", "ra"), ("b", "rb"), ("c", "rc"), ("d", "rd"), ("e", "re")):
        name = m.group(group)
        if not name:
            continue
        role = (m.group(role_group) or "").strip(" ,")
        if group == "e":
            *given, last = name.split()
            name = " ".join([*given, ru_nominative(last)])
        words = name.split()
        while len(words) > 1 and _title(words[0]):
            title = words.pop(0)  # "President Kassym-Jomart Tokayev said"
            role = role or title
            name = " ".join(words)
        if words[0] in _NOT_NAMES or (len(words) == 1 and group in "abc" and not full.get(name)):
            return "", ""  # "He said", or a surname the report never gave a full name
        if len(words) == 1 and full.get(name):
            name = full[name]
        role = role.removeprefix("the ").strip()
        if group in "de" and role and not role[0].islower():
            role = ""
        return name, role[:80]
    return "", ""


def _title(word: str) -> bool:
    """A title before a name: "President", "Secretary-General"."""
    return all(part in TITLE_WORDS for part in word.lower().split("-"))
