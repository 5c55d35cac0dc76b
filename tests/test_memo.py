"""Values derived from a passage once (memo.py) are the values derived from it each time."""

from __future__ import annotations

import re
from pathlib import Path

from stenogram.retrieval.answers.figures import DATE, FIGURE, figure_in, figures_near
from stenogram.retrieval.answers.memo import PassageMemo, Terms, on_text
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.tokenize import tokens

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_a_memo_derives_once_per_passage_and_forgets_the_oldest() -> None:
    passages = load_corpus(SEEDS).passages[:4]
    calls: list[str] = []

    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    memo = on_text(length, size=2)
    assert [memo(p) for p in passages[:2]] == [len(p.text) for p in passages[:2]]
    assert [memo(p) for p in passages[:2]] == [len(p.text) for p in passages[:2]]
    assert len(calls) == 2  # the second round was remembered
    memo(passages[2])  # the third passage pushes the first out
    memo(passages[0])
    assert len(calls) == 4
    flags = PassageMemo(lambda p: p.indexed)
    assert [flags(p) for p in passages] == [p.indexed for p in passages]  # False is a value


def test_terms_are_the_passages_tokens() -> None:
    for p in load_corpus(SEEDS).passages:
        terms = Terms.of(p)
        assert terms.tokens == tokens(p.text)
        assert terms.distinct == frozenset(terms.tokens)


def test_figures_near_are_verbatim_in_order_with_the_words_beside_them() -> None:
    seen = 0
    for p in load_corpus(SEEDS).passages:
        words = frozenset(tokens(" ".join(re.findall(r"[^\W_]+", p.text))))
        for pattern in (FIGURE, DATE):
            at = 0
            for figure, near in figures_near(p.text, pattern):
                at = p.text.index(figure, at)  # verbatim, after the previous one
                assert near <= words  # terms of the words beside it
                for term in sorted(near)[:2]:  # a question term beside it finds a figure
                    assert figure_in(p.text, [term], pattern)
                seen += 1
            assert figure_in(p.text, ["\x00none"], pattern) == ""
    assert seen > 50
