"""Liveness of the running bot without calling Telegram: a heartbeat file or GET /healthz."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from .settings import Settings

log = logging.getLogger(__name__)

HEALTHZ_PATH = "/healthz"
# The bot rewrites its heartbeat this often while it runs ...
HEARTBEAT_SECONDS = 10.0
# ... so one older than this means the event loop has been stuck for three beats.
STALE_SECONDS = 3 * HEARTBEAT_SECONDS + 5.0
# While starting or stopping, beat faster so "ok" shows up soon after the bot is ready.
TRANSITION_SECONDS = 0.5
OK = "ok"


@dataclass(frozen=True)
class Verdict:
    """The result of one health check: healthy or not, and one line saying why."""

    healthy: bool
    reason: str

    def line(self) -> str:
        """What `stenogram health` prints."""
        return f"{'healthy' if self.healthy else 'unhealthy'}: {self.reason}"


@dataclass
class BotState:
    """What a health check reports about the running bot; `running` asks the Application."""

    mode: str
    documents: int
    passages: int
    running: Callable[[], bool]
    started: float = field(default_factory=time.time)
    _was_running: bool = field(default=False, init=False, repr=False)

    def status(self) -> str:
        """ "ok" while the bot handles updates, else "starting" or "stopping"."""
        if self.running():
            self._was_running = True
            return OK
        return "stopping" if self._was_running else "starting"

    def snapshot(self) -> dict[str, Any]:
        """The JSON body of /healthz (and, with pid and timestamps, of the heartbeat file)."""
        return {
            "status": self.status(),
            "mode": self.mode,
            "documents": self.documents,
            "passages": self.passages,
            "uptime": round(time.time() - self.started, 1),
        }


class Heartbeat:
    """Rewrites a JSON heartbeat file from the bot's event loop until stopped."""

    def __init__(self, path: Path, state: BotState, interval: float = HEARTBEAT_SECONDS) -> None:
        self.path = path
        self.state = state
        self.interval = interval
        self._task: asyncio.Task[None] | None = None
        self._warned = False

    def write(self) -> None:
        """Write the current state atomically (a reader never sees half a file)."""
        data = {
            **self.state.snapshot(),
            "pid": os.getpid(),
            "started": self.state.started,
            "updated": time.time(),
        }
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps(data), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:
            # The bot keeps answering; the health check will report the missing heartbeat.
            if not self._warned:
                log.warning("health: cannot write heartbeat file %s: %s", self.path, exc.strerror)
                self._warned = True

    async def _beat(self) -> None:
        """Write, then sleep: long while running, short while starting or stopping."""
        while True:
            self.write()
            ok = self.state.status() == OK
            await asyncio.sleep(self.interval if ok else TRANSITION_SECONDS)

    def start(self) -> None:
        """Start beating on the running event loop."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._beat(), name="heartbeat")

    async def stop(self) -> None:
        """Stop beating and remove the file: a stopped bot must not look alive."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.path.unlink(missing_ok=True)


def check_heartbeat(
    path: Path, now: float | None = None, stale_after: float = STALE_SECONDS
) -> Verdict:
    """Healthy if the heartbeat file is fresh, its process alive and its status "ok"."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pid, updated, status = int(data["pid"]), float(data["updated"]), str(data["status"])
    except FileNotFoundError:
        return Verdict(False, f"no heartbeat file {path}: the bot is not running (yet)")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return Verdict(False, f"unreadable heartbeat file {path}: {_one_line(exc)}")
    age = (time.time() if now is None else now) - updated
    if not _pid_alive(pid):
        return Verdict(False, f"process {pid} of heartbeat file {path} is gone")
    if age > stale_after:
        return Verdict(
            False, f"last heartbeat {age:.0f} s ago (limit {stale_after:.0f} s): the bot is stuck"
        )
    if status != OK:
        return Verdict(False, f"the bot is {status}")
    return Verdict(True, f"polling, pid {pid}, {_counts(data)}, heartbeat {max(age, 0):.0f} s ago")


def check_healthz(url: str, timeout: float = 5.0) -> Verdict:
    """Healthy if GET `url` (the bot's own /healthz on loopback) answers status "ok"."""
    try:
        # trust_env=False: an HTTP(S)_PROXY in the environment must not capture loopback.
        response = httpx.get(url, timeout=timeout, trust_env=False)
        data = response.json()
    except httpx.HTTPError as exc:
        return Verdict(False, f"{url}: {type(exc).__name__}: {_one_line(exc)}")
    except ValueError:
        return Verdict(False, f"{url}: HTTP {response.status_code}, not JSON")
    if response.status_code != 200 or not isinstance(data, dict) or data.get("status") != OK:
        status = data.get("status") if isinstance(data, dict) else None
        return Verdict(False, f"{url}: HTTP {response.status_code}, status {status}")
    return Verdict(True, f"webhook, {_counts(data)}, up {data.get('uptime', 0):.0f} s")


def healthz_url(settings: Settings) -> str:
    """Where the webhook server of these settings answers /healthz, seen from the same host."""
    host = settings.webhook_listen
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.webhook_port}{HEALTHZ_PATH}"


def check(settings: Settings) -> Verdict:
    """The health of the bot these settings describe: /healthz (webhook) or the heartbeat file."""
    if settings.webhook_url:
        return check_healthz(healthz_url(settings))
    return check_heartbeat(settings.health_file)


def _pid_alive(pid: int) -> bool:
    """True if a process with this id exists (signal 0 checks without sending anything)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def _counts(data: dict[str, Any]) -> str:
    """ "N documents, M passages" from a heartbeat or /healthz body."""
    return f"{data.get('documents', '?')} documents, {data.get('passages', '?')} passages"


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line."""
    return " ".join(str(exc).split()) or type(exc).__name__
