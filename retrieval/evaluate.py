"""Score an Answerer on a question file (JSON lines with gold_any, speaker and expect fields)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .answer import Answerer
from .model import Answer
from .speakers import same_person


@dataclass(frozen=True)
class EvalReport:
    """Counts and rates over one question file."""

    answerable: int
    hit1: int
    hit3: int
    with_speaker: int
    speaker1: int
    abstain_expected: int
    abstain_right: int
    wrongly_abstained: tuple[str, ...] = ()
    misses: tuple[str, ...] = field(default=())  # ids whose gold is not in the first quote

    def lines(self) -> list[str]:
        """The report as a person reads it, one figure per line."""

        def rate(n: int, d: int) -> str:
            return f"{n / d:.3f} ({n}/{d})" if d else "n/a"

        return [
            f"hit@1: {rate(self.hit1, self.answerable)}",
            f"hit@3: {rate(self.hit3, self.answerable)}",
            f"speaker@1: {rate(self.speaker1, self.with_speaker)}",
            f"abstentions right: {rate(self.abstain_right, self.abstain_expected)}",
            f"answerable but abstained: {len(self.wrongly_abstained)}"
            + (f" ({', '.join(self.wrongly_abstained)})" if self.wrongly_abstained else ""),
            "misses at 1: " + (", ".join(self.misses) or "none"),
        ]


def load_questions(path: Path) -> list[dict]:
    """The questions of a JSON-lines file; blank lines are skipped."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not a JSON object ({exc.msg})") from None
    return out


def _hit(answer: Answer, gold: list[str], k: int) -> bool:
    return any(g in q.text for q in answer.quotes[:k] for g in gold)


def evaluate(answerer: Answerer, questions: list[dict]) -> EvalReport:
    """Ask every question and count hits, speaker matches and abstentions."""
    counts = dict(answerable=0, hit1=0, hit3=0, with_speaker=0, speaker1=0,
                  abstain_expected=0, abstain_right=0)
    wrong, misses = [], []
    for q in questions:
        answer = answerer.ask(q["question"])
        qid = str(q.get("id", q["question"]))
        if q.get("expect") == "abstain":
            counts["abstain_expected"] += 1
            counts["abstain_right"] += answer.abstained
            continue
        counts["answerable"] += 1
        if answer.abstained:
            wrong.append(qid)
        gold = q.get("gold_any", [])
        counts["hit1"] += _hit(answer, gold, 1)
        counts["hit3"] += _hit(answer, gold, 3)
        if not _hit(answer, gold, 1):
            misses.append(qid)
        if q.get("speaker"):
            counts["with_speaker"] += 1
            counts["speaker1"] += bool(answer.quotes) and same_person(
                q["speaker"], answer.quotes[0].speaker.name)
    return EvalReport(**counts, wrongly_abstained=tuple(wrong), misses=tuple(misses))
