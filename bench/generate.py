"""Write a synthetic corpus of Kremlin-style transcripts with a requested number of passages.

`python -m bench.generate --passages 100000 --out bench/out/corpus-100000-s1 --seed 1`

Each file is one meeting: front matter (title, date, place, participants), then speaker turns
("Role Name: text" on a speaker's first turn, "Name: text" afterwards), one paragraph per line,
then back matter ("See also", "Topics", "Persons", "Publication status"). Paragraphs are about 90
words drawn from real English frequencies; a few turns are courtesies ("Thank you, colleagues.")
that the project keeps as passages but never indexes. Beside the documents, the hidden folder
`.bench/` (ignored by the project's loader) holds the indexed passages' texts for the peers, word
counts for the query set, and `meta.json`.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import numpy as np

from .speakers import Person, speaker_pool
from .vocabulary import Vocabulary, english_vocabulary

PASSAGES_PER_FILE = 1000
MEAN_WORDS, SD_WORDS, MIN_WORDS, MAX_WORDS = 90, 25, 30, 180
MIN_SENTENCE, SENTENCE_EXTRA = 4, 11  # sentence length: 4 words plus a geometric number (mean 11)
COMMA = 0.06  # per word: chance a comma follows
COURTESY_SHARE = 0.02  # of a file's passages: short unindexed turns
SIDECAR = ".bench"
PASSAGES_FILE, COUNTS_FILE, META_FILE = "passages.txt", "word_counts.json", "meta.json"
SOURCE = "Council of Ministers (synthetic)"
COURTESIES = (
    "Thank you, colleagues.",
    "Thank you very much.",
    "Good afternoon, colleagues.",
    "Thank you. Go ahead.",
    "Yes, please.",
    "Thank you, I agree.",
)
STAGE_DIRECTIONS = ("(Applause.)", "(Break.)", "(Video presentation.)")
PLACES = (
    "Government House, Moscow",
    "Novo-Ogaryovo, Moscow Region",
    "Kremlin, Moscow",
    "Sochi",
    "St Petersburg",
    "via videoconference",
)
# Word forms in the token table: plain, "word,", "Word", "word.", "Word.", "Word,".
_FORMS = 6


@dataclass(frozen=True)
class GenerationReport:
    """What was written: counts that the project's parser must reproduce, and the time taken."""

    passages: int  # every passage the project will count (indexed and courtesies)
    indexed: int  # passages with content (about 90 words), the ones every engine indexes
    courtesies: int
    files: int
    words: int
    seed: int
    vocabulary: str
    seconds: float
    speakers: tuple[str, ...] = ()  # names of the pool's speakers who have a turn somewhere


class TokenTable:
    """Every vocabulary word in each written form, so a paragraph is a join over an index array."""

    def __init__(self, vocab: Vocabulary) -> None:
        """Forms for each word, and the cumulative distribution for Zipfian draws."""
        forms: list[str] = []
        for word in vocab.words:
            plain = "I" if word == "i" else word
            cap = word.capitalize()
            forms += [plain, plain + ",", cap, plain + ".", cap + ".", cap + ","]
        self.strings = np.array(forms, dtype=object)
        self.cdf = np.cumsum(vocab.probabilities)
        self.cdf[-1] = 1.0
        self.size = len(vocab.words)

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """`n` word ids drawn by frequency."""
        return np.minimum(np.searchsorted(self.cdf, rng.random(n), side="right"), self.size - 1)


def paragraph_texts(
    rng: np.random.Generator, table: TokenTable, count: int
) -> tuple[list[str], np.ndarray]:
    """`count` paragraphs of sentences (capitalised, commas, full stops) and the word ids used."""
    lengths = np.clip(rng.normal(MEAN_WORDS, SD_WORDS, count).round(), MIN_WORDS, MAX_WORDS)
    lengths = lengths.astype(np.int64)
    ends = np.cumsum(lengths)
    total = int(ends[-1])
    ids = table.draw(rng, total)
    end = np.zeros(total, dtype=bool)
    sentences = np.cumsum(
        MIN_SENTENCE + rng.geometric(1 / SENTENCE_EXTRA, total // MIN_SENTENCE + 1)
    )
    end[sentences[sentences <= total] - 1] = True
    end[ends - 1] = True
    start = np.zeros(total, dtype=bool)
    start[0] = True
    start[1:] = end[:-1]
    comma = (rng.random(total) < COMMA) & ~end
    form = np.where(
        start, np.where(end, 4, np.where(comma, 5, 2)), np.where(end, 3, np.where(comma, 1, 0))
    )
    tokens = table.strings[ids * _FORMS + form].tolist()
    bounds = [0, *ends.tolist()]
    return [" ".join(tokens[a:b]) for a, b in pairwise(bounds)], ids


def file_sizes(total: int, rng: np.random.Generator) -> list[int]:
    """Passages per file: about PASSAGES_PER_FILE each (±30 %), summing exactly to `total`."""
    files = max(1, round(total / PASSAGES_PER_FILE))
    weights = rng.uniform(0.7, 1.3, files)
    sizes = np.floor(weights / weights.sum() * total).astype(int)
    sizes[: total - int(sizes.sum())] += 1
    return sizes.tolist()


def turn_lengths(rng: np.random.Generator, paragraphs: int) -> list[int]:
    """Paragraphs per turn (1 to 12, about 3 on average) adding up to `paragraphs`."""
    out: list[int] = []
    left = paragraphs
    while left > 0:
        n = min(int(rng.geometric(0.33)), 12, left)
        out.append(n)
        left -= n
    return out


@dataclass(frozen=True)
class Meeting:
    """One document's metadata and cast."""

    number: int
    title: str
    day: date
    place: str
    chair: Person
    cast: tuple[Person, ...]  # the chair first

    @property
    def doc_id(self) -> str:
        """The document id used in the manifest and in citations."""
        return f"meeting-{self.number:05d}"

    @property
    def file(self) -> str:
        """The document's file name."""
        return f"{self.number:05d}_meeting.txt"


def plan_meeting(
    rng: np.random.Generator, number: int, people: list[Person], vocab: Vocabulary
) -> Meeting:
    """Title, date, place and cast (3 to 9 speakers from the pool) of one meeting."""
    cast_ids = rng.choice(len(people), size=int(rng.integers(3, 10)), replace=False)
    cast = tuple(people[i] for i in cast_ids)
    topic = " ".join(vocab.words[int(i)].capitalize() for i in rng.integers(800, 6000, 2))
    day = date(2012, 1, 9) + timedelta(days=int(number * 3 + rng.integers(0, 3)))
    return Meeting(
        number, f"Meeting on {topic}", day, PLACES[int(rng.integers(len(PLACES)))], cast[0], cast
    )


def _front_matter(m: Meeting) -> list[str]:
    """Everything before the first speaker label: metadata, never quoted."""
    others = m.cast[1:]
    taking_part = ", ".join(p.long_label() for p in others[:-1]) + f" and {others[-1].long_label()}"
    return [
        "Events",
        m.title,
        f"{m.chair.name} held a meeting on {m.title.removeprefix('Meeting on ').lower()}.",
        f"{m.day:%B} {m.day.day}, {m.day.year}",
        "12:30",
        m.place,
        f"Taking part in the meeting were {taking_part}.",
        "* * *",
    ]


def _back_matter(m: Meeting) -> list[str]:
    """The page's closing sections, from a back-matter heading on: metadata, never quoted."""
    persons = [f"{p.surname} {p.name.split()[0]}" for p in sorted(m.cast, key=lambda p: p.surname)]
    return [
        "See also",
        f"Previous meeting of the council chaired by {m.chair.name}",
        "Topics",
        "Economy",
        "Regions",
        "Persons",
        *persons,
        "Publication status",
        "Published in sections: News, Transcripts",
        f"Publication date: {m.day:%B} {m.day.day}, {m.day.year}, 12:30",
    ]


def document_lines(
    rng: np.random.Generator, m: Meeting, paragraphs: list[str], courtesies: int, seen: set[str]
) -> list[str]:
    """The meeting's lines: front matter, turns (courtesy turns interleaved), back matter.

    `seen` starts empty and ends with the names of everyone who spoke.
    """
    turns = turn_lengths(rng, len(paragraphs))
    courtesy_after = set(
        rng.choice(len(turns), size=min(courtesies, len(turns)), replace=False).tolist()
    )
    missing = courtesies - len(courtesy_after)  # more courtesies than turns: put them at the end
    lines = _front_matter(m)
    at, speaker = 0, m.chair
    for t, n in enumerate(turns):
        lines.append(f"{_label(speaker, seen)}: {paragraphs[at]}")
        lines += paragraphs[at + 1 : at + n]
        at += n
        if rng.random() < 0.01:
            lines.append(STAGE_DIRECTIONS[int(rng.integers(len(STAGE_DIRECTIONS)))])
        if t in courtesy_after:
            lines.append(
                f"{_label(m.chair, seen)}: {COURTESIES[int(rng.integers(len(COURTESIES)))]}"
            )
        speaker = _next_speaker(rng, m, speaker)
    lines += [f"{_label(m.chair, seen)}: {COURTESIES[0]}" for _ in range(missing)]
    return lines + _back_matter(m)


def _label(p: Person, seen: set[str]) -> str:
    """The long label ("Role Name") on a speaker's first turn in the document, the name after."""
    if p.name in seen:
        return p.name
    seen.add(p.name)
    return p.long_label()


def _next_speaker(rng: np.random.Generator, m: Meeting, current: Person) -> Person:
    """Who speaks next: the chair a third of the time, otherwise another member of the cast."""
    if current is not m.chair and rng.random() < 0.33:
        return m.chair
    choices = [p for p in m.cast if p is not current]
    return choices[int(rng.integers(len(choices)))]


def manifest_entry(m: Meeting) -> str:
    """The meeting's `[[document]]` table for manifest.toml."""
    return (
        f'[[document]]\nfile = "{m.file}"\nid = "{m.doc_id}"\ntitle = "{m.title}"\n'
        f'source = "{SOURCE}"\ndate = "{m.day.isoformat()}"\nkind = "transcript"\n'
    )


def generate(passages: int, out: Path, seed: int) -> GenerationReport:
    """Write the corpus into `out` (created; files of an earlier run with the same names replaced)."""
    began = time.perf_counter()
    rng = np.random.default_rng(seed)
    vocab = english_vocabulary()
    table = TokenTable(vocab)
    people = speaker_pool()
    (out / SIDECAR).mkdir(parents=True, exist_ok=True)
    counts = np.zeros(len(vocab.words), dtype=np.int64)
    manifest = ["# Synthetic transcripts written by bench/generate.py; the words are random.\n"]
    indexed = courtesies = words = 0
    spoke: set[str] = set()
    sizes = file_sizes(passages, rng)
    with open(out / SIDECAR / PASSAGES_FILE, "w", encoding="utf-8") as sidecar:
        for number, size in enumerate(sizes):
            meeting = plan_meeting(rng, number, people, vocab)
            polite = min(round(size * COURTESY_SHARE), size - 1)
            texts, ids = paragraph_texts(rng, table, size - polite)
            counts += np.bincount(ids, minlength=len(vocab.words))
            seen: set[str] = set()
            lines = document_lines(rng, meeting, texts, polite, seen)
            spoke |= seen
            (out / meeting.file).write_text("\n".join(lines) + "\n", encoding="utf-8")
            sidecar.write("\n".join(texts) + "\n")
            manifest.append(manifest_entry(meeting))
            indexed, courtesies, words = indexed + len(texts), courtesies + polite, words + len(ids)
    (out / "manifest.toml").write_text("\n".join(manifest), encoding="utf-8")
    _write_counts(out / SIDECAR / COUNTS_FILE, vocab, counts)
    report = GenerationReport(
        indexed + courtesies,
        indexed,
        courtesies,
        len(sizes),
        words,
        seed,
        _vocabulary_label(len(vocab.words)),
        round(time.perf_counter() - began, 2),
        tuple(p.name for p in people if p.name in spoke),
    )
    (out / SIDECAR / META_FILE).write_text(json.dumps(asdict(report), indent=2), encoding="utf-8")
    return report


def _write_counts(path: Path, vocab: Vocabulary, counts: np.ndarray) -> None:
    """Occurrences of each vocabulary word in the written paragraphs, most frequent first."""
    data = {"words": list(vocab.words), "counts": counts.tolist()}
    path.write_text(json.dumps(data), encoding="utf-8")


def _vocabulary_label(size: int) -> str:
    """Where the words came from, for the report."""
    from importlib.metadata import version

    return f"wordfreq {version('wordfreq')} English, {size} most frequent plain words"


def read_report(corpus: Path) -> GenerationReport | None:
    """The report of a generated corpus, or None when `corpus` was not written by this module."""
    path = corpus / SIDECAR / META_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return GenerationReport(**{**data, "speakers": tuple(data.get("speakers", ()))})


def main(argv: list[str] | None = None) -> int:
    """Command line: generate one corpus and print its report."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--passages", type=int, required=True, help="passages to write (e.g. 100000)"
    )
    parser.add_argument("--out", type=Path, required=True, help="corpus directory to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.passages < 10:
        parser.error("--passages must be at least 10")
    report = generate(args.passages, args.out, args.seed)
    print(json.dumps(asdict(report)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
