"""Health, webhook and shutdown: real bot processes and a real webhook server on 127.0.0.1,
against the fake Bot API server; nothing here calls Telegram."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from stenogram.bot.app import build_application
from stenogram.bot.health import STALE_SECONDS, BotState, Heartbeat, check_heartbeat, healthz_url
from stenogram.bot.service import build_answerer
from stenogram.bot.settings import load_settings
from stenogram.bot.webhook import SECRET_HEADER, serve_webhook

try:
    from fakebotapi import FakeBotAPI, JSONDict
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.fakebotapi import FakeBotAPI, JSONDict

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TOKEN = "123456:TEST-token-health"
SECRET = "webhook-Secret_0123456789"
# Never contacted: Telegram would post here; the tests post to the local server themselves.
WEBHOOK_URL = "https://stenogram.invalid/telegram-hook"
QUESTION = "How many shopping centres and banks were looted?"
SEND_DELAY = 2.0  # how long the slow fake Bot API holds each sendMessage


class SlowSendAPI(FakeBotAPI):
    """The fake Bot API, holding every sendMessage for SEND_DELAY s: an answer stays in flight."""

    def __init__(self, token: str) -> None:
        super().__init__(token=token)
        self.send_arrived = threading.Event()
        self.send_answered_at: float | None = None

    def handle_request(
        self, path: str, raw: JSONDict, content_type: str = ""
    ) -> tuple[int, JSONDict]:
        slow = path.endswith("/sendMessage")
        if slow:
            self.send_arrived.set()
            time.sleep(SEND_DELAY)
        result = super().handle_request(path, raw, content_type)
        if slow:
            self.send_answered_at = time.monotonic()
        return result


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**values: str) -> dict[str, str]:
    """This process's environment without any STENOGRAM_ setting, plus `values`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STENOGRAM_")}
    env.update(values)
    return env


def bot_env(api: FakeBotAPI, tmp_path: Path, mode: str, port: int) -> dict[str, str]:
    """Settings for a bot process against `api`, in polling or webhook mode."""
    env = clean_env(
        STENOGRAM_TELEGRAM_TOKEN=api.token,
        STENOGRAM_TELEGRAM_API_URL=api.base_url,
        STENOGRAM_HEALTH_FILE=str(tmp_path / "health.json"),
        STENOGRAM_STATE_FILE=str(tmp_path / "state.sqlite3"),
    )
    if mode == "webhook":
        env.update(
            STENOGRAM_WEBHOOK_URL=WEBHOOK_URL,
            STENOGRAM_WEBHOOK_SECRET=SECRET,
            STENOGRAM_WEBHOOK_LISTEN="127.0.0.1",
            STENOGRAM_WEBHOOK_PORT=str(port),
        )
    return env


def stenogram(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user does."""
    return subprocess.run(
        [sys.executable, "-m", "stenogram", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def wait_healthy(env: dict[str, str], proc: subprocess.Popen[str], timeout: float = 30) -> str:
    """Poll `stenogram health` until it passes; its one line."""
    deadline = time.monotonic() + timeout
    while True:
        health = stenogram("health", env=env)
        if health.returncode == 0:
            return health.stdout
        assert proc.poll() is None, f"the bot exited: {proc.communicate()}"
        assert time.monotonic() < deadline, f"never healthy: {health.stdout}{health.stderr}"
        time.sleep(0.2)


# ------------------------------------------------------------------------------ heartbeat file


def test_heartbeat_file_verdicts(tmp_path: Path) -> None:
    path = tmp_path / "health.json"
    assert "no heartbeat file" in check_heartbeat(path).reason
    running = True
    state = BotState("polling", 3, 42, running=lambda: running)
    Heartbeat(path, state).write()
    verdict = check_heartbeat(path)
    assert verdict.healthy, verdict
    assert verdict.line().startswith("healthy: polling, pid ")
    assert "3 documents, 42 passages" in verdict.line()
    updated = json.loads(path.read_text())["updated"]
    stuck = check_heartbeat(path, now=updated + STALE_SECONDS + 1)
    assert not stuck.healthy and "stuck" in stuck.reason

    running = False  # a bot that ran and is now stopping
    Heartbeat(path, state).write()
    assert not check_heartbeat(path).healthy and "stopping" in check_heartbeat(path).reason

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    path.write_text(json.dumps({"pid": int(gone.stdout), "updated": time.time(), "status": "ok"}))
    assert "is gone" in check_heartbeat(path).reason

    path.write_text("{not json")
    assert not check_heartbeat(path).healthy and "unreadable" in check_heartbeat(path).reason
    for verdict in (check_heartbeat(path), stuck):
        assert "\n" not in verdict.line()


async def test_heartbeat_beats_until_stopped_then_removes_its_file(tmp_path: Path) -> None:
    path = tmp_path / "health.json"
    heartbeat = Heartbeat(path, BotState("polling", 1, 1, running=lambda: True), interval=0.05)
    heartbeat.start()
    deadline = time.monotonic() + 5
    while not path.exists():
        assert time.monotonic() < deadline
        await asyncio.sleep(0.01)
    first = json.loads(path.read_text())["updated"]
    while json.loads(path.read_text())["updated"] == first:
        assert time.monotonic() < deadline, "the heartbeat was written only once"
        await asyncio.sleep(0.02)
    await heartbeat.stop()
    assert not path.exists()
    assert "no heartbeat file" in check_heartbeat(path).reason


def test_healthz_url_reaches_the_listen_address() -> None:
    base = {"telegram_token": TOKEN, "webhook_port": 8443}
    assert healthz_url(load_settings(**base)) == "http://127.0.0.1:8443/healthz"
    assert healthz_url(load_settings(**base, webhook_listen="::")) == "http://[::1]:8443/healthz"
    assert (
        healthz_url(load_settings(**base, webhook_listen="10.1.2.3"))
        == "http://10.1.2.3:8443/healthz"
    )


def test_health_command_fails_with_one_line(tmp_path: Path) -> None:
    polling = stenogram("health", env=clean_env(STENOGRAM_HEALTH_FILE=str(tmp_path / "none.json")))
    assert polling.returncode == 1
    assert polling.stdout.startswith("unhealthy: no heartbeat file")
    assert polling.stdout.count("\n") == 1
    port = free_port()  # nothing listens there
    webhook = stenogram(
        "health", env=clean_env(STENOGRAM_WEBHOOK_URL=WEBHOOK_URL, STENOGRAM_WEBHOOK_PORT=str(port))
    )
    assert webhook.returncode == 1 and webhook.stdout.count("\n") == 1
    assert webhook.stdout.startswith(f"unhealthy: http://127.0.0.1:{port}/healthz: ConnectError")
    # Docker reserves exit code 2 of a health check: bad settings are "unhealthy" too.
    bad = stenogram("health", env=clean_env(STENOGRAM_ANSWERS="0"))
    assert bad.returncode == 1 and "STENOGRAM_ANSWERS" in bad.stderr


# ------------------------------------------------------------------------------ the webhook


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(token=TOKEN) as server:
        yield server


async def test_webhook_checks_the_secret_and_serves_healthz(
    api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    settings = load_settings(
        telegram_token=TOKEN,
        telegram_api_url=api.base_url,
        corpus_dir=SEEDS,
        webhook_url=WEBHOOK_URL,
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    answerer = build_answerer(settings)
    app = build_application(settings, answerer)
    handled: list[int] = []

    async def probe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        handled.append(update.update_id)  # runs before every real handler (group -1)

    app.add_handler(TypeHandler(Update, probe), group=-1)
    state = BotState(
        "webhook",
        len(answerer.corpus.sources),
        answerer.corpus.passage_count,
        running=lambda: app.running,
    )
    stop = asyncio.Event()
    server = asyncio.create_task(serve_webhook(app, settings, state, stop))
    base = f"http://127.0.0.1:{port}"
    try:
        registered = await api.wait_for_async("setWebhook")
        assert registered["url"] == WEBHOOK_URL and registered["secret_token"] == SECRET
        async with httpx.AsyncClient(base_url=base, trust_env=False, timeout=10) as client:
            while not app.running:
                await asyncio.sleep(0.01)
            health = await client.get("/healthz")
            assert health.status_code == 200
            body = health.json()
            assert set(body) == {"status", "mode", "documents", "passages", "uptime"}
            assert body["status"] == "ok" and body["mode"] == "webhook"
            assert body["documents"] == len(answerer.corpus.sources) == 5
            assert body["passages"] == answerer.corpus.passage_count > 0

            update = api.private_message(QUESTION)
            forged = {**update, "update_id": update["update_id"] + 1000}
            wrong = ({}, {SECRET_HEADER: "wrong-secret-value"}, {SECRET_HEADER: SECRET + "x"})
            for headers in wrong:
                refused = await client.post("/telegram-hook", json=forged, headers=headers)
                assert refused.status_code == 403, headers
            wrong_path = await client.post(
                "/elsewhere", json=forged, headers={SECRET_HEADER: SECRET}
            )
            assert wrong_path.status_code == 404
            await asyncio.sleep(0.5)  # time enough for a handler to run if one had been started
            assert handled == [] and app.update_queue.empty()
            assert not any(method == "sendMessage" for method, _ in api.calls)

            accepted = await client.post(
                "/telegram-hook", json=update, headers={SECRET_HEADER: SECRET}
            )
            assert accepted.status_code == 200
            sent = await api.wait_for_async("sendMessage")
            assert "looted" in sent["text"]
            assert handled == [update["update_id"]]

            # `stenogram health` in webhook mode asks this server (a separate process).
            check = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "stenogram",
                "health",
                cwd=ROOT,
                env=clean_env(
                    STENOGRAM_WEBHOOK_URL=WEBHOOK_URL,
                    STENOGRAM_WEBHOOK_LISTEN="127.0.0.1",
                    STENOGRAM_WEBHOOK_PORT=str(port),
                ),
                stdout=asyncio.subprocess.PIPE,
            )
            out, _ = await check.communicate()
            assert check.returncode == 0, out
            assert out.decode().startswith("healthy: webhook, 5 documents,")
    finally:
        stop.set()
        await asyncio.wait_for(server, timeout=30)
    assert "wrong-secret-value" not in caplog.text and SECRET not in caplog.text
    assert "403" in caplog.text
    with pytest.raises(httpx.ConnectError):  # the server is closed
        async with httpx.AsyncClient(trust_env=False) as client:
            await client.get(f"{base}/healthz")


# ------------------------------------------------------------------------------ whole processes


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_sigterm_finishes_the_answer_in_flight(mode: str, tmp_path: Path) -> None:
    """SIGTERM while an answer is being sent: the process waits for it, then exits 0."""
    port = free_port()
    with SlowSendAPI(TOKEN) as api:
        env = bot_env(api, tmp_path, mode, port)
        proc = subprocess.Popen(
            [sys.executable, "-m", "stenogram", "run"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            line = wait_healthy(env, proc)
            assert line.startswith(f"healthy: {mode}, ") and "5 documents" in line
            update = api.private_message(QUESTION)
            if mode == "webhook":
                posted = httpx.post(
                    f"http://127.0.0.1:{port}/telegram-hook",
                    json=update,
                    headers={SECRET_HEADER: SECRET},
                    trust_env=False,
                )
                assert posted.status_code == 200
            assert api.send_arrived.wait(30), "the answer was never sent"
            proc.send_signal(signal.SIGTERM)
            _, stderr = proc.communicate(timeout=30)
            exited_at = time.monotonic()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert proc.returncode == 0, stderr
        sent = api.wait_for("sendMessage", timeout=1)  # answered 200, not cut off
        assert "looted" in sent["text"]
        assert api.send_answered_at is not None and exited_at >= api.send_answered_at
        assert "Traceback" not in stderr and "error while handling" not in stderr
        assert TOKEN not in stderr
    gone = stenogram("health", env=env)
    assert gone.returncode == 1, gone.stdout
    assert not (tmp_path / "health.json").exists()
