"""Answers stay what they were: every answer to the shared question sets, both engines, compared
with the committed snapshot (tests/data/answers.snapshot; see tests/answer_snapshot.py).

A change of how answers are computed (speed, caching, what is stored in the index) must leave
this green. A change meant to alter answers regenerates the snapshot and shows the diff.
"""

from __future__ import annotations

import json

import pytest

try:
    from answer_snapshot import SHARED_EVAL, SNAPSHOT, collect, lines
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.answer_snapshot import SHARED_EVAL, SNAPSHOT, collect, lines


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="../shared/eval is not beside the checkout")
def test_answers_are_the_snapshot() -> None:
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    got = lines(collect())
    keys = [json.loads(line)[:2] for line in expected]
    assert [json.loads(line)[:2] for line in got] == keys, "the question sets changed"
    changed = [
        f"{e[0]} {e[1]} {e[2]!r}"
        for e, g in zip(map(json.loads, expected), map(json.loads, got), strict=True)
        if e != g
    ]
    assert not changed, f"{len(changed)} answers changed:\n" + "\n".join(changed[:20])
    # The snapshot covers every outcome and the differing paths (sanity of the snapshot itself).
    answers = [json.loads(line)[3] for line in expected]
    assert any(a["quotes"] for a in answers)
    assert any(a["closest"] and not a["quotes"] for a in answers)
    assert any(not a["quotes"] and not a["closest"] and not a["problem"] for a in answers)
    assert any(" | " in a["read_as"] for a in answers)  # follow-ups read in context
    assert any(a["quotes"] and a["quotes"][0]["also_in"] for a in answers)  # duplicates
