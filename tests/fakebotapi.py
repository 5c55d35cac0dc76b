"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests with python-telegram-bot."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import email.parser
import email.policy
import json
import random
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NoReturn
from urllib.parse import parse_qsl, urlsplit

JSONDict = dict[str, Any]
Predicate = Callable[[JSONDict], bool]

MAX_MESSAGE_UTF16 = 4096
MAX_INLINE_RESULTS = 50
MAX_CALLBACK_DATA_BYTES = 64
# Keys kept on stored messages for assertions; never sent over the wire.
EXTRA_KEYS = ("plain_text", "raw_text", "parse_mode")
# Parameters that are strings even when they look like JSON ("123", "true").
STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "query",
        "parse_mode",
        "callback_query_id",
        "inline_query_id",
        "inline_message_id",
        "next_offset",
        "url",
        "secret_token",
        "ip_address",
        "language_code",
        "action",
        "result_id",
        "title",
        "description",
        "short_description",
        "name",
        "emoji",
        "business_connection_id",
        "message_effect_id",
    }
)
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
TAG_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
NAMED_HTML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
HTML_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")
PLAIN_RE = re.compile(r"[^&<]+")
ATTRIBUTE_NAME_RE = re.compile(r"[^\s=>]+")
NAME_TOKEN_RE = re.compile(r"[A-Za-z0-9.-]*")
END_TAG_RE = re.compile(r"</([^\s>]*)\s*>")
MENTION_RE = re.compile(r"(?<![A-Za-z0-9_@])@[A-Za-z0-9_]{4,32}(?![A-Za-z0-9_])")
BOT_COMMAND_NAME_RE = re.compile(r"[a-z0-9_]{1,32}")


# How long a test waits for a call by default: an upper bound, not a measure. A first answer after
# start-up waits for the question reader (speller, word vectors), which has taken more than 10 s
# on a loaded two-core CI machine (tests/test_reload.py and test_health.py each failed once so).
WAIT_SECONDS = 30.0


class ApiError(Exception):
    """A Bot API error answered as `{"ok": false, ...}` with an HTTP status."""

    def __init__(self, code: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> JSONDict:
        """The JSON body Telegram answers for this error."""
        body: JSONDict = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(description: str) -> ApiError:
    """A 400 error; `description` is given without the "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {description}")


@dataclass
class RecordedCall:
    """One request received: method, decoded params, arrival time and answered HTTP status."""

    method: str
    params: JSONDict
    at: float  # time.monotonic() when the request arrived
    content_type: str = ""  # media type of the request body, e.g. x-www-form-urlencoded
    status: int | None = None  # None while a long poll is still waiting
    error: str = ""  # the error description answered, if any


@dataclass(frozen=True)
class Fault:
    """One planned misbehaviour of the server (see FakeBotAPI.fault)."""

    kind: str  # hold, drop, reset or status
    seconds: float = 0.0
    status: int = 502
    body: str = ""


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def wire(message: JSONDict) -> JSONDict:
    """A copy of a stored message as Telegram sends it (assertion-only keys removed)."""
    return {key: copy.deepcopy(value) for key, value in message.items() if key not in EXTRA_KEYS}


# ---------------------------------------------------------------------------- HTML parse mode


@dataclass
class _OpenTag:
    name: str
    start: int  # UTF-16 offset in the plain text
    url: str = ""
    language: str = ""
    expandable: bool = False


class HtmlParser:
    """Telegram's parse_mode=HTML rules: supported tags, strict escaping, UTF-16 entities.

    Stricter than Telegram in one point: a bare "&" that does not start a valid entity is
    rejected (Telegram would keep it literally) so that missing escaping is caught.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.parts: list[str] = []
        self.units = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[JSONDict] = []

    def parse(self) -> tuple[str, list[JSONDict]]:
        """Return (plain text, entities) or raise ApiError 400 "can't parse entities"."""
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "&":
                self._emit(self._entity())
            elif char == "<" and self.text.startswith("</", self.pos):
                self._end_tag()
            elif char == "<":
                self._start_tag()
            else:
                chunk = PLAIN_RE.match(self.text, self.pos).group()
                self._emit(chunk)
                self.pos += len(chunk)
        if self.stack:
            self._fail(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), self.entities

    def _fail(self, message: str, at: int | None = None) -> NoReturn:
        if at is not None:
            message += f" at byte offset {len(self.text[:at].encode('utf-8'))}"
        raise bad_request(f"can't parse entities: {message}")

    def _emit(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.units += utf16_len(chunk)

    def _entity(self) -> str:
        match = HTML_ENTITY_RE.match(self.text, self.pos)
        if not match:
            self._fail('Unescaped "&", use "&amp;"', self.pos)
        self.pos = match.end()
        named, decimal, hexadecimal = match.groups()
        if named:
            return NAMED_HTML_ENTITIES[named]
        code_point = int(decimal) if decimal else int(hexadecimal, 16)
        if not 0 < code_point <= 0x10FFFF or 0xD800 <= code_point <= 0xDFFF:
            self._fail("Invalid numeric HTML entity", match.start())
        return chr(code_point)

    def _start_tag(self) -> None:
        begin, text = self.pos, self.text
        end = begin + 1
        while end < len(text) and not text[end].isspace() and text[end] != ">":
            end += 1
        if end >= len(text):
            self._fail("Unclosed start tag", begin)
        name = text[begin + 1 : end].lower()
        if name not in TAG_ENTITY_TYPES:
            self._fail(f'Unsupported start tag "{name}"', begin)
        self.pos = end
        tag = _OpenTag(name, self.units)
        span_class = ""
        for attr, value in self._attributes(name, begin):
            if name == "a" and attr == "href":
                tag.url = value
            elif name == "code" and attr == "class" and value.startswith("language-"):
                tag.language = value.removeprefix("language-")
            elif name == "span" and attr == "class":
                span_class = value
            elif name == "blockquote" and attr == "expandable":
                tag.expandable = True
        if name == "span" and span_class != "tg-spoiler":
            self._fail('Tag "span" must have class "tg-spoiler"', begin)
        self.stack.append(tag)

    def _attributes(self, tag: str, begin: int) -> list[tuple[str, str]]:
        """Parse attributes up to and including the closing ">" of a start tag."""
        text, found = self.text, []
        while True:
            while self.pos < len(text) and text[self.pos].isspace():
                self.pos += 1
            if self.pos >= len(text):
                self._fail("Unclosed start tag", begin)
            if text[self.pos] == ">":
                self.pos += 1
                return found
            match = ATTRIBUTE_NAME_RE.match(text, self.pos)
            if not match:
                self._fail(f'Empty attribute name in the tag "{tag}"', begin)
            attr = match.group().lower()
            self.pos = match.end()
            while self.pos < len(text) and text[self.pos].isspace():
                self.pos += 1
            if not text.startswith("=", self.pos):
                if tag == "blockquote" and attr == "expandable":
                    found.append((attr, ""))
                    continue
                self._fail(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}"', begin
                )
            self.pos += 1
            while self.pos < len(text) and text[self.pos].isspace():
                self.pos += 1
            found.append((attr, self._attribute_value(begin)))

    def _attribute_value(self, begin: int) -> str:
        text = self.text
        if self.pos >= len(text):
            self._fail("Unclosed start tag", begin)
        quote = text[self.pos]
        if quote not in "\"'":
            match = NAME_TOKEN_RE.match(text, self.pos)
            self.pos = match.end()
            if self.pos < len(text) and not text[self.pos].isspace() and text[self.pos] != ">":
                self._fail("Unexpected end of name token", match.start())
            return match.group().lower()
        self.pos += 1
        value: list[str] = []
        while self.pos < len(text) and text[self.pos] != quote:
            if text[self.pos] == "&":
                value.append(self._entity())
            else:
                value.append(text[self.pos])
                self.pos += 1
        if self.pos >= len(text):
            self._fail("Unclosed start tag", begin)
        self.pos += 1
        return "".join(value)

    def _end_tag(self) -> None:
        begin, text = self.pos, self.text
        match = END_TAG_RE.match(text, begin)
        if not match:
            self._fail("Unclosed end tag", begin)
        if not self.stack:
            self._fail("Unexpected end tag", begin)
        name, tag = match.group(1).lower(), self.stack[-1]
        if name and name != tag.name:
            self._fail(
                f"Unmatched end tag at byte offset {len(text[:begin].encode())}, "
                f'expected "</{tag.name}>", found "</{name}>"'
            )
        self.pos = match.end()
        self.stack.pop()
        self._close(tag)

    def _close(self, tag: _OpenTag) -> None:
        length = self.units - tag.start
        if tag.name == "code" and tag.language and self.stack and self.stack[-1].name == "pre":
            self.stack[-1].language = tag.language
            return
        if length == 0 or (tag.name == "a" and not tag.url):
            return
        entity: JSONDict = {
            "type": TAG_ENTITY_TYPES[tag.name],
            "offset": tag.start,
            "length": length,
        }
        if tag.name == "a":
            entity["url"] = tag.url
        elif tag.name == "pre" and tag.language:
            entity["language"] = tag.language
        elif tag.name == "blockquote" and tag.expandable:
            entity["type"] = "expandable_blockquote"
        self.entities.append(entity)


def parse_text(text: Any, parse_mode: Any, entities: Any) -> tuple[str, list[JSONDict]]:
    """Validate a message text like Telegram and return (plain text, entities)."""
    if not isinstance(text, str) or not text:
        raise bad_request("message text is empty")
    mode = str(parse_mode or "").lower()
    if mode not in ("", "html", "markdown", "markdownv2"):
        raise bad_request(f"unsupported parse_mode {parse_mode!r}")
    if entities:
        plain, found = text, list(entities)
    elif mode == "html":
        plain, found = HtmlParser(text).parse()
    else:  # Markdown modes are accepted but not interpreted by the fake.
        plain, found = text, []
    if not plain.strip():
        raise bad_request("message text is empty")
    if utf16_len(plain) > MAX_MESSAGE_UTF16:
        raise bad_request("message is too long")
    return plain, found


def check_reply_markup(markup: Any) -> JSONDict | None:
    """Validate a reply_markup; return it if it is an inline keyboard (echoed in messages)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return None  # reply keyboards / force_reply / remove are accepted but not echoed
    for row in rows:
        for button in row:
            if not button.get("text"):
                raise bad_request("BUTTON_TEXT_INVALID")
            data = button.get("callback_data")
            size = len(str(data).encode("utf-8"))
            if data is not None and not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                raise bad_request("BUTTON_DATA_INVALID")
    return markup


def detect_entities(text: str) -> list[JSONDict]:
    """bot_command entity for a leading command and mention entities, with UTF-16 offsets."""
    found: list[JSONDict] = []
    command = COMMAND_RE.match(text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group())})
    for mention in MENTION_RE.finditer(text):
        if command and mention.start() < command.end():
            continue
        found.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: mention.start()]),
                "length": utf16_len(mention.group()),
            }
        )
    return found


# ---------------------------------------------------------------------------- request parsing


def decode_value(name: str, value: Any) -> Any:
    """Decode a form value: JSON for numbers, booleans and objects; strings stay strings."""
    if not isinstance(value, str) or name in STRING_PARAMS:
        return value
    try:
        return json.loads(value, parse_constant=lambda _: value)
    except ValueError:
        return value


def parse_body(content_type: str, body: bytes) -> JSONDict:
    """Raw parameters of a request body (JSON, urlencoded or multipart/form-data)."""
    kind = content_type.split(";")[0].strip().lower()
    if not body:
        return {}
    if kind == "application/json":
        loaded = json.loads(body)
        return loaded if isinstance(loaded, dict) else {}
    if kind == "multipart/form-data":
        return parse_multipart(content_type, body)
    return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))


def parse_multipart(content_type: str, body: bytes) -> JSONDict:
    """Form fields as strings; file parts as {"filename", "content_type", "data"}."""
    header = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(header + body)
    params: JSONDict = {}
    for part in parsed.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is None:
            params[name] = data.decode(part.get_content_charset() or "utf-8")
        else:
            params[name] = {
                "filename": filename,
                "content_type": part.get_content_type(),
                "data": data,
            }
    return params


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes: avoid 40 ms stalls
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.connections.add(self.connection)

    def finish(self) -> None:
        self.server.connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            raw = parse_body(self.headers.get("Content-Type", ""), body)
        except (ValueError, UnicodeDecodeError):
            raw = {}
        raw.update(parse_qsl(url.query, keep_blank_values=True))
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip()
        api = self.server.api
        fault = api.take_fault(url.path)
        if fault is not None and fault.kind == "drop":  # never handled: like a lost request
            api.record_fault(url.path, raw, None)  # recorded on arrival, status 0
            time.sleep(fault.seconds)
            self._hang_up()
            return
        if fault is not None and fault.kind == "hold":
            time.sleep(fault.seconds)
        if fault is not None and fault.kind == "status":  # e.g. a proxy's 502 page
            api.record_fault(url.path, raw, fault.status)
            self._write(fault.status, fault.body.replace("{url}", self.path).encode(), "text/html")
            return
        status, payload = api.handle_request(url.path, raw, content_type)
        if fault is not None and fault.kind == "reset":  # handled, then the connection breaks
            self._hang_up()
            return
        self._write(status, json.dumps(payload).encode("utf-8"), "application/json")

    def _hang_up(self) -> None:
        """Close the connection without an answer (a reset as the client sees it)."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _write(self, status: int, data: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client went away (e.g. a cancelled long poll)
            self.close_connection = True

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # socketserver's default listen backlog of 5 overflows when the bot opens many connections
    # at once; the kernel then resets some of them after the request was sent (a ReadError).
    request_queue_size = 256

    def __init__(self, api: FakeBotAPI) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api = api
        self.connections: set[socket.socket] = set()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that disconnect (cancelled polls, server stop); report the rest."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


# ---------------------------------------------------------------------------- the fake server


class FakeBotAPI:
    """A fake Bot API: records calls, answers like Telegram, lets tests inject updates."""

    def __init__(
        self,
        token: str = "123456:TEST-token-abc",
        bot_username: str = "StenogramTestBot",
        bot_id: int | None = None,
        privacy_mode: bool = True,
    ) -> None:
        """`bot_id` defaults to the token's numeric prefix. With `privacy_mode` (Telegram's
        default) group messages reach the bot only if they are commands for it, mention it or
        reply to one of its messages."""
        self.token = token
        self.bot_username = bot_username
        self.bot_id = bot_id if bot_id is not None else int(token.split(":")[0])
        self.privacy_mode = privacy_mode
        self.bot_user: JSONDict = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Stenogram",
            "username": bot_username,
        }
        self._cond = threading.Condition()
        self._log: list[RecordedCall] = []
        self._consumed: set[int] = set()
        self._failures: dict[str, list[int]] = {}
        self._faults: dict[str, list[Fault]] = {}
        self._updates: list[JSONDict] = []
        # Telegram's update ids are unique per bot; a random base keeps those of two fakes (two
        # tests, or two runs sharing a bot's state file) apart.
        self._next_update_id = random.randrange(1, 2000) * 1_000_000 + 1
        self._poll_generation = 0
        self._allowed_updates: list[str] = []
        self._webhook: JSONDict = {"url": ""}
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.descriptions: dict[str, str] = {}
        self._chats: dict[int, JSONDict] = {}
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._last_message_id: dict[int, int] = {}
        self._bot_message_keys: list[tuple[int, int]] = []
        self._open_queries: set[str] = set()
        self._next_query_id = 4_000_000_000_001
        self._stopping = False
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._methods: dict[str, tuple[str, Callable[[JSONDict], Any]]] = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._get_me,
                "getUpdates": self._get_updates,
                "deleteWebhook": self._delete_webhook,
                "setWebhook": self._set_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "answerCallbackQuery": self._answer_callback_query,
                "answerInlineQuery": self._answer_inline_query,
                "sendChatAction": self._send_chat_action,
                "setMyDescription": self._set_description("description", 512),
                "setMyShortDescription": self._set_description("short_description", 120),
                "close": lambda params: True,
                "logOut": lambda params: True,
            }.items()
        }

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeBotAPI:
        """Bind 127.0.0.1 on a free port and serve in a background thread."""
        if self._server is None:
            self._stopping = False
            self._server = _Server(self)
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="FakeBotAPI",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Wake pending long polls, close client connections and stop the server."""
        server, self._server = self._server, None
        if server is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        server.shutdown()
        for connection in list(server.connections):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound TCP port (the server must be started)."""
        if self._server is None:
            raise RuntimeError("FakeBotAPI is not started")
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """PTB `base_url`, e.g. http://127.0.0.1:PORT/bot (PTB appends token and /method)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB `base_file_url` (file downloads are not served: they answer 404)."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ------------------------------------------------------------------ controls

    def fault(
        self,
        method: str,
        kind: str,
        times: int = 1,
        seconds: float = 0.0,
        status: int = 502,
        body: str = "",
    ) -> None:
        """Misbehave on the next `times` calls of `method`, like a network or Telegram would:

        - "hold": wait `seconds`, then handle and answer (late: the client may have given up,
          but a message is delivered all the same);
        - "drop": wait `seconds`, then close the connection without handling (nothing delivered);
        - "reset": handle (a message is delivered), then close the connection without answering;
        - "status": answer HTTP `status` with `body` ("{url}" in it becomes the request path, as a
          proxy's error page echoes it), without handling.
        """
        with self._cond:
            self._faults.setdefault(method.lower(), []).extend(
                [Fault(kind, seconds, status, body or "<html>{url}: Bad Gateway</html>")] * times
            )

    def clear_faults(self) -> None:
        """Forget the faults not yet used."""
        with self._cond:
            self._faults.clear()

    def take_fault(self, path: str) -> Fault | None:
        """The fault planned for the next call to `path` (used by the HTTP handler)."""
        method = path.rsplit("/", 1)[-1].lower()
        with self._cond:
            planned = self._faults.get(method)
            return planned.pop(0) if planned else None

    def record_fault(self, path: str, raw: JSONDict, status: int | None) -> None:
        """Record a call a fault answered instead of the API (status None: no answer)."""
        method = path.rsplit("/", 1)[-1]
        params = {name: decode_value(name, value) for name, value in raw.items()}
        name = self._methods.get(method.lower(), (method, None))[0]
        with self._cond:
            self._log.append(RecordedCall(name, params, time.monotonic(), "", status or 0))
            self._cond.notify_all()

    def raw_update(self, payload: JSONDict) -> JSONDict:
        """Queue an update exactly as given (plus a fresh update_id): unknown kinds, fields the
        library cannot parse, anything Telegram might send one day."""
        with self._cond:
            update = {"update_id": self._next_update_id, **payload}
            self._next_update_id += 1
            self._updates.append(update)
            self._cond.notify_all()
            return copy.deepcopy(update)

    def redeliver(self, update: JSONDict) -> None:
        """Queue an update again as it was (Telegram does when its offset was not confirmed)."""
        with self._cond:
            self._updates.append(copy.deepcopy(update))
            self._cond.notify_all()

    def next_update_id(self) -> int:
        """The id the next queued update gets."""
        with self._cond:
            return self._next_update_id

    def fail_next(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        """Answer the next `times` calls of `method` with 429 Too Many Requests."""
        with self._cond:
            self._failures.setdefault(method.lower(), []).extend([retry_after] * times)

    # ------------------------------------------------------------------ observing

    @property
    def calls(self) -> list[tuple[str, JSONDict]]:
        """Snapshot of every request received, as (method, params), in arrival order."""
        with self._cond:
            return [(call.method, copy.deepcopy(call.params)) for call in self._log]

    @property
    def call_log(self) -> list[RecordedCall]:
        """Snapshot of every request with its arrival time and HTTP status."""
        with self._cond:
            return [copy.deepcopy(call) for call in self._log]

    def flood_wait(self, method: str) -> float:
        """Seconds from the first 429 answer of `method` to its next successful call."""
        with self._cond:
            log = [call for call in self._log if call.method.lower() == method.lower()]
        first = next((i for i, call in enumerate(log) if call.status == 429), None)
        later = (
            None
            if first is None
            else next((call for call in log[first + 1 :] if call.status == 200), None)
        )
        if first is None or later is None:
            raise AssertionError(f"no 429 followed by a success for {method}: {self._describe()}")
        return later.at - log[first].at

    def wait_for(
        self,
        method: str,
        predicate: Predicate | None = None,
        timeout: float = WAIT_SECONDS,
        ok_only: bool = True,
    ) -> JSONDict:
        """Block until a not yet returned call of `method` matching `predicate` is recorded.

        Only successfully answered calls count unless `ok_only` is False. Do not call this from
        the event loop that runs the bot (it would block it): use `wait_for_async` there.
        """
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                params = self._take_call(method, predicate, ok_only)
                if params is not None:
                    return params
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(self._describe(f"no matching {method} in {timeout}s"))
                self._cond.wait(min(remaining, 0.05))

    async def wait_for_async(
        self,
        method: str,
        predicate: Predicate | None = None,
        timeout: float = WAIT_SECONDS,
        ok_only: bool = True,
    ) -> JSONDict:
        """Like `wait_for` but yields to the event loop while waiting."""
        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                params = self._take_call(method, predicate, ok_only)
            if params is not None:
                return params
            if time.monotonic() >= deadline:
                raise AssertionError(self._describe(f"no matching {method} in {timeout}s"))
            await asyncio.sleep(0.01)

    def sent_messages(self, chat_id: int | None = None) -> list[JSONDict]:
        """Messages the bot sent (current state after edits), oldest first, with extra keys
        `plain_text` (HTML stripped and unescaped), `raw_text` (as sent) and `parse_mode`."""
        with self._cond:
            return [
                copy.deepcopy(self._messages[key])
                for key in self._bot_message_keys
                if chat_id is None or key[0] == chat_id
            ]

    def pending_updates(self) -> list[JSONDict]:
        """Queued updates not yet confirmed with a getUpdates offset."""
        with self._cond:
            return copy.deepcopy(self._updates)

    def _take_call(
        self, method: str, predicate: Predicate | None, ok_only: bool
    ) -> JSONDict | None:
        for index, call in enumerate(self._log):
            if index in self._consumed or call.method.lower() != method.lower():
                continue
            if (ok_only and call.status != 200) or (not ok_only and call.status is None):
                continue
            if predicate is None or predicate(call.params):
                self._consumed.add(index)
                return copy.deepcopy(call.params)
        return None

    def _describe(self, headline: str = "calls") -> str:
        with self._cond:
            lines = [
                f"  {call.method} -> {call.status}: {str(call.params)[:200]}" for call in self._log
            ]
        return f"{headline}; calls seen:\n" + ("\n".join(lines) or "  (none)")

    # ------------------------------------------------------------------ injecting updates

    def private_message(
        self,
        text: str,
        user_id: int = 1001,
        first_name: str | None = None,
        username: str | None = None,
        language_code: str = "en",
        reply_to: JSONDict | None = None,
    ) -> JSONDict:
        """Queue a `message` update from a user in their private chat with the bot."""
        user = self._user(user_id, first_name, username, language_code)
        chat = {"id": user_id, "type": "private", "first_name": user["first_name"]}
        if "username" in user:
            chat["username"] = user["username"]
        with self._cond:
            message = self._incoming_message(chat, user, text, reply_to)
            return self._queue("message", message)

    def group_message(
        self,
        text: str,
        chat_id: int = -1001234567890,
        user_id: int = 1001,
        reply_to: JSONDict | None = None,
        chat_type: str = "supergroup",
        title: str = "Test Group",
        first_name: str | None = None,
        username: str | None = None,
        language_code: str = "en",
    ) -> JSONDict:
        """Queue a group `message` update. In privacy mode it is stored but only queued if it
        is a command for this bot, mentions it, or replies to a bot message."""
        user = self._user(user_id, first_name, username, language_code)
        chat = {"id": chat_id, "type": chat_type, "title": title}
        with self._cond:
            message = self._incoming_message(chat, user, text, reply_to)
            return self._queue("message", message, deliver=self._visible_to_bot(message))

    def channel_post(
        self,
        text: str,
        chat_id: int = -1009876543210,
        title: str = "Test Channel",
        username: str | None = "stenogram_test_channel",
    ) -> JSONDict:
        """Queue a `channel_post` update (chat of type channel, `sender_chat`, no `from`)."""
        chat = {"id": chat_id, "type": "channel", "title": title}
        if username:
            chat["username"] = username
        with self._cond:
            message = self._incoming_message(chat, None, text, reply_to=None)
            return self._queue("channel_post", message)

    def inline_query(
        self, query: str, user_id: int = 1001, offset: str = "", chat_type: str = "private"
    ) -> JSONDict:
        """Queue an `inline_query` update; its string id can be answered once."""
        user = self._user(user_id, None, None, "en")
        with self._cond:
            payload = {
                "id": self._new_query_id(),
                "from": user,
                "query": query,
                "offset": offset,
                "chat_type": chat_type,
            }
            return self._queue("inline_query", payload)

    def chosen_inline_result(self, result_id: str, query: str, user_id: int = 1001) -> JSONDict:
        """Queue a `chosen_inline_result` update."""
        user = self._user(user_id, None, None, "en")
        with self._cond:
            return self._queue(
                "chosen_inline_result", {"result_id": result_id, "from": user, "query": query}
            )

    def callback_query(self, message: JSONDict, data: str, user_id: int = 1001) -> JSONDict:
        """Queue a `callback_query` update for a button under `message` (a stored message)."""
        user = self._user(user_id, None, None, "en")
        with self._cond:
            current = self._messages.get((message["chat"]["id"], message["message_id"]), message)
            payload = {
                "id": self._new_query_id(),
                "from": user,
                "message": wire(current),
                "chat_instance": str(abs(message["chat"]["id"]) * 7 + 1_000_000_007),
                "data": data,
            }
            return self._queue("callback_query", payload)

    def _user(
        self, user_id: int, first_name: str | None, username: str | None, language_code: str
    ) -> JSONDict:
        user: JSONDict = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name or f"User{user_id}",
        }
        if username != "":
            user["username"] = username or f"user{user_id}"
        user["language_code"] = language_code
        return user

    def _new_query_id(self) -> str:
        query_id = str(self._next_query_id)
        self._next_query_id += 1
        self._open_queries.add(query_id)
        return query_id

    def _queue(self, kind: str, payload: JSONDict, deliver: bool = True) -> JSONDict:
        update = {"update_id": self._next_update_id, kind: wire(payload)}
        self._next_update_id += 1
        if deliver:
            self._updates.append(update)
            self._cond.notify_all()
        return copy.deepcopy(update)

    def _visible_to_bot(self, message: JSONDict) -> bool:
        if not self.privacy_mode or message["chat"]["type"] not in ("group", "supergroup"):
            return True
        text = message.get("text", "")
        for entity in message.get("entities", []):
            piece = text.encode("utf-16-le")[
                entity["offset"] * 2 : (entity["offset"] + entity["length"]) * 2
            ]
            value = piece.decode("utf-16-le").lower()
            if entity["type"] == "bot_command" and (
                "@" not in value or value.endswith("@" + self.bot_username.lower())
            ):
                return True
            if entity["type"] == "mention" and value == "@" + self.bot_username.lower():
                return True
        replied = message.get("reply_to_message", {})
        return replied.get("from", {}).get("id") == self.bot_id

    # ------------------------------------------------------------------ messages and chats

    def _new_message(self, chat: JSONDict, text: str, sender: JSONDict | None) -> JSONDict:
        self._chats[chat["id"]] = copy.deepcopy(chat)
        message_id = self._last_message_id.get(chat["id"], 0) + 1
        self._last_message_id[chat["id"]] = message_id
        message: JSONDict = {"message_id": message_id}
        if sender is not None:
            message["from"] = copy.deepcopy(sender)
        if chat["type"] == "channel":
            message["sender_chat"] = copy.deepcopy(chat)
        message.update({"chat": copy.deepcopy(chat), "date": int(time.time()), "text": text})
        return message

    def _incoming_message(
        self, chat: JSONDict, sender: JSONDict | None, text: str, reply_to: JSONDict | None
    ) -> JSONDict:
        message = self._new_message(chat, text, sender)
        entities = detect_entities(text)
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            known = self._messages.get((reply_to["chat"]["id"], reply_to["message_id"]), reply_to)
            message["reply_to_message"] = self._reply_copy(known)
        self._store(message, raw_text=text, parse_mode=None)
        return message

    @staticmethod
    def _reply_copy(message: JSONDict) -> JSONDict:
        replied = wire(message)
        replied.pop("reply_to_message", None)
        return replied

    def _store(self, message: JSONDict, raw_text: str, parse_mode: str | None) -> None:
        message.update(
            {"plain_text": message["text"], "raw_text": raw_text, "parse_mode": parse_mode}
        )
        self._messages[(message["chat"]["id"], message["message_id"])] = message

    def _chat(self, chat_id: Any) -> JSONDict:
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for chat in self._chats.values():
                if chat.get("username", "").lower() == chat_id[1:].lower():
                    return chat
        elif chat_id in self._chats:
            return self._chats[chat_id]
        if chat_id in (None, ""):
            raise bad_request("chat_id is empty")
        raise bad_request("chat not found")

    def _editable_message(self, params: JSONDict) -> JSONDict:
        key = (self._chat(params.get("chat_id"))["id"], params.get("message_id"))
        if key not in self._messages:
            raise bad_request("message to edit not found")
        if key not in self._bot_message_keys:
            raise bad_request("message can't be edited")
        return self._messages[key]

    # ------------------------------------------------------------------ dispatch

    def handle_request(
        self, path: str, raw: JSONDict, content_type: str = ""
    ) -> tuple[int, JSONDict]:
        """Answer one HTTP request to `path` with raw (string) parameters `raw`."""
        match = re.fullmatch(r"/bot([^/]*)/([^/]*)", path)
        if not match:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        token, method = match.groups()
        params = {name: decode_value(name, value) for name, value in raw.items()}
        name = self._methods.get(method.lower(), (method, None))[0]
        with self._cond:
            call = RecordedCall(name, params, time.monotonic(), content_type)
            self._log.append(call)
            try:
                result = self._answer(token, method.lower(), copy.deepcopy(params))
                status, payload = 200, {"ok": True, "result": result}
            except ApiError as error:
                status, payload = error.code, error.payload()
                call.error = error.description
            call.status = status
            self._cond.notify_all()
        return status, payload

    def _answer(self, token: str, method: str, params: JSONDict) -> Any:
        if token != self.token:
            raise ApiError(401, "Unauthorized")
        if method not in self._methods:
            raise ApiError(404, "Not Found")
        pending = self._failures.get(method)
        if pending:
            retry_after = pending.pop(0)
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        return self._methods[method][1](params)

    # ------------------------------------------------------------------ Bot API methods

    def _get_me(self, params: JSONDict) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        if self._webhook["url"]:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        if "allowed_updates" in params:
            self._allowed_updates = list(params["allowed_updates"] or [])
        self._confirm(params.get("offset"))
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        deadline = time.monotonic() + max(float(params.get("timeout") or 0), 0.0)
        self._poll_generation += 1
        generation = self._poll_generation
        self._cond.notify_all()  # an older long poll now answers 409 like Telegram does
        while True:
            batch = self._deliverable()[:limit]
            remaining = deadline - time.monotonic()
            if batch or self._stopping or remaining <= 0:
                return copy.deepcopy(batch)
            self._cond.wait(remaining)
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make "
                    "sure that only one bot instance is running",
                )

    def _confirm(self, offset: Any) -> None:
        if offset is None:
            return
        offset = int(offset)
        if offset < 0:
            self._updates = self._updates[offset:]
        else:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]

    def _deliverable(self) -> list[JSONDict]:
        allowed = set(self._allowed_updates)
        kept = [
            u
            for u in self._updates
            if any(
                key in allowed if allowed else key not in DEFAULT_EXCLUDED_UPDATES
                for key in u
                if key != "update_id"
            )
        ]
        self._updates = kept
        return kept

    def _delete_webhook(self, params: JSONDict) -> bool:
        self._webhook = {"url": ""}
        if params.get("drop_pending_updates"):
            self._updates = []
        return True

    def _set_webhook(self, params: JSONDict) -> bool:
        url = params.get("url") or ""
        if url and not str(url).startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self._webhook = {"url": url, "max_connections": int(params.get("max_connections") or 40)}
        if "allowed_updates" in params:
            self._allowed_updates = list(params["allowed_updates"] or [])
        if params.get("drop_pending_updates"):
            self._updates = []
        return True

    def _get_webhook_info(self, params: JSONDict) -> JSONDict:
        info = {
            **self._webhook,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._allowed_updates:
            info["allowed_updates"] = list(self._allowed_updates)
        return info

    @staticmethod
    def _commands_key(params: JSONDict) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, params: JSONDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("commands must be a list of at most 100 BotCommand")
        for command in commands:
            if not BOT_COMMAND_NAME_RE.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("command description must be 1-256 characters")
        self._commands[self._commands_key(params)] = copy.deepcopy(commands)
        return True

    def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        return copy.deepcopy(self._commands.get(self._commands_key(params), []))

    def _delete_my_commands(self, params: JSONDict) -> bool:
        self._commands.pop(self._commands_key(params), None)
        return True

    def _send_message(self, params: JSONDict) -> JSONDict:
        chat = self._chat(params.get("chat_id"))
        text = params.get("text")
        plain, entities = parse_text(text, params.get("parse_mode"), params.get("entities"))
        markup = check_reply_markup(params.get("reply_markup"))
        replied = self._replied_message(chat, params)
        message = self._new_message(
            chat, plain, sender=None if chat["type"] == "channel" else self.bot_user
        )
        if entities:
            message["entities"] = entities
        if replied is not None:
            message["reply_to_message"] = self._reply_copy(replied)
            quote = (params.get("reply_parameters") or {}).get("quote")
            if quote:
                message["quote"] = {
                    "text": quote,
                    "position": utf16_len(replied["text"][: replied["text"].find(quote)]),
                    "is_manual": True,
                }
        if markup is not None:
            message["reply_markup"] = markup
        self._store(message, raw_text=text, parse_mode=params.get("parse_mode"))
        self._bot_message_keys.append((chat["id"], message["message_id"]))
        return wire(message)

    def _replied_message(self, chat: JSONDict, params: JSONDict) -> JSONDict | None:
        reply = params.get("reply_parameters") or {}
        message_id = reply.get("message_id", params.get("reply_to_message_id"))
        if message_id is None:
            return None
        chat_id = self._chat(reply["chat_id"])["id"] if "chat_id" in reply else chat["id"]
        replied = self._messages.get((chat_id, message_id))
        if replied is None:
            if reply.get("allow_sending_without_reply") or params.get(
                "allow_sending_without_reply"
            ):
                return None
            raise bad_request("message to be replied not found")
        quote = reply.get("quote")
        if quote and quote not in replied.get("text", ""):
            raise bad_request("quote not found")
        return replied

    def _edit_message_text(self, params: JSONDict) -> JSONDict | bool:
        text = params.get("text")
        plain, entities = parse_text(text, params.get("parse_mode"), params.get("entities"))
        markup = check_reply_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        message = self._editable_message(params)
        if (plain, entities, markup) == (
            message["text"],
            message.get("entities", []),
            message.get("reply_markup"),
        ):
            raise bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        message.update({"text": plain, "edit_date": int(time.time())})
        for key, value in (("entities", entities), ("reply_markup", markup)):
            if value:
                message[key] = value
            else:
                message.pop(key, None)
        self._store(message, raw_text=text, parse_mode=params.get("parse_mode"))
        return wire(message)

    def _edit_message_reply_markup(self, params: JSONDict) -> JSONDict | bool:
        markup = check_reply_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        message = self._editable_message(params)
        if markup == message.get("reply_markup"):
            raise bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return wire(message)

    def _answer_callback_query(self, params: JSONDict) -> bool:
        self._close_query(params.get("callback_query_id"))
        if len(str(params.get("text") or "")) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        return True

    def _answer_inline_query(self, params: JSONDict) -> bool:
        results = params.get("results")
        if not isinstance(results, list):
            raise bad_request("results must be a list")
        if len(results) > MAX_INLINE_RESULTS:
            raise bad_request("RESULTS_TOO_MUCH")
        ids = [str(result.get("id", "")) for result in results]
        if any(not 1 <= len(i.encode("utf-8")) <= 64 for i in ids):
            raise bad_request("RESULT_ID_INVALID")
        if len(set(ids)) != len(ids):
            raise bad_request("RESULT_ID_DUPLICATE")
        for result in results:
            check_reply_markup(result.get("reply_markup"))
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                parse_text(
                    content["message_text"], content.get("parse_mode"), content.get("entities")
                )
        self._close_query(params.get("inline_query_id"))
        return True

    def _close_query(self, query_id: Any) -> None:
        if str(query_id) not in self._open_queries:
            raise ApiError(400, QUERY_INVALID)
        self._open_queries.discard(str(query_id))

    def _set_description(self, name: str, limit: int) -> Callable[[JSONDict], bool]:
        def handler(params: JSONDict) -> bool:
            if len(str(params.get(name) or "")) > limit:
                raise bad_request(f"{name.upper()}_INVALID")
            self.descriptions[name] = str(params.get(name) or "")
            return True

        return handler

    def _send_chat_action(self, params: JSONDict) -> bool:
        self._chat(params.get("chat_id"))
        if params.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True
