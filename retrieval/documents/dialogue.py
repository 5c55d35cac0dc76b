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
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Span
from .shapes import Label

__all__ = ["dialogue_labels"]

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


def dialogue_labels(text: str, spans: Sequence[Span]) -> list[Label]:
    """A label for each dash of an interview printed as a dash dialogue, else none."""
    dashes = [(span, m) for span in spans if (m := _DASH.match(text, span.start, span.end))]
    if len(dashes) < MIN_DASHES:
        return []
    lead = text[max(0, dashes[0][0].start - LEAD_CHARS) : dashes[0][0].start]
    found = {
        (m.group("ru") or m.group("en") or m.group("told")): m for m in _INTERVIEWEE.finditer(lead)
    }
    if len(found) != 1:
        return []
    who, m = next(iter(found.items()))
    role = _office_before(lead[: m.start()]) if m.group("ru") or m.group("told") else ""
    byline = _BYLINE.search(text)
    asker = byline.group("who") if byline and byline.group("who") != who else ""
    russian = bool(m.group("ru"))
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
