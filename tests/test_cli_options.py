"""CLI options: --version, the -k range, eval thresholds and line checks, the progress bar."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from stenogram.bot.cli import main, stenogram_version
from stenogram.bot.progress import TerminalProgress, terminal_progress
from stenogram.bot.service import build_answerer
from stenogram.bot.settings import load_settings

QUESTION = "How many shopping centres and banks were looted?"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in [n for n in os.environ if n.startswith("STENOGRAM_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("STENOGRAM_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.chdir(tmp_path)


def test_version_is_the_installed_distributions(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr().out.strip()
    assert out == f"stenogram {stenogram_version()}" and stenogram_version()[0].isdigit()


@pytest.mark.parametrize("k", ["0", "-1", "11", "three"])
def test_k_outside_1_to_10_is_a_usage_error(k: str, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["ask", "-k", k, QUESTION])
    assert done.value.code == 2
    assert "argument -k:" in capsys.readouterr().err


def test_k_limits_the_quotes(capsys) -> None:
    assert main(["ask", "--json", "-k", "1", QUESTION]) == 0
    assert len(json.loads(capsys.readouterr().out)["answers"]) == 1


def _question_file(tmp_path: Path, *items: dict) -> Path:
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def test_eval_exits_1_below_a_threshold_and_0_at_it(tmp_path: Path, capsys) -> None:
    answer = build_answerer(load_settings()).ask(QUESTION)
    assert answer.quotes
    hit = {"id": "hit", "question": QUESTION, "gold_any": [answer.quotes[0].text]}
    miss = {"id": "miss", "question": QUESTION, "gold_any": ["no document says this, ever"]}
    path = _question_file(tmp_path, hit, miss)
    assert main(["eval", str(path)]) == 0  # no threshold: the figures only
    assert main(["eval", str(path), "--min-hit1", "0.5"]) == 0
    capsys.readouterr()
    assert main(["eval", str(path), "--min-hit1", "0.6", "--min-hit3", "0.5"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["stenogram: hit@1 0.500 is below --min-hit1 0.6"]


def test_eval_threshold_on_a_figure_with_nothing_to_count_is_missed(tmp_path: Path, capsys) -> None:
    path = _question_file(tmp_path, {"question": QUESTION, "gold_any": ["x"]})
    assert main(["eval", str(path), "--min-speaker1", "0.9"]) == 1
    assert "speaker@1 n/a" in capsys.readouterr().err


def test_eval_threshold_must_be_a_rate(tmp_path: Path, capsys) -> None:
    path = _question_file(tmp_path, {"question": QUESTION, "gold_any": ["x"]})
    with pytest.raises(SystemExit) as done:
        main(["eval", str(path), "--min-hit1", "80"])
    assert done.value.code == 2 and "give a rate from 0 to 1" in capsys.readouterr().err


def test_eval_bad_line_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(
        json.dumps({"question": QUESTION, "gold_any": ["x"]})
        + "\n"
        + json.dumps({"question": QUESTION, "expect": "yes"})
        + "\n",
        encoding="utf-8",
    )
    assert main(["eval", str(path)]) == 2
    captured = capsys.readouterr()
    assert (
        captured.err
        == f"stenogram: {path}:2: field 'expect' must be \"answer\" or \"abstain\", not 'yes'\n"
    )
    assert captured.out == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_off_a_terminal() -> None:
    assert terminal_progress(io.StringIO()) is None
    assert terminal_progress(_Terminal()) is not None


def test_progress_draws_a_bar_per_counted_step_and_prints_other_lines() -> None:
    screen = _Terminal()
    progress = TerminalProgress(screen, quiet_seconds=0)
    progress("read 1,000 of 4,000 files")
    progress("read 4,000 of 4,000 files")
    progress("index /x: building the tantivy index of 4,000 documents")
    progress("indexed 0 of 200,000 passages")
    progress("indexed 200,000 of 200,000 passages")
    text = screen.getvalue()
    assert "stenogram: read files" in text and "4.00k/4.00k" in text
    assert "stenogram: index /x: building the tantivy index" in text
    assert "stenogram: indexed passages" in text and "200k/200k" in text
    assert progress.bar is None  # every bar closed at its total


def test_progress_of_a_quick_build_says_nothing() -> None:
    screen = _Terminal()
    progress = TerminalProgress(screen, quiet_seconds=60)
    progress("read 5 of 5 files")
    progress("index ready in 0.1 s")
    assert screen.getvalue() == ""
