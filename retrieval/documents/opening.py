"""A briefing's opening statement: the unlabelled text before the first question is whoever
answers the questions after it, when it speaks in the first person.

The parser (parsing.py) gives a transcript's unlabelled text to its owner, the publisher. A
briefing's spokesperson opens with announcements no label marks, then answers "Question:" after
"Question:"; those announcements are theirs. See statement_first().
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Span
from .speakers import SpeakerRegistry

__all__ = ["statement_first"]

# Words only a speaker uses of themselves: an opening statement, not a reporter's narration.
_FIRST_PERSON = re.compile(
    r"\b(?:I|I'm|I've|I'd|(?i:we|we're|we've|us|our|ours|my|me|я|мы|нас|нам|нами|наш\w*|мне|меня|"
    r"мой|моя|мои|моё))\b"
)
FIRST_PERSON_SHARE = 0.2  # paragraphs of an unlabelled opening that speak in the first person
RESPONDENT_SHARE = 0.4  # labelled turns of the one who answers a briefing's questions, at least


def statement_first(
    text: str,
    segments: list[tuple[str | None, list[Span], Span]],
    registry: SpeakerRegistry,
) -> list[tuple[str | None, list[Span], Span]]:
    """The segments, an unlabelled opening statement given to who answers the questions after it.

    A briefing opens with its spokesperson's announcements, unlabelled, then "Question:" and
    the spokesperson's labelled answers. When reporters ask (voices nobody names, or several
    people) and one named speaker holds RESPONDENT_SHARE of the turns, the unlabelled text before
    the first label is that speaker's, if two of its paragraphs and FIRST_PERSON_SHARE or more
    speak in the first person ("our colleagues tell us", "Хотела бы подчеркнуть: мы …"); a
    report's narration ("The minister answered questions …") is not."""
    first = next((i for i, (who, _, _) in enumerate(segments) if who is not None), None)
    if not first:
        return segments
    turns = Counter(who for who, _, _ in segments[first:] if who is not None)
    named = [(n, who) for who, n in turns.items() if not registry.get(who).anonymous]
    if not named:
        return segments
    answers, answerer = max(named)
    if answers < RESPONDENT_SHARE * sum(turns.values()) or answers < 2:
        return segments
    if registry.get(answerer).is_publisher:
        return segments
    # Reporters ask: voices nobody names, or several people; one named journalist asking
    # throughout is an interview, whose lead is the journalist's.
    others = {who for who, _, _ in segments[first:] if who is not None and who != answerer}
    if not all(registry.get(o).anonymous for o in others) and len(others) < 2:
        return segments
    opening = [sp for who, spans, _ in segments[:first] if who is None for sp in spans]
    spoken = sum(1 for sp in opening if _FIRST_PERSON.search(text, sp.start, sp.end))
    if spoken < 2 or spoken < FIRST_PERSON_SHARE * len(opening):
        return segments
    # From its first paragraph in the first person on: a note on the record before it ("The
    # following is a near-verbatim transcript …") stays the publisher's.
    start = next(sp for sp in opening if _FIRST_PERSON.search(text, sp.start, sp.end))
    out: list[tuple[str | None, list[Span], Span]] = []
    for who, spans, at in segments[:first]:
        before = [sp for sp in spans if sp.start < start.start]
        after = [sp for sp in spans if sp.start >= start.start]
        if before:
            out.append((who, before, at))
        if after:
            out.append((answerer, after, after[0] if before else at))
    return out + segments[first:]
