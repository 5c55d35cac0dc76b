"""Thin Telegram handlers: read the update, ask the answerer, send what the renderer made."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from telegram import (
    ChatMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes, filters

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.model import Answer, passage_ref

from . import telegram_html as th
from .examples import EXAMPLES, examples
from .state import Asked, State

log = logging.getLogger(__name__)
INLINE_RESULTS = 10  # well under Telegram's 50, and quick to compute
ASCII_NUMBER = re.compile(r"[0-9]{1,9}")
REF = re.compile(r"[0-9a-f_]{3,40}")  # retrieval.model.passage_ref's alphabet
FOLLOW_UP_WORDS = 8  # a private message this short, soon after an answer, may follow it up
FOLLOW_UP_SECONDS = 15 * 60.0
GONE = "That passage is no longer in my documents (they were updated); please ask again."


@dataclass(frozen=True)
class Deps:
    """What the handlers need, put in bot_data by the composition root."""

    answerer: Answerer
    allowed_chats: frozenset[int] = frozenset()  # checked by bot.gate before any handler
    admin_chats: frozenset[int] = frozenset()  # may use /reload
    reload: Callable[[], Awaitable[str]] | None = None
    state: State | None = None  # answers for More, chat context, deep-link questions


def deps(context: ContextTypes.DEFAULT_TYPE) -> Deps:
    """The dependencies the composition root stored for the handlers."""
    found: Deps = context.bot_data["deps"]
    return found


def number(text: str, limit: int = 10**9) -> int | None:
    """A non-negative number written in ASCII digits below `limit`, else None ('²' is no digit)."""
    if ASCII_NUMBER.fullmatch(text) and int(text) < limit:
        return int(text)
    return None


def ask(
    answerer: Answerer,
    question: str,
    k: int | None = None,
    offset: int = 0,
    previous: str | None = None,
) -> Answer:
    """answerer.ask, with the previous question only when there is one."""
    if previous:
        return answerer.ask(question, k, offset, previous=previous)
    return answerer.ask(question, k, offset)


async def send(
    message: Message, texts: list[str], markup: InlineKeyboardMarkup | None = None
) -> list[Message]:
    """Reply with HTML messages in order; buttons go under the last one."""
    sent = []
    for n, text in enumerate(texts, start=1):
        sent.append(
            await message.reply_html(text, reply_markup=markup if n == len(texts) else None)
        )
    return sent


async def answer_question(
    message: Message,
    context: ContextTypes.DEFAULT_TYPE,
    question: str,
    offset: int = 0,
    previous: str | None = None,
) -> None:
    """Answer one question under `message` and remember it for More and follow-ups; the work
    runs off the event loop."""
    d = deps(context)
    k = d.answerer.k
    # One quote more than shown: More is offered only when there is something after this page.
    found = await asyncio.to_thread(ask, d.answerer, question, k + 1, offset, previous)
    more = len(found.quotes) + len(found.closest) > k
    quotes = found.quotes[:k]
    answer = replace(found, quotes=quotes, closest=found.closest[: k - len(quotes)])
    texts = th.answer_messages(answer, context.bot.username)
    sent = await send(message, texts, th.answer_keyboard(answer, offset, k, more))
    if d.state is not None and not answer.problem:
        read_as = answer.read_as or question
        d.state.remember_answer(
            message.chat.id, [m.message_id for m in sent], Asked(read_as, offset)
        )


def follow_up_of(message: Message, context: ContextTypes.DEFAULT_TYPE, question: str) -> str | None:
    """The question this message follows up, as the answerer read it, or None.

    A reply to one of the bot's answers follows up that answer's question (any chat); in a private
    chat, a short fragment sent soon after an answer follows up the chat's last question.
    """
    state = deps(context).state
    if state is None:
        return None
    replied = message.reply_to_message
    if (
        replied is not None
        and replied.from_user is not None
        and replied.from_user.id == context.bot.id
    ):
        asked = state.answer(message.chat.id, replied.message_id)
        return asked.question if asked else None
    if message.chat.type != ChatType.PRIVATE or len(question.split()) > FOLLOW_UP_WORDS:
        return None
    last = state.last(message.chat.id)
    if last is None or time.time() - last.at > FOLLOW_UP_SECONDS:
        return None
    return last.question


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
    if update.effective_message:
        await answer_question(update.effective_message, context, " ".join(context.args or []))


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A private message, a group mention, or a reply to the bot: its text is the question,
    read as a follow-up of the earlier question when it is one (see follow_up_of)."""
    message = update.effective_message
    if message:
        question = question_of(message)
        await answer_question(
            message, context, question, previous=follow_up_of(message, context, question)
        )


async def on_reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload from an admin chat: re-read the documents, rebuilding the index if they changed."""
    d, chat, message = deps(context), update.effective_chat, update.effective_message
    if chat is None or message is None or chat.id not in d.admin_chats or d.reload is None:
        return  # not an admin: as if the command did not exist
    await message.reply_text("Reloading the documents…")
    await message.reply_text(await d.reload())


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: a greeting with example buttons, or with a deep-link payload what it links to."""
    message = update.effective_message
    if not message:
        return
    payload = context.args[0] if context.args else ""
    kind, _, value = payload.partition("-")
    if REF.fullmatch(payload):  # a permalink: the passage itself
        await show_passage(message, context, payload, around=0)
        return
    if kind == "c" and REF.fullmatch(value):  # Context from an inline result
        await show_passage(message, context, value, around=1)
        return
    state = deps(context).state
    link = number(value) if kind == "q" else None
    question = state.linked(link) if state is not None and link is not None else None
    if question:  # More from an inline result: the whole answer, with its buttons
        await answer_question(message, context, question)
        return
    made = await asyncio.to_thread(examples, deps(context).answerer, EXAMPLES)
    buttons = [[InlineKeyboardButton(q, callback_data=f"x:{n}")] for n, q in enumerate(made)]
    await message.reply_html(
        th.start_text(made), reply_markup=InlineKeyboardMarkup(buttons), do_quote=False
    )


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what the bot does and how to ask."""
    if update.effective_message:
        made = await asyncio.to_thread(examples, deps(context).answerer, EXAMPLES)
        await update.effective_message.reply_html(th.help_text(made), do_quote=False)


async def on_speakers(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/speakers: each speaker with role and number of turns."""
    if update.effective_message:
        await send(update.effective_message, th.speakers_messages(deps(context).answerer.corpus))


async def on_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources: each document with source and date."""
    if update.effective_message:
        await send(update.effective_message, th.sources_messages(deps(context).answerer.corpus))


async def show_passage(
    message: Message, context: ContextTypes.DEFAULT_TYPE, ref: str, around: int
) -> None:
    """Send one passage (with `around` paragraphs of its turn either side), or say it is gone."""
    corpus = deps(context).answerer.corpus
    passage = corpus.by_ref(ref)
    if passage is None:
        await message.reply_text(GONE)
        return
    await send(message, th.passage_messages(corpus, passage, context.bot.username, around))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """More, Context and example buttons. Context carries its passage in the data; More its
    offset, the question being in the store under the answer message (or the message it replies
    to, for answers older than the store)."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    kind, _, value = (query.data or "").partition(":")
    message = query.message
    if not isinstance(message, Message):
        return  # an inline message, or one too old to be accessible: nothing to reply to
    if kind == "c" and REF.fullmatch(value):
        await show_passage(message, context, value, around=1)
    elif kind == "x" and (n := number(value, EXAMPLES)) is not None:
        made = await asyncio.to_thread(examples, deps(context).answerer, EXAMPLES)
        if n < len(made):  # a button from before a reload may point past the list
            await answer_question(message, context, made[n])
    elif kind == "m" and (offset := number(value, 10_000)) is not None:
        question = asked_under(message, context)
        if question is None:
            await message.reply_text("I can no longer see the question; please ask it again.")
        else:
            await answer_question(message, context, question, offset=offset)


def asked_under(message: Message, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The question an answer message of the bot answered: from the store, else from the
    question it replies to."""
    state = deps(context).state
    asked = state.answer(message.chat.id, message.message_id) if state is not None else None
    if asked is not None:
        return asked.question
    replied = message.reply_to_message
    if replied is not None and replied.text:
        return question_of(replied)
    return None


async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Inline mode: the best passages as results, each with Context and More links that open a
    private chat with the bot (they work from any chat, after a restart too); an empty query
    shows a hint."""
    query = update.inline_query
    if query is None:
        return
    if not query.query.strip():
        made = await asyncio.to_thread(examples, deps(context).answerer, EXAMPLES)
        await query.answer([], cache_time=60, button=th.inline_hint_button(made))
        return
    d = deps(context)
    answer = await asyncio.to_thread(ask, d.answerer, query.query, INLINE_RESULTS)
    username = context.bot.username
    more = None
    if d.state is not None and answer.quotes:
        more = f"q-{d.state.link(answer.read_as or query.query)}"
    results = []
    for q in answer.quotes[: th.MAX_INLINE_RESULTS]:
        ref = passage_ref(q.citation.passage_id)
        row = [InlineKeyboardButton("Context", url=th.deep_link(username, f"c-{ref}"))]
        if more:
            row.append(InlineKeyboardButton("More", url=th.deep_link(username, more)))
        results.append(
            InlineQueryResultArticle(
                id=ref,
                title=th.inline_title(q),
                description=q.text[:120],
                input_message_content=InputTextMessageContent(th.quote_html(q, username)),
                reply_markup=InlineKeyboardMarkup([row]),
            )
        )
    await query.answer(results, cache_time=300)


async def on_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A chosen inline result: nothing to send (Telegram posts it); logged for operators."""
    if update.chosen_inline_result:
        log.info("inline result chosen: %s", update.chosen_inline_result.result_id)


async def on_added(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet a group the bot was just added to, saying how to ask there."""
    change = update.my_chat_member
    if change is None or change.chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return
    was = change.old_chat_member.status in (ChatMember.LEFT, ChatMember.BANNED)
    now = change.new_chat_member.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR)
    if was and now:
        await context.bot.send_message(change.chat.id, th.GROUP_GREETING)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The one error handler: log with traceback, apologise briefly, never show internals."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        try:
            await update.effective_message.reply_text(
                "Sorry, something went wrong while answering. Please try again."
            )
        except TelegramError:  # the apology itself may fail (e.g. the chat is gone); logged
            log.warning("could not send the apology", exc_info=True)
