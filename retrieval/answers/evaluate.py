"""Score an Answerer on a question file (JSON lines with gold_any, speaker, expect, follows)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ..documents.speakers import name_words, same_person
from ..model import Answer, Quote
from .answer import Answerer


@dataclass(frozen=True)
class EvalReport:
    """Counts and rates over one question file."""

    answerable: int
    hit1: int  # the first passage shown (answer or closest) holds a gold string
    hit3: int
    with_speaker: int
    speaker1: int
    abstain_expected: int
    abstain_right: int  # abstain questions with no confident answer (closest passages allowed)
    confident1: int = 0  # the first confident quote holds a gold string
    follow_ups: int = 0
    follow_ups_right: int = 0  # follow-ups whose first passage shown holds a gold string
    wrongly_abstained: tuple[str, ...] = ()  # answerable, no confident answer
    nothing: tuple[str, ...] = ()  # answerable, neither an answer nor closest passages
    answered_abstain: tuple[str, ...] = ()  # to abstain, but answered confidently
    misses: tuple[str, ...] = field(default=())  # ids whose gold is not in the first passage

    def __add__(self, other: EvalReport) -> EvalReport:
        """Two reports pooled: counts summed, question ids joined (several corpora's questions)."""
        return EvalReport(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(EvalReport)}
        )

    def lines(self) -> list[str]:
        """The report as a person reads it, one figure per line."""

        def rate(n: int, d: int) -> str:
            return f"{n / d:.3f} ({n}/{d})" if d else "n/a"

        def ids(found: tuple[str, ...]) -> str:
            return f"{len(found)}" + (f" ({', '.join(found)})" if found else "")

        return [
            f"hit@1: {rate(self.hit1, self.answerable)}",
            f"hit@3: {rate(self.hit3, self.answerable)}",
            f"confident hit@1: {rate(self.confident1, self.answerable)}",
            f"speaker@1: {rate(self.speaker1, self.with_speaker)}",
            f"abstentions right (no confident answer): {rate(self.abstain_right, self.abstain_expected)}",
            f"abstain questions answered confidently: {ids(self.answered_abstain)}",
            f"answerable without a confident answer: {ids(self.wrongly_abstained)}",
            f"answerable with nothing at all: {ids(self.nothing)}",
            f"follow-ups right: {rate(self.follow_ups_right, self.follow_ups)}",
            "misses at 1: " + (", ".join(self.misses) or "none"),
        ]


def shown(answer: Answer) -> tuple[Quote, ...]:
    """The passages a reader sees: the answer's quotes, then the closest passages (all of them
    when nothing answers directly; after fewer confident quotes than asked for, the next nearest)."""
    return answer.quotes + answer.closest


def same_speaker(gold: str, name: str) -> bool:
    """Whether a shown speaker is the gold one: the same person, or a one-word gold name that
    is the first word of a name written surname first ("Zhang" for "Zhang Yishan")."""
    if same_person(gold, name):
        return True
    gold_words, words = name_words(gold), name_words(name)
    return len(gold_words) == 1 and len(words) >= 2 and words[0] == gold_words[0]


def _hit(quotes: tuple[Quote, ...], gold: list[str], k: int) -> bool:
    return any(g in q.text for q in quotes[:k] for g in gold)


def evaluate(answerer: Answerer, questions: list[dict[str, Any]]) -> EvalReport:
    """Ask every question (a follow-up right after the line it follows) and count the results."""
    counts = {
        "answerable": 0,
        "hit1": 0,
        "hit3": 0,
        "with_speaker": 0,
        "speaker1": 0,
        "abstain_expected": 0,
        "abstain_right": 0,
        "confident1": 0,
        "follow_ups": 0,
        "follow_ups_right": 0,
    }
    lists: dict[str, list[str]] = {
        "wrongly_abstained": [],
        "nothing": [],
        "answered_abstain": [],
        "misses": [],
    }
    read_as: dict[str, str] = {}
    for q in questions:
        qid = str(q.get("id", q["question"]))
        previous = read_as.get(str(q["follows"])) if q.get("follows") else None
        answer = answerer.ask(q["question"], previous=previous)
        read_as[qid] = answer.read_as
        if q.get("expect") == "abstain":
            counts["abstain_expected"] += 1
            counts["abstain_right"] += answer.abstained
            if not answer.abstained:
                lists["answered_abstain"].append(qid)
            continue
        counts["answerable"] += 1
        seen = shown(answer)
        gold = q.get("gold_any", [])
        if answer.abstained:
            lists["wrongly_abstained"].append(qid)
        if not seen:
            lists["nothing"].append(qid)
        counts["hit1"] += _hit(seen, gold, 1)
        counts["hit3"] += _hit(seen, gold, 3)
        counts["confident1"] += _hit(answer.quotes, gold, 1)
        if not _hit(seen, gold, 1):
            lists["misses"].append(qid)
        if q.get("follows"):
            counts["follow_ups"] += 1
            counts["follow_ups_right"] += _hit(seen, gold, 1)
        if q.get("speaker"):
            counts["with_speaker"] += 1
            counts["speaker1"] += bool(seen) and same_speaker(q["speaker"], seen[0].speaker.name)
    return EvalReport(
        **counts,
        wrongly_abstained=tuple(lists["wrongly_abstained"]),
        nothing=tuple(lists["nothing"]),
        answered_abstain=tuple(lists["answered_abstain"]),
        misses=tuple(lists["misses"]),
    )
