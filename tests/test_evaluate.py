"""The scorer: its speaker check (the same person, or a surname-first name's first word), pooling."""

from __future__ import annotations

import pytest

from stenogram.retrieval.answers.evaluate import EvalReport, same_speaker


@pytest.mark.parametrize(
    ("gold", "shown"),
    [("Putin", "Vladimir Putin"), ("Zhang", "Zhang Yishan"), ("Toro Jiménez", "Toro Jiménez")],
)
def test_the_gold_speaker_is_recognised(gold, shown):
    assert same_speaker(gold, shown)


@pytest.mark.parametrize(
    ("gold", "shown"),
    [("Zhang", "Li Zhao"), ("Zhang Wei", "Zhang Yishan"), ("Putin", "Put"), ("Kirby", "Q")],
)
def test_another_speaker_is_not(gold, shown):
    assert not same_speaker(gold, shown)


def test_reports_pool_by_adding_counts_and_joining_ids():
    a = EvalReport(2, 1, 2, 1, 1, 1, 1, misses=("a-2",))
    b = EvalReport(3, 2, 3, 0, 0, 1, 0, answered_abstain=("b-4",), misses=("b-1",))
    pooled = a + b
    assert (pooled.answerable, pooled.hit1, pooled.hit3, pooled.abstain_right) == (5, 3, 5, 1)
    assert pooled.misses == ("a-2", "b-1") and pooled.answered_abstain == ("b-4",)
