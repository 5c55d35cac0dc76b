"""Who speaks in every probe document, as plain data: the snapshot that shows a reader change
renaming, splitting or merging anyone.

Answer figures can stay the same while a change misreads speakers ("Mr. Nebenzia" became
"Nebenzia United" for one commit and no eval figure moved), so every probe folder's speakers are
kept here: one line per speaker, `folder | name | role | turns`, in the order of most turns.

Regenerate after an intended change of who speaks:
`.venv/bin/python tests/speakers_snapshot.py` writes tests/data/probes.speakers (a diff shows
whose name, role or turn count changed).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from stenogram.retrieval.documents.corpus import load_corpus  # noqa: E402

PROBES = ROOT / "tests" / "data" / "probes"
SNAPSHOT = ROOT / "tests" / "data" / "probes.speakers"


def folders() -> list[Path]:
    return sorted(p for p in PROBES.iterdir() if p.is_dir() and p.name != "questions")


def speaker_lines(folder: Path) -> list[str]:
    """`folder | name | role | turns` for each speaker of the folder's documents."""
    corpus = load_corpus(folder, duplicates=False)
    turns: Counter[tuple[str, str]] = Counter()
    seen: set[tuple[str, int]] = set()
    for p in corpus.passages:
        if (p.doc_id, p.turn_index) in seen:
            continue
        seen.add((p.doc_id, p.turn_index))
        sp = corpus.speakers[p.speaker_id]
        turns[(sp.name, sp.role)] += 1
    ordered = sorted(turns.items(), key=lambda item: (-item[1], item[0]))
    # (a line end inside a name is shown, not followed: it is a reader's mistake to see)
    return [
        f"{folder.name} | {name} | {role} | {n}".replace("\n", "\\n") for (name, role), n in ordered
    ]


def snapshot() -> list[str]:
    return [line for folder in folders() for line in speaker_lines(folder)]


def main() -> int:
    lines = snapshot()
    SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} speakers of {len(folders())} folders to {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
