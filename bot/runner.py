"""Start the bot: settings and logging, corpus, Application, then polling or webhook."""

from __future__ import annotations

import asyncio
import logging
import re
import signal
import sys
import threading
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from .app import build_application
from .health import HEALTHZ_PATH, BotState, Heartbeat
from .logs import redact, setup_logging
from .service import build_answerer
from .settings import Settings, SettingsError
from .startup import Startup, StartupError

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAIL = 0, 1
# Telegram's rule for setWebhook's secret_token.
SECRET_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
POLL_SECONDS = 10  # long-poll time of getUpdates


def run_bot(settings: Settings) -> int:
    """Run until SIGINT/SIGTERM, which finish in-flight updates first; returns the exit code.

    Bad settings and an unusable corpus raise (the CLI prints one line, exit 2) before anything
    is started; a start-up that cannot succeed (a rejected token or request, or no answer from
    the Bot API for STENOGRAM_STARTUP_SECONDS) prints one line and returns 1.
    """
    assert settings.telegram_token is not None
    token = settings.telegram_token.get_secret_value()
    secrets = [token]
    if settings.webhook_secret:
        secrets.append(settings.webhook_secret.get_secret_value())
    setup_logging(settings.log_level, secrets)
    if settings.log_level != "DEBUG":
        logging.getLogger("telegram.ext").addFilter(_drop_traceback)
    check_webhook_settings(settings)
    if not settings.webhook_url:
        # A file left by an earlier run (a restarted container keeps /tmp) must not pass for ours.
        settings.health_file.unlink(missing_ok=True)
    answerer = build_answerer(settings)
    # The speller's lookup structure and the embedding model, built while Telegram is reached.
    threading.Thread(target=answerer.prepare, name="prepare-answerer").start()
    corpus = answerer.corpus
    log.info("corpus: %d documents, %d passages", len(corpus.sources), corpus.passage_count)
    app = build_application(settings, answerer)
    mode = "webhook" if settings.webhook_url else "polling"
    state = BotState(mode, len(corpus.sources), corpus.passage_count, running=lambda: app.running)
    app.bot_data["health"] = state  # a reload updates its counts
    try:
        asyncio.run(_serve(app, settings, state))
    except StartupError as exc:
        print(f"stenogram: {redact(str(exc), secrets)}", file=sys.stderr)
        return EXIT_FAIL
    except TelegramError as exc:  # not from a start-up call: say what it was, never the token
        print(
            f"stenogram: the bot stopped on a Bot API error: {_describe(exc, token)}",
            file=sys.stderr,
        )
        return EXIT_FAIL
    return EXIT_OK


def check_webhook_settings(settings: Settings) -> None:
    """Webhook mode needs an HTTPS URL and a secret token Telegram accepts; SettingsError if not."""
    if not settings.webhook_url:
        return
    if not settings.webhook_url.startswith("https://"):
        raise SettingsError(
            "STENOGRAM_WEBHOOK_URL: must start with https:// (Telegram posts "
            "only to HTTPS; put a TLS reverse proxy in front of the bot)"
        )
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    if not secret:
        raise SettingsError("STENOGRAM_WEBHOOK_SECRET: required when STENOGRAM_WEBHOOK_URL is set")
    if not SECRET_TOKEN_RE.fullmatch(secret):
        raise SettingsError(
            "STENOGRAM_WEBHOOK_SECRET: 1 to 256 characters of A-Z, a-z, 0-9, _ "
            "and - (Telegram's rule)"
        )
    if urlsplit(settings.webhook_url).path.rstrip("/") == HEALTHZ_PATH:
        raise SettingsError(
            f"STENOGRAM_WEBHOOK_URL: the path {HEALTHZ_PATH} is the health check's; choose another"
        )


async def _serve(app: Application, settings: Settings, state: BotState) -> None:
    """Polling or the webhook server until SIGINT/SIGTERM (which may also end a start-up)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    if settings.webhook_url:
        from .webhook import serve_webhook  # tornado is loaded only in webhook mode

        await serve_webhook(app, settings, state, stop)
    else:
        await serve_polling(app, settings, state, stop)


async def serve_polling(
    app: Application, settings: Settings, state: BotState, stop: asyncio.Event
) -> None:
    """Start (retrying for STENOGRAM_STARTUP_SECONDS), poll until `stop`, then finish the updates
    in flight; a heartbeat file tells `stenogram health` how it goes."""
    heartbeat = Heartbeat(settings.health_file, state)
    heartbeat.start()
    startup = Startup(settings, stop)
    try:
        if not await startup.retry(app.initialize, "getMe"):
            return
        try:
            if app.post_init:
                await app.post_init(app)
            updater = app.updater
            assert updater is not None  # built with the default updater
            started = await startup.retry(
                lambda: updater.start_polling(
                    poll_interval=0,
                    timeout=POLL_SECONDS,
                    allowed_updates=Update.ALL_TYPES,
                    error_callback=_polling_error,
                ),
                "deleteWebhook",
            )
            if not started:
                return
            await app.start()
            log.info("polling for updates")
            await stop.wait()
            log.info("stopping; finishing the updates in flight")
        finally:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            await app.shutdown()
    finally:
        await heartbeat.stop()


def _polling_error(exc: TelegramError) -> None:
    """A failed getUpdates: one line (the library retries with a growing pause, up to 30 s)."""
    log.warning(
        "getUpdates failed (%s: %s); retrying", type(exc).__name__, " ".join(str(exc).split())[:200]
    )


def _describe(exc: TelegramError, token: str) -> str:
    """One line about a start-up failure, never the token (PTB puts it in InvalidToken)."""
    if isinstance(exc, InvalidToken):
        return "STENOGRAM_TELEGRAM_TOKEN was rejected (revoked, or not this bot's token?)"
    message = " ".join(redact(str(exc), [token]).split())
    return f"{type(exc).__name__}: {message}"


def _drop_traceback(record: logging.LogRecord) -> bool:
    """PTB logs a traceback when start-up fails; the one-line reason printed after it suffices."""
    if record.exc_info and record.levelno >= logging.ERROR and "Retry Loop" in record.getMessage():
        record.exc_info, record.exc_text = None, None
    return True
