"""Settings: plain-words errors and where `.env` files are found."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenogram.bot.settings import SettingsError, env_files, load_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No STENOGRAM_ variable from the caller, and a current directory without `.env`."""
    import os

    for name in [n for n in os.environ if n.startswith("STENOGRAM_")]:
        monkeypatch.delenv(name)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        (
            "ALLOWED_CHATS",
            "abc",
            "STENOGRAM_ALLOWED_CHATS: 'abc' is not a chat id; give comma-separated numbers",
        ),
        ("ADMIN_CHATS", "12,x3", "STENOGRAM_ADMIN_CHATS: 'x3' is not a chat id"),
        ("ANSWERS", "eleven", "STENOGRAM_ANSWERS: 'eleven' is not a whole number"),
        ("ANSWERS", "11", "STENOGRAM_ANSWERS: '11' is too large; give a number up to 10"),
        ("WEBHOOK_PORT", "0", "STENOGRAM_WEBHOOK_PORT: '0' is too small; give a number from 1"),
        (
            "ENGINE",
            "lucene",
            "STENOGRAM_ENGINE: 'lucene' is not one of 'auto', 'rank-bm25' or 'tantivy'",
        ),
    ],
)
def test_bad_values_are_named_in_plain_words(monkeypatch, variable, value, says) -> None:
    monkeypatch.setenv(f"STENOGRAM_{variable}", value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith(says)
    assert "\n" not in str(caught.value) and "int()" not in str(caught.value)


def test_chat_ids_accept_spaces_and_negative_ids(monkeypatch) -> None:
    monkeypatch.setenv("STENOGRAM_ALLOWED_CHATS", " 12, -100345 ,")
    assert load_settings().allowed_chats == (12, -100345)


def test_secret_values_are_never_echoed(monkeypatch) -> None:
    monkeypatch.setenv("STENOGRAM_TELEGRAM_TOKEN", "nodigits-secret-value")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "STENOGRAM_TELEGRAM_TOKEN" in str(caught.value)
    assert "secret-value" not in str(caught.value)


def test_env_beside_the_corpus_is_read(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "corpus").mkdir(parents=True)
    (site / ".env").write_text("STENOGRAM_ANSWERS=7\n", encoding="utf-8")
    settings = load_settings(corpus_dir=site / "corpus")
    assert settings.answers == 7
    assert env_files({"corpus_dir": site / "corpus"}) == ((site / ".env").resolve(),)


def test_env_in_the_current_directory_wins_and_may_name_the_corpus(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "corpus").mkdir(parents=True)
    (site / ".env").write_text("STENOGRAM_ANSWERS=7\nSTENOGRAM_ENGINE=tantivy\n", encoding="utf-8")
    Path(".env").write_text(
        f"STENOGRAM_CORPUS_DIR={site / 'corpus'}\nSTENOGRAM_ANSWERS=4\n", encoding="utf-8"
    )
    settings = load_settings()
    assert (settings.corpus_dir, settings.answers, settings.engine) == (
        site / "corpus",
        4,
        "tantivy",
    )


def test_the_environment_beats_every_env_file(monkeypatch) -> None:
    Path(".env").write_text("STENOGRAM_ANSWERS=4\n", encoding="utf-8")
    monkeypatch.setenv("STENOGRAM_ANSWERS", "2")
    assert load_settings().answers == 2


def test_env_file_named_by_variable_is_the_only_one_read(monkeypatch, tmp_path: Path) -> None:
    Path(".env").write_text("STENOGRAM_ANSWERS=4\n", encoding="utf-8")
    named = tmp_path / "bot.env"
    named.write_text("STENOGRAM_ANSWERS=9\n", encoding="utf-8")
    monkeypatch.setenv("STENOGRAM_ENV_FILE", str(named))
    assert load_settings().answers == 9
    monkeypatch.setenv("STENOGRAM_ENV_FILE", str(tmp_path / "missing.env"))
    with pytest.raises(
        SettingsError, match=r"^STENOGRAM_ENV_FILE: .*missing\.env is not a readable file"
    ):
        load_settings()


def test_no_env_file_anywhere_gives_the_defaults() -> None:
    assert env_files() == ()
    assert load_settings().answers == 3
