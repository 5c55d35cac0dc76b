"""Composition root: build the python-telegram-bot Application with its handlers and dependencies."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    ChosenInlineResultHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from stenogram.retrieval.answers.answer import Answerer

from . import handlers as h
from .delivery import JournalingApplication, JournalingRequest, SendOnceMore
from .examples import EXAMPLES, examples
from .gate import Gate
from .reload import Reloader
from .service import build_answerer
from .settings import Settings, state_path
from .state import State

log = logging.getLogger(__name__)

PRIVATE_COMMANDS = [
    BotCommand("ask", "Ask a question about the documents"),
    BotCommand("sources", "The documents I quote from"),
    BotCommand("speakers", "Who speaks in the documents"),
    BotCommand("help", "How to ask"),
    BotCommand("start", "Start over"),
]
GROUP_COMMANDS = [c for c in PRIVATE_COMMANDS if c.command != "start"]
COMMANDS = PRIVATE_COMMANDS  # the default list (other scopes than private chats and groups)
DESCRIPTION = (
    "I answer questions about my documents with verbatim quotes and exact citations: "
    "who said it, in which document, on which lines. Nothing is paraphrased."
)
GATE_GROUP = -100  # before every other handler group
SHORT_DESCRIPTION = "Questions about the documents, answered with verbatim, cited quotes."


def defaults() -> Defaults:
    """What every send uses unless it says otherwise: HTML, no link previews, replies that quote
    the question but are still sent when the question was deleted meanwhile."""
    return Defaults(
        parse_mode=ParseMode.HTML,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
        do_quote=True,
        allow_sending_without_reply=True,
    )


async def register(app: Application) -> None:
    """Command lists per scope and the descriptions: best effort, a failure is only logged."""
    bot = app.bot
    calls = [
        ("commands", bot.set_my_commands(COMMANDS)),
        (
            "private commands",
            bot.set_my_commands(PRIVATE_COMMANDS, scope=BotCommandScopeAllPrivateChats()),
        ),
        (
            "group commands",
            bot.set_my_commands(GROUP_COMMANDS, scope=BotCommandScopeAllGroupChats()),
        ),
        ("description", bot.set_my_description(DESCRIPTION)),
        ("short description", bot.set_my_short_description(SHORT_DESCRIPTION)),
    ]
    for what, call in calls:
        try:
            await call
        except TelegramError as exc:
            log.warning(
                "could not set the bot's %s (%s: %s); going on", what, type(exc).__name__, exc
            )


async def _post_init(app: Application) -> None:
    """Register the menu, answer what a previous process left unanswered, reload on SIGHUP."""
    await register(app)
    if isinstance(app, JournalingApplication):
        await app.replay()
    reloader: Reloader | None = app.bot_data.get("reloader")
    if reloader and reloader.on_signal():
        log.info("send SIGHUP to reload the documents")


def build_application(
    settings: Settings,
    answerer: Answerer,
    reopen: Callable[[], Answerer] | None = None,
    state: State | None = None,
) -> Application:
    """The Application with every handler; nothing is read from globals.

    `reopen` builds a fresh answerer for /reload and SIGHUP (default: from the settings again);
    `state` is the store (default: the settings' state file).
    """
    assert settings.telegram_token is not None
    if state is None:
        state = State(state_path(settings), settings.state_retention_days)
    timeout = settings.telegram_timeout
    app = (
        ApplicationBuilder()
        .application_class(JournalingApplication)
        .token(settings.telegram_token.get_secret_value())
        .base_url(settings.telegram_api_url)
        .defaults(defaults())
        .concurrent_updates(True)
        .rate_limiter(SendOnceMore(max_retries=3))
        .connect_timeout(timeout)
        .read_timeout(timeout)
        .write_timeout(timeout)
        .get_updates_request(
            JournalingRequest(
                state, connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout
            )
        )
        .post_init(_post_init)
        .build()
    )
    assert isinstance(app, JournalingApplication)  # the application_class above
    app.state = state
    app.bot_data["state"] = state
    reloader = Reloader(app.bot_data, reopen or (lambda: _prepared(build_answerer(settings))))
    app.bot_data["reloader"] = reloader
    examples(answerer, EXAMPLES)  # made and checked now, not on the first /start
    app.bot_data["deps"] = h.Deps(
        answerer,
        frozenset(settings.allowed_chats),
        frozenset(settings.admin_chats),
        reloader.reload,
        state,
    )
    add_handlers(app, Gate(frozenset(settings.allowed_chats), settings.flood_per_minute))
    return app


def add_handlers(app: Application, gate: Gate | None = None) -> None:
    """Wire updates to handlers: the gate first, then commands, private text, group
    mentions/replies, channels, buttons, inline mode and the greeting when added to a group."""
    if gate is not None:
        app.add_handler(TypeHandler(Update, gate), group=GATE_GROUP)
    commands_in = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
    app.add_handler(CommandHandler("start", h.on_start))
    app.add_handler(CommandHandler("help", h.on_help))
    app.add_handler(CommandHandler("ask", h.on_ask, filters=commands_in))
    app.add_handler(CommandHandler("speakers", h.on_speakers))
    app.add_handler(CommandHandler("sources", h.on_sources))
    app.add_handler(CommandHandler("reload", h.on_reload))  # admins only; not in the menu
    text = filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE
    app.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, h.on_text))
    app.add_handler(MessageHandler(text & filters.ChatType.GROUPS & h.AddressedToBot(), h.on_text))
    app.add_handler(CallbackQueryHandler(h.on_button))
    app.add_handler(InlineQueryHandler(h.on_inline))
    app.add_handler(ChosenInlineResultHandler(h.on_chosen))
    app.add_handler(ChatMemberHandler(h.on_added, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(h.on_error)


def _prepared(answerer: Answerer) -> Answerer:
    """A reloaded answerer, ready for its first question before it is swapped in."""
    answerer.prepare()
    return answerer
