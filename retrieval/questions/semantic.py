"""Lay words: static word embeddings (wordllama, offline on the CPU) over the index vocabulary.

"soldiers" is not a word of the documents, "troops" is: the embedding of each of the corpus's
most frequent words is computed once, when the answerer starts, and a question word the
documents never use is matched to its nearest corpus words. BM25 stays the retriever; this only
adds the neighbours as alternative terms. The weights ship inside the wordllama wheel and are
read from its package folder: nothing is downloaded, ever.

Large corpora: only the MAX_TERMS most frequent index terms are embedded (10,000 x 256 floats,
10 MB, computed when the answerer starts), whatever the number of passages, and a question costs
one matrix-vector product per new word over them, so the answer path does not grow with the
archive; the nearest terms of the vocabulary's own words (and, over a large vocabulary, of the
commonest English words) are one table computed once per index generation (see precompute).
Passages are embedded only for a follow-up's 10 best candidates (cached by passage id).
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..bounded import Bounded
from .spelling import surface

if TYPE_CHECKING:  # wordllama is imported on first use (see model())
    pass

MAX_TERMS = 10_000
MIN_SIMILARITY = 0.45  # cosine: "guns"/"weapons" 0.64, "cops"/"police" 0.53, "china"/"russia" 0.14
NEIGHBOURS = 3
PRECOMPUTED = NEIGHBOURS + 3  # the nearest terms a question's reader asks for (question.py)
BATCH_CHARS = 200  # texts shorter than this in all are tokenised without a thread pool
CACHE = 50_000  # words whose neighbours are remembered (a word's neighbours never change)
# Words outside the vocabulary whose nearest terms are precomputed too (see precompute): the
# TABLED_WORDS commonest English words, for a vocabulary of at least COMMON_FROM words, where
# one product costs a question about 0.1 ms or more (0.22 ms over 9,663 words); over a smaller
# one a question's product is cheap, and a table of them would cost each new index a second.
TABLED_WORDS = 10_000
COMMON_FROM = 4_000


WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")


class StaticEmbedding:
    """wordllama's model: its shipped tokenizer and token vectors, averaged over a text's tokens
    and normalised (what wordllama's WordLlamaInference.embed computes; a test compares them).

    The files are read from the installed wordllama package without importing it: its import
    takes most of a second and calls logging.basicConfig(level=INFO), which would turn on INFO
    logs of every library (httpx logs request URLs, which hold the bot token).
    """

    def __init__(self, folder: Path) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder.joinpath(*TOKENIZER)))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        with safe_open(str(folder.joinpath(*WEIGHTS)), framework="np", device="cpu") as f:
            # Kept as shipped (float16): a text's tokens are converted when averaged, which
            # gives the same float32 values as converting all 32,000 rows at load time.
            self.vectors = f.get_tensor("embedding.weight")

    def embed(self, texts: list[str], norm: bool = True) -> np.ndarray:
        """One vector per text: the mean of its tokens' vectors (unit length if `norm`)."""
        out = np.zeros((len(texts), self.vectors.shape[1]), dtype=np.float32)
        # A few words (a question's) are encoded one at a time: encode_batch hands them to a
        # thread pool, which costs more than encoding them (0.18 ms against 0.03 ms for four
        # words on two cores); longer texts (passages) gain from it.
        if sum(map(len, texts)) <= BATCH_CHARS:
            ids = [self.tokenizer.encode(t, add_special_tokens=False).ids for t in texts]
        else:
            ids = [e.ids for e in self.tokenizer.encode_batch(texts, add_special_tokens=False)]
        # Every text's token vectors gathered and converted in one step; each text's mean is
        # then taken over its own rows, in order, as it was one text at a time.
        rows = self.vectors[
            np.clip(np.fromiter(chain.from_iterable(ids), np.int64), 0, len(self.vectors) - 1)
        ]
        rows = rows.astype(np.float32)
        at = 0
        for i, n in enumerate(map(len, ids)):
            if n:
                out[i] = rows[at : at + n].mean(axis=0)
            at += n
        if norm:
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out


_loading = threading.Lock()


def model() -> StaticEmbedding:
    """The wordllama model from the files its wheel ships (no hub, no cache directory); loaded
    once, by whichever thread asks first (the others wait for it)."""
    with _loading:
        return _model()


def preload() -> threading.Thread:
    """Start loading the model in a thread and return it: the tokenizer's files take a few
    tenths of a second, natively and without holding the GIL, so a process that will read a
    question loads them while it imports and opens its index. Not a daemon thread: a process
    that exits at once waits for it instead of killing it inside native code."""
    thread = threading.Thread(target=_load_quietly, name="model-preload")
    thread.start()
    return thread


def _load_quietly() -> None:
    """model() for preload(): a failure is not reported from the thread; the first question
    that needs the model meets it again and says why."""
    try:
        model()
    except Exception:  # reported by the caller of model(), in the main thread
        return


def one_blas_thread() -> None:
    """Let BLAS use one thread in this process. A question's products over the word vectors are
    small (10,000 x 256 by one vector): BLAS's own thread pool costs more than it saves, and on a
    busy machine it is what makes a question slow. Measured on the 2-core machine with the other
    core busy: 0.21-0.25 ms a product with one thread, 0.85-3.2 ms with two. The bot's parallelism
    is its own: it answers several chats at once in threads of its own. A thread count the
    environment sets (OPENBLAS_NUM_THREADS and its kin; see bot/oneshot.py) is left as chosen."""
    if any(
        name in os.environ
        for name in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")
    ):
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


@lru_cache(maxsize=1)
def _model() -> StaticEmbedding:
    one_blas_thread()
    return StaticEmbedding(model_folder())


def model_folder() -> Path:
    """The installed wordllama package's folder (found without importing it)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("wordllama is not installed (see requirements.lock)")
    return Path(next(iter(spec.submodule_search_locations)))


def model_files() -> tuple[Path, Path]:
    """The model's files that the vectors are computed from: its tokenizer and its weights."""
    folder = model_folder()
    return folder.joinpath(*TOKENIZER), folder.joinpath(*WEIGHTS)


def _forget_model() -> None:
    _model.cache_clear()


model.cache_clear = _forget_model  # type: ignore[attr-defined]  # as when model() was lru_cache'd


class Neighbours:
    """The corpus words nearest in meaning to a word the corpus does not use."""

    def __init__(
        self,
        vocabulary: Iterable[tuple[str, int]] = (),
        saved: tuple[list[str], list[str], np.ndarray] | None = None,
    ) -> None:
        """`vocabulary`: (index term, passage count) pairs, most frequent first; or `saved`,
        the (terms, words, vectors) of a Neighbours of that vocabulary (see reader_cache.py)."""
        if saved is None:
            self.terms = [t for t, _ in list(vocabulary)[:MAX_TERMS] if t.isalpha() and len(t) > 2]
            self.words = [surface(t) for t in self.terms]  # what is embedded for each term
            self._matrix: np.ndarray | None = None
            self._vectors()  # at start-up, not on the first question
        else:
            self.terms, self.words, self._matrix = saved
        self._surface = dict(zip(self.terms, self.words, strict=True))
        self._cache: Bounded[tuple[str, int], list[tuple[str, float]]] = Bounded(CACHE)
        self._row: dict[str, int] = {}  # a vocabulary word -> its row of the matrix
        for j, w in enumerate(self.words):
            self._row.setdefault(w, j)
        self._nearest: tuple[np.ndarray, np.ndarray] | None = None  # see precompute()
        self._extra: dict[str, int] = {}  # a precomputed word outside the vocabulary -> its row

    def surface(self, term: str) -> str:
        """spelling.surface() of a term, looked up for the vocabulary's own terms."""
        found = self._surface.get(term)
        return surface(term) if found is None else found

    def _vectors(self) -> np.ndarray:
        if self._matrix is None:
            self._matrix = (
                np.asarray(model().embed(self.words, norm=True), dtype=np.float32)
                if self.words
                else np.zeros((0, 256), np.float32)
            )
        return self._matrix

    def nearest(
        self, word: str, n: int | None = None, minimum: float = MIN_SIMILARITY
    ) -> list[tuple[str, float]]:
        """Up to n index terms with cosine similarity ≥ minimum to `word`, nearest first."""
        return self.nearest_many([word], n, minimum)[word]

    def nearest_many(
        self, words: list[str], n: int | None = None, minimum: float = MIN_SIMILARITY
    ) -> dict[str, list[tuple[str, float]]]:
        """nearest() for several words with one embedding call (a question's words at once)."""
        n = NEIGHBOURS if n is None else n
        out: dict[str, list[tuple[str, float]]] = {}
        todo = [w for w in dict.fromkeys(words) if (w, n) not in self._cache]
        if todo and self._nearest is not None and n == PRECOMPUTED:
            rows, sims = self._nearest
            rest = []
            for w in todo:  # a word of the vocabulary (or a common one): in the table
                j = self._row.get(w)
                if j is None:
                    j = self._extra.get(w)
                if j is None:
                    rest.append(w)
                    continue
                found = zip(rows[j].tolist(), sims[j].tolist(), strict=True)
                self._cache.put((w, n), [(self.terms[i], sim) for i, sim in found])
            todo = rest
        matrix = self._vectors()
        if todo and len(matrix):
            vectors = np.asarray(model().embed(todo, norm=True), dtype=np.float32)
            for w, vec in zip(todo, vectors, strict=True):
                col = matrix @ vec  # one matrix-vector product per word: no BLAS threads needed
                ranked = _nearest_first(col, n)
                self._cache.put((w, n), [(self.terms[i], float(col[i])) for i in ranked])
        for w in words:
            out[w] = [(t, sim) for t, sim in self._cache.get((w, n)) or [] if sim >= minimum]
        return out

    def vectors_of(self, words: list[str]) -> np.ndarray | None:
        """The vectors of `words` from the vocabulary's matrix, if it holds every one of them
        (the rows embed() gives those words, bit for bit); else None."""
        rows = [self._row.get(w, -1) for w in words]
        if min(rows, default=-1) < 0:
            return None
        found: np.ndarray = self._vectors()[rows]
        return found

    def precompute(self, extra: Iterable[str] = ()) -> tuple[np.ndarray, np.ndarray]:
        """The PRECOMPUTED nearest terms of every vocabulary word and their similarities, each row
        computed exactly as nearest_many computes it for that word (the same product, the same
        ranking: a word's vector is the same bits whatever it is embedded with), so a question's
        words of the vocabulary cost a look-up instead of a pass over the matrix; then the rows
        of the `extra` words outside the vocabulary (extra_words() lists them), computed the same
        way from their own vectors. Kept, and returned to be saved (see reader_cache.nearest)."""
        matrix = self._vectors()
        n = PRECOMPUTED
        if self._nearest is None and len(matrix) > n:  # a smaller one is looked up as before
            fresh = self.extra_words(extra)
            vectors = (
                np.asarray(model().embed(fresh, norm=True), dtype=np.float32)
                if fresh
                else np.zeros((0, matrix.shape[1]), np.float32)
            )
            rows = np.zeros((len(matrix) + len(fresh), n), np.int32)
            sims = np.zeros((len(matrix) + len(fresh), n), np.float32)
            for j, vec in enumerate(chain(matrix, vectors)):
                col = matrix @ vec
                rows[j] = ranked = _nearest_first(col, n)
                sims[j] = col[ranked]
            self._nearest = rows, sims
            self._extra = {w: len(matrix) + k for k, w in enumerate(fresh)}
        return self._nearest or (np.zeros((0, n), np.int32), np.zeros((0, n), np.float32))

    def extra_words(self, extra: Iterable[str]) -> list[str]:
        """The words of `extra` a table holds after the vocabulary's own: each once, in order,
        leaving out the vocabulary's words."""
        return [w for w in dict.fromkeys(extra) if w not in self._row]

    def tabled_extra(self) -> list[str]:
        """The extra words of the table, in its order (see precompute)."""
        return list(self._extra)

    def take_nearest(self, rows: np.ndarray, sims: np.ndarray, extra: Iterable[str] = ()) -> None:
        """precompute()'s table, saved earlier for this vocabulary and these `extra` words (their
        rows follow the vocabulary's); ValueError if it does not fit them."""
        fresh = self.extra_words(extra)
        shape = (len(self.words) + len(fresh), PRECOMPUTED)
        if rows.shape != shape or sims.shape != shape or len(self.words) <= PRECOMPUTED:
            raise ValueError("the saved nearest terms do not match the vocabulary")
        if len(rows) and (int(rows.min()) < 0 or int(rows.max()) >= len(self.terms)):
            raise ValueError("the saved nearest terms point outside the vocabulary")
        self._nearest = rows.astype(np.int32, copy=False), sims.astype(np.float32, copy=False)
        self._extra = {w: len(self.words) + k for k, w in enumerate(fresh)}


def _nearest_first(col: np.ndarray, n: int) -> list[int]:
    """The rows of the n highest similarities in `col`, highest first (ties: lower row first)."""
    top = np.argpartition(-col, min(n, len(col) - 1))[: n + 1]
    return sorted(top, key=lambda i: (-col[i], i))[:n]


# Cosine two words sharing their first letters need to be one family: "minister"/"ministry"
# 0.32, "concluded"/"conclusion" 0.65, but "internet"/"international" 0.10, "investment"/
# "investigation" 0.05, "personal"/"personnel" 0.20 share a prefix of English, not a root.
FAMILY_SIMILARITY = 0.25


def kin(
    word: str,
    others: list[str],
    minimum: float = FAMILY_SIMILARITY,
    known: Neighbours | None = None,
) -> list[bool]:
    """Whether each of `others` (words sharing `word`'s first letters) is near it in meaning.
    `known`: word vectors whose vocabulary may hold them all, so none is embedded again (a word's
    vector is the same bits whatever it is embedded with)."""
    if not others:
        return []
    texts = [word, *others]
    vectors = known.vectors_of(texts) if known is not None else None
    if vectors is None:
        vectors = np.asarray(model().embed(texts, norm=True), dtype=np.float32)
    return [float(v @ vectors[0]) >= minimum for v in vectors[1:]]


PASSAGE_CACHE = 10_000  # passage vectors kept (256 floats each: 10 MB)
_passage_vectors: Bounded[str, np.ndarray] = Bounded(PASSAGE_CACHE)


def similarities(text: str, passages: list[tuple[str, str]]) -> list[float]:
    """Cosine similarity of `text` to each (passage id, passage text), embedding each passage once."""
    todo = [(pid, t) for pid, t in passages if pid not in _passage_vectors]
    if todo:
        vectors = np.asarray(model().embed([t for _, t in todo], norm=True), dtype=np.float32)
        for (pid, _), vec in zip(todo, vectors, strict=True):
            _passage_vectors.put(pid, vec)
    query = np.asarray(model().embed([text], norm=True), dtype=np.float32)[0]
    found = {pid: _passage_vectors.get(pid) for pid, _ in passages}
    missing = [(pid, t) for pid, t in passages if found[pid] is None]  # dropped meanwhile
    if missing:
        vectors = np.asarray(model().embed([t for _, t in missing], norm=True), dtype=np.float32)
        found.update({pid: vec for (pid, _), vec in zip(missing, vectors, strict=True)})
    return [float(found[pid] @ query) for pid, _ in passages]
