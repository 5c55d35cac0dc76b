"""Every probe document's speakers are the snapshot's (tests/speakers_snapshot.py): a reader
change that renames, splits or merges anyone shows here, even when no answer figure moves."""

from __future__ import annotations

import difflib

try:
    from speakers_snapshot import SNAPSHOT, snapshot
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.speakers_snapshot import SNAPSHOT, snapshot


def test_every_probe_s_speakers_are_the_snapshot():
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    got = snapshot()
    if got != expected:
        diff = "\n".join(difflib.unified_diff(expected, got, "snapshot", "now", lineterm="", n=0))
        raise AssertionError(
            "speakers changed; if intended, run `.venv/bin/python tests/speakers_snapshot.py`\n"
            + diff
        )
