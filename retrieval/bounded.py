"""A bounded cache that threads may share (the bot answers in several threads at once)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Bounded(Generic[K, V]):
    """A dict of at most `size` entries, the oldest dropped first; writes are serialised.

    An OrderedDict, not a dict: dropping a dict's first entry leaves a hole that every later
    `next(iter(d))` steps over again until the dict is rebuilt, so a full cache paid a scan of
    up to `size` holes on each put (4 % of the instructions of a question at a million passages,
    measured with callgrind); OrderedDict.popitem(last=False) is constant time."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[K, V] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        """The value for `key`, or None."""
        return self._items.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def put(self, key: K, value: V) -> None:
        """Remember `value` for `key`, forgetting the oldest entry when full."""
        with self._lock:
            items = self._items
            if key not in items and len(items) >= self._size and items:
                items.popitem(last=False)
            items[key] = value
