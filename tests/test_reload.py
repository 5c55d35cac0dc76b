"""Reloading documents without a restart: atomic under concurrent questions, /reload for admins."""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakebotapi import FakeBotAPI
from test_answers import check_answer
from test_bot_e2e import TOKEN, running, stop

from stenogram.bot.handlers import Deps
from stenogram.bot.health import BotState
from stenogram.bot.reload import Reloader
from stenogram.bot.service import build_answerer
from stenogram.bot.settings import load_settings
from stenogram.retrieval.answers.answer import Answer, Answerer
from stenogram.retrieval.errors import CorpusError
from stenogram.retrieval.search.index import IndexStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUESTIONS = [
    "How many shopping centres and banks were looted?",
    "What did Lukashenko say about Uzbekistan?",
    "Where is the zeppelin hangar?",
    "Who guards the lighthouse granary?",
]
SECOND = (
    "Transcript of the harbour council\n\n"
    "Nikol Pashinyan: The zeppelin hangar stands beside the lighthouse granary, and the "
    "harbour master guards it every night.\n\n"
    "Vladimir Putin: The lighthouse granary was looted twice, and the shopping centres "
    "and banks of the harbour town were closed for a week.\n"
)


@pytest.fixture(name="api")
def fake_api() -> Iterator[FakeBotAPI]:
    """A fake Bot API server for one test (as test_bot_e2e's fixture)."""
    with FakeBotAPI(token=TOKEN) as server:
        yield server


def corpus_dirs(tmp_path: Path) -> tuple[Path, Path]:
    """Two different corpora: the seeds, and the seeds plus a document of their own."""
    first = Path(shutil.copytree(SEEDS, tmp_path / "first"))
    second = Path(shutil.copytree(SEEDS, tmp_path / "second"))
    (second / "harbour.txt").write_text(SECOND, encoding="utf-8")
    return first, second


def open_answerer(corpus: Path, index: Path, engine: str) -> Answerer:
    library, retriever, _ = IndexStore(corpus, index).open(engine)
    return Answerer(library, retriever)


@pytest.mark.parametrize("engine", ["rank-bm25", "tantivy"])
async def test_reload_is_atomic_under_concurrent_questions(tmp_path: Path, engine: str) -> None:
    first, second = corpus_dirs(tmp_path)
    opened = {c: open_answerer(c, tmp_path / f"index-{c.name}", engine) for c in (first, second)}
    turn = iter(range(10**6))

    def reopen() -> Answerer:  # alternate between the two corpora, each from its own index
        corpus = (first, second)[next(turn) % 2]
        return open_answerer(corpus, tmp_path / f"index-{corpus.name}", engine)

    bot_data = {"deps": Deps(opened[first])}
    reloader = Reloader(bot_data, reopen)
    answers: list[tuple[Answerer, Answer]] = []
    done = threading.Event()

    def ask_until_done(n: int) -> None:
        while not done.is_set():
            answerer = bot_data["deps"].answerer  # what a handler does, once per question
            answers.append((answerer, answerer.ask(QUESTIONS[n % len(QUESTIONS)])))
            n += 1

    workers = [threading.Thread(target=ask_until_done, args=(n,)) for n in range(6)]
    for w in workers:
        w.start()
    lines = [await reloader.reload() for _ in range(12)]
    done.set()
    for w in workers:
        w.join()
    assert all(line.startswith("Reloaded: ") for line in lines)
    seen = set()
    for answerer, answer in answers:
        root = answerer.corpus.directory
        seen.add(root)
        # Every quote of one answer comes from the one index that answer started with.
        assert all(q.citation.path.parent == root for q in answer.quotes)
        check_answer(answerer.corpus, answer)
    assert seen == {first, second} and len(answers) > 50


async def test_failed_reload_keeps_serving(tmp_path: Path) -> None:
    first, _ = corpus_dirs(tmp_path)
    before = open_answerer(first, tmp_path / "index", "auto")
    bot_data = {"deps": Deps(before)}

    def broken() -> Answerer:
        raise CorpusError("no readable documents in /nowhere")

    line = await Reloader(bot_data, broken).reload()
    assert line.startswith("Reload failed: no readable documents") and "\n" not in line
    assert bot_data["deps"].answerer is before


async def test_reload_command_for_admins(
    api: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = Path(shutil.copytree(SEEDS, tmp_path / "corpus"))
    monkeypatch.setenv("STENOGRAM_INDEX_DIR", str(tmp_path / "index"))
    app = await running(api, corpus_dir=corpus, admin_chats=(1001,))
    try:
        api.private_message("Where is the zeppelin hangar?", user_id=1001)
        sent = await api.wait_for_async("sendMessage")
        assert "zeppelin" not in sent["text"].lower() or "never mention" in sent["text"]
        (corpus / "harbour.txt").write_text(SECOND, encoding="utf-8")
        api.private_message("/reload", user_id=2002)  # not an admin: ignored
        api.private_message("/reload", user_id=1001)
        done = await api.wait_for_async("sendMessage", lambda p: "Reloaded" in p["text"])
        assert done["chat_id"] == 1001 and "6 documents" in done["text"]
        assert not any("Reload" in m["text"] for m in api.sent_messages(2002))
        api.private_message("Where is the zeppelin hangar?", user_id=1001)
        answer = await api.wait_for_async("sendMessage", lambda p: "hangar" in p["text"])
        assert "Nikol Pashinyan" in answer["text"]
    finally:
        await stop(app)


def test_settings_read_admin_chats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STENOGRAM_ADMIN_CHATS", "1001, -100200")
    assert load_settings().admin_chats == (1001, -100200)


async def test_reload_rebuilds_a_changed_corpus_from_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    corpus = Path(shutil.copytree(SEEDS, tmp_path / "corpus"))
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index", engine="tantivy")
    bot_data = {"deps": Deps(build_answerer(settings))}
    (corpus / "harbour.txt").write_text(SECOND, encoding="utf-8")
    bot_data["health"] = state = BotState("polling", 5, 308, running=lambda: True)
    line = await Reloader(bot_data, lambda: build_answerer(settings)).reload()
    assert line == "Reloaded: 6 documents, 312 passages."
    assert (state.documents, state.passages) == (6, 312)
    answer = bot_data["deps"].answerer.ask("Where is the zeppelin hangar?")
    assert answer.quotes and answer.quotes[0].speaker.name == "Nikol Pashinyan"
    await asyncio.sleep(0)


def test_sighup_reloads_a_running_bot(tmp_path: Path) -> None:
    """The real process: documents added, SIGHUP, and the next question is answered from them."""
    import signal
    import subprocess
    import sys

    from test_health import ROOT, bot_env, wait_healthy

    corpus = Path(shutil.copytree(SEEDS, tmp_path / "corpus"))
    with FakeBotAPI(token=TOKEN) as api:
        env = bot_env(api, tmp_path, "polling", 0)
        env.update(
            STENOGRAM_CORPUS_DIR=str(corpus),
            STENOGRAM_INDEX_DIR=str(tmp_path / "index"),
            STENOGRAM_ENGINE="tantivy",
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "stenogram", "run"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_healthy(env, proc)
            (corpus / "harbour.txt").write_text(SECOND, encoding="utf-8")
            proc.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 30
            while True:  # ask until the reloaded documents answer (the reload runs meanwhile)
                api.private_message("Where is the zeppelin hangar?")
                sent = api.wait_for("sendMessage", timeout=30)
                if "Nikol Pashinyan" in sent["text"]:
                    break
                assert time.monotonic() < deadline, "SIGHUP never reloaded the documents"
                time.sleep(0.2)
            assert proc.poll() is None  # reloaded, still running
            proc.send_signal(signal.SIGTERM)
            _, stderr = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert proc.returncode == 0, stderr
    assert "Reloaded: 6 documents" in stderr and TOKEN not in stderr
