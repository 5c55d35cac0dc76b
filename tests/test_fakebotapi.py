"""Tests of the fake Bot API server, driven through the real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, EndPointNotFound, InvalidToken, RetryAfter
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    ContextTypes,
    ExtBot,
    MessageHandler,
    filters,
)

try:
    from fakebotapi import FakeBotAPI, HtmlParser, utf16_len
except ModuleNotFoundError:  # tests/ made a package
    from tests.fakebotapi import FakeBotAPI, HtmlParser, utf16_len

USER = 1001
# PTB itself reads RetryAfter.retry_after (int until PTB_TIMEDELTA becomes the default).
PTB_RETRY_AFTER_DEPRECATION = pytest.mark.filterwarnings(
    "ignore::telegram.warnings.PTBDeprecationWarning"
)
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:1")]])


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as client:
        yield client


def article(result_id: str, text: str = "quote") -> InlineQueryResultArticle:
    return InlineQueryResultArticle(result_id, "Title", InputTextMessageContent(text))


# ---------------------------------------------------------------------------- basics


async def test_get_me_returns_full_bot_user(api: FakeBotAPI, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "StenogramTestBot", True)
    assert me.can_join_groups and me.supports_inline_queries
    assert me.can_read_all_group_messages is False
    assert api.calls[0] == ("getMe", {})
    assert api.base_url == f"http://127.0.0.1:{api.port}/bot"


async def test_wrong_token_is_401_and_unknown_method_is_404(api: FakeBotAPI, bot: Bot) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:wrong", base_url=api.base_url):
            pass
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")
    async with httpx.AsyncClient() as client:
        wrong = await client.post(f"{api.base_url}999:wrong/getMe")
        unknown = await client.post(f"{api.base_url}{api.token}/noSuchMethod")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert unknown.status_code == 404 and unknown.json()["error_code"] == 404


async def test_request_encodings_are_decoded(api: FakeBotAPI, bot: Bot) -> None:
    api.private_message("hi")
    await bot.send_message(USER, "123", reply_markup=KEYBOARD)
    method, params = api.calls[-1]
    assert method == "sendMessage" and api.call_log[-1].content_type == (
        "application/x-www-form-urlencoded"
    )
    assert params == {
        "chat_id": USER,
        "text": "123",
        "reply_markup": {"inline_keyboard": [[{"text": "More", "callback_data": "more:1"}]]},
    }
    url = f"{api.base_url}{api.token}/sendMessage"
    async with httpx.AsyncClient() as client:
        as_json = await client.post(url, json={"chat_id": USER, "text": "json body"})
        multipart = await client.post(
            url,
            data={"chat_id": str(USER), "text": "true"},
            files={"doc": ("a.txt", b"data", "text/plain")},
        )
    assert as_json.json()["result"]["text"] == "json body"
    assert multipart.json()["result"]["text"] == "true"
    params = api.calls[-1][1]
    assert params["chat_id"] == USER and params["text"] == "true"
    assert params["doc"] == {"filename": "a.txt", "content_type": "text/plain", "data": b"data"}


# ---------------------------------------------------------------------------- sendMessage


async def test_send_message_html_markup_and_reply(api: FakeBotAPI, bot: Bot) -> None:
    question = api.private_message("What did Ada say?")["message"]
    sent = await bot.send_message(
        USER,
        "<b>Ada</b> said: &lt;hello&gt; &amp; 😀<i>bye</i>",
        parse_mode=ParseMode.HTML,
        reply_markup=KEYBOARD,
        reply_parameters=ReplyParameters(question["message_id"]),
    )
    assert sent.text == "Ada said: <hello> & 😀bye"
    assert sent.entities == (MessageEntity("bold", 0, 3), MessageEntity("italic", 22, 3))
    assert sent.parse_entity(sent.entities[1]) == "bye"
    assert sent.from_user.id == api.bot_id and sent.chat.type == "private"
    assert sent.message_id == question["message_id"] + 1
    assert sent.reply_to_message.text == "What did Ada say?"
    assert sent.reply_markup == KEYBOARD
    stored = api.sent_messages(USER)[-1]
    assert stored["plain_text"] == sent.text and stored["parse_mode"] == "HTML"
    assert isinstance(stored["date"], int) and stored["raw_text"].startswith("<b>Ada</b>")
    params = await api.wait_for_async("sendMessage")
    assert params["reply_parameters"] == {"message_id": question["message_id"]}


async def test_message_length_is_counted_in_utf16_units(api: FakeBotAPI, bot: Bot) -> None:
    api.private_message("hi")
    fits, too_long = "😀" * 2048, "😀" * 2049
    assert len(too_long) < 4096 < utf16_len(too_long)
    await bot.send_message(USER, fits)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(USER, too_long)
    await bot.send_message(USER, f"<b>{'a' * 4096}</b>", parse_mode="HTML")  # tags don't count
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(USER, "<b> </b>", parse_mode="HTML")


@pytest.mark.parametrize(
    "text",
    [
        "a < b",
        "AT&T",
        "<b>unclosed",
        "<b><i>x</b></i>",
        "<span>x</span>",
        "<h1>x</h1>",
        "</b>",
        "<a href='x'>y",
        "x<3",
    ],
)
async def test_malformed_html_is_rejected(api: FakeBotAPI, bot: Bot, text: str) -> None:
    api.private_message("hi")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(USER, text, parse_mode="HTML")
    assert api.sent_messages() == []


def test_supported_html_tags_become_entities() -> None:
    text = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>"
        "<strike>k</strike><del>d</del><tg-spoiler>t</tg-spoiler>"
        '<span class="tg-spoiler">p</span><a href="https://e.x/?a=1&amp;b=2">a</a>'
        '<code>c</code><pre><code class="language-python">x</code></pre>'
        "<blockquote>q</blockquote><blockquote expandable>w</blockquote>&#33;&#x21;&quot;"
    )
    plain, entities = HtmlParser(text).parse()
    assert plain == 'bsieunskdtpacxqw!!"'
    assert [e["type"] for e in entities] == [
        "bold",
        "bold",
        "italic",
        "italic",
        "underline",
        "underline",
        "strikethrough",
        "strikethrough",
        "strikethrough",
        "spoiler",
        "spoiler",
        "text_link",
        "code",
        "pre",
        "blockquote",
        "expandable_blockquote",
    ]
    assert entities[11]["url"] == "https://e.x/?a=1&b=2" and entities[13]["language"] == "python"


async def test_long_callback_data_is_rejected(api: FakeBotAPI, bot: Bot) -> None:
    api.private_message("hi")
    data = "é" * 33  # 33 characters but 66 bytes
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data=data)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(USER, "text", reply_markup=markup)


async def test_edit_message_text_and_markup(api: FakeBotAPI, bot: Bot) -> None:
    api.private_message("hi")
    sent = await bot.send_message(USER, "draft", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text(
        "<i>final</i>", USER, sent.message_id, parse_mode="HTML", reply_markup=KEYBOARD
    )
    assert edited.text == "final" and edited.edit_date is not None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text(
            "<i>final</i>", USER, sent.message_id, parse_mode="HTML", reply_markup=KEYBOARD
        )
    bare = await bot.edit_message_reply_markup(USER, sent.message_id)
    assert bare.reply_markup is None
    assert api.sent_messages(USER)[0]["plain_text"] == "final"
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", USER, 999)


# ---------------------------------------------------------------------------- flood control


@PTB_RETRY_AFTER_DEPRECATION
async def test_429_surfaces_as_retry_after(api: FakeBotAPI, bot: Bot) -> None:
    api.private_message("hi")
    api.fail_next("sendMessage", retry_after=3)
    with pytest.raises(RetryAfter, match="3"):
        await bot.send_message(USER, "x")
    await bot.send_message(USER, "x")
    assert [call.status for call in api.call_log if call.method == "sendMessage"] == [429, 200]


@PTB_RETRY_AFTER_DEPRECATION
async def test_rate_limiter_retry_waits_for_retry_after(api: FakeBotAPI) -> None:
    api.private_message("hi")
    api.fail_next("sendMessage", retry_after=1)
    limiter = AIORateLimiter(max_retries=1)
    async with ExtBot(api.token, base_url=api.base_url, rate_limiter=limiter) as bot:
        await bot.send_message(USER, "after flood")
    assert api.flood_wait("sendMessage") >= 1.0
    assert (await api.wait_for_async("sendMessage"))["text"] == "after flood"


# ---------------------------------------------------------------------------- getUpdates


async def test_long_poll_returns_as_soon_as_an_update_is_queued(api: FakeBotAPI, bot: Bot) -> None:
    asyncio.get_running_loop().call_later(0.2, api.private_message, "late")
    started = time.monotonic()
    updates = await bot.get_updates(timeout=5)
    assert 0.15 < time.monotonic() - started < 2
    assert [u.message.text for u in updates] == ["late"]
    api.private_message("next")
    again = await bot.get_updates(timeout=0)
    assert [u.message.text for u in again] == ["late", "next"]  # not confirmed yet
    confirmed = await bot.get_updates(offset=updates[0].update_id + 1, limit=1, timeout=0)
    assert [u.message.text for u in confirmed] == ["next"]
    assert [u["message"]["text"] for u in api.pending_updates()] == ["next"]
    started = time.monotonic()
    assert await bot.get_updates(offset=confirmed[0].update_id + 1, timeout=0.3) == ()
    assert time.monotonic() - started >= 0.25 and api.pending_updates() == []


async def test_webhook_methods(api: FakeBotAPI, bot: Bot) -> None:
    api.private_message("queued")
    assert await bot.set_webhook("https://example.invalid/hook")
    info = await bot.get_webhook_info()
    assert info.url == "https://example.invalid/hook" and info.pending_update_count == 1
    with pytest.raises(Conflict):
        await bot.get_updates()
    with pytest.raises(BadRequest, match=r"(?i)https url"):
        await bot.set_webhook("http://example.invalid/hook")
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == "" and api.pending_updates() == []


async def test_channel_post_parses_without_message(api: FakeBotAPI, bot: Bot) -> None:
    api.channel_post("Announcement", chat_id=-1005)
    (update,) = await bot.get_updates()
    assert update.message is None and update.channel_post.text == "Announcement"
    assert update.effective_message.text == "Announcement"
    assert update.effective_chat.type == "channel" and update.effective_user is None
    assert update.channel_post.sender_chat.id == -1005


async def test_commands_and_mentions_get_utf16_entities(api: FakeBotAPI, bot: Bot) -> None:
    api.private_message("/ask@StenogramTestBot 😀 who is @ada_l?")
    (update,) = await bot.get_updates()
    entities = update.message.parse_entities()
    assert list(entities.values()) == ["/ask@StenogramTestBot", "@ada_l"]
    assert [e.type for e in entities] == ["bot_command", "mention"]
    assert list(entities)[1].offset == len("/ask@StenogramTestBot  who is ") + 2


async def test_group_privacy_mode_delivers_only_addressed_messages(
    api: FakeBotAPI, bot: Bot
) -> None:
    api.group_message("chatter nobody asked for")
    api.group_message("/help@OtherBot")
    api.group_message("@StenogramTestBot where is it?")
    (mentioned,) = await bot.get_updates()
    assert mentioned.effective_chat.type == "supergroup"
    answer = await bot.send_message(
        mentioned.effective_chat.id,
        "here",
        reply_parameters=ReplyParameters(mentioned.message.message_id),
    )
    stored = api.sent_messages(mentioned.effective_chat.id)[0]
    api.group_message("thanks", reply_to=stored)
    api.group_message("/help")
    updates = await bot.get_updates(offset=mentioned.update_id + 1)
    assert [u.message.text for u in updates] == ["thanks", "/help"]
    assert updates[0].message.reply_to_message.message_id == answer.message_id
    with FakeBotAPI(privacy_mode=False) as open_api:
        open_api.group_message("chatter")
        assert len(open_api.pending_updates()) == 1


# ---------------------------------------------------------------------------- queries


async def test_callback_query_parses_and_is_answered_once(api: FakeBotAPI, bot: Bot) -> None:
    api.private_message("hi")
    sent = await bot.send_message(USER, "<b>quote</b>", parse_mode="HTML", reply_markup=KEYBOARD)
    injected = api.callback_query(api.sent_messages(USER)[-1], "more:1")
    (update,) = await bot.get_updates(offset=-1)
    query = update.callback_query
    assert query.id == injected["callback_query"]["id"] and query.data == "more:1"
    assert query.message.message_id == sent.message_id and query.message.text == "quote"
    assert query.message.text_html == "<b>quote</b>" and query.chat_instance
    assert await query.answer("ok")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await query.answer()


async def test_inline_query_and_chosen_result(api: FakeBotAPI, bot: Bot) -> None:
    api.inline_query("tea", user_id=7)
    api.chosen_inline_result("r1", "tea", user_id=7)
    inline, chosen = await bot.get_updates()
    assert inline.inline_query.query == "tea" and inline.inline_query.from_user.id == 7
    assert chosen.chosen_inline_result.result_id == "r1"
    with pytest.raises(BadRequest, match=r"(?i)results_too_much"):
        await inline.inline_query.answer([article(str(i)) for i in range(51)])
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await inline.inline_query.answer(
            [
                InlineQueryResultArticle(
                    "1", "t", InputTextMessageContent("a < b", parse_mode="HTML")
                )
            ]
        )
    assert await inline.inline_query.answer([article(str(i)) for i in range(50)])
    params = await api.wait_for_async("answerInlineQuery")
    assert len(params["results"]) == 50 and params["results"][0]["id"] == "0"


async def test_bot_commands_and_misc_methods(api: FakeBotAPI, bot: Bot) -> None:
    commands = [BotCommand("ask", "Ask about the documents"), BotCommand("help", "Help")]
    assert await bot.set_my_commands(commands)
    assert await bot.get_my_commands() == tuple(commands)
    assert await bot.get_my_commands(language_code="de") == ()
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    assert await bot.delete_my_commands() and await bot.get_my_commands() == ()
    api.private_message("hi")
    assert await bot.send_chat_action(USER, "typing")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(42, "nobody here")
    assert await bot.close() and await bot.log_out()


# ---------------------------------------------------------------------------- observing


async def test_wait_for_returns_successive_calls_and_reports_misses(
    api: FakeBotAPI, bot: Bot
) -> None:
    api.private_message("hi")
    for text in ("one", "two", "three"):
        await bot.send_message(USER, text)
    assert (await api.wait_for_async("sendMessage"))["text"] == "one"
    assert (await api.wait_for_async("sendMessage", lambda p: p["text"] == "three"))["text"] == (
        "three"
    )
    assert api.wait_for("sendMessage", timeout=0.1)["text"] == "two"
    with pytest.raises(AssertionError, match="sendMessage -> 200"):
        api.wait_for("sendMessage", timeout=0.1)


# ---------------------------------------------------------------------------- end to end


async def test_application_echoes_private_message_end_to_end(api: FakeBotAPI) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(f"echo: {update.effective_message.text}")

    app = (
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)
        update = api.private_message("hi")
        sent = await api.wait_for_async("sendMessage", timeout=5)
        await app.updater.stop()
        await app.stop()
    assert (sent["chat_id"], sent["text"]) == (USER, "echo: hi")
    last_poll = [params for method, params in api.calls if method == "getUpdates"][-1]
    assert last_poll["offset"] == update["update_id"] + 1 and last_poll["timeout"] == 0
    assert api.pending_updates() == []
