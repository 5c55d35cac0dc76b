"""What a question asks for, and whether a passage can state it.

A question's form names the kind of answer: "on what date" a day of a month, "what year" a date,
"how big" an amount, "who" a person's name, "where" a place, "who is X" where X is introduced. A
passage that states such a thing can answer; one that cannot is at most one of the closest
passages (see answer.py, which weighs these). Every pattern here is general English, no
document's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ..model import Passage
from ..questions.query import Query
from ..tokenize import STOP_WORDS, stem, words
from .figures import DATE, DAY

DATE_TYPES = frozenset({"date", "year", "day", "month"})  # "what *date* …": a date answers it
DAY_TYPES = frozenset({"date", "day"})  # … and a day of a month ("August 13"), not a month
# A person's name: two or more capitalised words in a row inside a sentence ("Warren Buffett",
# "Senator McCain"), not a lone place or body.
PERSON = re.compile(r"(?<=[\w,;:]\s)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+")
# A place: a name after a preposition of place ("worked at Hiltzik Strategies", "in Tromsdal").
PLACE = re.compile(
    r"\b(?:at|in|from|near|to|into|inside|outside|across)\s+(?:the\s+)?([A-Z][\w'’-]+)"
)
# "Who is/was …?" (within its first words): who a person is, told where they are introduced.
# Not before a preposition: "who's *in* charge of …", "who is *behind* …" ask for whoever holds
# a post or did a deed, not who someone already named is.
_DEFINING = re.compile(
    r"^\W*(?:\w+\W+){0,2}?who\s*(?:is|was|'s)\b(?!\W+(?:in|on|at|behind|for|from|with|against|"
    r"under|over|to|by|into|among|after|before|near|inside|outside|within|without)\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# An act, a resolution or an order cited by its number: "N 372", "№ 814", "No. 5", "Nr. 12".
REFERENCE = re.compile(r"(?<!\w)(?:N|№|No\.?|Nr\.?)[ \u00a0]?\d+\b")
# "Which …", "what …" and their Russian forms: the word after them names the kind of answer.
_WHICH = frozenset(
    """which what какой какая какое какие каким какими каких какого какому какую каком
    какой-то""".split()
)


def kind_asked(question: str) -> str:
    """The kind of thing a question asks to be identified ("which *decrees* amended …", "каким
    *указом* …") as an index term, or "" when it asks none ("what did …", "what is …")."""
    ws = words(question)
    for w, after in pairwise(ws):
        if w in _WHICH and after not in STOP_WORDS and not after.isdigit():
            return stem(after)
    return ""


def date_asked(query: Query) -> re.Pattern[str] | None:
    """The date a question names as its answer ("on what date", "what year"): a day of a month
    for "date"/"day", any date for "year"/"month"; None when it names none ("when" alone is
    often answered by a condition or an event)."""
    if not (query.wants_date and DATE_TYPES & set(query.answer_types)):
        return None
    return DAY if DAY_TYPES & set(query.answer_types) else DATE


def name_asked(question: str) -> re.Pattern[str]:
    """What names the answer to a who/where question: a place for "where", else a person."""
    return PLACE if "where" in _WORD.findall(question.casefold())[:3] else PERSON


def names_in(text: str, pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """The names in a passage (by `pattern`), each as its case-folded words."""
    return tuple(
        frozenset(m.group(m.lastindex or 0).casefold().split()) for m in pattern.finditer(text)
    )


def names_other(names: tuple[frozenset[str], ...], asked: set[str]) -> bool:
    """Whether a passage's names (see names_in) hold one not made of the question's words."""
    return any(not name <= asked for name in names)


def defines(question: str) -> bool:
    """Whether a question asks who someone is ("who is …", "who was …", "who's …")."""
    return bool(_DEFINING.match(question))


def first_mentions(found: Sequence[tuple[Passage, frozenset[str]]], term: str) -> set[int]:
    """Of passages (with their terms), the index of the earliest one in each document holding
    `term`: where a transcript introduces someone ("a guy who's a plumber, his name is …"),
    later turns naming them in passing."""
    first: dict[str, int] = {}
    for i, (passage, terms) in enumerate(found):
        if term not in terms:
            continue
        j = first.get(passage.doc_id)
        if j is None or (passage.turn_index, passage.paragraph) < (
            found[j][0].turn_index,
            found[j][0].paragraph,
        ):
            first[passage.doc_id] = i
    return set(first.values())
