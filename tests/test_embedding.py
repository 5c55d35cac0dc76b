"""The static embedding gives a text the same vector whatever it is embedded with: a few short
words (tokenised one at a time) or long passages (tokenised in a batch), alone or together."""

from __future__ import annotations

import os
import subprocess
import sys
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


def test_loading_the_model_leaves_blas_one_thread() -> None:
    """The question's products over the word vectors run on one BLAS thread (semantic.py says
    why): checked in a fresh process, where BLAS starts with a thread per core."""
    code = (
        "from threadpoolctl import threadpool_info\n"
        "from stenogram.retrieval.questions import semantic\n"
        "semantic.model()\n"
        "print(max(i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'))\n"
    )
    env_free = {k: v for k, v in os.environ.items() if "NUM_THREADS" not in k}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env_free, check=True
    )
    assert out.stdout.strip() == "1"
