"""Thin Telegram handlers: read the update, ask the answerer, send what the renderer made."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import (InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle,
                      InputTextMessageContent, LinkPreviewOptions, Message, MessageEntity, Update)
from telegram.constants import ParseMode
from telegram.ext import ContextTypes, filters

from retrieval.answer import Answerer
from retrieval.model import passage_ref

from . import telegram_html as th
from .examples import examples

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
INLINE_RESULTS = 10  # well under Telegram's 50, and quick to compute
EXAMPLES = 3  # example questions on /start and in /help, made from the documents (examples.py)


@dataclass(frozen=True)
class Deps:
    """What the handlers need, put in bot_data by the composition root."""

    answerer: Answerer
    allowed_chats: frozenset[int] = frozenset()
    admin_chats: frozenset[int] = frozenset()  # may use /reload
    reload: Callable[[], Awaitable[str]] | None = None


def deps(context: ContextTypes.DEFAULT_TYPE) -> Deps:
    """The dependencies the composition root stored for the handlers."""
    return context.bot_data["deps"]


def allowed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True when the chat may use the bot (an empty allow-list admits everyone)."""
    chats = deps(context).allowed_chats
    chat = update.effective_chat
    return not chats or (chat is not None and chat.id in chats)


async def send(message: Message, texts: list[str], markup: InlineKeyboardMarkup | None = None) -> Message:
    """Reply with HTML messages in order; buttons go under the last one."""
    sent = message
    for n, text in enumerate(texts, start=1):
        sent = await message.reply_html(text, link_preview_options=NO_PREVIEW, do_quote=True,
                                        reply_markup=markup if n == len(texts) else None)
    return sent


async def answer_question(message: Message, context: ContextTypes.DEFAULT_TYPE, question: str,
                          offset: int = 0) -> None:
    """Answer one question under `message`; the work runs off the event loop."""
    answerer = deps(context).answerer
    answer = await asyncio.to_thread(answerer.ask, question, None, offset)
    texts = th.answer_messages(answer, context.bot.username)
    await send(message, texts, th.answer_keyboard(answer, offset, answerer.k))


def question_of(message: Message) -> str:
    """The question in a message: its text without a leading /command and without @mentions of us."""
    text = message.text or ""
    entities = message.entities or ()
    if entities and entities[0].offset == 0 and entities[0].type == MessageEntity.BOT_COMMAND:
        text = text[len(message.parse_entity(entities[0])) :]
    username = message.get_bot().username
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()


class AddressedToBot(filters.MessageFilter):
    """Group messages meant for the bot: they mention it or reply to one of its messages."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            return True
        mentions = message.parse_entities([MessageEntity.MENTION]).values()
        return any(m.lower() == f"@{bot.username}".lower() for m in mentions)


async def on_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask <question> in any chat, and channel posts starting with /ask."""
    if allowed(update, context) and update.effective_message:
        await answer_question(update.effective_message, context, " ".join(context.args or []))


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A private message, a group mention, or a reply to the bot: its text is the question."""
    if allowed(update, context) and update.effective_message:
        await answer_question(update.effective_message, context, question_of(update.effective_message))


async def on_reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload from an admin chat: re-read the documents, rebuilding the index if they changed."""
    d, chat, message = deps(context), update.effective_chat, update.effective_message
    if chat is None or message is None or chat.id not in d.admin_chats or d.reload is None:
        return  # not an admin: as if the command did not exist
    await message.reply_text("Reloading the documents…")
    await message.reply_text(await d.reload())


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: a greeting with example buttons, or with a deep-link payload, that passage."""
    message = update.effective_message
    if not (allowed(update, context) and message):
        return
    if context.args:
        await show_passage(message, context, context.args[0], around=0)
        return
    made = await asyncio.to_thread(examples, deps(context).answerer, EXAMPLES)
    buttons = [[InlineKeyboardButton(q, callback_data=f"x:{n}")] for n, q in enumerate(made)]
    await message.reply_html(th.start_text(made), reply_markup=InlineKeyboardMarkup(buttons),
                             link_preview_options=NO_PREVIEW)


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what the bot does and how to ask."""
    if allowed(update, context) and update.effective_message:
        made = await asyncio.to_thread(examples, deps(context).answerer, EXAMPLES)
        await update.effective_message.reply_html(th.help_text(made),
                                                  link_preview_options=NO_PREVIEW)


async def on_speakers(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/speakers: each speaker with role and number of turns."""
    if allowed(update, context) and update.effective_message:
        await send(update.effective_message, th.speakers_messages(deps(context).answerer.corpus))


async def on_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources: each document with source and date."""
    if allowed(update, context) and update.effective_message:
        await send(update.effective_message, th.sources_messages(deps(context).answerer.corpus))


async def show_passage(message: Message, context: ContextTypes.DEFAULT_TYPE, ref: str,
                       around: int) -> None:
    """Send one passage (with `around` paragraphs of its turn either side), or say it is gone."""
    corpus = deps(context).answerer.corpus
    passage = corpus.by_ref(ref)
    if passage is None:
        await message.reply_text("That passage is no longer in my documents.")
        return
    await send(message, th.passage_messages(corpus, passage, context.bot.username, around))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """More, Context and example buttons; their whole state is in callback_data."""
    query = update.callback_query
    if query is None or not allowed(update, context):
        return
    await query.answer()
    kind, _, value = (query.data or "").partition(":")
    message = query.message
    if not isinstance(message, Message):
        return  # the message is too old to be accessible; nothing to reply to
    if kind == "c":
        await show_passage(message, context, value, around=1)
    elif kind == "x" and value.isdigit():
        made = await asyncio.to_thread(examples, deps(context).answerer, EXAMPLES)
        if int(value) < len(made):  # a button from before a reload may point past the list
            await answer_question(message, context, made[int(value)])
    elif kind == "m" and value.isdigit():
        asked = message.reply_to_message
        if asked is None:
            await message.reply_text("I can no longer see the question; please ask it again.")
        else:
            await answer_question(asked, context, question_of(asked), offset=int(value))


async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Inline mode: the best passages as results; an empty query shows a hint."""
    query = update.inline_query
    if query is None:
        return
    if not query.query.strip():
        made = await asyncio.to_thread(examples, deps(context).answerer, EXAMPLES)
        await query.answer([], cache_time=60, button=th.inline_hint_button(made))
        return
    answer = await asyncio.to_thread(deps(context).answerer.ask, query.query, INLINE_RESULTS)
    results = [
        InlineQueryResultArticle(
            id=passage_ref(q.citation.passage_id), title=th.inline_title(q),
            description=q.text[:120],
            input_message_content=InputTextMessageContent(
                th.quote_html(q, context.bot.username), parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW),
        )
        for q in answer.quotes
    ]
    await query.answer(results[:50], cache_time=300)


async def on_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A chosen inline result: nothing to send (Telegram posts it); logged for operators."""
    if update.chosen_inline_result:
        log.info("inline result chosen: %s", update.chosen_inline_result.result_id)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The one error handler: log with traceback, apologise briefly, never show internals."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        try:
            await update.effective_message.reply_text(
                "Sorry, something went wrong while answering. Please try again.")
        except Exception:  # the apology itself may fail (e.g. the chat is gone); already logged
            log.warning("could not send the apology", exc_info=True)
