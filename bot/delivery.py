"""No update lost, none answered twice: the journal between Telegram and python-telegram-bot.

- `JournalingRequest` is the request object of getUpdates: the raw updates of each batch are
  written to the store (`bot.state.State`) before python-telegram-bot parses them, so before the
  next getUpdates confirms them by its offset. An update the library cannot parse, or one already
  journaled (Telegram sends it again after a restart), is replaced by a bare `{"update_id": N}`:
  the batch still parses, the offset moves past it, nothing is handled twice.
- `JournalingApplication` marks an update done once its handlers finished (the reply sent, or
  nothing to send); `replay()` queues the journaled updates a previous process did not finish.
- `SendOnceMore` is the library's AIORateLimiter (Telegram's rate limits, 429 `retry_after`)
  plus one thing it does not do: a sendMessage whose outcome is unknown (a timeout, a broken
  connection, a 5xx after the request left) is sent once more. At least once is the promise; a
  rejected send (400, 403) is never repeated.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from telegram import Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter, Application
from telegram.request import HTTPXRequest

from .state import State

log = logging.getLogger(__name__)
PRUNE_SECONDS = 3600.0
RESEND = frozenset({"sendMessage"})  # the sends whose outcome can be unknown and may be repeated
Reply = bool | dict[str, Any] | list[dict[str, Any]]  # what a Bot API call returns (JSONDict)


def admit(raws: Sequence[Any], state: State | None) -> list[dict[str, Any]]:
    """Journal raw updates; an unreadable or already-seen one becomes a bare update id."""
    raws = [r for r in raws if isinstance(r, dict) and isinstance(r.get("update_id"), int)]
    fresh = state.journal(raws) if state is not None else [True] * len(raws)
    out: list[dict[str, Any]] = []
    for raw, new in zip(raws, fresh, strict=True):
        update_id = raw["update_id"]
        if new and readable(raw):
            out.append(raw)
            continue
        if new:  # logged once: the update is confirmed and never fetched again
            kinds = ",".join(k for k in raw if k != "update_id")[:80]
            log.warning(
                "update %d (%s) cannot be read by python-telegram-bot; skipped",
                update_id,
                kinds or "empty",
            )
            if state is not None:
                state.done(update_id)
        out.append({"update_id": update_id})
    return out


def readable(raw: dict[str, Any]) -> bool:
    """True if python-telegram-bot can turn this raw update into an Update."""
    try:
        Update.de_json(raw, None)
    except Exception:
        return False
    return True


class JournalingRequest(HTTPXRequest):
    """The getUpdates request: journals each batch before the library sees it (see module doc)."""

    def __init__(self, state: State | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = state

    # BaseRequest.post is declared final, but it is the one place that sees getUpdates' result
    # before the library does (do_request returns undecoded bytes).
    async def post(self, url: str, *args: Any, **kwargs: Any) -> Any:  # type: ignore[misc]
        """The Bot API result; for getUpdates the admitted batch (see `admit`)."""
        result = await super().post(url, *args, **kwargs)
        if url.endswith("/getUpdates") and isinstance(result, list):
            return admit(result, self.state)
        return result


class JournalingApplication(Application):
    """An Application that records in the store when each update was handled."""

    state: State | None = None
    pruned_at = float("-inf")

    async def process_update(self, update: object) -> None:
        """Handle the update (errors go to the error handler), then mark it done; at most hourly,
        delete what is older than the store's retention."""
        await super().process_update(update)
        if self.state is not None and isinstance(update, Update):
            self.state.done(update.update_id)
            if time.monotonic() - self.pruned_at > PRUNE_SECONDS:
                self.pruned_at = time.monotonic()
                self.state.prune()

    async def replay(self) -> int:
        """Queue the journaled updates a previous process did not finish; how many."""
        if self.state is None:
            return 0
        pending = self.state.unfinished()
        for raw in pending:
            update = Update.de_json(raw, self.bot) if readable(raw) else None
            if update is None:
                self.state.done(raw["update_id"])
            else:
                await self.update_queue.put(update)
        if pending:
            log.info("answering %d update(s) received before the last stop", len(pending))
        return len(pending)


class SendOnceMore(AIORateLimiter):
    """AIORateLimiter, and a sendMessage with an unknown outcome sent once more (module doc)."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Reply]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Reply:
        try:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        except BadRequest:
            raise  # Telegram rejected it: the same request would be rejected again
        except NetworkError as exc:  # TimedOut, a reset connection, a 5xx: it may have arrived
            if endpoint not in RESEND:
                raise
            log.warning("%s: outcome unknown (%s); sending once more", endpoint, type(exc).__name__)
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
