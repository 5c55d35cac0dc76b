"""Composition root: build the python-telegram-bot Application with its handlers and dependencies."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import BotCommand
from telegram.error import NetworkError, TimedOut
from telegram.ext import (AIORateLimiter, Application, ApplicationBuilder, CallbackQueryHandler,
                          ChosenInlineResultHandler, CommandHandler, InlineQueryHandler,
                          MessageHandler, filters)

from retrieval.answer import Answerer

from . import handlers as h
from .examples import examples
from .reload import Reloader
from .service import build_answerer
from .settings import Settings

log = logging.getLogger(__name__)

COMMANDS = [
    BotCommand("ask", "Ask a question about the documents"),
    BotCommand("sources", "The documents I quote from"),
    BotCommand("speakers", "Who speaks in the documents"),
    BotCommand("help", "How to ask"),
    BotCommand("start", "Start over"),
]


class RetryingRateLimiter(AIORateLimiter):
    """Honours 429 retry_after (AIORateLimiter) and retries a request that never reached Telegram."""

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):  # type: ignore[no-untyped-def]
        for attempt in range(3):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data,
                                                      rate_limit_args)
            except TimedOut:
                raise  # the request may have been delivered: repeating it could send twice
            except NetworkError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


async def _post_init(app: Application) -> None:
    """Register the command menu once the bot is known; reload the documents on SIGHUP."""
    await app.bot.set_my_commands(COMMANDS)
    reloader: Reloader | None = app.bot_data.get("reloader")
    if reloader and reloader.on_signal():
        log.info("send SIGHUP to reload the documents")


def build_application(settings: Settings, answerer: Answerer,
                      reopen: Callable[[], Answerer] | None = None) -> Application:
    """The Application with every handler; nothing is read from globals.

    `reopen` builds a fresh answerer for /reload and SIGHUP (default: from the settings again).
    """
    assert settings.telegram_token is not None
    app = (
        ApplicationBuilder()
        .token(settings.telegram_token.get_secret_value())
        .base_url(settings.telegram_api_url)
        .concurrent_updates(True)
        .rate_limiter(RetryingRateLimiter(max_retries=3))
        .post_init(_post_init)
        .build()
    )
    reloader = Reloader(app.bot_data, reopen or (lambda: build_answerer(settings)))
    app.bot_data["reloader"] = reloader
    examples(answerer, h.EXAMPLES)  # made and checked now, not on the first /start
    app.bot_data["deps"] = h.Deps(answerer, frozenset(settings.allowed_chats),
                                  frozenset(settings.admin_chats), reloader.reload)
    add_handlers(app)
    return app


def add_handlers(app: Application) -> None:
    """Wire updates to handlers: commands, private text, group mentions/replies, channels, inline."""
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
    app.add_error_handler(h.on_error)
