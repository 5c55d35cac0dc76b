"""Reload the documents without a restart: reopen (or rebuild) the index, then swap the answerer."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable, MutableMapping
from dataclasses import replace
from typing import Any

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.errors import StenogramError

log = logging.getLogger(__name__)


class Reloader:
    """Swaps bot_data["deps"].answerer for a freshly opened one; one reload at a time.

    The new answerer is built completely off the event loop before one dict assignment makes it
    current. A question already being answered keeps the answerer it started with, so no answer
    mixes two indexes; the previous index generation stays on disk for it (see retrieval/search/index.py).
    """

    def __init__(self, bot_data: MutableMapping[str, Any], open_answerer: Callable[[], Answerer]):
        self._bot_data = bot_data
        self._open = open_answerer
        self._lock = asyncio.Lock()

    async def reload(self) -> str:
        """Reload now; one line saying what is served afterwards (the old documents on failure)."""
        async with self._lock:
            try:
                answerer = await asyncio.to_thread(self._open)
            except StenogramError as exc:
                log.error("reload failed, still serving the previous documents: %s", exc)
                return f"Reload failed: {exc}. Still serving the previous documents."
            self._bot_data["deps"] = replace(self._bot_data["deps"], answerer=answerer)
        corpus = answerer.corpus
        state = self._bot_data.get("health")  # bot.health.BotState, when the runner set one
        if state is not None:  # so /healthz and the heartbeat report what is now served
            state.documents, state.passages = len(corpus.sources), corpus.passage_count
        line = f"Reloaded: {len(corpus.sources)} documents, {corpus.passage_count} passages."
        log.info(line)
        return line

    def on_signal(self, sig: int = signal.SIGHUP) -> bool:
        """Reload when the process receives `sig`; False where signals cannot be handled here."""
        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(sig, lambda: loop.create_task(self.reload()))
        except (NotImplementedError, RuntimeError, ValueError):
            return False  # not the main thread, or a platform without signals
        return True
