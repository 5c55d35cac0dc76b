"""An interview printed as a dash dialogue: "— Question?" and "— Answer." with no names.

Russian newspapers and agencies print an interview as paragraphs that open with a dash, the
journalist's questions and the interviewee's answers in turn, nobody named before each; an
answer may run on over paragraphs with no dash. The lead names the interviewee ("Руководитель
Федерального агентства по рыболовству Сергей Корнеев в интервью РИА Новости рассказал …", "In
an interview with Jane Doe …") and the byline the journalist ("Беседовала Анна Смирнова",
"Interviewed by …"). Each dash then becomes a label: the interviewee's, or the journalist's
(a voice nobody names, "Вопрос"/"Question", when no byline names them).

Which dashes ask: the dashes alternate, questions first, when most of the odd ones end with a
question mark and few of the even ones do (a question may be a statement: "— То есть дешевле
рыба не станет?" asks, "— Но ведь для части компаний это означает …" too); otherwise each dash
that ends with a question mark asks. Only when the lead names one interviewee: a story that
quotes several people with dashes is no interview.

A newspaper prints the same interview in bold instead: each question a paragraph wholly in bold
("<p><strong>Will you?</strong></p>"), the answers plain after it, the interviewee named only in
the headline ("Fiona Caldwell: ‘I won’t …’") and the lead. The reader marks those paragraphs
(Converted.emphasised), and `emphasis_labels` labels them the same way: when most of them ask
and each is followed by a plain answer; bold section headings (most of which ask nothing) are no
interview.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ..model import Span
from .shapes import Label

__all__ = ["dialogue_labels", "emphasis_labels"]

MIN_DASHES = 4  # dash paragraphs an interview has at least
LEAD_CHARS = 2000  # the lead searched for the interviewee: this much text before the first dash
_SPACE = "[ \t\u00a0]"
_DASH = re.compile(rf"{_SPACE}*[—–]{_SPACE}+(?=\S)")
_CLOSERS = ' \t\r\n"”’»)]'
_RU_NAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?[ \t\u00a0]+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_EN_NAME = r"[A-Z][a-z]+(?:[ \t\u00a0]+[A-Z]\.)?[ \t\u00a0]+[A-Z][\w'’-]+"
# The interviewee, as a lead names them.
_INTERVIEWEE = re.compile(
    rf"(?P<ru>{_RU_NAME}){_SPACE}+(?:в{_SPACE}+интервью|в{_SPACE}+беседе|рассказал|рассказала)\b"
    rf"|\b(?:[Ii]nterview|[Cc]onversation)\s+with\s+(?P<en>{_EN_NAME})"
    rf"|(?P<told>{_EN_NAME}){_SPACE}+(?:told|said in an interview)\b"
)
# The journalist, as a byline names them.
_BYLINE = re.compile(
    rf"(?:Беседовал[аи]?|Интервью[ \t\u00a0]+взял[аи]?|Interviewed[ \t\u00a0]+by|Interview[ \t\u00a0]+by)"
    rf"{_SPACE}*:?{_SPACE}+(?P<who>{_RU_NAME}|{_EN_NAME})"
)
_SENTENCE_END = re.compile(r"[.!?…»\n][ \t\u00a0]*")
# A headline naming whom a newspaper interview is with: "Fiona Caldwell: ‘I won’t …’".
_HEADLINE = re.compile(rf"^(?P<ru>{_RU_NAME})?(?P<en>{_EN_NAME})?:{_SPACE}+[‘“\"«'„]", re.MULTILINE)
MIN_MENTIONS = 3  # a lead names its interviewee this often (full name or surname) …
_FULL_NAME = re.compile(rf"\b(?:{_RU_NAME}|{_EN_NAME})\b")


def dialogue_labels(text: str, spans: Sequence[Span]) -> list[Label]:
    """A label for each dash of an interview printed as a dash dialogue, else none."""
    dashes = [(span, m) for span in spans if (m := _DASH.match(text, span.start, span.end))]
    if len(dashes) < MIN_DASHES:
        return []
    told = _told(text[max(0, dashes[0][0].start - LEAD_CHARS) : dashes[0][0].start])
    if not told or not told[0]:
        return []
    who, role, russian = told
    asker = _asker(text, who)
    ends_asking = [_asks(text[s.start : s.end]) for s, _ in dashes]
    odd, even = ends_asking[0::2], ends_asking[1::2]
    alternate = sum(odd) >= 0.6 * len(odd) and sum(even) <= 0.3 * max(len(even), 1)
    out = []
    for i, (_, dash) in enumerate(dashes):
        if (i % 2 == 0) if alternate else ends_asking[i]:
            if asker:
                out.append(
                    Label(dash.start(), dash.end(), "—", asker, "journalist", "named", "dash")
                )
            else:
                voice = "Вопрос" if russian else "Question"
                out.append(Label(dash.start(), dash.end(), "—", voice, "", "anonymous", "dash"))
        else:
            out.append(Label(dash.start(), dash.end(), "—", who, role, "named", "dash dialogue"))
    return out


def emphasis_labels(text: str, spans: Sequence[Span], emphasised: Collection[int]) -> list[Label]:
    """Labels for an interview whose questions are paragraphs wholly in bold, else none.

    `emphasised`: where such paragraphs begin. Each bold paragraph is the journalist's; the
    first plain paragraph after it opens the interviewee's answer (a label of no width: the
    text is all speech). Only when at least MIN_DASHES bold paragraphs stand among the lines,
    most of them end with a question mark, most are followed by a plain paragraph, and the
    text before the first names one interviewee.
    """
    marked = set(emphasised)
    bold = [i for i, span in enumerate(spans) if span.start in marked]
    if len(bold) < MIN_DASHES:
        return []
    asking = sum(_asks(text[spans[i].start : spans[i].end]) for i in bold)
    answered = [i for i in bold if i + 1 < len(spans) and spans[i + 1].start not in marked]
    if asking * 2 <= len(bold) or len(answered) * 3 < len(bold) * 2:
        return []
    first = spans[bold[0]].start
    who, role, russian = _interviewee(text[max(0, first - LEAD_CHARS) : first])
    if not who:
        return []
    asker = _asker(text, who)
    out = []
    for i in bold:
        at = spans[i].start
        if asker:
            out.append(Label(at, at, "", asker, "journalist", "named", "bold question"))
        else:
            voice = "Вопрос" if russian else "Question"
            out.append(Label(at, at, "", voice, "", "anonymous", "bold question"))
    for i in answered:
        at = spans[i + 1].start
        out.append(Label(at, at, "", who, role, "named", "plain answer to a bold question"))
    return sorted(out, key=lambda lb: lb.start)


def _interviewee(lead: str) -> tuple[str, str, bool]:
    """The one person a lead names as interviewed: (name, office, Russian), else ("", "", False).

    As dialogue_labels reads a lead, else a headline "Name: ‘quote’", else the one full name
    whose surname the lead repeats MIN_MENTIONS times or more, more than any other's."""
    told = _told(lead)
    if told:
        return told
    headlines = {
        (m.group("ru") or m.group("en")): bool(m.group("ru"))
        for m in _HEADLINE.finditer(lead)
        if m.group("ru") or m.group("en")
    }
    if len(headlines) == 1:
        who, russian = next(iter(headlines.items()))
        return who, "", russian
    byline = _BYLINE.search(lead)
    names = {m.group(0) for m in _FULL_NAME.finditer(lead)}
    if byline:
        names.discard(byline.group("who"))
    mentions = sorted(
        ((len(re.findall(rf"\b{re.escape(n.split()[-1])}\b", lead)), n) for n in names),
        reverse=True,
    )
    if not mentions or mentions[0][0] < MIN_MENTIONS:
        return "", "", False
    if len(mentions) > 1 and mentions[1][0] == mentions[0][0]:
        return "", "", False
    who = mentions[0][1]
    return who, "", bool(re.match(_RU_NAME, who))


def _told(lead: str) -> tuple[str, str, bool] | None:
    """The interviewee a lead names in so many words ("в интервью", "In an interview with",
    "told"): (name, office, Russian); ("", "", False) when it names two; None when none."""
    found = {
        (m.group("ru") or m.group("en") or m.group("told")): m for m in _INTERVIEWEE.finditer(lead)
    }
    if len(found) != 1:
        return ("", "", False) if found else None
    who, m = next(iter(found.items()))
    role = _office_before(lead[: m.start()]) if m.group("ru") or m.group("told") else ""
    return who, role, bool(m.group("ru"))


def _asker(text: str, who: str) -> str:
    """The journalist a byline names ("Interview by Tamsin Ward"), unless it is `who`."""
    byline = _BYLINE.search(text)
    return byline.group("who") if byline and byline.group("who") != who else ""


def _asks(paragraph: str) -> bool:
    return paragraph.rstrip(_CLOSERS).endswith("?")


def _office_before(text: str) -> str:
    """The office written before the interviewee's name in its sentence ("Руководитель
    Федерального агентства по рыболовству"): at most eight words, opening with a capital."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        start = m.end()
    words = text[start:].split()
    if not words or len(words) > 8 or not words[0][:1].isupper():
        return ""
    return " ".join(words)
