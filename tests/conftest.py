"""Shared test set-up: indexes go to a temporary cache, never the user's ~/.cache, and each test's
bot keeps its state in a file of its own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_index_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point XDG_CACHE_HOME (the default index location) at a session temp dir, subprocesses too."""
    cache = tmp_path_factory.mktemp("cache")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    yield cache
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(autouse=True)
def _own_state_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's bot gets a fresh store (subprocesses too, through the environment).

    Without it every bot of token 123456 shares /tmp/stenogram-state-123456.sqlite3, the default
    store, across tests and runs; each fake Bot API numbers its updates from a random base, and
    an update id the store journaled within the day is never handled again (as for Telegram), so
    a test whose fake drew a base seen before waited in vain for its reply."""
    monkeypatch.setenv("STENOGRAM_STATE_FILE", str(tmp_path / "state.sqlite3"))
