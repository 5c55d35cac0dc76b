"""One slow answer (a question on a large archive) never holds the other chats' answers: the bot
answers off the event loop, each question in a worker thread, updates handled concurrently."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application

from stenogram.bot.app import build_application
from stenogram.bot.service import build_answerer
from stenogram.bot.settings import load_settings
from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.model import Answer

try:
    from fakebotapi import FakeBotAPI
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.fakebotapi import FakeBotAPI

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TOKEN = "123456:TEST-token-abc"
SLOW = "What did Putin say about colour revolutions?"
OTHERS = 8


class SlowOnOne(Answerer):
    """The real answerer, except that one question waits until released (a search on a huge
    archive, or a disk that stalls): everything else is answered as usual."""

    def __init__(self, inner: Answerer) -> None:
        self.__dict__.update(inner.__dict__)
        self.started, self.release = threading.Event(), threading.Event()

    def ask(self, question: str, *args: object, **kwargs: object) -> Answer:
        if question == SLOW:
            self.started.set()
            assert self.release.wait(timeout=60), "the slow answer was never released"
        return super().ask(question, *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def api() -> FakeBotAPI:
    with FakeBotAPI(token=TOKEN) as server:
        yield server


@pytest.fixture
async def slow_bot(
    api: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Application, SlowOnOne]]:
    monkeypatch.setenv("STENOGRAM_STATE_FILE", str(tmp_path / "state.sqlite3"))
    settings = load_settings(telegram_token=TOKEN, telegram_api_url=api.base_url, corpus_dir=SEEDS)
    answerer = SlowOnOne(build_answerer(settings))
    app = build_application(settings, answerer)
    await app.initialize()
    assert app.post_init is not None and app.updater is not None
    await app.post_init(app)
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app, answerer
    finally:
        answerer.release.set()
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def test_one_slow_answer_never_holds_the_others(
    api: FakeBotAPI, slow_bot: tuple[Application, SlowOnOne]
) -> None:
    _, answerer = slow_bot
    api.private_message(SLOW, user_id=7000)
    for chat in range(OTHERS):
        api.private_message("What did Japarov say about Manas airport?", user_id=7001 + chat)
    answered = set()
    for _ in range(OTHERS):  # every other chat is answered while the slow one still waits
        sent = await api.wait_for_async(
            "sendMessage", lambda p: p["chat_id"] != 7000 and p["chat_id"] not in answered, 20
        )
        answered.add(sent["chat_id"])
    assert answered == {7001 + chat for chat in range(OTHERS)}
    assert answerer.started.is_set() and not answerer.release.is_set()
    assert not [p for m, p in api.calls if m == "sendMessage" and p["chat_id"] == 7000]
    answerer.release.set()
    slow = await api.wait_for_async("sendMessage", lambda p: p["chat_id"] == 7000, 20)
    assert slow["text"].startswith("<blockquote")  # a quote, answered once released
