"""The one way in: every update passes the allow-list and the per-chat flood limit first.

Registered as a TypeHandler in the group before all others; a refused or dropped update stops
there (ApplicationHandlerStop), so no handler can forget the check.

- Allow-list (`STENOGRAM_ALLOWED_CHATS`, empty: everyone): an update is admitted by its chat id,
  or, when it has no chat (inline queries, chosen inline results, buttons under inline messages),
  by the id of the user who sent it (a user's private chat id is their user id). A refused message
  gets one short reply per chat per hour; a refused inline query an empty answer; a refused button
  an empty callback answer (so the client stops waiting); everything else nothing.
- Flood limit (`STENOGRAM_FLOOD_PER_MINUTE`): a chat (or inline user) that sends more updates in
  60 s gets one "slow down" and the rest are dropped until the minute is over, so one chat cannot
  starve the others.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

log = logging.getLogger(__name__)

REFUSED_TEXT = "Sorry, this bot answers only in the chats its operator allowed."
SLOW_DOWN_TEXT = "Slow down, please: too many questions in a minute. Ask again in a moment."
REFUSED_EVERY = 3600.0  # seconds between two refusal replies to one chat
WINDOW = 60.0


def who(update: Update) -> int | None:
    """The id an update is admitted and counted by: its chat, else the user who sent it."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class Gate:
    """Allow-list and flood limit, as a handler callback (see the module docstring)."""

    def __init__(
        self, allowed: frozenset[int], per_minute: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.allowed = allowed
        self.per_minute = per_minute
        self.clock = clock
        self._refused_at: dict[int, float] = {}
        self._recent: dict[int, deque[float]] = {}
        self._told: dict[int, float] = {}

    def admits(self, update: Update) -> bool:
        """True if the allow-list lets this update in."""
        if not self.allowed:
            return True
        key = who(update)
        if key in self.allowed:
            return True
        user = update.effective_user
        # A chat-less update (inline) is admitted by its user; nothing else is.
        return update.effective_chat is None and user is not None and user.id in self.allowed

    def flooded(self, key: int) -> bool:
        """Count one update of `key`; True if it is over the limit of the last minute."""
        if self.per_minute <= 0:
            return False
        now = self.clock()
        recent = self._recent.setdefault(key, deque())
        while recent and recent[0] <= now - WINDOW:
            recent.popleft()
        recent.append(now)
        self._forget(now)
        return len(recent) > self.per_minute

    def _forget(self, now: float, keep: int = 10_000) -> None:
        """Bound the memory: past `keep` chats, forget those whose window or hour is over."""
        if len(self._recent) > keep:
            for idle in [k for k, q in self._recent.items() if q[-1] <= now - WINDOW]:
                del self._recent[idle]
        if len(self._told) > keep:
            self._told = {k: t for k, t in self._told.items() if t > now - WINDOW}
        if len(self._refused_at) > keep:
            self._refused_at = {
                k: t for k, t in self._refused_at.items() if t > now - REFUSED_EVERY
            }

    async def __call__(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Let the update through, or answer it minimally and stop it here."""
        if not isinstance(update, Update):
            return
        if not self.admits(update):
            await self._refuse(update)
            raise ApplicationHandlerStop
        key = who(update)
        if key is not None and self.flooded(key):
            await self._slow_down(update, key)
            raise ApplicationHandlerStop

    async def _refuse(self, update: Update) -> None:
        try:
            if update.inline_query is not None:
                await update.inline_query.answer([], cache_time=60, is_personal=True)
            elif update.callback_query is not None:
                await update.callback_query.answer()
            elif update.message is not None:
                key, now = update.message.chat.id, self.clock()
                if now - self._refused_at.get(key, -REFUSED_EVERY) >= REFUSED_EVERY:
                    self._refused_at[key] = now
                    log.info("refused chat %d (not in STENOGRAM_ALLOWED_CHATS)", key)
                    await update.message.reply_text(REFUSED_TEXT)
        except TelegramError as exc:  # the refusal is a courtesy; never an error
            log.info("could not answer a refused update: %s", exc)

    async def _slow_down(self, update: Update, key: int) -> None:
        now = self.clock()
        if self._told.get(key, -WINDOW) > now - WINDOW:
            if update.callback_query is not None:  # the client shows a spinner until answered
                await _quietly(update.callback_query.answer())
            return
        self._told[key] = now
        log.info("chat %d over %d updates a minute: slowing it down", key, self.per_minute)
        if update.inline_query is not None:
            await _quietly(update.inline_query.answer([], cache_time=5, is_personal=True))
        elif update.callback_query is not None:
            await _quietly(update.callback_query.answer(SLOW_DOWN_TEXT))
        elif update.effective_message is not None:
            await _quietly(update.effective_message.reply_text(SLOW_DOWN_TEXT))


async def _quietly(call: Awaitable[object]) -> None:
    """Await a courtesy call; a failure is logged, never raised."""
    try:
        await call
    except TelegramError as exc:
        log.info("could not send a flood notice: %s", exc)
