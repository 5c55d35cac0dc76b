"""State that survives a restart: More and Context in private chats, groups, the local chat and
inline results, example buttons, a passage removed by a reload, and follow-up questions."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from telegram.ext import Application

from stenogram.bot.app import build_application
from stenogram.bot.handlers import GONE
from stenogram.bot.service import build_answerer
from stenogram.bot.settings import Settings, load_settings
from stenogram.bot.shim import LocalChat
from stenogram.bot.telegram_html import START_TEXT
from stenogram.retrieval.answers.answer import Answer, Answerer

try:
    from botapp import started, stopped
    from fakebotapi import FakeBotAPI, JSONDict
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.botapp import started, stopped
    from tests.fakebotapi import FakeBotAPI, JSONDict

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TOKEN = "123456:TEST-token-state"
QUESTION = "What did the CSTO peacekeepers do in Kazakhstan?"


class RecordingAnswerer(Answerer):
    """The real answerer, also accepting `previous=` and recording what it was given."""

    seen: list[tuple[str, str | None]]

    def ask(
        self, question: str, k: int | None = None, offset: int = 0, previous: str | None = None
    ) -> Answer:
        self.seen.append((question, previous))
        return super().ask(question, k, offset)


@pytest.fixture
def api() -> FakeBotAPI:
    with FakeBotAPI(token=TOKEN) as server:
        yield server


def settings_for(api: FakeBotAPI, tmp_path: Path, **overrides: object) -> Settings:
    return load_settings(
        **{
            "telegram_token": TOKEN,
            "telegram_api_url": api.base_url,
            "corpus_dir": SEEDS,
            "state_file": tmp_path / "state.sqlite3",
            **overrides,
        }
    )


async def start(settings: Settings, answerer: Answerer | None = None) -> Application:
    return await started(build_application(settings, answerer or build_answerer(settings)))


stop = stopped


def buttons(message: JSONDict) -> dict[str, str]:
    """Button text -> callback data (or url) of a stored message."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b.get("callback_data") or b.get("url") for row in rows for b in row}


async def answered(api: FakeBotAPI, chat_id: int) -> JSONDict:
    await api.wait_for_async("sendMessage", lambda p: p["chat_id"] == chat_id, timeout=15)
    return api.sent_messages(chat_id)[-1]


@pytest.mark.parametrize("kind", ["private", "group"])
async def test_more_and_context_after_a_restart(kind: str, api: FakeBotAPI, tmp_path: Path) -> None:
    settings = settings_for(api, tmp_path)
    app = await start(settings)
    if kind == "private":
        api.private_message(QUESTION, user_id=3001)
        chat = 3001
    else:
        chat = -100777
        api.group_message(f"/ask {QUESTION}", chat_id=chat)
    first = await answered(api, chat)
    await stop(app)
    assert "More" in buttons(first)
    app = await start(settings)  # a new process would see just this: the same state file
    try:
        api.callback_query(first, buttons(first)["More"])
        more = await answered(api, chat)
        assert "<blockquote" in more["raw_text"] and more["raw_text"] != first["raw_text"]
        assert buttons(more)["Context 4"].startswith("c:")  # numbering continues after 3 quotes
        api.callback_query(first, buttons(first)["Context 1"])
        context = await answered(api, chat)
        assert "\u25b6" in context["plain_text"]
    finally:
        await stop(app)


async def test_more_after_an_example_button_continues_the_example(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    settings = settings_for(api, tmp_path)
    app = await start(settings)
    try:
        api.private_message("/start", user_id=3002)
        greeting = await answered(api, 3002)
        # More is offered after three quotes; an example with a fourth one continues. (An example
        # with exactly three gets "Not in my documents" on More: the bot cannot know beforehand.)
        continued = None
        for data in buttons(greeting).values():
            api.callback_query(greeting, data, user_id=3002)
            answer = await answered(api, 3002)
            assert "<blockquote" in answer["raw_text"]
            more = buttons(answer).get("More")
            if not more:
                continue
            api.callback_query(answer, more, user_id=3002)
            nxt = await answered(api, 3002)
            if "<blockquote" in nxt["raw_text"]:
                continued = (answer, nxt)
                break
        assert continued, "some example has more than three quotes, and More shows them"
        answer, nxt = continued
        assert nxt["raw_text"] != answer["raw_text"]
        assert START_TEXT[:40] not in nxt["raw_text"]
    finally:
        await stop(app)


async def test_local_chat_presses_every_button() -> None:
    settings = load_settings(corpus_dir=SEEDS)
    chat = LocalChat(build_answerer(settings))
    async with chat.app:
        greeting = await chat.say("/start")
        assert "[1]" in greeting
        more = ""
        for n in range(1, 4):  # the first example whose More shows a fourth quote
            example = await chat.say(str(n))
            assert "\u201c" in example  # an answer (a quote)
            if "More" in example:
                more_number = next(n for n, b in enumerate(chat.buttons, 1) if b["text"] == "More")
                more = await chat.say(str(more_number))
                assert "no longer see the question" not in more
                if "\u201c" in more:
                    break
            await chat.say("/start")
        assert "\u201c" in more and "Context 4" in more
        context = await chat.say("1")  # Context 4
        assert "\u25b6" in context


async def test_inline_results_link_to_context_and_more_after_a_restart(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    settings = settings_for(api, tmp_path)
    app = await start(settings)
    api.inline_query("CSTO peacekeepers Kazakhstan", user_id=3003)
    results = (await api.wait_for_async("answerInlineQuery"))["results"]
    await stop(app)
    links = {b["text"]: b["url"] for b in results[0]["reply_markup"]["inline_keyboard"][0]}
    payloads = {k: parse_qs(urlsplit(v).query)["start"][0] for k, v in links.items()}
    assert set(payloads) == {"Context", "More"}
    app = await start(settings)
    try:
        api.private_message(f"/start {payloads['Context']}", user_id=3003)
        context = await answered(api, 3003)
        assert "\u25b6" in context["plain_text"]
        api.private_message(f"/start {payloads['More']}", user_id=3003)
        more = await answered(api, 3003)
        assert "<blockquote" in more["raw_text"] and "More" in buttons(more)
    finally:
        await stop(app)


async def test_inline_hint_opens_the_greeting(api: FakeBotAPI, tmp_path: Path) -> None:
    app = await start(settings_for(api, tmp_path))
    try:
        api.inline_query("", user_id=3004)
        hint = await api.wait_for_async("answerInlineQuery")
        api.private_message(f"/start {hint['button']['start_parameter']}", user_id=3004)
        reply = await answered(api, 3004)
        assert START_TEXT[:40] in reply["raw_text"]
    finally:
        await stop(app)


async def test_context_of_a_passage_a_reload_removed_says_so_in_one_line(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    settings = settings_for(api, tmp_path, corpus_dir=corpus, index_dir=tmp_path / "index")
    app = await start(settings)
    try:
        api.private_message(QUESTION, user_id=3005)
        first = await answered(api, 3005)
        cited = app.bot_data["deps"].answerer.ask(QUESTION).quotes[0].citation.path
        cited.unlink()  # the document of the first quote is gone from the corpus
        line = await app.bot_data["reloader"].reload()
        assert line.startswith("Reloaded")
        api.callback_query(first, buttons(first)["Context 1"], user_id=3005)
        gone = await answered(api, 3005)
        assert gone["plain_text"] == GONE and "\n" not in gone["plain_text"]
    finally:
        await stop(app)


async def test_follow_ups_pass_the_previous_question_also_after_a_restart(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    settings = settings_for(api, tmp_path)
    base = build_answerer(settings)
    answerer = RecordingAnswerer(base.corpus, base.retriever, k=base.k)
    answerer.seen = []
    app = await start(settings, answerer)
    api.private_message(QUESTION, user_id=3006)
    await answered(api, 3006)
    await stop(app)
    app = await start(settings, answerer)
    try:
        api.private_message("and the airport?", user_id=3006)  # a short fragment, soon after
        await answered(api, 3006)
        api.private_message(
            "What did Japarov say about Manas airport and the Kyrgyz army?", user_id=3006
        )  # a whole question stands alone
        await answered(api, 3006)
        group = -100888
        api.group_message("/ask How many shopping centres and banks were looted?", chat_id=group)
        answer = await answered(api, group)
        api.group_message("and who said it?", chat_id=group, reply_to=answer)
        await answered(api, group)
        api.group_message("/ask and who said it?", chat_id=group)  # not a reply: stands alone
        await answered(api, group)
    finally:
        await stop(app)
    # Start-up also asks questions (checking the example buttons): find the typed ones by text.
    previous = {}
    for question, before in answerer.seen:
        previous.setdefault(question, []).append(before)
    assert previous["and the airport?"] == [QUESTION]
    assert previous["What did Japarov say about Manas airport and the Kyrgyz army?"] == [None]
    assert previous["and who said it?"] == [
        "How many shopping centres and banks were looted?",
        None,
    ]
