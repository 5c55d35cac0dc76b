"""Answered questions per second: the real bot (polling) against the local fake Bot API server.

`python -m bench.throughput --corpus seeds --questions ../shared/eval/dev.jsonl --result R.json`

The Application is built by `bot.app.build_application` exactly as in tests/test_bot_e2e.py,
including its rate limiter (python-telegram-bot's AIORateLimiter: at most 30 requests a second
for the whole bot, Telegram's own limit). The questions (1,000 by default, cycled from the file)
arrive at once as private messages from 50 chats; the clock runs from queueing them to the
fake server receiving the last reply. The fake server (tests/fakebotapi.py) runs in a process
of its own, so its work does not compete with the bot for the GIL.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .measure import peak_mib, percentile, write_result
from .queries import read_questions

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-token-abc"
FIRST_USER = 700_000


def fake_api_class() -> type:
    """The project's fake Bot API (tests/fakebotapi.py), counting the bot's replies as they come."""
    sys.path.insert(0, str(PROJECT_ROOT / "tests"))
    import fakebotapi
    from fakebotapi import FakeBotAPI, decode_value

    # socketserver's default listen backlog (5) resets connections when 50 chats get answers at
    # once without the bot's rate limiter; a real Bot API server accepts far more.
    fakebotapi._Server.request_queue_size = 256

    class CountingAPI(FakeBotAPI):  # type: ignore[misc, valid-type]
        """Records when each question (chat, message id) got its first reply."""

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.replied: dict[tuple[int, int], float] = {}
            self.replies = threading.Condition()

        def handle_request(self, path: str, raw: dict, content_type: str = "") -> tuple[int, dict]:
            status, payload = super().handle_request(path, raw, content_type)
            if status == 200 and path.lower().endswith("/sendmessage"):
                reply = decode_value("reply_parameters", raw.get("reply_parameters")) or {}
                key = (int(raw["chat_id"]), int(reply.get("message_id", 0)))
                with self.replies:
                    self.replied.setdefault(key, time.perf_counter())
                    self.replies.notify_all()
            return status, payload

        def wait_replies(self, count: int, timeout: float) -> None:
            """Block until `count` questions have a reply, or the timeout passes."""
            deadline = time.perf_counter() + timeout
            with self.replies:
                while len(self.replied) < count and time.perf_counter() < deadline:
                    self.replies.wait(0.05)

    return CountingAPI


def serve_fake_api(
    conn: Connection, questions: list[str], total: int, chats: int, timeout: float
) -> None:
    """In its own process: run the fake server, queue the questions on "go", report the replies."""
    with fake_api_class()(token=TOKEN) as api:
        conn.send(api.base_url)
        conn.recv()  # the bot is polling
        sent: dict[tuple[int, int], float] = {}
        began = time.perf_counter()
        for n in range(total):
            user = FIRST_USER + n % chats
            update = api.private_message(questions[n % len(questions)], user_id=user)
            sent[(user, update["message"]["message_id"])] = time.perf_counter()
        api.wait_replies(total, timeout)
        elapsed = time.perf_counter() - began
        conn.send(_summary(sent, dict(api.replied), began, elapsed, chats))
        conn.recv()  # the bot has stopped polling: closing the server now is quiet


def _summary(
    sent: dict[tuple[int, int], float],
    replied: dict[tuple[int, int], float],
    began: float,
    elapsed: float,
    chats: int,
) -> dict[str, Any]:
    """Answered questions per second and the time from queueing to reply."""
    waits = [(replied[k] - t) * 1000 for k, t in sent.items() if k in replied]
    last = max((replied[k] for k in sent if k in replied), default=began)
    answered = len(waits)
    return {
        "questions": len(sent),
        "chats": chats,
        "answered": answered,
        "seconds": round(last - began, 3),
        "timed_out": answered < len(sent),
        "answered_per_s": round(answered / (last - began), 2) if answered else 0.0,
        "reply_p50_ms": round(percentile(waits, 50), 1),
        "reply_p95_ms": round(percentile(waits, 95), 1),
        "wall_s": round(elapsed, 3),
    }


async def _start(app: Any) -> None:
    """Initialise and start polling, as the end-to-end tests do."""
    await app.initialize()
    await app.post_init(app)
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)


async def _stop(app: Any) -> None:
    """Stop polling and shut the Application down."""
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


async def measure(
    settings_overrides: dict[str, Any],
    questions: list[str],
    total: int,
    chats: int,
    timeout: float,
    rate_limit: bool = True,
) -> dict[str, Any]:
    """Run the bot, send `total` questions from `chats` private chats at once, time the replies.

    The fake server runs in a process of its own, so that its work does not share the bot's GIL.
    Without `rate_limit` the bot's limiter is taken off (benchmark only), to show what answering
    and rendering alone sustain; Telegram itself would still cap a real bot at ~30 messages/s.
    """
    from stenogram.bot.app import build_application
    from stenogram.bot.service import build_answerer
    from stenogram.bot.settings import load_settings

    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(
        target=serve_fake_api, args=(theirs, questions, total, chats, timeout), daemon=True
    )
    server.start()
    try:
        base_url = await asyncio.to_thread(ours.recv)
        # No flood limit (the run floods a few chats on purpose) and a store of its own.
        settings = load_settings(
            **{
                "telegram_token": TOKEN,
                "telegram_api_url": base_url,
                "flood_per_minute": 0,
                "state_file": Path(tempfile.mkdtemp(prefix="stenogram-bench-")) / "state.sqlite3",
                **settings_overrides,
            }
        )
        app = build_application(settings, build_answerer(settings))
        if not rate_limit:
            app.bot._rate_limiter = None  # python-telegram-bot has no public way to remove it
        await _start(app)
        try:
            ours.send("go")
            summary: dict[str, Any] = await asyncio.to_thread(ours.recv)
        finally:
            await _stop(app)
            ours.send("done")
    finally:
        server.join(timeout=30)
        if server.is_alive():
            server.kill()
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: one throughput run; figures go to --result as JSON."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.throughput", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument(
        "--questions", type=Path, required=True, help="JSON lines with a 'question' key"
    )
    parser.add_argument("--engine", default=None, help="STENOGRAM_ENGINE (default: the project's)")
    parser.add_argument("--index", type=Path, default=None, help="STENOGRAM_INDEX_DIR")
    parser.add_argument("--total", type=int, default=1000)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument(
        "--no-rate-limit",
        action="store_true",
        help="take the bot's rate limiter off (shows the answering capacity)",
    )
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args(argv)
    overrides: dict[str, Any] = {"corpus_dir": args.corpus}
    if args.engine:
        overrides["engine"] = args.engine
    if args.index:
        overrides["index_dir"] = args.index
    questions = [q["question"] for q in read_questions(args.questions)]
    data = asyncio.run(
        measure(
            overrides,
            questions,
            args.total,
            args.chats,
            args.timeout,
            rate_limit=not args.no_rate_limit,
        )
    )
    data.update(
        {
            "corpus": str(args.corpus),
            "engine": args.engine or "default",
            "rate_limiter": not args.no_rate_limit,
            "peak_mib": round(peak_mib(), 1),
        }
    )
    write_result(args.result, data)
    print(json.dumps(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
