"""/speakers and /sources of a large archive: the first MAX_LISTED entries, then a count."""

from __future__ import annotations

from pathlib import Path

from stenogram.bot.telegram_html import MAX_LISTED, sources_messages, speakers_messages
from stenogram.retrieval.documents.corpus import load_corpus

SURNAMES = [
    "Abbot",
    "Barlow",
    "Carver",
    "Dalton",
    "Ellery",
    "Fenwick",
    "Garner",
    "Hadley",
    "Ingram",
    "Jessop",
    "Kimber",
    "Lawson",
    "Merrick",
    "Norris",
    "Oakley",
    "Prescott",
    "Quilter",
    "Radley",
    "Sutton",
    "Tolland",
]
# Short given names must match exactly for two names to be one person: all differ.
GIVEN = [a + b + c for a in "BDGKLMNPRST" for b in "aeiou" for c in "nrl"]


def test_long_lists_are_cut_with_a_count(tmp_path: Path) -> None:
    names = [f"{g} {SURNAMES[i % len(SURNAMES)]}" for i, g in enumerate(GIVEN)][: MAX_LISTED + 10]
    for d in range(MAX_LISTED + 8):
        turns = "\n\n".join(
            f"{name}: The harbour granary ledger number {d} was audited today."
            for name in names[: 2 + d]
        )
        (tmp_path / f"meeting-{d:03d}.txt").write_text(
            f"Meeting {d}\n\n{turns}\n", encoding="utf-8"
        )
    corpus = load_corpus(tmp_path)
    assert len(corpus.speakers) > MAX_LISTED and len(corpus.sources) > MAX_LISTED
    speakers = "".join(speakers_messages(corpus))
    assert speakers.count("• ") == MAX_LISTED
    assert f"… and {len(corpus.speakers) - MAX_LISTED} more" in speakers
    first = speakers.split("• ")[1]  # most turns first: the first speaker speaks in every file
    assert names[0] in first and f"{len(corpus.sources)} turns" in first
    sources = "".join(sources_messages(corpus))
    assert sources.count("• ") == MAX_LISTED
    assert f"… and {len(corpus.sources) - MAX_LISTED} more" in sources
