"""Logging set-up with a filter that removes the bot token from every record, at every level."""

from __future__ import annotations

import logging
from typing import IO
from urllib.parse import quote, quote_plus

REDACTED = "[REDACTED]"


def variants(secret: str) -> list[str]:
    """A secret as it may appear in text: raw and URL-encoded (an error page echoing a URL may
    show the token's ":" as %3A or %3a), longest first."""
    forms = {secret, quote(secret, safe=""), quote_plus(secret, safe=""), quote(secret)}
    forms |= {f.replace("%3A", "%3a") for f in forms}
    return sorted(forms, key=len, reverse=True)


def redact(text: str, secrets: list[str]) -> str:
    """`text` with every form of every secret replaced by [REDACTED]."""
    for secret in secrets:
        for form in variants(secret) if secret else ():
            text = text.replace(form, REDACTED)
    return text


class RedactingFilter(logging.Filter):
    """Replace secrets in a record's formatted message (PTB and httpx log URLs with the token)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [form for s in secrets if s for form in variants(s)]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(s in message for s in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, REDACTED)
            record.msg, record.args = message, None
        if record.exc_info and record.exc_text is None and self.secrets:
            # Tracebacks are formatted later by the handler; format now so they can be scrubbed.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            for secret in self.secrets:
                record.exc_text = record.exc_text.replace(secret, REDACTED)
        return True


def setup_logging(level: str, secrets: list[str], stream: IO[str] | None = None) -> None:
    """Root logging at `level` to stderr (or `stream`), every handler redacting the secrets."""
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,
        stream=stream,
    )
    redact = RedactingFilter(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    # httpx logs every request URL (with the token) at INFO; keep it to warnings unless debugging.
    if level != "DEBUG":
        logging.getLogger("httpx").setLevel(logging.WARNING)
