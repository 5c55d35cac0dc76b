"""`stenogram ask` reads its four settings without pydantic only when that gives exactly what
Settings gives; anything else goes through load_settings (the same values, the same errors)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stenogram.bot.ask_settings import AskSettings, ask_settings, read_quickly
from stenogram.bot.settings import Settings, SettingsError, load_settings

FIELDS = ("corpus_dir", "index_dir", "engine", "answers")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No STENOGRAM_ variable from the caller, and a current directory without `.env`."""
    for name in [n for n in os.environ if n.lower().startswith("stenogram_")]:
        monkeypatch.delenv(name)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)


def fields(settings: AskSettings | Settings) -> tuple[object, ...]:
    return tuple(getattr(settings, f) for f in FIELDS)


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"STENOGRAM_ANSWERS": "7", "STENOGRAM_ENGINE": " TANTIVY "},
        {"STENOGRAM_CORPUS_DIR": "some/corpus", "STENOGRAM_INDEX_DIR": "/tmp/x index"},
        {"stenogram_answers": "10", "Stenogram_Engine": "rank-bm25"},  # names in any case
        {"STENOGRAM_ENGINE": "auto", "OTHER_VARIABLE": "1"},
    ],
)
def test_plainly_valid_settings_are_read_as_settings_reads_them(monkeypatch, env) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    quick = read_quickly({})
    assert isinstance(quick, AskSettings)
    assert fields(quick) == fields(load_settings())
    override = {"corpus_dir": Path("elsewhere")}
    assert fields(read_quickly(override)) == fields(load_settings(**override))


def test_env_files_are_read_in_settings_order(monkeypatch, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "corpus").mkdir(parents=True)
    (site / ".env").write_text("STENOGRAM_ANSWERS=7\nSTENOGRAM_ENGINE=tantivy\n", encoding="utf-8")
    Path(".env").write_text(
        f"STENOGRAM_CORPUS_DIR={site / 'corpus'}\nSTENOGRAM_ANSWERS=4\n", encoding="utf-8"
    )
    assert (
        fields(read_quickly({})) == fields(load_settings()) == (site / "corpus", None, "tantivy", 4)
    )
    monkeypatch.setenv("STENOGRAM_ANSWERS", "2")  # the environment beats every file
    assert fields(read_quickly({})) == fields(load_settings())
    assert read_quickly({}).answers == 2


@pytest.mark.parametrize(
    "env",
    [
        {"STENOGRAM_TELEGRAM_TOKEN": "123:abcdef"},  # a setting answering does not read
        {"STENOGRAM_UNKNOWN": "x"},  # one Settings ignores: the full machinery decides
        {"STENOGRAM_ANSWERS": "03"},
        {"STENOGRAM_ANSWERS": "11"},
        {"STENOGRAM_ANSWERS": " 3"},
        {"STENOGRAM_ENGINE": "lucene"},
        {"STENOGRAM_INDEX_DIR": ""},
        {"STENOGRAM_CORPUS_DIR": " padded "},
    ],
)
def test_anything_doubtful_goes_to_load_settings(monkeypatch, env) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert read_quickly({}) is None
    try:
        expected: object = fields(load_settings())
    except SettingsError as exc:
        expected = str(exc)
    try:
        got: object = fields(ask_settings())
    except SettingsError as exc:
        got = str(exc)
    assert got == expected  # the same values, or the same one-line error


def test_a_variable_without_a_value_in_an_env_file_goes_to_load_settings() -> None:
    Path(".env").write_text("STENOGRAM_ANSWERS\n", encoding="utf-8")
    assert read_quickly({}) is None


def test_ask_does_not_import_the_settings_machinery(tmp_path: Path) -> None:
    """The point of it: `stenogram ask` on plainly valid settings never imports pydantic (nor
    python-dotenv when there is no `.env` file)."""
    env = {k: v for k, v in os.environ.items() if not k.lower().startswith("stenogram_")}
    env["STENOGRAM_INDEX_DIR"] = str(tmp_path / "index")
    code = (
        "import sys\n"
        "from stenogram.bot.cli import main\n"
        "code = main(['ask', 'What did Putin say about gas prices?'])\n"
        "print(code, 'pydantic' in sys.modules, 'dotenv' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-3:] == ["0", "False", "False"]
