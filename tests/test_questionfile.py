"""Question files: every malformed line is one error naming the line and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stenogram.retrieval.questions.questionfile import (
    QuestionFileError,
    load_question_file,
    parse_question_lines,
)

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
GOOD = {"id": "Q1", "question": "Who spoke?", "expect": "answer", "gold_any": ["I did"]}


def _one(**changes: object) -> str:
    item = {**GOOD, **changes}
    return json.dumps({k: v for k, v in item.items() if v is not ...})


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("[1, 2]", "expected a JSON object, got list"),
        ('{"question": ', "not JSON"),
        (_one(question=...), "field 'question' must be a non-empty string"),
        (_one(question="  "), "field 'question' must be a non-empty string"),
        (_one(question=7), "field 'question' must be a non-empty string"),
        (_one(expect="maybe"), "field 'expect' must be \"answer\" or \"abstain\", not 'maybe'"),
        (_one(gold_any="I did"), "field 'gold_any' must be a list of non-empty strings"),
        (_one(gold_any=["I did", 3]), "field 'gold_any' must be a list of non-empty strings"),
        (_one(gold_any=[]), "field 'gold_any' must name at least one passage"),
        (_one(gold_any=...), "field 'gold_any' must name at least one passage"),
        (_one(id=[1]), "field 'id' must be a string or a number"),
        (_one(speaker=["A"]), "field 'speaker' must be a string"),
        (_one(follows=3), "field 'follows' must be a string"),
    ],
)
def test_a_bad_line_names_its_number_and_field(line: str, says: str) -> None:
    lines = [_one(id="A"), "", line]
    with pytest.raises(QuestionFileError) as caught:
        parse_question_lines(lines, "q.jsonl")
    message = str(caught.value)
    assert message.startswith(f"q.jsonl:3: {says}"), message
    assert "\n" not in message


def test_abstain_lines_need_no_gold_and_unknown_fields_are_ignored() -> None:
    lines = [
        _one(expect="abstain", gold_any=..., id="A"),
        _one(id=2, note="free text"),
        _one(id="C", speaker=None),
    ]
    questions = parse_question_lines(lines)
    assert [q["id"] for q in questions] == ["A", 2, "C"]


def test_repeated_ids_and_empty_files_are_errors() -> None:
    with pytest.raises(QuestionFileError, match=r"^f:2: field 'id' 'Q1' repeats line 1$"):
        parse_question_lines([_one(), _one()], "f")
    with pytest.raises(QuestionFileError, match=r"^f: no questions"):
        parse_question_lines(["", "  "], "f")


def test_unreadable_files_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(QuestionFileError, match=r"^cannot read .*missing.jsonl"):
        load_question_file(tmp_path / "missing.jsonl")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00q")
    with pytest.raises(QuestionFileError, match=r"binary.jsonl: not UTF-8 text$"):
        load_question_file(binary)


def test_a_byte_order_mark_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_text("\ufeff" + _one() + "\n", encoding="utf-8")
    assert load_question_file(path)[0]["question"] == GOOD["question"]


def test_every_shared_question_file_is_valid() -> None:
    files = sorted(SHARED.glob("**/*.jsonl")) + sorted(Path(__file__).parent.glob("data/*.jsonl"))
    if not files:
        pytest.skip("no shared question files beside the checkout")
    for path in files:
        assert load_question_file(path), path
