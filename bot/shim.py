"""Local chat through the bot's own Application: an in-process Bot API stands in for Telegram."""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from stenogram.retrieval.answers.answer import Answerer

from .app import add_handlers, defaults
from .handlers import Deps
from .state import State

BOT = {
    "id": 1,
    "is_bot": True,
    "first_name": "Stenogram",
    "username": "StenogramLocalBot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
USER = {"id": 2, "is_bot": False, "first_name": "You"}
CHAT = {"id": 2, "type": "private", "first_name": "You"}


class LocalBotAPI(BaseRequest):
    """Answers the Bot API calls the handlers make, in memory; what the bot sends is kept."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self._ids = itertools.count(1000)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: object,
        **kwargs: object,
    ) -> tuple[int, bytes]:
        """The JSON Telegram would return for the call named at the end of `url`."""
        name = url.rsplit("/", 1)[-1]
        params = {
            k: _decode(v) for k, v in (request_data.json_parameters if request_data else {}).items()
        }
        result: Any = True
        if name == "getMe":
            result = BOT
        elif name in ("sendMessage", "editMessageText"):
            result = self.message(params)
            self.sent.append(result)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def message(self, params: dict[str, Any]) -> dict[str, Any]:
        """A Message object for text the bot sends."""
        msg: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": CHAT,
            "from": BOT,
            "text": params.get("text", ""),
        }
        if "reply_markup" in params:
            msg["reply_markup"] = params["reply_markup"]
        return msg


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def html_to_text(text: str) -> str:
    """What a reader sees of a Telegram HTML message, as terminal text."""
    text = re.sub(r"<blockquote[^>]*>", "\u201c", text).replace("</blockquote>", "\u201d")
    text = re.sub(r'<a href="([^"]*)">([^<]*)</a>', r"\2 (\1)", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


class LocalChat:
    """Feeds typed lines to the Application as private-chat updates and returns the replies."""

    def __init__(self, answerer: Answerer) -> None:
        self.api = LocalBotAPI()
        self.app = (
            Application.builder()
            .token("0:local")
            .request(self.api)
            .get_updates_request(LocalBotAPI())
            .updater(None)
            .defaults(defaults())
            .build()
        )
        # The chat's memory (answers for More, follow-ups) lives as long as the chat.
        self.app.bot_data["deps"] = Deps(answerer, state=State(":memory:"))
        add_handlers(self.app)
        self._updates = itertools.count(1)
        self.buttons: list[dict[str, Any]] = []
        self._last: dict[str, Any] | None = None

    async def say(self, line: str) -> str:
        """The bot's reply to one line: a question, a /command, or the number of a button."""
        start = len(self.api.sent)
        if line.strip().isdigit() and 0 < int(line) <= len(self.buttons) and self._last:
            await self._process(
                {
                    "callback_query": {
                        "id": str(next(self._updates)),
                        "from": USER,
                        "chat_instance": "local",
                        "message": self._last,
                        "data": self.buttons[int(line) - 1]["callback_data"],
                    }
                }
            )
        else:
            await self._process({"message": self._incoming(line)})
        return self._show(self.api.sent[start:])

    def _incoming(self, text: str) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "message_id": next(self._updates),
            "date": int(time.time()),
            "chat": CHAT,
            "from": USER,
            "text": text,
        }
        command = re.match(r"/\w+(@\w+)?", text)
        if command:
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        return msg

    async def _process(self, data: dict[str, Any]) -> None:
        data["update_id"] = next(self._updates)
        await self.app.process_update(Update.de_json(data, self.app.bot))

    def _show(self, sent: list[dict[str, Any]]) -> str:
        out = [html_to_text(m["text"]) for m in sent]
        if sent and sent[-1].get("reply_markup"):
            self._last = sent[-1]
            self.buttons = [b for row in sent[-1]["reply_markup"]["inline_keyboard"] for b in row]
            out.append("  ".join(f"[{n}] {b['text']}" for n, b in enumerate(self.buttons, 1)))
        return "\n\n".join(out) or "(no reply)"


def run_chat(answerer: Answerer, read: Callable[[str], str], write: Callable[[str], None]) -> int:
    """The interactive loop: what Telegram would show, as text; buttons are numbered choices."""

    async def main() -> int:
        chat = LocalChat(answerer)
        async with chat.app:
            write(
                "Ask about the documents; type a button's number to press it "
                "(Ctrl-D or an empty line to quit)."
            )
            while True:
                try:
                    line = await asyncio.to_thread(read, "> ")
                except EOFError:
                    write("")
                    return 0
                if not line.strip():
                    return 0
                write(await chat.say(line))

    return asyncio.run(main())
