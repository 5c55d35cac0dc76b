"""The bounded cache keeps at most its size, drops the oldest entry first, and stays correct when
threads write at once."""

from __future__ import annotations

import threading

from stenogram.retrieval.bounded import Bounded


def test_the_oldest_entry_goes_first_and_an_update_keeps_its_place() -> None:
    cache: Bounded[str, int] = Bounded(3)
    for i, key in enumerate("abc"):
        cache.put(key, i)
    cache.put("a", 10)  # an update: "a" stays the oldest, nothing is dropped
    assert len(cache) == 3 and cache.get("a") == 10
    cache.put("d", 3)
    assert "a" not in cache and cache.get("d") == 3
    assert [cache.get(k) for k in "bcd"] == [1, 2, 3]


def test_a_full_cache_stays_at_its_size_over_many_puts() -> None:
    cache: Bounded[int, int] = Bounded(100)
    for i in range(10_000):
        cache.put(i, i)
    assert len(cache) == 100
    assert all(cache.get(i) == i for i in range(9_900, 10_000))
    assert cache.get(9_899) is None


def test_a_cache_of_size_zero_remembers_one_entry_at_most() -> None:
    cache: Bounded[str, int] = Bounded(0)
    cache.put("a", 1)
    cache.put("b", 2)
    assert len(cache) <= 1


def test_threads_writing_at_once_leave_it_within_its_size() -> None:
    cache: Bounded[int, int] = Bounded(50)

    def fill(start: int) -> None:
        for i in range(start, start + 5_000):
            cache.put(i, i)
            cache.get(i - 1)

    threads = [threading.Thread(target=fill, args=(k * 5_000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(cache) == 50
