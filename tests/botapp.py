"""Start and stop a built Application against the fake Bot API, as `run_bot` would, for the bot tests."""

from __future__ import annotations

from telegram.ext import Application


async def started(app: Application) -> Application:
    """Initialise app, run its post_init (commands, start-up checks) and start polling at once."""
    await app.initialize()
    assert app.post_init is not None and app.updater is not None  # build_application sets both
    await app.post_init(app)
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    return app


async def stopped(app: Application) -> None:
    """Stop polling, the application and its store, in that order."""
    assert app.updater is not None
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    state = app.bot_data.get("state")
    if state is not None:
        state.close()
