"""Every answer to the shared question sets, rendered: the snapshot that proves a change of *how*
answers are rendered left the bytes alone.

Answers: the seeds sets of tests/answer_snapshot.py (both engines; development, chat, held-out
and development-with-offset questions), and a few made-up quotes built from one of them for what
the seeds do not hold (HTML special characters, apostrophes, Cyrillic, compatibility characters,
control characters, a quote over Telegram's budget, more than five other places, a linked source,
an original file with a page). Each is rendered as the bot sends it (telegram_html.answer_messages),
as the terminal shows it (render.to_text) and as the JSON interface gives it (render.to_json),
paths relative to the checkout.

Regenerate after an intended change of answers or of rendering:
`.venv/bin/python tests/render_snapshot.py` writes tests/data/render.snapshot (one answer a line:
[set, question id, html messages, text, json]).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from stenogram.bot.render import to_json, to_text  # noqa: E402
from stenogram.bot.telegram_html import answer_messages  # noqa: E402
from stenogram.retrieval.answers.answer import Answerer  # noqa: E402
from stenogram.retrieval.model import Answer, Quote, Span  # noqa: E402
from stenogram.retrieval.questions.questionfile import load_question_file  # noqa: E402

try:
    from answer_snapshot import ENGINES, QUESTION_FILES, SEEDS, answerer_for, answers
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.answer_snapshot import ENGINES, QUESTION_FILES, SEEDS, answerer_for, answers

SNAPSHOT = ROOT / "tests" / "data" / "render.snapshot"
BOT = "stenogram_bot"

# Made-up quote texts and the query terms (stems) each highlights.
ODD_TEXTS = [
    (
        "Russia's & Kazakhstan\u2019s <b>markets</b> > 2,300 don't a'b'c R&D foo_bar "
        "\ufb01nance FINANCE Финансы, ёлка и Ёлки; \u0130stanbul 5 < 6.",
        ("russia", "kazakhstan", "market", "don", "financ", "финанс", "елк", "b", "6", "c"),
    ),
    (
        "Control\x1b[31m red\x00 line\nnext\tcell\u2028sep \U0001f600 emoji market",
        ("market", "red", "line"),
    ),
    ("No term here & nothing <to> bold.", ("absent",)),
    ("Terms but none given: market, markets.", ()),
]


def ask_sets(work: Path) -> list[tuple[str, str, Answer]]:
    """(set, question id, answer) of the seeds sets, as tests/answer_snapshot.py asks them."""
    out = []
    for engine in ENGINES:
        answerer: Answerer = answerer_for(SEEDS, engine, work / f"seeds-{engine}")
        for name, path in QUESTION_FILES.items():
            offsets = (0, 3) if name == "dev" else (0,)
            if not path.is_file():
                continue
            for offset in offsets:
                label = f"seeds/{engine}/{name}" + ("-more" if offset else "")
                questions = load_question_file(path)
                out += [(label, qid, a) for qid, _, a in answers(answerer, questions, offset)]
    return out


def odd_answers(model: Quote) -> list[tuple[str, str, Answer]]:
    """Made-up answers from one real quote: what the seeds' answers do not exercise."""
    others = tuple(
        dataclasses.replace(model.citation, doc_id=f"other-{n}", span=Span(n, n + 9, n, n + 1))
        for n in range(1, 8)
    )
    linked = dataclasses.replace(
        model.document, url='https://example.org/a?b=1&c="2"<3>', title="T & <i>itle</i>"
    )
    original = dataclasses.replace(
        model.citation, original=ROOT / "tests" / "data" / "x.pdf", page=3, time=""
    )
    timed = dataclasses.replace(
        model.citation, original=Path("/elsewhere/x.vtt"), page=None, time="00:01:02.500"
    )
    quotes = [
        dataclasses.replace(model, text=text, terms=terms, also_in=others[: n * 3])
        for n, (text, terms) in enumerate(ODD_TEXTS)
    ]
    quotes[1] = dataclasses.replace(quotes[1], document=linked, citation=original)
    quotes[2] = dataclasses.replace(quotes[2], citation=timed)
    sentence = "The market & the <market> grew; Russia's markets didn\u2019t. "
    long = dataclasses.replace(
        model, text=sentence * 80 + "End", terms=("market", "russia", "grew")
    )
    unspaced = dataclasses.replace(model, text="market&" * 700, terms=("market",))
    out = [
        ("odd", "quotes", Answer(question="q", quotes=tuple(quotes))),
        ("odd", "long", Answer(question="q", quotes=(long,), notes=("a <note> & more",))),
        ("odd", "unspaced", Answer(question="q", quotes=(unspaced,))),
        (
            "odd",
            "closest",
            Answer(question="q", closest=(quotes[0], long)),
        ),
        ("odd", "both", Answer(question="q", quotes=tuple(quotes[:2]), closest=(quotes[2],))),
        ("odd", "many", Answer(question="q", quotes=(long, long, long, quotes[0]))),
        ("odd", "problem", Answer(question="q", problem="Too <long> & odd.")),
        ("odd", "nothing", Answer(question="q", notes=("Read as <x>.",))),
    ]
    return out


def rendered(answer: Answer) -> list[Any]:
    return [answer_messages(answer, BOT), to_text(answer, cwd=ROOT), to_json(answer, cwd=ROOT)]


def collect() -> list[list[Any]]:
    """[set, question id, html messages, text, json] of every answer."""
    with tempfile.TemporaryDirectory(prefix="stenogram-render-") as tmp:
        answers = ask_sets(Path(tmp))
    model = next(q for _, _, a in answers for q in a.quotes if q.terms)
    answers += odd_answers(model)
    return [[name, qid, *rendered(answer)] for name, qid, answer in answers]


def lines(rows: list[list[Any]]) -> list[str]:
    return [json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows]


def main() -> int:
    rows = collect()
    SNAPSHOT.write_text("\n".join(lines(rows)) + "\n", encoding="utf-8")
    print(f"{len(rows)} rendered answers -> {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
