"""Configuration from the environment and `.env` (prefix STENOGRAM_), validated in one place."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .environment import (  # re-exported: where the settings machinery always had them
    BUNDLED_SEEDS,
    ENV_FILE_VARIABLE,
    ENV_PREFIX,
    PROJECT_ROOT,
    SettingsError,
    env_files,
)

__all__ = [
    "BUNDLED_SEEDS",
    "ENV_FILE_VARIABLE",
    "ENV_PREFIX",
    "PROJECT_ROOT",
    "Settings",
    "SettingsError",
    "env_files",
    "load_settings",
    "state_path",
]

SECRET_FIELDS = frozenset({"telegram_token", "webhook_secret"})  # never echoed in an error


class Settings(BaseSettings):
    """Every setting of Stenogram; `.env.example` documents each one."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    corpus_dir: Path = BUNDLED_SEEDS
    answers: int = Field(3, ge=1, le=10)
    # auto: rank-bm25 up to retrieval.index.AUTO_LIMIT indexed passages, tantivy above.
    engine: Literal["auto", "rank-bm25", "tantivy"] = "auto"
    index_dir: Path | None = None  # None: ~/.cache/stenogram/<corpus name>-<hash of its path>
    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    allowed_chats: Annotated[tuple[int, ...], NoDecode] = ()
    admin_chats: Annotated[tuple[int, ...], NoDecode] = ()  # chats that may send /reload
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    webhook_url: str = ""
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(8080, ge=1, le=65535)
    # Heartbeat the polling bot rewrites for `stenogram health` (which never calls Telegram);
    # a temp dir because the container's filesystem is otherwise read-only for the bot user.
    health_file: Path = Path(tempfile.gettempdir()) / "stenogram-health.json"
    # The bot's SQLite store (update journal, answers for More, chat context): keep it on a volume
    # so that a restarted container finds it; rows older than state_retention_days are deleted.
    # None: stenogram-state-<bot id>.sqlite3 in the temp directory.
    state_file: Path | None = None
    state_retention_days: float = Field(30.0, gt=0)
    # Questions one chat may ask per minute; above it one "slow down", the rest dropped (0: off).
    flood_per_minute: int = Field(20, ge=0)
    # How long start-up keeps retrying an unreachable or failing Bot API before giving up.
    startup_seconds: float = Field(300.0, ge=0)
    # Connect/read/write timeout of each Bot API request (long polls add their poll time).
    telegram_timeout: float = Field(10.0, gt=0)

    @field_validator("allowed_chats", "admin_chats", mode="before")
    @classmethod
    def _split_chats(cls, value: object) -> object:
        """Accept "123,-100456" as well as a list."""
        if isinstance(value, str):
            ids = []
            for part in value.split(","):
                part = part.strip()
                if not part:
                    continue
                try:
                    ids.append(int(part))
                except ValueError:
                    raise ValueError(
                        f"{part!r} is not a chat id; give comma-separated numbers"
                    ) from None
            return tuple(ids)
        return value

    @field_validator("engine", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.lower().strip() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("telegram_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        """A Bot API token looks like "123456:ABC…"; say so without echoing the value."""
        if value is not None and value.get_secret_value():
            number, _, rest = value.get_secret_value().partition(":")
            if not number.isdigit() or len(rest) < 5:
                raise ValueError("does not look like a bot token from @BotFather (digits:letters)")
        return value or None

    @field_validator("telegram_api_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value


def state_path(settings: Settings) -> Path:
    """The state file: as set, else one per bot (the token's number) in the temp directory."""
    if settings.state_file is not None:
        return settings.state_file
    token = settings.telegram_token.get_secret_value() if settings.telegram_token else ""
    bot_id = token.partition(":")[0] or "local"
    return Path(tempfile.gettempdir()) / f"stenogram-state-{bot_id}.sqlite3"


def _plain(field: str, err: dict[str, object]) -> str:
    """A pydantic error in plain words; the input is shown unless the field is a secret."""
    kind, ctx = err.get("type"), cast("dict[str, object]", err.get("ctx") or {})
    shown = "" if field in SECRET_FIELDS else f"{err.get('input')!r} "
    if kind in ("int_parsing", "int_from_float"):
        return f"{shown}is not a whole number"
    if kind == "greater_than_equal":
        return f"{shown}is too small; give a number from {ctx['ge']}"
    if kind == "less_than_equal":
        return f"{shown}is too large; give a number up to {ctx['le']}"
    if kind == "literal_error":
        return f"{shown}is not one of {ctx.get('expected')}"
    return str(err["msg"]).removeprefix("Value error, ")


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment and `.env` files (`env_files`); a SettingsError names the
    first bad variable in one line of plain words."""
    files = env_files(overrides)
    try:
        return Settings(_env_file=files or None, **overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else "?"
        raise SettingsError(f"{ENV_PREFIX}{field.upper()}: {_plain(field, dict(err))}") from None
