"""Question files for `stenogram eval`: JSON lines, each line checked before any question is asked.

One JSON object per line (blank lines are skipped):

    {"id": "D02", "question": "How many banks were looted?", "expect": "answer",
     "gold_any": ["more than 100 shopping centres and banks looted"], "speaker": "Tokayev"}

- `question` (required): the question, a non-empty string.
- `expect`: "answer" (the default) or "abstain" (no quote may be given).
- `gold_any`: strings, any one of which in a quote counts as a hit; required, and not empty,
  when `expect` is "answer".
- `speaker`: who says the gold passage (speaker@1 compares it with the first quote's speaker).
- `id`: a string or number naming the question in the report; unique in the file.
- `corpus`, `follows`: strings, when present (the corpus folder a question belongs to; the id of
  the question a follow-up continues).

Any other field is ignored, so a file can carry notes. A bad line stops the load with one line
naming the file, the line number and the field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import StenogramError

EXPECT_VALUES = ("answer", "abstain")
OPTIONAL_STRINGS = ("speaker", "corpus", "follows")


class QuestionFileError(StenogramError, ValueError):
    """A question file cannot be read or a line of it is malformed; the message names where."""


def check_question(item: Any) -> str:
    """The problem with one parsed line, in a few words naming the field; "" when it is good."""
    if not isinstance(item, dict):
        return f"expected a JSON object, got {type(item).__name__}"
    question = item.get("question")
    if not isinstance(question, str) or not question.strip():
        return "field 'question' must be a non-empty string"
    expect = item.get("expect", "answer")
    if expect not in EXPECT_VALUES:
        return f'field \'expect\' must be "answer" or "abstain", not {expect!r}'
    gold = item.get("gold_any", [])
    if not isinstance(gold, list) or not all(isinstance(g, str) and g.strip() for g in gold):
        return "field 'gold_any' must be a list of non-empty strings"
    if expect == "answer" and not gold:
        return "field 'gold_any' must name at least one passage when 'expect' is \"answer\""
    qid = item.get("id")
    if qid is not None and (isinstance(qid, bool) or not isinstance(qid, (str, int))):
        return "field 'id' must be a string or a number"
    for name in OPTIONAL_STRINGS:
        if item.get(name) is not None and not isinstance(item[name], str):
            return f"field '{name}' must be a string"
    return ""


def parse_question_lines(lines: list[str], name: str = "<questions>") -> list[dict[str, Any]]:
    """The checked questions of JSON lines; QuestionFileError at the first bad line."""
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise QuestionFileError(
                f"{name}:{n}: not JSON ({exc.msg} at column {exc.colno})"
            ) from None
        problem = check_question(item)
        if problem:
            raise QuestionFileError(f"{name}:{n}: {problem}")
        if "id" in item:
            qid = str(item["id"])
            if qid in seen:
                raise QuestionFileError(f"{name}:{n}: field 'id' {qid!r} repeats line {seen[qid]}")
            seen[qid] = n
        out.append(item)
    if not out:
        raise QuestionFileError(f"{name}: no questions (one JSON object per line)")
    return out


def load_question_file(path: Path) -> list[dict[str, Any]]:
    """The checked questions of a JSON-lines file; QuestionFileError names file, line and field."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise QuestionFileError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise QuestionFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse_question_lines(text.splitlines(), str(path))
