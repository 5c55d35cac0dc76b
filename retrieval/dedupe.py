"""Find the same paragraph in several documents (a speech published alone and inside a transcript)."""

from __future__ import annotations

from collections import defaultdict

from .model import Passage
from .tokenize import words

SHINGLE = 5  # words per shingle: long enough that shared shingles mean shared wording
MIN_OVERLAP = 0.8  # share of the shorter paragraph's shingles that the longer one must contain


def _shingles(text: str) -> set[int]:
    """Hashes of every run of SHINGLE consecutive normalised words."""
    ws = words(text)
    if len(ws) < SHINGLE:
        return {hash(tuple(ws))}
    return {hash(tuple(ws[i : i + SHINGLE])) for i in range(len(ws) - SHINGLE + 1)}


def duplicate_groups(passages: list[Passage]) -> dict[str, tuple[str, ...]]:
    """For each indexed passage, the ids of near-identical passages in other documents."""
    shingles = {p.id: _shingles(p.text) for p in passages if p.indexed}
    by_shingle: dict[int, list[str]] = defaultdict(list)
    for pid, sh in shingles.items():
        for h in sh:
            by_shingle[h].append(pid)
    doc_of = {p.id: p.doc_id for p in passages}
    groups: dict[str, set[str]] = defaultdict(set)
    for pid, sh in shingles.items():
        counts: dict[str, int] = defaultdict(int)
        for h in sh:
            for other in by_shingle[h]:
                if doc_of[other] != doc_of[pid]:
                    counts[other] += 1
        for other, shared in counts.items():
            smaller = min(len(sh), len(shingles[other]))
            larger = max(len(sh), len(shingles[other]))
            if shared >= MIN_OVERLAP * smaller and smaller >= MIN_OVERLAP * larger:
                groups[pid].add(other)
    return {pid: tuple(sorted(others)) for pid, others in groups.items()}
