"""Every answer to the shared question sets, as plain data: the snapshot that proves a change of
*how* answers are computed left *what* they are alone.

Sets: the bundled seeds with both engines on the development, chat (follow-ups asked after the
line they follow) and held-out questions, the development questions once more with an offset
(the More button), and a generated benchmark corpus with both engines on its 200 questions.
Each answer: outcome, quotes and closest passages in order (text, speaker, citation with its
span and lines, passage id, score to 6 decimals, the other documents holding it, matched terms),
notes, the speaker filter and the reading kept for a follow-up.

Regenerate after an intended change of answers (e.g. a ranking change):
`.venv/bin/python tests/answer_snapshot.py` writes tests/data/answers.snapshot (one answer a line:
[set, question id, question, answer], so a diff shows which answers changed).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from stenogram.retrieval.answers.answer import Answerer  # noqa: E402
from stenogram.retrieval.model import Answer, Citation, Quote  # noqa: E402
from stenogram.retrieval.questions.questionfile import load_question_file  # noqa: E402
from stenogram.retrieval.search.index import IndexStore  # noqa: E402

SNAPSHOT = ROOT / "tests" / "data" / "answers.snapshot"
SEEDS = ROOT / "seeds"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
QUESTION_FILES = {
    "dev": SHARED_EVAL / "dev.jsonl",
    "chat": SHARED_EVAL / "chat.jsonl",
    "heldout": ROOT / "tests" / "data" / "heldout.jsonl",
}
ENGINES = ("rank-bm25", "tantivy")
BENCH_PASSAGES, BENCH_SEED = 2_000, 5


def citation_data(c: Citation) -> list[Any]:
    return [
        c.doc_id,
        c.path.name,
        c.span.start,
        c.span.end,
        c.span.line_start,
        c.span.line_end,
        c.passage_id,
        c.original.name if c.original else None,
        c.page,
        c.time,
    ]


def quote_data(q: Quote) -> dict[str, Any]:
    return {
        "text": q.text,
        "speaker": q.speaker.id,
        "citation": citation_data(q.citation),
        "score": round(q.score, 6),
        "also_in": [citation_data(c) for c in q.also_in],
        "terms": list(q.terms),
    }


def answer_data(a: Answer) -> dict[str, Any]:
    return {
        "problem": a.problem,
        "abstained": a.abstained,
        "quotes": [quote_data(q) for q in a.quotes],
        "closest": [quote_data(q) for q in a.closest],
        "notes": list(a.notes),
        "speaker_filter": a.speaker_filter,
        "read_as": a.read_as,
    }


def answers(
    answerer: Answerer, questions: list[dict[str, Any]], offset: int = 0
) -> Iterator[tuple[str, dict[str, Any], Answer]]:
    """(id, question, answer) of each question, a follow-up asked with the reading of the line
    it follows."""
    read_as: dict[str, str] = {}
    for q in questions:
        qid = str(q.get("id", q["question"]))
        previous = read_as.get(str(q["follows"])) if q.get("follows") else None
        answer = answerer.ask(q["question"], offset=offset, previous=previous)
        read_as[qid] = answer.read_as
        yield qid, q, answer


def ask_all(answerer: Answerer, questions: list[dict[str, Any]], offset: int = 0) -> list[Any]:
    """Each question's answer, as the snapshot keeps it."""
    return [
        [qid, q["question"], answer_data(answer)]
        for qid, q, answer in answers(answerer, questions, offset)
    ]


def answerer_for(corpus: Path, engine: str, index_dir: Path) -> Answerer:
    """The answerer as the bot and the CLI open it (its reader's tables saved in the index)."""
    library, retriever, info = IndexStore(corpus, index_dir).open(engine)
    return Answerer(library, retriever, cache=info.directory)


def seeds_sets(work: Path) -> Iterator[tuple[str, list[Any]]]:
    for engine in ENGINES:
        answerer = answerer_for(SEEDS, engine, work / f"seeds-{engine}")
        for name, path in QUESTION_FILES.items():
            if path.is_file():
                yield f"seeds/{engine}/{name}", ask_all(answerer, load_question_file(path))
        dev = QUESTION_FILES["dev"]
        if dev.is_file():
            yield f"seeds/{engine}/dev-more", ask_all(answerer, load_question_file(dev), offset=3)


def bench_sets(work: Path) -> Iterator[tuple[str, list[Any]]]:
    """The benchmark's questions on a small generated corpus (needs the bench extras)."""
    try:
        from bench.generate import generate
        from bench.queries import make_questions
    except ImportError:  # wordfreq absent: no bench sets
        return
    corpus = work / "bench-corpus"
    generate(BENCH_PASSAGES, corpus, seed=BENCH_SEED)
    questions = [{"id": q.id, "question": q.question} for q in make_questions(corpus, BENCH_SEED)]
    for engine in ENGINES:
        answerer = answerer_for(corpus, engine, work / f"bench-{engine}")
        yield f"bench{BENCH_PASSAGES}/{engine}", ask_all(answerer, questions)


def collect() -> dict[str, list[Any]]:
    """Every set's answers, by set name."""
    with tempfile.TemporaryDirectory(prefix="stenogram-snapshot-") as tmp:
        work = Path(tmp)
        return dict([*seeds_sets(work), *bench_sets(work)])


def lines(sets: dict[str, list[Any]]) -> list[str]:
    """The snapshot file's lines: one answer each, [set, question id, question, answer]."""
    return [
        json.dumps([name, *row], ensure_ascii=False, sort_keys=True)
        for name, rows in sets.items()
        for row in rows
    ]


def main() -> int:
    sets = collect()
    SNAPSHOT.write_text("\n".join(lines(sets)) + "\n", encoding="utf-8")
    print(f"{sum(len(v) for v in sets.values())} answers in {len(sets)} sets -> {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
