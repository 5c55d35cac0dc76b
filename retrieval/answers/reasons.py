"""Why-questions and the passages that give a reason.

"Why did she tear it up?" is answered by "… because I thought it was embarrassing", "… so that I
could insulate him": the reason marker is seldom one of the question's words, and BM25 cannot see
it. A question asking for a reason (why, what for, how come; почему, зачем, отчего, за что) gives
a passage that states one a bonus, as a figure question does a passage with a number (see
answer.py). The markers are general connectives of English and Russian, no document's words.
"""

from __future__ import annotations

import re

# A question asking for a reason: its opening words or a reason phrase anywhere in it.
_ASKS = re.compile(
    r"\bwhy\b|\bhow come\b|\bwhat for\b|\bfor what reason\b|\bwhat (?:was|is|were|are) "
    r"the (?:reason|motive|rationale)|\bwhat made\b|\bпочему\b|\bзачем\b|\bотчего\b|"
    r"\bза что\b|\bпо какой причине\b",
    re.IGNORECASE,
)
# A connective that states a cause or a purpose.
_GIVES = re.compile(
    r"\bbecause\b|\bsince\s+(?:I|we|you|he|she|they|it|the|there|this|that)\b|\bso that\b|"
    r"\bin order to\b|\bthe reason\b|\bdue to\b|\bas a result\b|\bthat's why\b|\bthat is why\b|"
    r"\bthat’s why\b|\btherefore\b|\bpurpose\b|\bпотому что\b|\bтак как\b|\bпоскольку\b|"
    r"\bчтобы\b|\bв связи с\b|\bиз-за\b|\bблагодаря\b|\bпоэтому\b",
    re.IGNORECASE,
)


def asks_reason(question: str) -> bool:
    """Whether a question asks for a reason or a purpose ("Why …?", "What for …?")."""
    return bool(_ASKS.search(question))


# Words one of which every match of _GIVES contains, lower case. In ASCII text a case-blind
# match is a match in the text's lower case (no ASCII letter has another case partner), so a text
# holding none of them is settled by a few substring searches instead of the pattern: trying its
# twenty alternatives at each word took about 90 µs for a 600-character passage, at a million
# passages a tenth of a question's answer path when it asks why.
_GIVES_WORDS = (
    "because",
    "since",
    "so that",
    "in order to",
    "the reason",
    "due to",
    "as a result",
    "that's why",
    "that is why",
    "therefore",
    "purpose",
)


def gives_reason(text: str) -> bool:
    """Whether a passage states a cause or a purpose (because, so that, in order to, …)."""
    if text.isascii():
        lower = text.lower()
        if not any(word in lower for word in _GIVES_WORDS):
            return False
    return bool(_GIVES.search(text))
