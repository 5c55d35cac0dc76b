"""Every way in passes the allow-list and the flood limit; the library's conventions (command
scopes, descriptions, the greeting in a new group); secrets never logged, even URL-encoded."""

from __future__ import annotations

import asyncio
import io
import logging
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from stenogram.bot.gate import REFUSED_TEXT, SLOW_DOWN_TEXT
from stenogram.bot.logs import setup_logging

try:
    from fakebotapi import FakeBotAPI
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.fakebotapi import FakeBotAPI

from test_bot_state import TOKEN, settings_for, start, stop

ALLOWED, STRANGER, GROUP = 4001, 4002, -100444
QUESTION = "What did Japarov say about Manas airport?"


@pytest.fixture
def api() -> FakeBotAPI:
    with FakeBotAPI(token=TOKEN) as server:
        yield server


async def settle(seconds: float = 0.8) -> None:
    await asyncio.sleep(seconds)


async def test_allow_list_on_every_way_in(api: FakeBotAPI, tmp_path: Path) -> None:
    app = await start(settings_for(api, tmp_path, allowed_chats=(ALLOWED, GROUP)))
    try:
        api.private_message(QUESTION, user_id=STRANGER)
        refused = await api.wait_for_async("sendMessage", lambda p: p["chat_id"] == STRANGER)
        assert refused["text"] == REFUSED_TEXT
        api.private_message(QUESTION, user_id=STRANGER)  # within the hour: silence
        api.private_message("/start", user_id=STRANGER)
        api.raw_update(
            {
                "edited_message": {
                    **api.sent_messages()[-1],
                    "chat": {"id": STRANGER, "type": "private", "first_name": "S"},
                    "edit_date": 1,
                }
            }
        )
        api.inline_query("Manas airport", user_id=STRANGER)
        empty = await api.wait_for_async("answerInlineQuery")
        assert empty["results"] == []
        api.private_message(QUESTION, user_id=ALLOWED)
        mine = await api.wait_for_async("sendMessage", lambda p: p["chat_id"] == ALLOWED)
        answer = api.sent_messages(ALLOWED)[-1]
        api.callback_query(answer, "m:3", user_id=STRANGER)  # a stranger's press in our chat?
        api.inline_query("Manas airport", user_id=ALLOWED)  # inline: admitted by the user id
        allowed = await api.wait_for_async("answerInlineQuery")
        assert allowed["results"]
        api.group_message(f"/ask {QUESTION}", chat_id=-100999)  # a group not on the list
        await api.wait_for_async("sendMessage", lambda p: p["chat_id"] == -100999)
        await settle()
        assert "Japarov" in mine["text"]
    finally:
        await stop(app)
    to_stranger = [p for m, p in api.calls if m == "sendMessage" and p["chat_id"] == STRANGER]
    assert len(to_stranger) == 1
    # The stranger's button press in the allowed chat is the chat's: admitted (More answered).
    assert len([p for m, p in api.calls if m == "sendMessage" and p["chat_id"] == ALLOWED]) == 2


async def test_refused_button_gets_an_empty_callback_answer(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    settings = settings_for(api, tmp_path)
    app = await start(settings)
    api.private_message(QUESTION, user_id=STRANGER)
    await api.wait_for_async("sendMessage")
    answer = api.sent_messages(STRANGER)[-1]
    await stop(app)
    app = await start(settings_for(api, tmp_path, allowed_chats=(ALLOWED,)))
    try:
        api.callback_query(answer, "m:3", user_id=STRANGER)
        answered = await api.wait_for_async("answerCallbackQuery")
        assert not answered.get("text")
        await settle()
    finally:
        await stop(app)
    assert len([m for m, _ in api.calls if m == "sendMessage"]) == 1  # only the first answer


async def test_flood_limit_slows_one_chat_and_serves_the_others(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    app = await start(settings_for(api, tmp_path, flood_per_minute=5))
    try:
        for _ in range(15):
            api.private_message(QUESTION, user_id=4101)
        api.private_message(QUESTION, user_id=4102)
        other = await api.wait_for_async("sendMessage", lambda p: p["chat_id"] == 4102, timeout=20)
        assert "Japarov" in other["text"]
        await settle(1.5)
    finally:
        await stop(app)
    flooded = [p["text"] for m, p in api.calls if m == "sendMessage" and p["chat_id"] == 4101]
    assert flooded.count(SLOW_DOWN_TEXT) == 1
    assert len(flooded) == 6  # five answers and one "slow down"; the rest dropped


async def test_conventions_scopes_descriptions_and_group_greeting(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    app = await start(settings_for(api, tmp_path))
    try:
        scopes = {}
        for _ in range(3):
            call = await api.wait_for_async("setMyCommands")
            scopes[(call.get("scope") or {"type": "default"})["type"]] = {
                c["command"] for c in call["commands"]
            }
        assert "start" in scopes["all_private_chats"] and "start" not in scopes["all_group_chats"]
        assert "ask" in scopes["all_group_chats"] and "default" in scopes
        assert api.descriptions["description"] and api.descriptions["short_description"]
        chat = {"id": GROUP, "type": "supergroup", "title": "G"}
        user = {"id": 1, "is_bot": False, "first_name": "A"}
        me = {"id": 123456, "is_bot": True, "first_name": "Stenogram"}
        api.group_message("hello", chat_id=GROUP)  # so that the fake knows the chat
        api.raw_update(
            {
                "my_chat_member": {
                    "chat": chat,
                    "from": user,
                    "date": int(time.time()),
                    "old_chat_member": {"status": "left", "user": me},
                    "new_chat_member": {"status": "member", "user": me},
                }
            }
        )
        greeting = await api.wait_for_async("sendMessage", lambda p: p["chat_id"] == GROUP)
        assert "/ask" in greeting["text"]
    finally:
        await stop(app)


async def test_secrets_never_logged_even_url_encoded_in_an_error_page(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    buffer = io.StringIO()
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    setup_logging("DEBUG", [TOKEN], stream=buffer)
    encoded = quote(TOKEN, safe="")
    assert "%3A" in encoded
    try:
        app = await start(settings_for(api, tmp_path))
        try:
            await api.wait_for_async("setMyCommands")
            page = f"<html>502 at /bot{encoded}/sendMessage and /bot{encoded.replace('%3A', '%3a')}/x</html>"
            api.fault("sendMessage", "status", times=2, status=502, body=page)
            api.private_message(QUESTION, user_id=4201)
            await api.wait_for_async("sendMessage", lambda p: "Sorry" in p["text"], timeout=20)
        finally:
            await stop(app)
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
    logged = buffer.getvalue()
    assert "502 at /bot[REDACTED]/sendMessage and /bot[REDACTED]/x" in logged  # page logged
    secret_part = TOKEN.split(":")[1]
    assert secret_part not in logged and encoded not in logged


async def test_a_reply_whose_question_is_gone_is_still_sent(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    app = await start(settings_for(api, tmp_path))
    try:
        api.private_message("hello", user_id=4301)  # the chat exists
        await api.wait_for_async("sendMessage")
        chat = {"id": 4301, "type": "private", "first_name": "U"}
        api.raw_update(
            {
                "message": {
                    "message_id": 987654,
                    "date": int(time.time()),
                    "chat": chat,
                    "from": {"id": 4301, "is_bot": False, "first_name": "U"},
                    "text": QUESTION,
                }
            }
        )  # deleted before the bot replies
        sent = await api.wait_for_async("sendMessage", lambda p: "Japarov" in p["text"])
        assert sent["reply_parameters"]["allow_sending_without_reply"] is True
    finally:
        await stop(app)


def test_numbers_are_ascii_digits_only() -> None:
    from stenogram.bot.handlers import number

    assert number("12") == 12 and number("0") == 0
    for text in ("\u00b2", "1\u00b2", "\u0663", "-1", "", "1e3", " 1", "99999999999"):
        assert number(text) is None
    assert number("5", limit=5) is None


def test_gate_memory_stays_bounded() -> None:
    from stenogram.bot.gate import Gate

    now = [0.0]
    gate = Gate(frozenset(), per_minute=2, clock=lambda: now[0])
    assert [gate.flooded(1) for _ in range(3)] == [False, False, True]
    now[0] = 61.0
    assert gate.flooded(1) is False  # a new minute
    for chat in range(50):
        gate.flooded(1000 + chat)
    now[0] = 200.0
    gate._forget(now[0], keep=10)
    assert len(gate._recent) == 0
