"""The static embedding gives a text the same vector whatever it is embedded with: a few short
words (tokenised one at a time) or long passages (tokenised in a batch), alone or together."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.questions import semantic

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_a_texts_vector_does_not_depend_on_its_company() -> None:
    model = semantic.model()
    words = ["soldiers", "", "Путин", "x"]  # together under BATCH_CHARS: one at a time
    passages = [p.text for p in load_corpus(SEEDS).passages[:12]]  # over it: a batch
    assert sum(map(len, words)) <= semantic.BATCH_CHARS < sum(map(len, passages))
    for texts in (words, passages, [*words, *passages]):
        for norm in (True, False):
            together = model.embed(texts, norm=norm)
            alone = np.vstack([model.embed([t], norm=norm) for t in texts])
            assert together.dtype == np.float32
            assert np.array_equal(together, alone)  # bit for bit
    assert not model.embed([""]).any()  # no token: the zero vector, as before
    vec = model.embed(["soldiers"])[0]
    ids = model.tokenizer.encode("soldiers", add_special_tokens=False).ids
    mean = model.vectors[ids].astype(np.float32).mean(axis=0)
    assert np.array_equal(vec, mean / np.linalg.norm(mean))
