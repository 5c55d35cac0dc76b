"""Work spread over forked processes, and the speaker registry's calls recorded for a replay.

A forked worker inherits the parent's memory, so a task is only an index into state the parent
set before the pool started; only results travel back. Where fork is unavailable, or one worker
is asked for, the same function runs in this process: the results are the same, in order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from .model import Speaker

T = TypeVar("T")

_TASK: list[Callable[[int], Any]] = []  # the function forked workers run (inherited)


def cores() -> int:
    """How many processes this machine runs at once."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def ordered_map(func: Callable[[int], T], count: int, workers: int) -> Iterator[T]:
    """func(0), func(1), … func(count - 1) in order, computed by `workers` forked processes that
    run ahead of the consumer (in this process when workers <= 1 or fork is unavailable)."""
    if workers <= 1 or count <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(func, range(count))
        return
    _TASK[:] = [func]
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, count)) as pool:
            yield from pool.imap(_run, range(count), chunksize=1)
    finally:
        _TASK.clear()


def _run(i: int) -> Any:
    return _TASK[0](i)


@dataclass(frozen=True)
class Call:
    """One registry call: ("person", name, role) or ("anonymous", label, "")."""

    kind: str
    name: str
    role: str = ""


class RecordingRegistry:
    """Stands in for a SpeakerRegistry where a document is parsed apart from the others: every
    person() or anonymous() call is recorded and answered with a placeholder id (call number),
    so the parent can make the same calls on the real registry in file order and swap ids."""

    def __init__(self) -> None:
        self.calls: list[Call] = []

    def person(self, name: str, role: str = "") -> Speaker:
        """A placeholder for the person the real registry will resolve."""
        return self._placeholder(Call("person", name, role))

    def anonymous(self, label: str) -> Speaker:
        """A placeholder for the anonymous speaker the real registry will resolve."""
        return self._placeholder(Call("anonymous", label))

    def _placeholder(self, call: Call) -> Speaker:
        self.calls.append(call)
        return Speaker(id=placeholder(len(self.calls) - 1), name=call.name)


def placeholder(n: int) -> str:
    """The stand-in id of a document's n-th registry call (no real id starts with NUL)."""
    return f"\0{n}"
