"""Measure answers to questions typed as in a chat, written by others for this check.

tests/data/chat/seeds-chat.jsonl asks 45 chat questions about the bundled seeds (other facts than
../shared/eval/chat.jsonl asks about); tests/data/chat/real/<folder>.jsonl asks 12 about each of
five shared real corpora (../shared/corpora/real/<folder>). Each line was written from the
documents before any answer was seen. Each corpus is opened through the persisted index, as the
CLI and the bot open one. One line per file, as scripts/eval_probes.py prints them, and a pooled
line; `--verbose` lists each miss.
Run: `make eval-chat` (or `python scripts/eval_chat.py [--verbose] [REAL_DIR]`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from eval_probes import _rates, opened
from eval_real import DEFAULT, _explain

from stenogram.retrieval.answers.evaluate import EvalReport, evaluate
from stenogram.retrieval.questions.questionfile import load_question_file

ROOT = Path(__file__).resolve().parents[1]
CHAT = ROOT / "tests" / "data" / "chat"


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    args = [a for a in argv if not a.startswith("--")]
    real = Path(args[0]) if args else DEFAULT
    files = [(CHAT / "seeds-chat.jsonl", ROOT / "seeds")]
    files += [(f, real / f.stem) for f in sorted((CHAT / "real").glob("*.jsonl"))]
    pooled = EvalReport(0, 0, 0, 0, 0, 0, 0)
    for questions_file, folder in files:
        if not folder.is_dir():
            print(f"{questions_file.stem:32} skipped: no corpus at {folder}")
            continue
        questions = load_question_file(questions_file)
        with opened(folder) as (answerer, _):
            report = evaluate(answerer, questions)
            pooled += report
            print(f"{questions_file.stem:32} {_rates(report)}", flush=True)
            if verbose:
                _explain(answerer, questions, report)
    print(f"{'pooled':32} {_rates(pooled)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
