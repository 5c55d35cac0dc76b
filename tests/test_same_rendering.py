"""Rendering stays what it was: every answer to the shared question sets (both engines) and a few
made-up ones, rendered for Telegram, the terminal and JSON, compared byte for byte with the
committed snapshot (tests/data/render.snapshot; see tests/render_snapshot.py).

A change of how rendering is computed (speed, caching) must leave this green.
"""

from __future__ import annotations

import json

import pytest

try:
    from answer_snapshot import SHARED_EVAL
    from render_snapshot import SNAPSHOT, collect, lines
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.answer_snapshot import SHARED_EVAL
    from tests.render_snapshot import SNAPSHOT, collect, lines


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="../shared/eval is not beside the checkout")
def test_rendering_is_the_snapshot() -> None:
    # Not splitlines(): a rendered quote may hold U+2028, which JSON leaves as it is.
    expected = SNAPSHOT.read_text(encoding="utf-8").removesuffix("\n").split("\n")
    got = lines(collect())
    assert [json.loads(line)[:2] for line in got] == [json.loads(line)[:2] for line in expected]
    changed = [
        f"{e[0]} {e[1]}"
        for e, g in zip(map(json.loads, expected), map(json.loads, got), strict=True)
        if e != g
    ]
    assert not changed, f"{len(changed)} renderings changed:\n" + "\n".join(changed[:20])
    assert got == expected  # the very bytes (key order, escapes) as well
    # The snapshot exercises what the fast paths must get right.
    html = "\n".join("\n".join(json.loads(line)[2]) for line in expected)
    assert "<b>" in html and "&amp;" in html and "&lt;" in html
    assert "(cut here; the permalink shows the whole passage)" in html
    assert any(len(json.loads(line)[2]) > 1 for line in expected)  # split into messages
    assert "\\x1b" in "\n".join(json.loads(line)[3] for line in expected)  # control characters
