"""Start-up that survives a slow or failing Bot API, for a bounded time.

Each start-up call (getMe, deleteWebhook or setWebhook) runs in python-telegram-bot's own retry
loop (`network_retry_loop`: timeouts retried at once, 429 after its `retry_after`, other errors
after 1 s growing by half up to 30 s) until it succeeds or `STENOGRAM_STARTUP_SECONDS` have passed
since start-up began. Only answers that no retry can change end it at once: 401/404 on getMe (the
token was rejected) and a request Telegram rejected (400/403, e.g. a webhook URL it refuses).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from telegram.error import BadRequest, Forbidden, InvalidToken, TelegramError
from telegram.ext._utils.networkloop import network_retry_loop

from stenogram.retrieval.errors import StenogramError

from .settings import Settings

log = logging.getLogger(__name__)


class StartupError(StenogramError):
    """Start-up cannot go on; the message says why in one line (never the token)."""


class Startup:
    """Retries start-up calls against one deadline; stops early when `stop` is set."""

    def __init__(self, settings: Settings, stop: asyncio.Event | None = None) -> None:
        self.url = settings.telegram_api_url
        self.seconds = settings.startup_seconds
        self.deadline = time.monotonic() + settings.startup_seconds
        self.stop = stop

    async def retry(self, action: Callable[[], Awaitable[object]], what: str) -> bool:
        """Run `action` until it succeeds (True), `stop` is set (False) or time is up (raises)."""
        done = False

        async def attempt() -> None:
            nonlocal done
            try:
                await action()
            except InvalidToken:
                raise StartupError(
                    f"the token was rejected: the Bot API at {self.url} answered "
                    f"{what} with 401/404 (revoked, or not this bot's token?)"
                ) from None
            except (BadRequest, Forbidden) as exc:
                raise StartupError(f"the Bot API at {self.url} rejected {what}: {exc}") from None
            except TelegramError as exc:
                log.warning(
                    "start-up: %s failed (%s: %s); retrying for up to %.0f s more",
                    what,
                    type(exc).__name__,
                    " ".join(str(exc).split())[:200],
                    max(0.0, self.deadline - time.monotonic()),
                )
                raise
            done = True

        await network_retry_loop(
            action_cb=attempt,
            description=f"start-up {what}",
            interval=1,
            stop_event=self.stop,
            max_retries=-1,
            is_running=lambda: (
                not done
                and time.monotonic() < self.deadline
                and not (self.stop is not None and self.stop.is_set())
            ),
        )
        if done:
            return True
        if self.stop is not None and self.stop.is_set():
            return False
        raise StartupError(
            f"Telegram's Bot API did not answer at {self.url} for "
            f"{self.seconds:.0f} s (network down, or Telegram unreachable from here?)"
        )
