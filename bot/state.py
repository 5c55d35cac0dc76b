"""The bot's one durable store (SQLite): the update journal, answers for "More", chat context.

Everything the bot must remember across a restart or a kill -9 lives in one SQLite file in WAL
mode. Each write is one transaction, so a reader (or a restarted bot) sees all of it or none of
it, and a committed transaction survives the process being killed. Journaling received updates
also waits for the disk (`synchronous=FULL`), so it survives a power cut too; the other writes
(done marks, answers) do not wait: a power cut may make the bot answer its last questions again,
never lose one.

- `updates`: the raw JSON of every update received (polling: before the offset confirms it;
  webhook: before the HTTP 200), and whether its handling finished. A restarted bot handles again
  the updates not marked done; an update id seen before is never handled twice.
- `answers`: (chat, message id) of each answer the bot sent -> the question as read and the offset
  of its first quote, so "More" works after a restart and without `reply_to_message`.
- `links`: short numeric ids for questions carried by deep links (inline results' "More").
- `chats`: per chat, the last question as the answerer read it and the ids of the answer messages
  (follow-up questions).

Rows older than the retention limit are deleted by `prune()` (the bot calls it with the first
update it handles, then hourly), so the file stays small.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS updates (
    update_id INTEGER PRIMARY KEY, raw TEXT NOT NULL, received REAL NOT NULL,
    done INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS answers (
    chat_id INTEGER NOT NULL, message_id INTEGER NOT NULL, question TEXT NOT NULL,
    offset INTEGER NOT NULL, at REAL NOT NULL, PRIMARY KEY (chat_id, message_id));
CREATE TABLE IF NOT EXISTS links (
    id INTEGER PRIMARY KEY AUTOINCREMENT, question TEXT NOT NULL UNIQUE, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS chats (
    chat_id INTEGER PRIMARY KEY, question TEXT NOT NULL, message_ids TEXT NOT NULL,
    at REAL NOT NULL);
"""
DAY = 86_400.0


@dataclass(frozen=True)
class Asked:
    """A question the bot answered: as the answerer read it, and the offset of the first quote."""

    question: str
    offset: int = 0


@dataclass(frozen=True)
class ChatContext:
    """The last question answered in a chat and the ids of the messages that answered it."""

    question: str
    message_ids: tuple[int, ...]
    at: float


class State:
    """The SQLite store; safe to call from the event loop and from worker threads."""

    def __init__(self, path: Path | str, retention_days: float = 30.0) -> None:
        """Open (or create) the store at `path` (":memory:" for a store that dies with the process)."""
        self.path = Path(path) if str(path) != ":memory:" else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.retention = retention_days * DAY
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the database (the WAL is checkpointed into the main file)."""
        with self._lock:
            self._db.close()

    def _write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """One statement in its own transaction: committed (and synced) when this returns."""
        with self._lock, self._db:
            return self._db.execute(sql, params)

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # ------------------------------------------------------------------ the update journal

    def journal(self, raws: Sequence[dict[str, Any]]) -> list[bool]:
        """Record raw updates in one transaction; True for each one not seen before.

        "Seen" means journaled within the last day: Telegram re-sends an unconfirmed update
        within hours, and picks ids at random after a week without updates, so an older row with
        the same id is another update (it is replaced)."""
        if not raws:
            return []
        now = time.time()
        with self._lock:
            self._db.execute("PRAGMA synchronous=FULL")  # on disk before Telegram is told
            try:
                return self._journal(raws, now)
            finally:
                self._db.execute("PRAGMA synchronous=NORMAL")

    def _journal(self, raws: Sequence[dict[str, Any]], now: float) -> list[bool]:
        with self._db:
            ids = [int(r["update_id"]) for r in raws]
            marks = ",".join("?" * len(ids))
            known = {
                row[0]
                for row in self._db.execute(
                    f"SELECT update_id FROM updates WHERE update_id IN ({marks}) AND received > ?",
                    [*ids, now - DAY],
                )
            }
            self._db.execute(
                f"DELETE FROM updates WHERE update_id IN ({marks}) AND received <= ?",
                [*ids, now - DAY],
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO updates (update_id, raw, received) VALUES (?, ?, ?)",
                [
                    (i, json.dumps(r, ensure_ascii=False), now)
                    for i, r in zip(ids, raws, strict=True)
                ],
            )
            return [i not in known for i in ids]

    def done(self, update_id: int) -> None:
        """Mark an update handled (its reply sent, or nothing to send)."""
        self._write("UPDATE updates SET done = 1 WHERE update_id = ?", (update_id,))

    def unfinished(self) -> list[dict[str, Any]]:
        """Raw updates journaled but not handled (the process stopped first), oldest first."""
        rows = self._read("SELECT raw FROM updates WHERE done = 0 ORDER BY update_id")
        return [json.loads(raw) for (raw,) in rows]

    def is_done(self, update_id: int) -> bool:
        """True if this update's handling finished."""
        return bool(
            self._read("SELECT 1 FROM updates WHERE update_id = ? AND done = 1", (update_id,))
        )

    # ------------------------------------------------------------------ answers and chats

    def remember_answer(self, chat_id: int, message_ids: Sequence[int], asked: Asked) -> None:
        """Record the messages that answered `asked` in a chat, and make it the chat's last question."""
        now = time.time()
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                [(chat_id, m, asked.question, asked.offset, now) for m in message_ids],
            )
            self._db.execute(
                "INSERT OR REPLACE INTO chats VALUES (?, ?, ?, ?)",
                (chat_id, asked.question, json.dumps(list(message_ids)), now),
            )

    def answer(self, chat_id: int, message_id: int) -> Asked | None:
        """The question (and offset) a message of the bot answered, if it is remembered."""
        rows = self._read(
            "SELECT question, offset FROM answers WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return Asked(rows[0][0], rows[0][1]) if rows else None

    def last(self, chat_id: int) -> ChatContext | None:
        """The chat's last answered question and its answer message ids."""
        rows = self._read(
            "SELECT question, message_ids, at FROM chats WHERE chat_id = ?", (chat_id,)
        )
        if not rows:
            return None
        question, ids, at = rows[0]
        return ChatContext(question, tuple(json.loads(ids)), at)

    def link(self, question: str) -> int:
        """A small number standing for `question` in a deep link (the same for the same text)."""
        now = time.time()
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO links (question, at) VALUES (?, ?) ON CONFLICT(question) "
                "DO UPDATE SET at = excluded.at",
                (question, now),
            )
            return int(
                self._db.execute("SELECT id FROM links WHERE question = ?", (question,)).fetchone()[
                    0
                ]
            )

    def linked(self, link_id: int) -> str | None:
        """The question a deep-link number stands for, if still kept."""
        rows = self._read("SELECT question FROM links WHERE id = ?", (link_id,))
        return rows[0][0] if rows else None

    # ------------------------------------------------------------------ retention

    def prune(self, now: float | None = None) -> int:
        """Delete rows older than the retention limit (unfinished updates are kept); rows removed."""
        cutoff = (time.time() if now is None else now) - self.retention
        removed = 0
        with self._lock, self._db:
            for sql in (
                "DELETE FROM updates WHERE done = 1 AND received < ?",
                "DELETE FROM answers WHERE at < ?",
                "DELETE FROM links WHERE at < ?",
                "DELETE FROM chats WHERE at < ?",
            ):
                removed += self._db.execute(sql, (cutoff,)).rowcount
        return removed
