"""Answers stay what they were: every answer to the shared question sets, both engines, compared
with the committed snapshot (tests/data/answers.snapshot; see tests/answer_snapshot.py).

A change of how answers are computed (speed, caching, what is stored in the index) must leave
this green. A change meant to alter answers regenerates the snapshot and shows the diff.
"""

from __future__ import annotations

import json
import math
from typing import Any

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
        if not _same(e, g)
    ]
    assert not changed, f"{len(changed)} answers changed:\n" + "\n".join(changed[:20])
    # The snapshot covers every outcome and the differing paths (sanity of the snapshot itself).
    answers = [json.loads(line)[3] for line in expected]
    assert any(a["quotes"] for a in answers)
    assert any(a["closest"] and not a["quotes"] for a in answers)
    assert any(not a["quotes"] and not a["closest"] and not a["problem"] for a in answers)
    assert any(" | " in a["read_as"] for a in answers)  # follow-ups read in context
    assert any(a["quotes"] and a["quotes"][0]["also_in"] for a in answers)  # duplicates


def _same(expected: Any, got: Any) -> bool:
    """Equal, a score within a few millionths (its 6th decimal): the word vectors' products run on the
    machine's BLAS, whose kernels (AVX2, AVX-512, …) sum in their own order, so a score's last
    digits differ from one CPU to another (seen: 55.634384 and 55.634382). Everything else —
    text, citation, speaker, order, terms — must be exactly the same."""
    if isinstance(expected, dict) and isinstance(got, dict):
        return expected.keys() == got.keys() and all(
            math.isclose(expected[k], got[k], rel_tol=1e-7, abs_tol=5e-6)
            if k == "score"
            else _same(expected[k], got[k])
            for k in expected
        )
    if isinstance(expected, list) and isinstance(got, list):
        return len(expected) == len(got) and all(map(_same, expected, got))
    return bool(expected == got)


def test_a_score_may_differ_in_its_last_digits_and_nothing_else() -> None:
    quote = {"score": 55.634384, "text": "eight armoured vehicles", "terms": ["vehicl"]}
    assert _same([quote], [{**quote, "score": 55.634382}])
    assert not _same([quote], [{**quote, "score": 55.6344}])
    assert not _same([quote], [{**quote, "text": "eight armoured vehicles."}])
    assert not _same([quote], [quote, quote])
