"""The benchmark's 200 questions for a generated corpus: common, mid and rare terms, some naming a speaker.

`python -m bench.queries --corpus bench/out/corpus-100000-s1 --out queries.jsonl --seed 1`

Terms are picked by how often they occur in that corpus (the generator's word counts):
common = among the 300 most frequent content words, mid = ranks 1,000 to 5,000, rare = words
occurring 3 to 30 times. A quarter of the questions name a speaker by full name, surname or role.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from stenogram.retrieval.documents.speakers import same_person
from stenogram.retrieval.tokenize import QUESTION_WORDS, STOP_WORDS

from .generate import COUNTS_FILE, SIDECAR, read_report
from .speakers import Person, speaker_pool

CATEGORIES = {"common": 60, "mid": 50, "rare": 50, "speaker": 40}
COMMON_RANKS, MID_RANKS, RARE_COUNTS = (0, 300), (1000, 5000), (3, 30)
TEMPLATES = (
    ("What was said about {a}?", 1),
    ("What was said about {a} and {b}?", 2),
    ("Why does the {a} matter for {b}?", 2),
    ("How is {a} related to {b}?", 2),
    ("What is planned for {a} {b}?", 2),
    ("When will the {a} be discussed?", 1),
    ("Which {a} was mentioned together with {b} and {c}?", 3),
)
SPEAKER_TEMPLATES = (
    ("What did {name} say about {a}?", 1),
    ("What did {surname} say about {a} and {b}?", 2),
    ("What did the {role} say about {a}?", 1),
)


@dataclass(frozen=True)
class Question:
    """One benchmark question and how it was made."""

    id: str
    question: str
    category: str  # common | mid | rare | speaker
    terms: list[str]
    speaker: str | None = None


def content_words(
    words: list[str], counts: list[int], people: list[Person]
) -> list[tuple[str, int]]:
    """Words a question may ask about, most frequent first: no stop words, names or role words."""
    reserved = {w.lower() for p in people for w in (*p.name.split(), *p.role.split())}
    return [
        (word, count)
        for word, count in sorted(zip(words, counts, strict=False), key=lambda wc: -wc[1])
        if count and len(word) >= 3 and word not in STOP_WORDS | QUESTION_WORDS | reserved
    ]


def names_someone(word: str, people: list[Person]) -> bool:
    """True if the project would read `word` as a speaker's surname (spelling-tolerant)."""
    return any(same_person(word, p.name) for p in people)


def bands(ranked: list[tuple[str, int]]) -> dict[str, list[str]]:
    """The candidate terms of each frequency band."""
    rare = [w for w, c in ranked if RARE_COUNTS[0] <= c <= RARE_COUNTS[1]]
    return {
        "common": [w for w, _ in ranked[slice(*COMMON_RANKS)]],
        "mid": [w for w, _ in ranked[slice(*MID_RANKS)]] or [w for w, _ in ranked[300:]],
        "rare": rare or [w for w, _ in ranked[-200:]],
    }


def _fill(
    rng: np.random.Generator,
    template: str,
    n: int,
    pool: list[str],
    people: list[Person],
    **names: str,
) -> tuple[str, list[str]]:
    """A template filled with `n` distinct terms from `pool`, none of them read as a surname."""
    terms: list[str] = []
    while len(terms) < n:
        word = pool[int(rng.integers(len(pool)))]
        if word not in terms and not names_someone(word, people):
            terms.append(word)
    return template.format(**dict(zip("abc", terms, strict=False)), **names), terms


def make_questions(corpus: Path, seed: int = 1) -> list[Question]:
    """The 200 questions for a corpus written by bench.generate."""
    data = json.loads((corpus / SIDECAR / COUNTS_FILE).read_text(encoding="utf-8"))
    people = speaker_pool()
    pools = bands(content_words(data["words"], data["counts"], people))
    report = read_report(corpus)
    present = set(report.speakers) if report else set()
    cast = [p for p in people if p.name in present] or people
    rng = np.random.default_rng(seed)
    out: list[Question] = []
    for category, count in CATEGORIES.items():
        for _ in range(count):
            out.append(_question(rng, category, pools, people, cast, len(out) + 1))
    return out


def _question(
    rng: np.random.Generator,
    category: str,
    pools: dict[str, list[str]],
    people: list[Person],
    cast: list[Person],
    number: int,
) -> Question:
    """One question of a category; a speaker question names someone of `cast` (who spoke)."""
    qid = f"Q{number:03d}"
    if category != "speaker":
        template, n = TEMPLATES[int(rng.integers(len(TEMPLATES)))]
        text, terms = _fill(rng, template, n, pools[category], people)
        return Question(qid, text, category, terms)
    person = cast[int(rng.integers(len(cast)))]
    template, n = SPEAKER_TEMPLATES[int(rng.integers(len(SPEAKER_TEMPLATES)))]
    text, terms = _fill(
        rng,
        template,
        n,
        pools["mid"],
        people,
        name=person.name,
        surname=person.surname,
        role=person.role,
    )
    return Question(qid, text, category, terms, person.name)


def write_questions(questions: list[Question], path: Path) -> None:
    """Save questions as JSON lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(asdict(q)) + "\n" for q in questions), encoding="utf-8")


def read_questions(path: Path) -> list[dict]:
    """Questions from a JSON-lines file (this module's, or the project's eval format)."""
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def main(argv: list[str] | None = None) -> int:
    """Command line: write the question set of a generated corpus."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.queries", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    questions = make_questions(args.corpus, args.seed)
    write_questions(questions, args.out)
    print(f"{len(questions)} questions written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
