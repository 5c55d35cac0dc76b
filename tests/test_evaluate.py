"""The scorer's speaker check: the same person, or a surname-first name's first word."""

from __future__ import annotations

import pytest

from stenogram.retrieval.evaluate import same_speaker


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
