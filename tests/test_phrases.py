"""close_pairs: which consecutive question words stand close together in a passage's terms."""

from __future__ import annotations

import random

from stenogram.retrieval.answers.answer import PHRASE_WINDOW, close_pairs


def _by_definition(toks: list[str], pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(a, b) with some b at most PHRASE_WINDOW tokens after some a, the pairs in their order."""
    return [
        (a, b)
        for a, b in pairs
        if any(
            0 < j - i <= PHRASE_WINDOW
            for i, x in enumerate(toks)
            if x == a
            for j, y in enumerate(toks)
            if y == b
        )
    ]


def test_close_pairs_is_its_definition() -> None:
    rng = random.Random(3)
    for _ in range(5_000):
        toks = [rng.choice("abcdefg") for _ in range(rng.randint(0, 30))]
        pairs = [(rng.choice("abcdefgh"), rng.choice("abcdefgh")) for _ in range(rng.randint(0, 4))]
        expected = _by_definition(toks, pairs)
        assert close_pairs(toks, pairs) == expected
        assert close_pairs(toks, pairs, frozenset(toks)) == expected


def test_close_pairs_examples() -> None:
    toks = ["peac", "keep", "forc", "troop", "x", "x", "x", "peac"]
    assert close_pairs(toks, [("peac", "forc")]) == [("peac", "forc")]  # two apart
    assert close_pairs(toks, [("forc", "peac")]) == []  # b before a only: order counts
    assert close_pairs(toks, [("troop", "peac")]) == []  # four apart: too far
    assert close_pairs(toks, [("peac", "peac")]) == []  # the same word twice, seven apart
