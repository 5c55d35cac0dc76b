"""Measure the reader on ../shared/corpora/real: each folder loaded as its own corpus.

One line per folder: named speakers and turns found against count_turns.py's careful count,
then hit@1, hit@3, speaker@1 and abstentions right on the folder's questions; a pooled line last.
Run: `make eval-real` (or `python scripts/eval_real.py [REAL_DIR]`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from stenogram.retrieval.answer import Answerer
from stenogram.retrieval.bm25 import RankBM25Retriever
from stenogram.retrieval.corpus import Corpus, load_corpus
from stenogram.retrieval.evaluate import evaluate, load_questions

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "real"
_NOT_DOCUMENTS = ("SOURCE.md", "README")  # the folder's own notes, not documents


def expected(real: Path) -> dict[str, tuple[int, int]]:
    """(named speakers, turns) per folder as count_turns.py counts them, files of a folder summed."""
    out = subprocess.run([sys.executable, str(real / "count_turns.py"), "--json"],
                         capture_output=True, text=True, check=True).stdout
    counts: dict[str, tuple[int, int]] = {}
    for folder, res in json.loads(out).items():
        parts = [res] if "turns" in res else []
        parts += [v for v in res.values() if isinstance(v, dict) and "turns" in v]
        names = {n for p in parts for n in p["named_speakers"]}
        counts[folder] = (len(names), sum(p["turns"] for p in parts))
    return counts


def found(corpus: Corpus) -> tuple[int, int]:
    """(named speakers, labelled turns) the reader found: publishers and anonymous voices apart."""
    named = {s.id for s in corpus.speakers.values()
             if not s.is_publisher and not getattr(s, "anonymous", False)}
    turns = sum(1 for t in corpus.turns if not corpus.speakers[t.speaker_id].is_publisher)
    return len(named), turns


def load_folder(folder: Path) -> Corpus:
    """The folder's documents loaded from a temporary copy without its notes."""
    with tempfile.TemporaryDirectory() as tmp:
        for path in folder.iterdir():
            if path.is_file() and not path.name.startswith(_NOT_DOCUMENTS):
                shutil.copy(path, tmp)
        return load_corpus(Path(tmp))


def main(argv: list[str]) -> int:
    real = Path(argv[0]) if argv else DEFAULT.resolve()
    questions = load_questions(real / "questions.jsonl")
    counts = expected(real)
    pooled = {"answerable": 0, "hit1": 0, "hit3": 0, "with_speaker": 0, "speaker1": 0,
              "abstain_expected": 0, "abstain_right": 0}
    for folder in sorted(p for p in real.iterdir() if p.is_dir()):
        corpus = load_folder(folder)
        asked = [q for q in questions if q["corpus"] == folder.name]
        report = evaluate(Answerer(corpus, RankBM25Retriever.from_corpus(corpus)), asked)
        for key in pooled:
            pooled[key] += getattr(report, key)
        named, turns = found(corpus)
        want_named, want_turns = counts.get(folder.name, (0, 0))
        misses = ", ".join(m.rsplit("-", 1)[-1] for m in report.misses) or "-"
        print(f"{folder.name:34} named {named:3}/{want_named:<3} turns {turns:4}/{want_turns:<4} "
              f"{_rates(vars(report))}  misses: {misses}")
    print(f"{'pooled':34} {'':29} {_rates(pooled)}")
    return 0


def _rates(c: dict) -> str:
    def r(n: int, d: int) -> str:
        return f"{n / d:.2f}" if d else " n/a"
    return (f"hit@1 {r(c['hit1'], c['answerable'])} hit@3 {r(c['hit3'], c['answerable'])} "
            f"speaker@1 {r(c['speaker1'], c['with_speaker'])} "
            f"abstain {c['abstain_right']}/{c['abstain_expected']}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
