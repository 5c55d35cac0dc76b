"""The SQLite store: journal, answers, chat context, links, retention; survives reopening."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from stenogram.bot.state import Asked, State


def test_journal_records_once_and_lists_unfinished_after_reopen(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    state = State(path)
    assert state.journal([{"update_id": 5, "message": {"text": "a"}}, {"update_id": 6}]) == [
        True,
        True,
    ]
    assert state.journal([{"update_id": 6}, {"update_id": 7}]) == [False, True]
    state.done(6)
    state.close()
    again = State(path)
    assert [u["update_id"] for u in again.unfinished()] == [5, 7]
    assert again.unfinished()[0]["message"]["text"] == "a"
    assert again.is_done(6) and not again.is_done(5)


def test_journal_survives_kill_9_of_the_writer(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    root = str(Path(__file__).resolve().parent.parent)
    code = (
        f"import os, sys; sys.path.insert(0, {root!r}); from bot.state import State; "
        f"s = State({str(path)!r}); s.journal([{{'update_id': 1}}, {{'update_id': 2}}]); "
        "s.done(1); os.kill(os.getpid(), 9)"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False)
    assert proc.returncode == -9
    assert [u["update_id"] for u in State(path).unfinished()] == [2]


def test_answers_chats_and_links(tmp_path: Path) -> None:
    state = State(tmp_path / "s.sqlite3")
    assert state.answer(1, 10) is None and state.last(1) is None
    state.remember_answer(1, [10, 11], Asked("what about tanks", 3))
    assert state.answer(1, 11) == Asked("what about tanks", 3)
    assert state.answer(2, 11) is None
    last = state.last(1)
    assert last is not None and last.question == "what about tanks" and last.message_ids == (10, 11)
    first = state.link("a question")
    assert state.link("a question") == first and state.link("another") != first
    assert state.linked(first) == "a question" and state.linked(999) is None


def test_prune_keeps_unfinished_updates(tmp_path: Path) -> None:
    state = State(tmp_path / "s.sqlite3", retention_days=1)
    state.journal([{"update_id": 1}, {"update_id": 2}])
    state.done(1)
    state.remember_answer(1, [10], Asked("q"))
    assert state.prune(now=time.time() + 2 * 86_400) == 3  # done update 1, the answer, the chat
    assert [u["update_id"] for u in state.unfinished()] == [2]
    assert state.answer(1, 10) is None and state.last(1) is None
