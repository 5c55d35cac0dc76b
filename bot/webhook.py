"""Webhook mode: one tornado server for Telegram's updates (secret checked) and GET /healthz."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from http import HTTPStatus
from urllib.parse import urlsplit

import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer

from .delivery import admit
from .health import HEALTHZ_PATH, OK, BotState
from .settings import Settings, SettingsError
from .startup import Startup
from .state import State

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are a few KiB; refuse anything far larger before reading it.
MAX_BODY_BYTES = 1 << 20


class UpdateHandler(tornado.web.RequestHandler):
    """POST from Telegram: 403 unless the secret token matches; else the update is journaled
    (so a bot killed after this 200 answers it when restarted) and queued."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, app: Application, secret: str, state: State | None = None) -> None:
        """Tornado passes the route's arguments here for every request."""
        self.app = app
        self.secret = secret.encode()
        self.state = state

    async def post(self) -> None:
        """Check the secret before parsing anything; queue the update for the Application."""
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):  # constant time: no timing oracle
            # The value sent is never logged: it may be a near miss of the real secret.
            log.warning(
                "webhook: %s request from %s without the right secret token: 403",
                self.request.method,
                self.request.remote_ip,
            )
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            raw = json.loads(self.request.body)
        except ValueError:
            raw = None
        admitted = admit([raw], self.state)  # journaled durably before the 200 below
        if not admitted:
            # 200 all the same: an error status would make Telegram send it again and again.
            log.warning("webhook: a request with the right secret had no update; skipped")
            return
        if len(admitted[0]) > 1:  # not skipped (unreadable) nor seen before
            await self.app.update_queue.put(Update.de_json(admitted[0], self.app.bot))

    def write_error(self, status_code: int, **kwargs: object) -> None:
        """A bare status line, never a traceback."""
        self.finish({"ok": False, "error_code": status_code})


class HealthzHandler(tornado.web.RequestHandler):
    """GET /healthz: status, mode, documents, passages, uptime; 503 unless status is "ok"."""

    SUPPORTED_METHODS = ("GET",)

    def initialize(self, state: BotState) -> None:
        """Tornado passes the route's arguments here for every request."""
        self.state = state

    def get(self) -> None:
        """Answer from memory; nothing here calls Telegram."""
        body = self.state.snapshot()
        self.set_status(HTTPStatus.OK if body["status"] == OK else HTTPStatus.SERVICE_UNAVAILABLE)
        self.finish(body)


def webhook_path(settings: Settings) -> str:
    """The path Telegram posts to: that of STENOGRAM_WEBHOOK_URL, so a proxy may forward as is."""
    return urlsplit(settings.webhook_url).path.rstrip("/") or "/"


def _quiet(handler: tornado.web.RequestHandler) -> None:
    """Access log at DEBUG only: one INFO line per update would drown the useful ones."""
    request = handler.request
    log.debug(
        "%d %s %s (%s)", handler.get_status(), request.method, request.path, request.remote_ip
    )


def make_web_app(app: Application, settings: Settings, state: BotState) -> tornado.web.Application:
    """The routes: the webhook path (with or without a trailing slash) and /healthz."""
    assert settings.webhook_secret is not None
    path = webhook_path(settings)
    pattern = "/" if path == "/" else f"{path}/?"
    return tornado.web.Application(
        [
            (HEALTHZ_PATH, HealthzHandler, {"state": state}),
            (
                pattern,
                UpdateHandler,
                {
                    "app": app,
                    "secret": settings.webhook_secret.get_secret_value(),
                    "state": app.bot_data.get("state"),
                },
            ),
        ],
        log_function=_quiet,
    )


async def serve_webhook(
    app: Application, settings: Settings, state: BotState, stop: asyncio.Event
) -> None:
    """Run the Application behind the webhook server until `stop` is set, then shut down gracefully.

    The order mirrors PTB's run_webhook: getMe, listen, register the webhook, start (getMe and
    setWebhook retried for STENOGRAM_STARTUP_SECONDS, see bot.startup; post_init first answers
    what the journal holds unanswered); on stop, close the server first (nothing new comes in),
    then Application.stop() finishes every queued and in-flight update before the bot is shut
    down.
    """
    assert settings.webhook_secret is not None
    secret = settings.webhook_secret.get_secret_value()
    startup = Startup(settings, stop)
    try:
        if not await startup.retry(app.initialize, "getMe"):
            return
        if app.post_init:
            await app.post_init(app)
        server = _listen(make_web_app(app, settings, state), settings)
        try:
            registered = await startup.retry(
                lambda: app.bot.set_webhook(
                    url=settings.webhook_url, allowed_updates=Update.ALL_TYPES, secret_token=secret
                ),
                "setWebhook",
            )
            if not registered:
                return
            await app.start()
            log.info(
                "webhook: listening on %s:%d, path %s; health at %s",
                settings.webhook_listen,
                settings.webhook_port,
                webhook_path(settings),
                HEALTHZ_PATH,
            )
            await stop.wait()
            log.info("webhook: stopping; finishing the updates in flight")
        finally:
            server.stop()
            await server.close_all_connections()
            if app.running:
                await app.stop()
                if app.post_stop:
                    await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


def _listen(web_app: tornado.web.Application, settings: Settings) -> HTTPServer:
    """Bind the server (before setWebhook: Telegram may post the first update at once)."""
    server = HTTPServer(web_app, max_body_size=MAX_BODY_BYTES)
    try:
        server.listen(settings.webhook_port, address=settings.webhook_listen)
    except OSError as exc:
        raise SettingsError(
            f"STENOGRAM_WEBHOOK_PORT: cannot listen on {settings.webhook_listen}:"
            f"{settings.webhook_port}: {exc.strerror or exc}"
        ) from None
    return server
