"""Start the bot: settings and logging, corpus, Application, then polling or webhook."""

from __future__ import annotations

import logging

from telegram import Update

from .app import build_application
from .logs import setup_logging
from .service import build_answerer
from .settings import Settings, SettingsError

log = logging.getLogger(__name__)


def run_bot(settings: Settings) -> int:
    """Run until stopped (SIGINT/SIGTERM finish in-flight updates first); returns the exit code."""
    assert settings.telegram_token is not None
    secrets = [settings.telegram_token.get_secret_value()]
    if settings.webhook_secret:
        secrets.append(settings.webhook_secret.get_secret_value())
    setup_logging(settings.log_level, secrets)
    answerer = build_answerer(settings)
    corpus = answerer.corpus
    log.info("corpus: %d documents, %d passages", len(corpus.documents), len(corpus.passages))
    app = build_application(settings, answerer)
    if settings.webhook_url:
        if not settings.webhook_secret:
            raise SettingsError("STENOGRAM_WEBHOOK_SECRET: required when STENOGRAM_WEBHOOK_URL is set")
        app.run_webhook(listen=settings.webhook_listen, port=settings.webhook_port,
                        webhook_url=settings.webhook_url,
                        secret_token=settings.webhook_secret.get_secret_value(),
                        allowed_updates=Update.ALL_TYPES)
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
