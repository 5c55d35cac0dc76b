"""The command line as a user runs it: real processes, real corpus, stdout and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:SECRET-token-never-shown"


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("STENOGRAM_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, env=full_env, timeout=60)


def test_ask_json_is_verbatim_and_relative() -> None:
    out = run("ask", "--json", "How many shopping centres and banks were looted?")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["abstained"] is False and data["problem"] is None
    first = data["answers"][0]
    assert first["file"].startswith("seeds/")
    lines = (ROOT / first["file"]).read_text(encoding="utf-8").split("\n")
    cited = "\n".join(lines[first["line_start"] - 1 : first["line_end"]])
    assert first["quote"] in cited
    assert first["also_in"] and first["also_in"][0]["file"] != first["file"]
    assert set(first) == {"quote", "speaker", "role", "document", "file", "line_start", "line_end",
                          "also_in", "score"}


def test_ask_json_reads_stdin_one_object_per_line() -> None:
    out = run("ask", "--json", stdin="Who is the president of France?\n\nWhat did Zas conclude?\n")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["abstained"] for r in rows] == [True, False]
    assert rows[1]["answers"][0]["speaker"] == "Stanislav Zas"


def test_ask_text_and_bad_question() -> None:
    good = run("ask", "What did Rahmon say about the Salafi movement?")
    assert good.returncode == 0 and "Emomali Rahmon, President of Tajikistan" in good.stdout
    assert "seeds/001_f494a2eb6378dd6b.txt, line 161" in good.stdout
    for bad in ("", "?!?", "x" * 10_000, "Что сказал Путин?", "\x07hello"):
        out = run("ask", bad)
        assert out.returncode == 2 and len(out.stdout.strip().splitlines()) == 1
        assert "Traceback" not in out.stdout + out.stderr


def test_eval_prints_the_figures() -> None:
    out = run("eval", "tests/data/heldout.jsonl")
    assert out.returncode == 0
    for label in ("hit@1:", "hit@3:", "speaker@1:", "abstentions right:", "answerable but abstained:"):
        assert label in out.stdout


def test_corpus_report_and_bad_corpus(tmp_path: Path) -> None:
    out = run("corpus")
    assert out.returncode == 0
    assert "kremlin-transcript" in out.stdout and "turns:    15" in out.stdout
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    (tmp_path / "note.txt").write_text("Speaker One: We met today and agreed on many things.\n"
                                       "Speaker Two: Yes, we agreed on the budget for next year.\n")
    out = run("--corpus", str(tmp_path), "corpus")
    assert out.returncode == 1
    assert "bad.txt: skipped: binary file" in out.stdout
    assert "not in manifest.toml" in out.stdout
    missing = run("--corpus", str(tmp_path / "nope"), "ask", "anything")
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_bad_setting_is_one_line_naming_the_variable() -> None:
    out = run("ask", "x", env={"STENOGRAM_ANSWERS": "0"})
    assert out.returncode == 2 and out.stderr.startswith("stenogram: STENOGRAM_ANSWERS:")
    token = run("run", env={"STENOGRAM_TELEGRAM_TOKEN": "not-a-token-secret-value"})
    assert token.returncode == 2 and "STENOGRAM_TELEGRAM_TOKEN" in token.stderr
    assert "not-a-token-secret-value" not in token.stderr + token.stdout


def test_chat_goes_through_the_bot_handlers() -> None:
    out = run("chat", stdin="/start\n1\n/sources\n")
    assert out.returncode == 0, out.stderr
    assert "[1] What did Putin say about colour revolutions?" in out.stdout
    assert "Vladimir Putin, President of Russia" in out.stdout and "[1] Context 1" in out.stdout
    assert "Documents" in out.stdout and "Sputnik" in out.stdout


def test_run_without_token_falls_back_to_chat() -> None:
    out = run("run", stdin="What did Japarov say about Manas airport?\n")
    assert "No STENOGRAM_TELEGRAM_TOKEN configured" in out.stdout
    assert "Manas" in out.stdout
