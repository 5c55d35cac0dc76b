"""Measure the reader and the answers on the held-out probes in tests/data/probes.

Each folder there is one document written for this check in a shape operators load and the
shared corpora do not show (a line-numbered court transcript, a Holyrood-style official report, a
UN record from a PDF, an SRT for the deaf, an HTML interview, a congressional hearing, a council
meeting in Markdown, a Russian government meeting, …), with its questions, in both styles, in
tests/data/probes/questions/<folder>.jsonl (written before any answer was seen). Each folder is
opened through the persisted index, as the CLI and the bot open a corpus. One line per folder:
named speakers and labelled turns found, then hit@1, hit@3, confident hit@1, speaker@1,
abstentions right and follow-ups right; a pooled line last. `--verbose` lists each miss.
Run: `make eval-probes` (or `python scripts/eval_probes.py [--verbose] [DIR] [FOLDER …]`: the
probes of another directory laid out the same way, or only the folders named).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eval_real import _explain, copy_folder, found

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.answers.evaluate import EvalReport, evaluate
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.questions.questionfile import load_question_file
from stenogram.retrieval.search.index import IndexStore

PROBES = Path(__file__).resolve().parents[1] / "tests" / "data" / "probes"


def _rates(r: EvalReport) -> str:
    def rate(n: int, d: int) -> str:
        return f"{n}/{d}" if d else "n/a"

    return (
        f"hit@1 {rate(r.hit1, r.answerable):6} hit@3 {rate(r.hit3, r.answerable):6} "
        f"confident {rate(r.confident1, r.answerable):6} speaker@1 "
        f"{rate(r.speaker1, r.with_speaker):6} abstain {rate(r.abstain_right, r.abstain_expected):4} "
        f"follow-ups {rate(r.follow_ups_right, r.follow_ups)}"
    )


@contextmanager
def opened(folder: Path) -> Iterator[tuple[Answerer, Path]]:
    """An answerer over a copy of `folder` opened through the persisted index, as the CLI and
    the bot open a corpus, and the copy's directory."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus_dir = copy_folder(folder, Path(tmp) / "corpus")
        library, retriever, _ = IndexStore(corpus_dir, Path(tmp) / "index").open()
        yield Answerer(library, retriever), corpus_dir


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    args = [a for a in argv if not a.startswith("--")]
    root = Path(args.pop(0)) if args and Path(args[0]).is_dir() else PROBES
    pooled = EvalReport(0, 0, 0, 0, 0, 0, 0)
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "questions"):
        if args and folder.name not in args:
            continue
        questions = load_question_file(root / "questions" / f"{folder.name}.jsonl")
        with opened(folder) as (answerer, corpus_dir):
            report = evaluate(answerer, questions)
            named, turns = found(load_corpus(corpus_dir))
            pooled += report
            print(f"{folder.name:15} named {named:2} turns {turns:3}  {_rates(report)}", flush=True)
            if verbose:
                _explain(answerer, questions, report)
    print(f"{'pooled':15} {'':18} {_rates(pooled)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
