"""End to end: the real Application over real HTTP against the fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application

from stenogram.bot.app import build_application
from stenogram.bot.logs import setup_logging
from stenogram.bot.service import build_answerer
from stenogram.bot.settings import load_settings
from stenogram.bot.telegram_html import MAX_UTF16, utf16_len
from stenogram.retrieval.documents.corpus import load_corpus

try:
    from botapp import started, stopped
    from fakebotapi import FakeBotAPI
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.botapp import started, stopped
    from tests.fakebotapi import FakeBotAPI

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TOKEN = "123456:TEST-token-abc"


@pytest.fixture
def api() -> FakeBotAPI:
    with FakeBotAPI(token=TOKEN) as server:
        yield server


async def running(api: FakeBotAPI, **overrides: object) -> Application:
    settings = load_settings(
        **{
            "telegram_token": TOKEN,
            "telegram_api_url": api.base_url,
            "corpus_dir": SEEDS,
            **overrides,
        }
    )
    return await started(build_application(settings, build_answerer(settings)))


stop = stopped


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Application]:
    app = await running(api)
    yield app
    await stop(app)


def is_reply(params: dict, update: dict) -> bool:
    message = update.get("message") or update.get("channel_post")
    return params.get("reply_parameters", {}).get("message_id") == message["message_id"]


async def test_commands_registered_and_private_question(api: FakeBotAPI, bot: Application) -> None:
    commands = await api.wait_for_async("setMyCommands")
    assert {c["command"] for c in commands["commands"]} >= {"ask", "sources", "speakers", "help"}
    update = api.private_message("What did Putin say about Maidan technologies?")
    sent = await api.wait_for_async("sendMessage")
    assert sent["parse_mode"] == "HTML" and is_reply(sent, update)
    assert "Maidan" in sent["text"] and "Vladimir Putin" in sent["text"]
    assert "<blockquote" in sent["text"] and "<b>Maidan</b>" in sent["text"]
    assert sent["link_preview_options"]["is_disabled"] is True
    buttons = [b["callback_data"] for row in sent["reply_markup"]["inline_keyboard"] for b in row]
    assert any(d.startswith("c:") for d in buttons)
    assert all(len(d.encode()) <= 64 for d in buttons)


async def test_start_offers_examples(api: FakeBotAPI, bot: Application) -> None:
    api.private_message("/start")
    sent = await api.wait_for_async("sendMessage")
    rows = sent["reply_markup"]["inline_keyboard"]
    assert len(rows) == 3 and rows[0][0]["callback_data"] == "x:0"


async def test_group_ask_with_our_name_answers_and_other_bot_is_ignored(
    api: FakeBotAPI, bot: Application
) -> None:
    api.group_message("/ask@OtherBot What did Lukashenko say about Uzbekistan?")
    update = api.group_message(f"/ask@{api.bot_username} What did Lukashenko say about Uzbekistan?")
    sent = await api.wait_for_async("sendMessage")
    assert is_reply(sent, update)
    assert "Uzbekistan" in sent["text"] and "Lukashenko" in sent["text"]
    await asyncio.sleep(0.5)
    assert len([c for c in api.calls if c[0] == "sendMessage"]) == 1


async def test_reply_to_bot_in_group_is_a_question(api: FakeBotAPI, bot: Application) -> None:
    api.group_message("/ask What did Rahmon say about the Salafi movement?")
    first = await api.wait_for_async("sendMessage")
    bot_message = api.sent_messages(first["chat_id"])[-1]
    api.group_message("And what about Afghanistan camps?", reply_to=bot_message)
    api.group_message("just chatting, not for the bot")
    second = await api.wait_for_async("sendMessage")
    assert "Afghanistan" in second["text"]


async def test_channel_post_with_ask(api: FakeBotAPI, bot: Application) -> None:
    update = api.channel_post("/ask How many shopping centres and banks were looted?")
    sent = await api.wait_for_async("sendMessage")
    assert sent["chat_id"] == update["channel_post"]["chat"]["id"]
    assert "<b>looted</b>" in sent["text"] and "also in" in sent["text"]


async def test_inline_query_and_empty_hint(api: FakeBotAPI, bot: Application) -> None:
    api.inline_query("")
    hint = await api.wait_for_async("answerInlineQuery")
    assert hint["results"] == [] and "button" in hint
    api.inline_query("Salafi movement Wahhabism")
    answered = await api.wait_for_async("answerInlineQuery")
    results = answered["results"]
    assert 1 <= len(results) <= 50
    assert "Rahmon" in results[0]["title"]
    assert results[0]["input_message_content"]["parse_mode"] == "HTML"
    api.chosen_inline_result(results[0]["id"], "Salafi movement Wahhabism")


async def test_more_and_context_buttons(api: FakeBotAPI, bot: Application) -> None:
    api.private_message("What did the CSTO peacekeepers do in Kazakhstan?")
    await api.wait_for_async("sendMessage")
    reply = api.sent_messages()[-1]
    keyboard = reply["reply_markup"]["inline_keyboard"]
    more = [b for row in keyboard for b in row if b["text"] == "More"]
    context_button = keyboard[0][0]
    assert more, "three quotes shown, so More is offered"
    api.callback_query(reply, more[0]["callback_data"])
    await api.wait_for_async("answerCallbackQuery")
    nxt = await api.wait_for_async("sendMessage")
    assert nxt["text"] != reply["raw_text"]
    api.callback_query(reply, context_button["callback_data"])
    ctx = await api.wait_for_async("sendMessage", lambda p: "\u25b6" in p["text"])
    assert ctx["text"].count("<blockquote") >= 2  # the paragraph and at least one neighbour


async def test_deep_link_opens_the_passage(api: FakeBotAPI, bot: Application) -> None:
    corpus = load_corpus(bot.bot_data["deps"].answerer.corpus.directory)
    passage = next(p for p in corpus.passages if "Salafi" in p.text)
    api.private_message(f"/start {passage.ref}")
    sent = await api.wait_for_async("sendMessage")
    assert passage.text[:60] in sent["text"] and f"start={passage.ref}" in sent["text"]


async def test_long_answer_is_split_between_quotes(api: FakeBotAPI) -> None:
    app = await running(api, answers=10)
    try:
        api.private_message("Kazakhstan CSTO peacekeeping forces terrorists security situation")
        first = await api.wait_for_async("sendMessage")
        second = await api.wait_for_async("sendMessage")
        for part in (first, second):
            assert utf16_len(part["text"]) <= MAX_UTF16
            assert part["text"].count("<blockquote") == part["text"].count("</blockquote>")
    finally:
        await stop(app)


async def test_flood_control_waits_retry_after(api: FakeBotAPI, bot: Application) -> None:
    await api.wait_for_async("setMyCommands")
    api.fail_next("sendMessage", retry_after=1)
    api.private_message("What did Zas conclude about the peacekeeping mechanism?")
    sent = await api.wait_for_async("sendMessage", timeout=15)
    assert "Zas" in sent["text"]
    assert api.flood_wait("sendMessage") >= 1.0


async def test_token_never_logged_at_debug(api: FakeBotAPI) -> None:
    buffer = io.StringIO()
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    setup_logging("DEBUG", [TOKEN], stream=buffer)
    try:
        app = await running(api)
        try:
            api.private_message("What did Japarov say about Manas airport?")
            await api.wait_for_async("sendMessage")
            api.fail_next("sendMessage", retry_after=1)
            api.private_message("What did Zas conclude?")
            await api.wait_for_async("sendMessage", timeout=15)
        finally:
            await stop(app)
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
    logged = buffer.getvalue()
    assert "getUpdates" in logged and "sendMessage" in logged  # DEBUG traffic was captured
    assert "[REDACTED]" in logged
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged


async def test_group_mention_is_a_question(api: FakeBotAPI, bot: Application) -> None:
    update = api.group_message(f"@{api.bot_username} what did Putin say about Maidan technologies?")
    sent = await api.wait_for_async("sendMessage")
    assert is_reply(sent, update) and "<b>Maidan</b>" in sent["text"]


async def test_many_chats_are_answered_concurrently(api: FakeBotAPI, bot: Application) -> None:
    for chat in range(20):
        api.private_message("What did Japarov say about Manas airport?", user_id=5000 + chat)
    answered = {(await api.wait_for_async("sendMessage", timeout=20))["chat_id"] for _ in range(20)}
    assert answered == {5000 + chat for chat in range(20)}
