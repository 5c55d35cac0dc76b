"""Hostile input through the fake Bot API: thousands of random and hostile updates change nothing.

No crash (a plain question is still answered afterwards), no unhandled exception, every request
the bot makes is one Telegram accepts (the fake enforces its rules: HTML, lengths, reply targets,
callback data, inline results), no traceback in a chat, and the token and webhook secret never
in a log line or a message, raw or URL-encoded.

`make test` runs STENOGRAM_FUZZ_UPDATES (default 2,000) updates; `make fuzz` runs 10,000.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import random
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from telegram.ext import Application

from stenogram.bot.delivery import SendOnceMore
from stenogram.bot.logs import setup_logging
from stenogram.bot.settings import Settings
from stenogram.bot.state import State

try:
    from botapp import started, stopped
    from fakebotapi import FakeBotAPI
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.botapp import started
    from tests.fakebotapi import FakeBotAPI

from test_bot_state import TOKEN, settings_for

UPDATES = int(os.environ.get("STENOGRAM_FUZZ_UPDATES", "2000"))
SEED = int(os.environ.get("STENOGRAM_FUZZ_SEED", "1234"))
SECRET = "fuzz-Webhook_secret"
HOSTILE = [
    "<b>bold</b>",
    "</blockquote>",
    "<a href='javascript:x'>x</a>",
    "&amp;",
    "&#0;",
    "&",
    "\u200b\u200c\u200d",
    "\u202e\u2066RTL\u2069",
    "\ufeff",
    "\U0001f600" * 3,
    "\u00b2\u00b3",
    "\u0661\u0662",
    "\x00\x07\x1b[31m",
    "%3A",
    TOKEN.split(":")[0],
    "@StenogramTestBot",
    "@OtherBot",
    "Putin",
    "Kazakhstan",
    "peacekeepers",
    "Manas airport",
    "looted",
    "?",
    "\n\n",
    "/start",
    "/ask",
    "' OR 1=1 --",
    "${jndi:x}",
    "{{7*7}}",
    "\\",
    '"',
    "'",
    "\t",
]
PAYLOADS = [
    "\u00b2",
    "c-\u00b2",
    "q-\u00b9\u00b2",
    "q-99999999999999",
    "q-1",
    "c-",
    "inline",
    "../../etc",
    "x" * 64,
    "3008bfb6_3_17",
    "c-3008bfb6_3_17",
    "c-zzz",
    "m-1",
    "",
]
DATA = [
    "m:\u00b2",
    "x:\u00b2",
    "x:99",
    "m:-1",
    "m:99999999999",
    "c:../x",
    "c:",
    "m:",
    "x:",
    "",
    ":",
    "c:3008bfb6_3_17",
    "m:3",
    "x:0",
    "x:1",
    "zz:1",
    "m:\u0663",
    "x:\u0661",
]


def hostile_text(rng: random.Random) -> str:
    """A message text: a question, or markup, control characters and very long runs."""
    kind = rng.random()
    if kind < 0.1:
        return "".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 10)))
    if kind < 0.15:  # up to Telegram's 4,096 characters
        piece = rng.choice(HOSTILE)
        return (piece * (4096 // len(piece)))[: rng.randint(1, 4096)] or piece
    if kind < 0.2:
        return "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 4000)))[:4096]
    if kind < 0.3:
        return f"/start {rng.choice(PAYLOADS)}"
    if kind < 0.4:
        return rng.choice(
            [
                "/ask",
                "/ask ",
                "/ask@OtherBot hi",
                "/help",
                "/sources",
                "/speakers",
                "/reload",
                "/unknown",
                "/start@StenogramTestBot",
            ]
        ) + rng.choice(["", " " + rng.choice(HOSTILE)])
    words = [rng.choice(HOSTILE) for _ in range(rng.randint(1, 6))]
    return "What did " + " ".join(words) + " say about Kazakhstan?"


def one_update(api: FakeBotAPI, rng: random.Random, bot_messages: list[dict[str, Any]]) -> None:
    """Queue one random update of any kind."""
    user = rng.randint(10_000, 10_400)
    kind = rng.random()
    if kind < 0.35:
        api.private_message(hostile_text(rng), user_id=user)
    elif kind < 0.45:
        reply = rng.choice(bot_messages) if bot_messages and rng.random() < 0.7 else None
        api.group_message(
            hostile_text(rng) + " @StenogramTestBot",
            chat_id=-rng.randint(100, 120),
            user_id=user,
            reply_to=reply,
        )
    elif kind < 0.5:
        api.channel_post(hostile_text(rng), chat_id=-rng.randint(200, 205))
    elif kind < 0.6:
        api.inline_query(hostile_text(rng)[:256], user_id=user)
    elif kind < 0.63:
        api.chosen_inline_result(rng.choice(PAYLOADS) or "r", "q", user_id=user)
    elif kind < 0.73 and bot_messages:
        api.callback_query(rng.choice(bot_messages), rng.choice(DATA) or "m:3", user_id=user)
    elif kind < 0.78:  # a question whose message is already gone when the bot replies
        chat = {"id": user, "type": "private", "first_name": "U"}
        api.private_message("hello", user_id=user)  # the fake now knows the chat
        api.raw_update(
            {
                "message": {
                    "message_id": 9_000_000 + rng.randint(0, 10**6),
                    "date": int(time.time()),
                    "chat": chat,
                    "from": {"id": user, "is_bot": False, "first_name": "U"},
                    "text": hostile_text(rng),
                }
            }
        )
    elif kind < 0.83:  # edits, media, forwards
        chat = {"id": user, "type": "private", "first_name": "U"}
        api.private_message("hello", user_id=user)  # the fake now knows the chat
        base = {
            "message_id": rng.randint(1, 10**6),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": user, "is_bot": False, "first_name": "U"},
        }
        api.raw_update(
            rng.choice(
                [
                    {"edited_message": {**base, "text": hostile_text(rng), "edit_date": 1}},
                    {
                        "message": {
                            **base,
                            "photo": [
                                {"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}
                            ],
                            "caption": hostile_text(rng)[:1024],
                        }
                    },
                    {
                        "message": {
                            **base,
                            "sticker": {
                                "file_id": "f",
                                "file_unique_id": "u",
                                "width": 1,
                                "height": 1,
                                "is_animated": False,
                                "is_video": False,
                                "type": "regular",
                            },
                        }
                    },
                    {
                        "message": {
                            **base,
                            "text": hostile_text(rng),
                            "forward_origin": {
                                "type": "hidden_user",
                                "date": 1,
                                "sender_user_name": "X",
                            },
                        }
                    },
                    {
                        "message": {
                            **base,
                            "text": "bold",
                            "entities": [
                                {
                                    "type": "bold",
                                    "offset": rng.randint(-5, 5),
                                    "length": rng.randint(0, 99),
                                }
                            ],
                        }
                    },
                ]
            )
        )
    elif kind < 0.9:  # kinds newer than the library, and fields it cannot read
        api.raw_update(
            rng.choice(
                [
                    {"future_kind": {"anything": [1, 2, 3]}},
                    {"message": {"message_id": "x", "chat": 5, "date": 1}},
                    {
                        "message": {
                            "message_id": 1,
                            "date": "soon",
                            "chat": {"id": 1, "type": "private"},
                        }
                    },
                    {"callback_query": {"id": "1", "data": "m:1"}},
                    {"inline_query": None},
                    {},
                ]
            )
        )
    elif kind < 0.95:
        chat = {"id": -rng.randint(300, 310), "type": "supergroup", "title": "T"}
        me = {"id": api.bot_id, "is_bot": True, "first_name": "S"}
        api.group_message("hi", chat_id=chat["id"])
        api.raw_update(
            {
                "my_chat_member": {
                    "chat": chat,
                    "from": {"id": user, "is_bot": False, "first_name": "U"},
                    "date": int(time.time()),
                    "old_chat_member": {
                        "status": rng.choice(["left", "kicked"]),
                        "user": me,
                        "until_date": 0,
                    },
                    "new_chat_member": {
                        "status": rng.choice(["member", "administrator", "left"]),
                        "user": me,
                    },
                }
            }
        )
    else:
        api.private_message(
            rng.choice(
                ["What did Japarov say about Manas airport?", "peacekeepers", "looted banks"]
            ),
            user_id=user,
        )


async def run_fuzz(api: FakeBotAPI, tmp_path: Path, updates: int, seed: int) -> None:
    """Send `updates` hostile updates and check everything the module docstring promises."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    setup_logging("INFO", [TOKEN, SECRET], stream=buffer)
    settings = settings_for(api, tmp_path, webhook_secret=SECRET, admin_chats=(10_001,))
    try:
        app_build = await _started(settings)
        app, state = app_build, app_build.bot_data["state"]
        try:
            sent = 0
            while sent < updates:
                recent = api.sent_messages()[-50:]
                for _ in range(min(100, updates - sent)):
                    one_update(api, rng, recent)
                    sent += 1
                await _drained(api, state)
            api.private_message("What did Japarov say about Manas airport?", user_id=99)
            final = await api.wait_for_async(
                "sendMessage", lambda p: p["chat_id"] == 99, timeout=30
            )
            assert "Japarov" in final["text"]  # still serving
        finally:
            await stopped(app)
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
    calls = api.call_log
    rejected = [
        (c.method, c.status, c.error, str(c.params)[-300:])
        for c in calls
        if c.status not in (200, None) and c.method != "getUpdates"
    ]
    assert rejected == [], rejected[:5]
    logged = buffer.getvalue()
    at = logged.find("error while handling an update")
    assert at < 0, logged[at : at + 6000]
    for secret in (TOKEN, SECRET):
        for form in (secret, quote(secret, safe=""), secret.split(":")[-1]):
            assert form not in logged
    for message in api.sent_messages():
        text = message["raw_text"] or ""
        assert "Traceback" not in text and 'File "' not in text
        assert TOKEN.split(":")[1] not in text and SECRET not in text
    answered = len([c for c in calls if c.method == "sendMessage"])
    assert answered > updates // 10  # the fuzz did reach the handlers


async def _started(settings: Settings) -> Application:
    from stenogram.bot.app import build_application
    from stenogram.bot.service import build_answerer

    app = build_application(settings, build_answerer(settings))
    # Telegram's 30 messages/s would make this a long test; the limits of each message stay.
    app.bot._rate_limiter = SendOnceMore(overall_max_rate=0, group_max_rate=0)
    return await started(app)


async def _drained(api: FakeBotAPI, state: State, timeout: float = 120) -> None:
    """Wait until Telegram has no update left for the bot and the bot finished every one."""
    deadline = time.monotonic() + timeout
    while api.pending_updates() or state.unfinished():
        assert time.monotonic() < deadline, "updates left unhandled"
        await asyncio.sleep(0.05)


async def test_fuzz_hostile_updates(tmp_path: Path) -> None:
    with FakeBotAPI(token=TOKEN) as api:
        await run_fuzz(api, tmp_path, UPDATES, SEED)
