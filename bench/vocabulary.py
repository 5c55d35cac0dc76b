"""A Zipfian English vocabulary: real word frequencies from wordfreq (pinned in requirements-bench.lock)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

VOCABULARY_SIZE = 40_000  # wordfreq's most frequent English words considered
_WORD = re.compile(r"[a-z]+")
# A few words a transcript of officials would never print; the rest of the list is kept as is.
_EXCLUDED = frozenset(
    """fuck fucking fucked fucker shit shitty bitch bitches cunt dick dicks cock
pussy ass asshole bastard slut whore nigga nigger fag faggot porn porno boobs tits""".split()
)


@dataclass(frozen=True)
class Vocabulary:
    """Words in decreasing frequency and the probability of drawing each one."""

    words: tuple[str, ...]
    probabilities: np.ndarray  # float64, sums to 1


def english_vocabulary(size: int = VOCABULARY_SIZE) -> Vocabulary:
    """The `size` most frequent plain lower-case English words, weighted by their real frequency."""
    from wordfreq import top_n_list, word_frequency

    words = [w for w in top_n_list("en", size) if _WORD.fullmatch(w) and w not in _EXCLUDED]
    freqs = np.array([word_frequency(w, "en") for w in words], dtype=np.float64)
    return Vocabulary(tuple(words), freqs / freqs.sum())
