"""A question asked in a document yields to its answer.

In a briefing, a hearing, an interview or a debate, a reader's question often repeats a question
someone asked there ("How many refugees have crossed into Poland?"), so the asking passage
outscores the reply that answers it ("More than 450,000 people have crossed …"). A passage that
ends its turn with a question mark, directly followed by another speaker's turn, is what was
asked: the first passage of that reply is the answer (past an address alone: "Mr President,").
The reply takes the question's place with its score and its share of the question's
information; the question itself can then be at most one of the closest passages, ranked below
its reply. A short reply ("Yes.", "Up to 20 percent, yes.") says little without its question:
the question and the reply are quoted as one unit, as in testimony (see testimony.py), or, after
a question longer than UNIT_CHARS, the question alone.
Not when the reader asks what someone asked, or asks about the asker by name: then the question
is the answer.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..model import Passage
from .exchange import Exchanges

UNIT_CHARS = 600  # a question up to this long is quoted with its short reply as one unit
ASKED_SCORE = 0.5  # the asking passage keeps this share of its score, below its reply
# A reader asking about a question ("what did the reporter ask", "which questions …").
_ABOUT_ASKING = re.compile(r"\b(?:ask|asks|asked|asking|question|questions|questioned)\b", re.I)
_CLOSERS = ' \t\r\n"”’»)]'


def asks(text: str) -> bool:
    """Whether a passage ends with a question ("… Are we close?")."""
    return text.rstrip(_CLOSERS).endswith(("?", "？"))


# The words of an address ("Mr President, colleagues,", "Уважаемый Владимир Владимирович!"),
# beside the capitalised names and titles it holds.
_ADDRESS_WORDS = frozenset(
    """dear mr mrs ms madam madame mister sir excellency excellencies your ladies gentlemen and
    colleagues friends уважаемый уважаемая уважаемые дорогой дорогая дорогие господин госпожа
    господа дамы и коллеги друзья товарищи""".split()
)
_ADDRESSING = _ADDRESS_WORDS - {"and", "your", "и"}  # an address opens with one of these
_LETTERS = re.compile(r"[^\W\d_]+")


def is_address(text: str) -> bool:
    """Whether a passage only addresses someone, with nothing said yet: a reply's opening
    "Уважаемый Владимир Владимирович!" or "Mr President, colleagues," is not its answer."""
    text = text.strip()
    if not text or text[-1] not in "!,:.":
        return False
    ws = _LETTERS.findall(text)
    return (
        0 < len(ws) <= 10
        and ws[0].lower() in _ADDRESSING
        and all(w.lower() in _ADDRESS_WORDS or w[0].isupper() for w in ws)
    )


# The words of a chair giving the floor, beside the names and offices it holds.
_FLOOR_WORDS = frozenset(
    """please thank thanks you go ahead the floor is yours over to you your answer reply
    respond response пожалуйста спасибо слово вам прошу для ответа ответ""".split()
)


def gives_floor(text: str) -> bool:
    """Whether a short turn only gives someone the floor ("Пожалуйста, Павел Андреевич.",
    "Thank you. Minister, please."): no answer of its own."""
    ws = _LETTERS.findall(text)
    return (
        0 < len(ws) <= 8
        and "?" not in text.rstrip(_CLOSERS)[:-1]
        and any(w.lower() in _FLOOR_WORDS for w in ws)
        and all(w.lower() in _FLOOR_WORDS | _ADDRESS_WORDS or w[0].isupper() for w in ws)
    )


# An objection in a courtroom or a deposition, and the ruling on it, between a question and its
# answer: "Objection; form.", "Objection. Calls for speculation.", "Sustained.", "You may answer."
_OBJECTION = re.compile(
    r"^\W*(?:objection|i object|sustained|overruled|you (?:can|may) answer)\b", re.IGNORECASE
)
OBJECTION_WORDS = 14  # an objection or ruling stated at most this long, its grounds included
MAX_PASSED = 3  # turns passed over between a question and its answer, at most


def interposed(text: str) -> bool:
    """Whether a short turn between a question and its answer is no answer: the floor given,
    an objection or a ruling on one."""
    if gives_floor(text):
        return True
    return bool(_OBJECTION.match(text)) and len(_LETTERS.findall(text)) <= OBJECTION_WORDS


def about_asking(question: str) -> bool:
    """Whether the reader asks what was asked, so a question in the documents may answer."""
    return _ABOUT_ASKING.search(question) is not None


def reply_to(exchanges: Exchanges, passage: Passage, speakers: Collection[str]) -> Passage | None:
    """The first passage of the turn that answers `passage`, if it asks and ends its turn and
    another speaker's turn follows; None for a question by a speaker the reader names."""
    if passage.speaker_id in speakers or not asks(passage.text):
        return None
    own = exchanges.turn(passage.doc_id, passage.turn_index)
    if not own or own[-1].id != passage.id:
        return None  # the turn goes on: the speaker answers their own question
    after = exchanges.turn(passage.doc_id, passage.turn_index + 1)
    if not after or after[0].speaker_id == passage.speaker_id:
        return None
    # The chair gives the floor ("Пожалуйста, Павел Андреевич.", "Minister?"), counsel objects
    # and the court rules ("Objection; form.", "Sustained."): the answer is the first turn after
    # them by someone else; the asker speaking again first leaves no answer past them.
    passed, ahead, later = {passage.speaker_id}, 1, after
    while len(later) == 1 and interposed(later[0].text) and ahead <= MAX_PASSED:
        passed.add(later[0].speaker_id)
        ahead += 1
        later = exchanges.turn(passage.doc_id, passage.turn_index + ahead)
        if not later or later[0].speaker_id == passage.speaker_id:
            break
        if later[0].speaker_id not in passed and not (
            len(later) == 1 and interposed(later[0].text)
        ):
            after = later
            break
    if speakers and after[0].speaker_id not in speakers:
        return None
    first = 0  # the reply's first words that say something: an address alone opens it
    while first < len(after) - 1 and is_address(after[first].text):
        first += 1
    return after[first]
