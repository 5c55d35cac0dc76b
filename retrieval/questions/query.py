"""Turn a question into a query: validate it, find the speaker it names, keep the terms to search."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..documents.language import detect
from ..documents.language import name as language_name
from ..documents.speakers import CONNECTORS, name_words, same_person
from ..model import Speaker
from ..tokenize import STOP_WORDS, query_tokens, stem, words

if TYPE_CHECKING:
    from .speaker_lookup import SpeakerLookup

MAX_QUESTION_CHARS = 1000


@dataclass(frozen=True)
class RoleAsked:
    """A role the question names by title and country that no speaker holds ("the pm of kz")."""

    text: str  # as a note names it: "a prime minister of Kazakhstan"
    terms: tuple[str, ...]  # index terms that find passages naming it
    pattern: str  # a regular expression (case-insensitive) a passage naming it matches


@dataclass(frozen=True)
class Query:
    """What to search: terms, and the speakers the question restricts the search to."""

    text: str
    terms: tuple[str, ...]  # in question order, so adjacent pairs can be matched as phrases
    speaker_ids: tuple[str, ...] = ()  # empty: every speaker
    name_terms: tuple[str, ...] = ()  # stems of the words that named the speaker
    answer_types: tuple[str, ...] = ()  # "which *countries*": describes the answer, rarely in it
    entities: tuple[str, ...] = ()  # capitalised words (as typed) other than the speaker's name
    # Filled in by question.QuestionReader (the one reading of a question):
    weights: Mapping[str, float] = field(default_factory=dict)  # term -> weight when not 1.0
    # term -> other index terms that count for it, with their credit (lay word -> corpus word)
    alternatives: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()  # words as typed naming something the documents never use
    # Those of them that may name nothing at all: an acronym ("PBO"), an office ("cfo"), a word
    # one letter from English words ("shuting"). Noted too, but the closest passages are shown.
    unsure: tuple[str, ...] = ()
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, as the corpus spells it)
    read_as: str = ""  # the question as read (a follow-up with its context)
    context: tuple[str, ...] = ()  # terms carried over from the previous question
    wants_figure: bool = False  # asks for a number or a date
    wants_date: bool = False  # asks when
    wants_name: bool = False  # asks who or where: a person, a place, an organisation
    wants_reason: bool = False  # asks why
    role: RoleAsked | None = None  # a role no speaker holds: do the documents name it at all?


def check_question(
    text: str, languages: Iterable[str] | None = None, in_context: bool = False, example: str = ""
) -> str:
    """One line saying why a question cannot be searched, or "" when it can.

    `languages` are the codes of the documents' languages ("en", "ru"): a question in none of
    them is refused with one line naming them. Without it, only English questions are searched.
    `in_context`: the message follows up a previous question, so it needs no searchable word of
    its own ("why?", "when?" take the previous question's words). `example`: a question the
    documents answer, offered with a refusal that asks for words (made from the loaded corpus by
    whoever composes the answerer; none, a plain line).
    """
    hint = f'; e.g. "{example}"' if example else "."
    stripped = text.strip()
    if not stripped:
        return f"Please ask a question about the documents{hint}"
    if len(stripped) > MAX_QUESTION_CHARS:
        return (
            f"That question is {len(stripped):,} characters long; please keep it under "
            f"{MAX_QUESTION_CHARS:,}."
        )
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in stripped):
        return "Your question contains control characters; please send plain text."
    letters = [c for c in stripped if c.isalpha()]
    if not letters:
        return f"I need words to search for, not only punctuation or numbers{hint}"
    if languages is None:
        if not any("LATIN" in unicodedata.name(c, "") for c in letters):
            return "My documents are in English; please ask your question in English."
    else:
        known = sorted({code for code in languages if code}) or ["en"]
        if detect("".join(letters)) not in known:
            names = " and ".join(language_name(code) for code in known)
            return f"My documents are in {names}; please ask your question in " + (
                f"{names}." if len(known) == 1 else "one of them."
            )
    if not in_context and not query_tokens(stripped) and not re.search(r"\d", stripped):
        return f"Your question has no words I can search for{hint}"
    return ""


# "How long will it last?": the adverb asks for a quantity and is not a topic word.
_QUANTITY = frozenset("long many much often far soon".split())
_WH = frozenset("which what whose".split())
_AUXILIARIES = frozenset(
    "is are was were be been did does do has have had will would can could should may of".split()
)


def _answer_type(ws: list[str], at: int) -> str:
    """The word naming the kind of answer after "which"/"what" at `at`: the word after it, or
    the last of up to three content words when an auxiliary or "of" ends them ("which drawdown
    *package* is …", "what security *guarantees* were …"; but "what *countries* signed …")."""
    end = at + 1
    while end + 1 < len(ws) and end - at < 3 and ws[end + 1] not in STOP_WORDS:
        end += 1
    if end + 1 < len(ws) and ws[end + 1] in _AUXILIARIES:
        return stem(ws[end])
    return stem(ws[at + 1])


def parse_query(
    text: str, speakers: Iterable[Speaker], lookup: SpeakerLookup | None = None
) -> Query:
    """The query for a (valid) question, with the speaker it names if any; `lookup`, when
    given, is a SpeakerLookup of the same speakers (the same result, without a loop over them)."""
    ws = words(text)
    named = lookup.named(ws) if lookup is not None else _named_speakers(ws, list(speakers))
    naming: set[int] = set()
    speaker_ids: tuple[str, ...] = ()
    if named:
        first = min(named.values(), key=lambda hit: hit[0])
        naming = set(first[1])
        speaker_ids = tuple(sid for sid, hit in named.items() if hit == first)
    framing = {i for i in range(1, len(ws)) if ws[i] in _QUANTITY and ws[i - 1] == "how"}
    rest = " ".join(w for i, w in enumerate(ws) if i not in naming | framing)
    answer_types = {_answer_type(ws, i) for i in range(len(ws) - 1) if ws[i] in _WH}
    name_terms = tuple(dict.fromkeys(stem(ws[i]) for i in sorted(naming)))
    named_words = {ws[i] for i in naming}
    return Query(
        text,
        tuple(query_tokens(rest)),
        speaker_ids,
        name_terms,
        tuple(sorted(answer_types)),
        tuple(w for w in _capitalised(text) if w.casefold() not in named_words),
    )


def _capitalised(text: str) -> list[str]:
    """Capitalised words not at the start of a sentence: names of things the question is about."""
    out = []
    for sentence in re.split(r"[.!?]\s+", text.strip()):
        found = re.findall(r"[^\W\d_][\w'’-]*", sentence)
        out += [w for w in found[1:] if w[0].isupper() and w.casefold() not in STOP_WORDS]
    return out


def _named_speakers(
    ws: list[str], speakers: list[Speaker]
) -> dict[str, tuple[int, tuple[int, ...]]]:
    """Speakers the question names, each with (first position, positions of the naming words)."""
    found: dict[str, tuple[int, tuple[int, ...]]] = {}
    for sp in speakers:
        positions = _name_positions(ws, sp) or _role_positions(ws, sp.role, sp.is_publisher)
        if positions:
            found[sp.id] = (min(positions), tuple(sorted(positions)))
    return found


def _name_positions(ws: list[str], sp: Speaker) -> list[int]:
    """Where the question names the speaker: surname (spelling-tolerant) or publisher alias."""
    if sp.is_publisher:
        names = [n for n in (sp.name, *sp.aliases) if len(name_words(n)) == 1]
        keys = {name_words(n)[0] for n in names}
        return [i for i, w in enumerate(ws) if w in keys]
    hits = [
        i
        for i, w in enumerate(ws)
        if len(w) >= 3 and any(same_person(w, n) for n in (sp.name, *sp.aliases))
    ]
    # Given names that accompany a surname belong to the name too ("Vladimir Putin").
    given = {w for n in (sp.name, *sp.aliases) for w in name_words(n)[:-1]}
    extra = [i for i, w in enumerate(ws) if w in given] if hits else []
    return sorted(set(hits + extra))


def _role_parts(role: str) -> tuple[str, list[str]]:
    """Split "President of Belarus" into its title ("president") and its place words."""
    title, _, place = role.partition(" of ")
    return title.strip().lower(), [w for w in place.split() if w.lower() not in CONNECTORS]


def _role_positions(ws: list[str], role: str, is_publisher: bool) -> list[int]:
    """Where the question names the speaker by role: all title words plus the place or its acronym."""
    if is_publisher or not role:
        return []
    title, place = _role_parts(role)
    title_words = title.split()
    title_pos = [ws.index(t) for t in title_words if t in ws]
    if len(title_pos) != len(title_words):
        return []
    acronym = "".join(w[0] for w in place if w[0].isupper()).lower()
    place_words = [w.lower() for w in place]
    for i, w in enumerate(ws):
        if (len(acronym) >= 3 and w == acronym) or any(_same_stem(w, p) for p in place_words):
            return [*title_pos, i]
    return []


def _same_stem(a: str, b: str) -> bool:
    """A place and its demonym: "Belarus"/"Belarusian", "Kazakhstan"/"Kazakh"."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and long_.startswith(short[: max(5, len(short) - 1)])
