"""Measure the reader on ../shared/corpora/real: each folder loaded as its own corpus.

Each folder is copied (without its notes) and opened through the persisted index, as the CLI and
the bot open a corpus (`IndexStore(...).open()` and an `Answerer`), so converted formats are quoted
from the extracted text kept on disk. One line per folder: named speakers and turns found against
count_turns.py's careful count, then hit@1, hit@3, speaker@1 and abstentions right on the
folder's questions; a pooled line last. `--verbose` lists each miss with the first passage's
speaker and opening words.
Run: `make eval-real` (or `python scripts/eval_real.py [--verbose] [REAL_DIR]`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.answers.evaluate import EvalReport, evaluate, shown
from stenogram.retrieval.documents.corpus import Corpus, load_corpus
from stenogram.retrieval.questions.questionfile import load_question_file
from stenogram.retrieval.search.index import IndexStore

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "real"
_NOT_DOCUMENTS = ("SOURCE.md", "README")  # the folder's own notes, not documents


def expected(real: Path) -> dict[str, tuple[int, int]]:
    """(named speakers, turns) per folder as count_turns.py counts them, files of a folder summed."""
    out = subprocess.run(
        [sys.executable, str(real / "count_turns.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counts: dict[str, tuple[int, int]] = {}
    for folder, res in json.loads(out).items():
        parts = [res] if "turns" in res else []
        parts += [v for v in res.values() if isinstance(v, dict) and "turns" in v]
        names = {n for p in parts for n in p["named_speakers"]}
        counts[folder] = (len(names), sum(p["turns"] for p in parts))
    return counts


def found(corpus: Corpus) -> tuple[int, int]:
    """(named speakers, labelled turns) the reader found: publishers and anonymous voices apart."""
    named = {
        s.id
        for s in corpus.speakers.values()
        if not s.is_publisher and not getattr(s, "anonymous", False)
    }
    turns = sum(1 for t in corpus.turns if not corpus.speakers[t.speaker_id].is_publisher)
    return len(named), turns


def copy_folder(folder: Path, to: Path) -> Path:
    """The folder's documents copied into `to`, without its notes."""
    to.mkdir(parents=True, exist_ok=True)
    for path in folder.iterdir():
        if path.is_file() and not path.name.startswith(_NOT_DOCUMENTS):
            shutil.copy(path, to)
    return to


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    args = [a for a in argv if a != "--verbose"]
    real = Path(args[0]) if args else DEFAULT.resolve()
    questions = load_question_file(real / "questions.jsonl")
    counts = expected(real)
    pooled = EvalReport(0, 0, 0, 0, 0, 0, 0)
    for folder in sorted(p for p in real.iterdir() if p.is_dir()):
        with tempfile.TemporaryDirectory() as tmp:
            corpus_dir = copy_folder(folder, Path(tmp) / "corpus")
            library, retriever, _ = IndexStore(corpus_dir, Path(tmp) / "index").open()
            answerer = Answerer(library, retriever)
            asked = [q for q in questions if q["corpus"] == folder.name]
            report = evaluate(answerer, asked)
            named, turns = found(load_corpus(corpus_dir))
            pooled += report
            want_named, want_turns = counts.get(folder.name, (0, 0))
            misses = ", ".join(m.rsplit("-", 1)[-1] for m in report.misses) or "-"
            print(
                f"{folder.name:34} named {named:3}/{want_named:<3} turns {turns:4}/"
                f"{want_turns:<4} {_rates(vars(report))}  misses: {misses}",
                flush=True,
            )
            if verbose:
                _explain(answerer, asked, report)
    print(f"{'pooled':34} {'':29} {_rates(vars(pooled))}")
    return 0


def _explain(answerer: Answerer, asked: list[dict], report) -> None:
    """Each miss (and each abstain question answered) with what the first passage shown was."""
    wrong = set(report.misses) | set(report.answered_abstain)
    for q in asked:
        qid = str(q.get("id", q["question"]))
        if qid not in wrong:
            continue
        answer = answerer.ask(q["question"])
        first = shown(answer)
        kind = "answer" if answer.quotes else "closest" if first else "nothing"
        said = (
            f"{first[0].speaker.name}: {' '.join(first[0].text.split())[:90]}"
            if first
            else " ".join(answer.notes)[:90]
        )
        print(
            f"    {qid}: {q['question']}\n"
            f"      want {q.get('speaker', '-')}: {q.get('gold_any', q.get('expect'))}\n"
            f"      got  {kind} {said}"
        )


def _rates(c: dict) -> str:
    def r(n: int, d: int) -> str:
        return f"{n / d:.2f}" if d else " n/a"

    return (
        f"hit@1 {r(c['hit1'], c['answerable'])} hit@3 {r(c['hit3'], c['answerable'])} "
        f"speaker@1 {r(c['speaker1'], c['with_speaker'])} "
        f"abstain {c['abstain_right']}/{c['abstain_expected']}"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
