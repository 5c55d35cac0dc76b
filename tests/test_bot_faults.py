"""Faults between the bot and Telegram, through the fake Bot API over real HTTP: start-up through
timeouts and 5xx, sends that time out or break after delivery, updates the library cannot read,
kill -9 with replies in flight (polling and webhook): every question answered exactly once."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from stenogram.bot.app import build_application
from stenogram.bot.health import BotState
from stenogram.bot.runner import serve_polling
from stenogram.bot.service import build_answerer
from stenogram.bot.settings import Settings, load_settings
from stenogram.bot.webhook import SECRET_HEADER

try:
    from fakebotapi import FakeBotAPI
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.fakebotapi import FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TOKEN = "123456:TEST-token-faults"
SECRET = "webhook-Secret_faults"
QUESTIONS = (
    "How many shopping centres and banks were looted?",
    "What did Japarov say about Manas airport?",
    "What did Zas conclude about the peacekeeping mechanism?",
)
APOLOGY = "Sorry, something went wrong"


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(token=TOKEN) as server:
        yield server


def settings_for(api_url: str, tmp_path: Path, **overrides: object) -> Settings:
    return load_settings(
        **{
            "telegram_token": TOKEN,
            "telegram_api_url": api_url,
            "corpus_dir": SEEDS,
            "state_file": tmp_path / "state.sqlite3",
            "health_file": tmp_path / "health.json",
            "telegram_timeout": 0.5,
            "startup_seconds": 30,
            **overrides,
        }
    )


class Bot:
    """The polling bot (serve_polling, as `stenogram run` runs it) in this event loop."""

    def __init__(self, api: FakeBotAPI, tmp_path: Path, **overrides: object) -> None:
        self.settings = settings_for(api.base_url, tmp_path, **overrides)
        self.app = build_application(self.settings, build_answerer(self.settings))
        self.stop = asyncio.Event()
        state = BotState("polling", 5, 1, running=lambda: self.app.running)
        self.task = asyncio.create_task(serve_polling(self.app, self.settings, state, self.stop))

    async def __aenter__(self) -> Bot:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, 30)


def answers(api: FakeBotAPI, question_word: str) -> list[dict]:
    return [m for m in api.sent_messages() if question_word in m["plain_text"]]


async def test_start_up_survives_a_timeout_and_5xx_answers(
    api: FakeBotAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api.fault("getMe", "hold", seconds=1.5)  # longer than the 0.5 s timeout
    api.fault("getMe", "status", status=500)
    api.fault("setMyCommands", "hold", seconds=1.5)
    api.fault("setMyDescription", "status", status=502)
    api.fault("deleteWebhook", "status", status=502)
    caplog.set_level(logging.INFO)
    async with Bot(api, tmp_path):
        api.private_message(QUESTIONS[0])
        sent = await api.wait_for_async("sendMessage", timeout=30)
        assert "looted" in sent["text"]
    getme = [c for c in api.call_log if c.method == "getMe"]
    assert len(getme) == 3 and getme[-1].status == 200
    assert "start-up: getMe failed (TimedOut" in caplog.text
    assert "could not set the bot's description" in caplog.text  # best effort, not fatal


def test_start_up_gives_up_after_the_configured_time_on_a_closed_port(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again when the block ends: nothing listens
    url = f"http://127.0.0.1:{port}/bot"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STENOGRAM_")}
    env.update(
        STENOGRAM_TELEGRAM_TOKEN=TOKEN,
        STENOGRAM_TELEGRAM_API_URL=url,
        STENOGRAM_STARTUP_SECONDS="3",
        STENOGRAM_STATE_FILE=str(tmp_path / "s.sqlite3"),
        STENOGRAM_HEALTH_FILE=str(tmp_path / "h.json"),
    )
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "stenogram", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    took = time.monotonic() - started
    assert out.returncode == 1, out.stderr
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith(f"stenogram: Telegram's Bot API did not answer at {url} for 3 s")
    assert "refused" not in last.lower() and TOKEN not in out.stderr
    assert out.stderr.count("start-up: getMe failed") >= 2  # retried, with a pause between
    assert 3 <= took < 40
    assert "Traceback" not in out.stderr


async def test_a_send_lost_in_a_timeout_is_sent_once_more(api: FakeBotAPI, tmp_path: Path) -> None:
    async with Bot(api, tmp_path):
        await api.wait_for_async("setMyCommands")
        api.fault("sendMessage", "drop", seconds=1.0)  # the request never reaches "Telegram"
        api.private_message(QUESTIONS[0])
        await api.wait_for_async("sendMessage", timeout=20)
        await asyncio.sleep(1.0)
    assert len(answers(api, "looted")) == 1
    assert not answers(api, APOLOGY)


async def test_a_send_reset_after_delivery_is_sent_again_never_apologised(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with Bot(api, tmp_path):
        await api.wait_for_async("setMyCommands")
        api.fault("sendMessage", "reset")  # delivered, but the answer never comes back
        api.private_message(QUESTIONS[0])
        await api.wait_for_async("sendMessage", timeout=20)
        await asyncio.sleep(1.5)
    delivered = answers(api, "looted")
    assert len(delivered) == 2  # at least once: the unknown outcome is sent once more
    assert not answers(api, APOLOGY)


async def test_a_rejected_send_is_not_repeated(api: FakeBotAPI, tmp_path: Path) -> None:
    async with Bot(api, tmp_path):
        await api.wait_for_async("setMyCommands")
        api.fault(
            "sendMessage",
            "status",
            status=400,
            body='{"ok": false, "error_code": 400, "description": "Bad Request: no"}',
        )
        api.private_message(QUESTIONS[0])
        await api.wait_for_async("sendMessage", lambda p: APOLOGY in p["text"], timeout=20)
        await asyncio.sleep(0.5)
    tries = [p for m, p in api.calls if m == "sendMessage" and "looted" in p["text"]]
    assert len(tries) == 1


async def test_an_unreadable_update_is_skipped_once_and_polling_goes_on(
    api: FakeBotAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with Bot(api, tmp_path):
        await api.wait_for_async("setMyCommands")
        api.private_message(QUESTIONS[0], user_id=7001)
        bad = api.raw_update({"message": {"message_id": "x", "chat": 5, "date": 1}})
        api.private_message(QUESTIONS[1], user_id=7002)
        first = await api.wait_for_async("sendMessage", timeout=20)
        second = await api.wait_for_async("sendMessage", timeout=20)
        assert {first["chat_id"], second["chat_id"]} == {7001, 7002}
        polls = len([c for c in api.calls if c[0] == "getUpdates"])
        await asyncio.sleep(2.0)
        assert len([c for c in api.calls if c[0] == "getUpdates"]) - polls < 10  # no busy loop
        assert api.pending_updates() == []  # confirmed, the bad one too
    skipped = [r for r in caplog.records if "cannot be read" in r.getMessage()]
    assert len(skipped) == 1 and str(bad["update_id"]) in skipped[0].getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.CRITICAL]


async def test_repeated_get_updates_failures_back_off(api: FakeBotAPI, tmp_path: Path) -> None:
    api.fault("getUpdates", "status", times=6, status=502)
    async with Bot(api, tmp_path):
        first = await api.wait_for_async("getUpdates", ok_only=False, timeout=20)
        assert first is not None
        await asyncio.sleep(3.5)
        failed = [c for c in api.call_log if c.method == "getUpdates" and c.status == 502]
        assert 2 <= len(failed) <= 4  # 1 s, 1.5 s, 2.25 s ... apart, not a busy loop
        api.clear_faults()
        api.private_message(QUESTIONS[0])
        await api.wait_for_async("sendMessage", timeout=30)


# ------------------------------------------------------------------------------ kill -9


def bot_process(api: FakeBotAPI, tmp_path: Path, mode: str, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STENOGRAM_")}
    env.update(
        STENOGRAM_TELEGRAM_TOKEN=TOKEN,
        STENOGRAM_TELEGRAM_API_URL=api.base_url,
        STENOGRAM_STATE_FILE=str(tmp_path / "state.sqlite3"),
        STENOGRAM_HEALTH_FILE=str(tmp_path / "health.json"),
        STENOGRAM_TELEGRAM_TIMEOUT="2",
    )
    if mode == "webhook":
        env.update(
            STENOGRAM_WEBHOOK_URL="https://stenogram.invalid/hook",
            STENOGRAM_WEBHOOK_SECRET=SECRET,
            STENOGRAM_WEBHOOK_LISTEN="127.0.0.1",
            STENOGRAM_WEBHOOK_PORT=str(port),
        )
    return subprocess.Popen(
        [sys.executable, "-m", "stenogram", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until(condition: Callable[[], object], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def post_when_up(port: int, update: dict) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            posted = httpx.post(
                f"http://127.0.0.1:{port}/hook",
                json=update,
                headers={SECRET_HEADER: SECRET},
                trust_env=False,
                timeout=5,
            )
            assert posted.status_code == 200
            return
        except httpx.TransportError:
            assert time.monotonic() < deadline
            time.sleep(0.1)


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_kill_9_with_replies_in_flight_loses_nothing(
    mode: str, api: FakeBotAPI, tmp_path: Path
) -> None:
    """Three questions fetched (polling: confirmed by the offset; webhook: answered 200), their
    replies in flight when the process is killed: the restarted bot answers each exactly once."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api.fault("sendMessage", "drop", times=50, seconds=30)  # replies stay in flight, never land
    first = bot_process(api, tmp_path, mode, port)
    try:
        updates = [api.private_message(q, user_id=8000 + n) for n, q in enumerate(QUESTIONS)]
        if mode == "webhook":
            for update in updates:
                post_when_up(port, update)
        else:
            wait_until(lambda: not api.pending_updates())  # the offset confirmed all three
        wait_until(lambda: any(m == "sendMessage" for m, _ in api.calls), timeout=30)
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    assert api.sent_messages() == []
    api.clear_faults()
    second = bot_process(api, tmp_path, mode, port)
    try:
        wait_until(lambda: len(api.sent_messages()) >= 3 or second.poll() is not None, timeout=40)
        time.sleep(1.5)  # time for a duplicate, if one were coming
        if mode == "webhook":  # Telegram would not resend what was answered 200; a late copy
            post_when_up(port, updates[0])  # of one is recognised and not answered again
            time.sleep(1.0)
    finally:
        second.send_signal(signal.SIGTERM)
        _, stderr = second.communicate(timeout=30)
    chats = sorted(m["chat"]["id"] for m in api.sent_messages())
    assert chats == [8000, 8001, 8002], stderr
    assert "Traceback" not in stderr and TOKEN not in stderr


async def test_webhook_answers_200_to_an_unreadable_update_and_goes_on(
    api: FakeBotAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import socket

    from stenogram.bot.webhook import serve_webhook

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = settings_for(
        api.base_url,
        tmp_path,
        webhook_url="https://stenogram.invalid/hook",
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    app = build_application(settings, build_answerer(settings))
    stop_event = asyncio.Event()
    server = asyncio.create_task(
        serve_webhook(app, settings, BotState("webhook", 5, 1, lambda: app.running), stop_event)
    )
    caplog.set_level(logging.INFO)
    try:
        await api.wait_for_async("setWebhook")
        while not app.running:
            await asyncio.sleep(0.01)
        good = api.private_message(QUESTIONS[0], user_id=7101)
        bodies = [
            {"update_id": good["update_id"] + 500, "message": {"message_id": "x", "chat": 5}},
            b"not json at all",
            good,
        ]
        async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
            for body in bodies:
                kwargs = {"content": body} if isinstance(body, bytes) else {"json": body}
                posted = await client.post(
                    f"http://127.0.0.1:{port}/hook", headers={SECRET_HEADER: SECRET}, **kwargs
                )
                assert posted.status_code == 200  # Telegram would resend anything else forever
        sent = await api.wait_for_async("sendMessage", timeout=20)
        assert sent["chat_id"] == 7101
    finally:
        stop_event.set()
        await asyncio.wait_for(server, 30)
    assert len([r for r in caplog.records if "cannot be read" in r.getMessage()]) == 1
    assert "had no update" in caplog.text


async def test_an_update_answered_before_a_restart_is_not_answered_again(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with Bot(api, tmp_path):
        update = api.private_message(QUESTIONS[0], user_id=7201)
        await api.wait_for_async("sendMessage", timeout=20)
    # Killed after the reply was recorded but before the offset was confirmed: Telegram sends
    # the same update to the restarted bot, which recognises it.
    async with Bot(api, tmp_path):
        api.redeliver(update)
        api.private_message(QUESTIONS[1], user_id=7202)
        await api.wait_for_async("sendMessage", lambda p: p["chat_id"] == 7202, timeout=20)
        await asyncio.sleep(0.5)
    assert len(api.sent_messages(7201)) == 1


def test_sigterm_during_start_up_retries_stops_at_once(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("STENOGRAM_")}
    env.update(
        STENOGRAM_TELEGRAM_TOKEN=TOKEN,
        STENOGRAM_TELEGRAM_API_URL=f"http://127.0.0.1:{port}/bot",
        STENOGRAM_STARTUP_SECONDS="120",
        STENOGRAM_STATE_FILE=str(tmp_path / "s.sqlite3"),
        STENOGRAM_HEALTH_FILE=str(tmp_path / "h.json"),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "stenogram", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "h.json").exists():  # the heartbeat says "starting"
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.1)
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        stopped = time.monotonic()
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, stderr
    assert time.monotonic() - stopped < 10
    assert "Traceback" not in stderr and not (tmp_path / "h.json").exists()
