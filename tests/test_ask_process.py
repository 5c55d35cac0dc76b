"""`stenogram ask` as a process (issue 14: ≤ 0.5 s): it imports and loads only what answering
needs, and is set up for a process that answers and exits (bot/oneshot.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stenogram.bot.oneshot import BLAS_THREADS

QUESTION = "What did Putin say about colour revolutions?"
# Imported by other commands, or never: Telegram and its HTTP client (the bot), the settings
# machinery (ask reads plainly valid settings itself), the build's progress bar, the package
# metadata lookup (~20 ms; the reader tables are keyed by their data files instead), wordllama
# itself (its files are read directly), the document readers and the evaluation.
NOT_IMPORTED = (
    "telegram",
    "httpx",
    "pydantic",
    "pydantic_settings",
    "dotenv",
    "tqdm",
    "importlib.metadata",
    "wordllama",
    "stenogram.retrieval.documents.readers",
    "stenogram.retrieval.answers.evaluate",
)
REPORT = """
import gc, json, os, sys
from stenogram.bot.cli import main
sys.argv[0] = "stenogram"
code = main()  # as the program: its own command line
from stenogram.retrieval.questions.spelling import english
print(json.dumps({
    "code": code,
    "modules": sorted(sys.modules),
    "english parsed": english()._table is not None,
    "blas threads": os.environ.get("OPENBLAS_NUM_THREADS"),
    "collector on": gc.isenabled(),
    "frozen": gc.get_freeze_count(),
}))
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The bundled seeds, indexed and opened once (the first process that opens a generation
    saves the question reader's tables in it): later processes only open it."""
    out = {
        k: v
        for k, v in os.environ.items()
        if not k.lower().startswith("stenogram_") and k not in BLAS_THREADS
    }
    out["STENOGRAM_INDEX_DIR"] = str(tmp_path_factory.mktemp("ask") / "index")
    subprocess.run(
        [sys.executable, "-m", "stenogram", "ask", QUESTION],
        env=out,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


def report(env: dict[str, str], *args: str, stdin: str = "") -> dict:
    done = subprocess.run(
        [sys.executable, "-c", REPORT, *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found: dict = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_ask_imports_and_loads_only_what_answering_needs(env: dict[str, str]) -> None:
    found = report(env, "ask", QUESTION)
    assert found["code"] == 0
    modules = set(found["modules"])
    loaded = sorted(
        m for m in modules for name in NOT_IMPORTED if m == name or m.startswith(name + ".")
    )
    assert loaded == []
    assert "stenogram.retrieval.questions.semantic" in modules  # the check reads a real run
    # The question's few words were found in the English list's text, not its 82,765 lines parsed.
    assert found["english parsed"] is False


def test_one_question_gets_one_blas_thread_and_a_collector_that_runs(env: dict[str, str]) -> None:
    found = report(env, "ask", QUESTION)
    assert found["blas threads"] == "1"
    assert found["collector on"] is True and found["frozen"] > 10_000  # start-up's objects


def test_the_environment_chooses_blas_threads_and_stdin_keeps_them(env: dict[str, str]) -> None:
    assert report({**env, "OMP_NUM_THREADS": "2"}, "ask", QUESTION)["blas threads"] is None
    assert report({**env, "OPENBLAS_NUM_THREADS": "2"}, "ask", QUESTION)["blas threads"] == "2"
    found = report(env, "ask", "--json", stdin=f"{QUESTION}\n")  # questions on stdin: many
    assert found["blas threads"] is None
    assert found["collector on"] is True


def test_main_called_with_arguments_leaves_the_process_alone(tmp_path: Path) -> None:
    """A caller that passes the arguments (a test, in its own process) keeps its collector and
    its BLAS threads: only the program sets up its process."""
    import gc

    from stenogram.bot.cli import main

    frozen = gc.get_freeze_count()
    blas = os.environ.get("OPENBLAS_NUM_THREADS")
    assert main(["--corpus", str(tmp_path / "missing"), "ask", QUESTION]) != 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    assert os.environ.get("OPENBLAS_NUM_THREADS") == blas
