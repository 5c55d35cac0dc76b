"""The command line as a user runs it: real processes, real corpus, stdout and exit codes."""

from __future__ import annotations

import json
import os
import pty
import re
import socket
import subprocess
import sys
from pathlib import Path

try:
    from fakebotapi import FakeBotAPI
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.fakebotapi import FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:SECRET-token-never-shown"


def run(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("STENOGRAM_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "stenogram", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=60,
    )


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
    assert set(first) == {
        "quote",
        "speaker",
        "role",
        "asked_by",
        "document",
        "file",
        "line_start",
        "line_end",
        "original",
        "also_in",
        "score",
    }
    assert first["original"] is None  # a text file is its own original


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
    for label in (
        "hit@1:",
        "hit@3:",
        "confident hit@1:",
        "speaker@1:",
        "abstentions right",
        "abstain questions answered confidently:",
        "answerable with nothing at all:",
        "follow-ups right:",
    ):
        assert label in out.stdout


def test_corpus_report_and_bad_corpus(tmp_path: Path) -> None:
    out = run("corpus")
    assert out.returncode == 0
    assert "kremlin-transcript" in out.stdout and "turns:    15" in out.stdout
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    (tmp_path / "note.txt").write_text(
        "Speaker One: We met today and agreed on many things.\n"
        "Speaker Two: Yes, we agreed on the budget for next year.\n"
    )
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
    # The first example button (made from the documents, bot/examples.py), pressed: its speaker.
    first = re.search(r"\[1\] What did (.+?) say about .+?\?", out.stdout)
    assert first, out.stdout
    assert f"— {first[1]}" in out.stdout and "[1] Context 1" in out.stdout
    assert "Documents" in out.stdout and "Sputnik" in out.stdout


def test_run_without_token_and_no_terminal_exits_2() -> None:
    # As in a container: stdin is not a terminal, so a local chat would end at once with exit 0.
    out = run("run", stdin="What did Japarov say about Manas airport?\n")
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("stenogram: STENOGRAM_TELEGRAM_TOKEN is not set")
    assert len(out.stderr.strip().splitlines()) == 1


def test_run_without_token_on_a_terminal_falls_back_to_chat() -> None:
    primary, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STENOGRAM_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "stenogram", "run"],
        stdin=secondary,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    os.close(secondary)
    try:
        # A question, then an empty line, which ends the chat.
        os.write(primary, b"What did Japarov say about Manas airport?\n\n")
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(primary)
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "No STENOGRAM_TELEGRAM_TOKEN configured" in out
    assert "Manas" in out


def test_run_fails_fast_on_a_bad_corpus_before_calling_telegram(tmp_path: Path) -> None:
    (tmp_path / "scan.txt").write_bytes(b"%PDF\x00\x01")
    with FakeBotAPI(token=TOKEN) as api:
        env = {"STENOGRAM_TELEGRAM_TOKEN": TOKEN, "STENOGRAM_TELEGRAM_API_URL": api.base_url}
        for corpus, reason in (
            (tmp_path / "nope", "does not exist"),
            (tmp_path, "no readable documents"),
        ):
            out = run("--corpus", str(corpus), "run", env=env)
            assert out.returncode == 2, out.stderr
            # Progress may be logged first; the reason is the last line, and it is one line.
            last = out.stderr.strip().splitlines()[-1]
            assert last.startswith("stenogram: ") and reason in last, out.stderr
            assert "Traceback" not in out.stderr
            assert TOKEN not in out.stderr + out.stdout
        assert api.calls == []


def test_run_with_a_token_telegram_rejects_is_one_line_without_the_token() -> None:
    with FakeBotAPI(token="999999:the-real-token-of-the-bot") as api:
        url = api.base_url
        out = run("run", env={"STENOGRAM_TELEGRAM_TOKEN": TOKEN, "STENOGRAM_TELEGRAM_API_URL": url})
        assert [method for method, _ in api.calls] == ["getMe"]
    assert out.returncode == 1
    assert out.stderr.strip().splitlines()[-1] == (
        f"stenogram: the token was rejected: the Bot API at {url} answered getMe with "
        "401/404 (revoked, or not this bot's token?)"
    )
    assert "Traceback" not in out.stderr
    assert TOKEN not in out.stderr + out.stdout and TOKEN.split(":")[1] not in out.stderr


def test_bad_webhook_settings_fail_fast_naming_the_variable() -> None:
    base = {
        "STENOGRAM_TELEGRAM_TOKEN": TOKEN,
        # Unreachable on purpose: a bad setting must stop the bot before any Telegram call.
        "STENOGRAM_TELEGRAM_API_URL": "http://127.0.0.1:9/bot",
    }
    cases = (
        (
            {
                "STENOGRAM_WEBHOOK_URL": "http://bot.example.com/hook",
                "STENOGRAM_WEBHOOK_SECRET": "abc",
            },
            "STENOGRAM_WEBHOOK_URL: must start with https://",
        ),
        (
            {"STENOGRAM_WEBHOOK_URL": "https://bot.example.com/hook"},
            "STENOGRAM_WEBHOOK_SECRET: required",
        ),
        (
            {
                "STENOGRAM_WEBHOOK_URL": "https://bot.example.com/hook",
                "STENOGRAM_WEBHOOK_SECRET": "not allowed: spaces!",
            },
            "STENOGRAM_WEBHOOK_SECRET: 1 to 256",
        ),
        (
            {
                "STENOGRAM_WEBHOOK_URL": "https://bot.example.com/healthz",
                "STENOGRAM_WEBHOOK_SECRET": "abc",
            },
            "STENOGRAM_WEBHOOK_URL: the path /healthz",
        ),
    )
    for env, reason in cases:
        out = run("run", env={**base, **env})
        assert out.returncode == 2 and out.stderr.startswith(f"stenogram: {reason}"), out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
        assert "not allowed: spaces!" not in out.stderr and TOKEN not in out.stderr


def test_webhook_port_in_use_is_one_line_naming_the_variable() -> None:
    with socket.socket() as taken, FakeBotAPI(token=TOKEN) as api:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = run(
            "run",
            env={
                "STENOGRAM_TELEGRAM_TOKEN": TOKEN,
                "STENOGRAM_TELEGRAM_API_URL": api.base_url,
                "STENOGRAM_WEBHOOK_URL": "https://bot.example.com/hook",
                "STENOGRAM_WEBHOOK_SECRET": "abc",
                "STENOGRAM_WEBHOOK_LISTEN": "127.0.0.1",
                "STENOGRAM_WEBHOOK_PORT": str(port),
            },
        )
    assert out.returncode == 2, out.stderr
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith(f"stenogram: STENOGRAM_WEBHOOK_PORT: cannot listen on 127.0.0.1:{port}")
    assert "Traceback" not in out.stderr
