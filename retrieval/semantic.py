"""Lay words: static word embeddings (wordllama, offline on the CPU) over the index vocabulary.

"soldiers" is not a word of the documents, "troops" is: the embedding of each of the corpus's
most frequent words is computed once, when the answerer starts, and a question word the
documents never use is matched to its nearest corpus words. BM25 stays the retriever; this only
adds the neighbours as alternative terms. The weights ship inside the wordllama wheel and are
read from its package folder: nothing is downloaded, ever.

Large corpora: only the MAX_TERMS most frequent index terms are embedded (10,000 x 256 floats,
10 MB, computed when the answerer starts), whatever the number of passages, and a question costs
one matrix product over them, so the answer path does not grow with the archive. Passages are
embedded only for a follow-up's 10 best candidates (cached by passage id).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .spelling import surface

if TYPE_CHECKING:  # wordllama is imported on first use (see model())
    from wordllama.inference import WordLlamaInference

MAX_TERMS = 10_000
MIN_SIMILARITY = 0.45  # cosine: "guns"/"weapons" 0.64, "cops"/"police" 0.53, "china"/"russia" 0.14
NEIGHBOURS = 3
CACHE = 50_000  # words whose neighbours are remembered (a word's neighbours never change)


@lru_cache(maxsize=1)
def model() -> WordLlamaInference:
    """The wordllama model from the files its wheel ships (no hub, no cache directory)."""
    from safetensors import safe_open
    from tokenizers import Tokenizer

    # Importing wordllama calls logging.basicConfig(level=INFO): that would turn on INFO logs of
    # every library (httpx logs request URLs, which hold the bot token). Undo it at once.
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        import wordllama
        from wordllama.inference import WordLlamaInference
    finally:
        root.setLevel(level)
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)

    folder = Path(wordllama.__file__).parent
    tokenizer = Tokenizer.from_file(str(folder / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    with safe_open(str(folder / "weights" / "l2_supercat_256.safetensors"), framework="np",
                   device="cpu") as f:
        embedding = f.get_tensor("embedding.weight")
    return WordLlamaInference(embedding, tokenizer)


class Neighbours:
    """The corpus words nearest in meaning to a word the corpus does not use."""

    def __init__(self, vocabulary: Iterable[tuple[str, int]]) -> None:
        """`vocabulary`: (index term, passage count) pairs, most frequent first."""
        self.terms = [t for t, _ in list(vocabulary)[:MAX_TERMS] if t.isalpha() and len(t) > 2]
        self._matrix: np.ndarray | None = None
        self._vectors()  # at start-up, not on the first question
        self._cache: dict[tuple[str, int], list[tuple[str, float]]] = {}

    def _vectors(self) -> np.ndarray:
        if self._matrix is None:
            words = [surface(t) for t in self.terms]
            self._matrix = (np.asarray(model().embed(words, norm=True), dtype=np.float32)
                            if words else np.zeros((0, 256), np.float32))
        return self._matrix

    def nearest(self, word: str, n: int | None = None,
                minimum: float = MIN_SIMILARITY) -> list[tuple[str, float]]:
        """Up to n index terms with cosine similarity ≥ minimum to `word`, nearest first."""
        return self.nearest_many([word], n, minimum)[word]

    def nearest_many(self, words: list[str], n: int | None = None,
                     minimum: float = MIN_SIMILARITY) -> dict[str, list[tuple[str, float]]]:
        """nearest() for several words with one embedding call (a question's words at once)."""
        n = NEIGHBOURS if n is None else n
        out: dict[str, list[tuple[str, float]]] = {}
        todo = [w for w in dict.fromkeys(words) if (w, n) not in self._cache]
        matrix = self._vectors()
        if todo and len(matrix):
            vectors = np.asarray(model().embed(todo, norm=True), dtype=np.float32)
            for w, vec in zip(todo, vectors, strict=True):
                col = matrix @ vec  # one matrix-vector product per word: no BLAS threads needed
                top = np.argpartition(-col, min(n, len(col) - 1))[: n + 1]
                ranked = sorted(top, key=lambda i: (-col[i], i))[:n]
                self._cache[(w, n)] = [(self.terms[i], float(col[i])) for i in ranked]
                if len(self._cache) > CACHE:
                    self._cache.pop(next(iter(self._cache)))
        for w in words:
            out[w] = [(t, sim) for t, sim in self._cache.get((w, n), []) if sim >= minimum]
        return out


PASSAGE_CACHE = 10_000  # passage vectors kept (256 floats each: 10 MB)
_passage_vectors: dict[str, np.ndarray] = {}


def similarities(text: str, passages: list[tuple[str, str]]) -> list[float]:
    """Cosine similarity of `text` to each (passage id, passage text), embedding each passage once."""
    todo = [(pid, t) for pid, t in passages if pid not in _passage_vectors]
    if todo:
        vectors = np.asarray(model().embed([t for _, t in todo], norm=True), dtype=np.float32)
        for (pid, _), vec in zip(todo, vectors, strict=True):
            if len(_passage_vectors) >= PASSAGE_CACHE:
                _passage_vectors.pop(next(iter(_passage_vectors)))
            _passage_vectors[pid] = vec
    query = np.asarray(model().embed([text], norm=True), dtype=np.float32)[0]
    return [float(_passage_vectors[pid] @ query) for pid, _ in passages]
