"""/board, /tv and the menu button: the Telegram side of the live wallboard."""

from __future__ import annotations

import asyncio
import re

import aiohttp
import pytest
from aiogram.exceptions import TelegramForbiddenError
from aiogram.methods import SetChatMenuButton
from aiogram.types import MenuButtonDefault, MenuButtonWebApp

from bot.app import set_board_buttons
from bot.arguments import parse_tv_action
from storage.repos import MembersRepo, TeamsRepo
from tests.handlers.test_invites import make_invite
from tests.support import factories as f
from tests.support.ports import free_port

WEBAPP = "https://bot.example.com/app"
TV_LINK = re.compile(r"https://bot\.example\.com/app/tv/([A-Za-z0-9_-]+)")
IVAN = 701
GROUP = f.group_chat(-300)


@pytest.fixture
def webapp_url() -> str | None:
    """WEBAPP_URL of the test; ``@pytest.mark.parametrize("webapp_url", [None])`` unsets it."""
    return WEBAPP


@pytest.fixture
def settings(settings, webapp_url):
    return settings.model_copy(update={"webapp_url": webapp_url})


@pytest.fixture
async def ivan(chat):
    await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
    return f.user(IVAN, "Ivan", username="ivan", language_code="ru")


def last_message(bot, chat_id: int):
    sent = bot.sent(chat_id)
    assert sent, bot.requests
    return sent[-1]


def only_button(request):
    rows = request.reply_markup.inline_keyboard
    assert len(rows) == 1 and len(rows[0]) == 1, rows
    return rows[0][0]


def menu_buttons(bot, chat_id: int | None = None) -> list[SetChatMenuButton]:
    return [
        r
        for r in bot.sent(method="setChatMenuButton")
        if chat_id is None or int(r.chat_id) == chat_id
    ]


async def tv_token(chat) -> str | None:
    async with chat.db.read() as conn:
        return await TeamsRepo(conn).tv_token(chat.team.id)


async def team_of_token(chat, token: str):
    async with chat.db.read() as conn:
        return await TeamsRepo(conn).by_tv_token(token)


# ---------------------------------------------------------------- /board


@pytest.mark.parametrize(("language", "label"), [("ru", "Открыть доску"), ("en", "Open the board")])
async def test_board_in_private_opens_the_mini_app(chat, admin, ivan, language, label):
    for user in ({**admin, "language_code": language}, {**ivan, "language_code": language}):
        await chat.send(user, "/board")
        button = only_button(last_message(chat.bot, user["id"]))
        assert button.web_app is not None and button.web_app.url == WEBAPP
        assert button.text == label and button.url is None
    manager_intro = chat.bot.texts_to(admin["id"])[-1]
    rep_intro = chat.bot.texts_to(IVAN)[-1]
    assert "/tv" in manager_intro and "/tv" not in rep_intro


async def test_board_in_a_group_links_to_the_private_chat(chat, admin, ivan):
    for user in (admin, ivan):
        reply = await chat.send(user, "/board@iron_funnel_bot", chat=GROUP)
        assert "в личном чате" in reply
        button = only_button(last_message(chat.bot, GROUP["id"]))
        assert button.web_app is None  # Telegram refuses web_app buttons in groups
        assert button.url == "https://t.me/iron_funnel_bot?start=board"


async def test_start_board_in_private_answers_like_board_and_sets_the_menu_button(chat, ivan):
    await chat.send(ivan, "/start board")
    button = only_button(last_message(chat.bot, IVAN))
    assert button.web_app.url == WEBAPP
    [menu] = menu_buttons(chat.bot, IVAN)
    assert isinstance(menu.menu_button, MenuButtonWebApp)
    assert menu.menu_button.web_app.url == WEBAPP


@pytest.mark.parametrize("webapp_url", [None])
@pytest.mark.parametrize(
    ("language", "manager_says", "rep_says"),
    [
        ("ru", "Живая доска выключена", "Попросите руководителя"),
        ("en", "The live board is off", "Ask your manager"),
    ],
)
async def test_without_webapp_url_manager_learns_how_and_rep_asks_the_manager(
    chat, admin, ivan, language, manager_says, rep_says
):
    manager = {**admin, "language_code": language}
    rep = {**ivan, "language_code": language}
    for where in (None, GROUP):
        reply = await chat.send(manager, "/board", chat=where)
        assert manager_says in reply
        for needed in ("WEBAPP_URL", ".env", "/setdomain", "The live wallboard"):
            assert needed in reply
        reply = await chat.send(rep, "/board", chat=where)
        assert rep_says in reply and "WEBAPP_URL" not in reply
    reply = await chat.send(manager, "/tv")
    assert manager_says in reply
    assert all(r.reply_markup is None for r in chat.bot.sent())
    assert await tv_token(chat) is None


async def test_a_stranger_gets_no_board(chat):
    for text in ("/board", "/start board"):
        reply = await chat.send(f.user(999, "Nobody"), text)
        assert "закрытый бот" in reply  # not "the invite link has expired"
        assert chat.bot.sent(999)[-1].reply_markup is None
    assert menu_buttons(chat.bot) == []


# ---------------------------------------------------------------- /tv


async def test_tv_gives_a_secret_link_and_the_same_one_again(chat, admin):
    reply = await chat.send(admin, "/tv")
    token = TV_LINK.search(reply).group(1)
    assert len(token) == 22  # 128 random bits, urlsafe
    assert (await team_of_token(chat, token)).id == chat.team.id
    assert "только имена и цифры" in reply and "/tv revoke" in reply
    request = last_message(chat.bot, admin["id"])
    assert request.link_preview_options.is_disabled  # Telegram would fetch the page
    again = await chat.send(admin, "/tv")
    assert TV_LINK.search(again).group(1) == token


async def test_tv_new_replaces_the_link(chat, admin):
    old = TV_LINK.search(await chat.send(admin, "/tv")).group(1)
    reply = await chat.send(admin, "/tv new")
    new = TV_LINK.search(reply).group(1)
    assert new != old and len(new) == 22
    assert "старая больше не открывается" in reply
    assert await team_of_token(chat, old) is None
    assert (await team_of_token(chat, new)).id == chat.team.id


async def test_tv_revoke_switches_the_link_off(chat, admin):
    token = TV_LINK.search(await chat.send(admin, "/tv")).group(1)
    reply = await chat.send(admin, "/tv revoke")
    assert "отключена" in reply
    assert await team_of_token(chat, token) is None
    assert await tv_token(chat) is None
    assert "не было" in await chat.send(admin, "/tv revoke")
    new = TV_LINK.search(await chat.send(admin, "/tv")).group(1)
    assert new != token


@pytest.mark.parametrize("webapp_url", [None])
async def test_tv_revoke_works_while_the_board_is_off(chat, admin):
    async with chat.db.transaction() as conn:
        token = await TeamsRepo(conn).new_tv_token(chat.team.id)
    assert "отключена" in await chat.send(admin, "/tv revoke")
    assert await team_of_token(chat, token) is None


async def test_tv_with_other_words_shows_the_examples_and_changes_nothing(chat, admin):
    token = TV_LINK.search(await chat.send(admin, "/tv")).group(1)
    for words in ("please", "new now", "revoke 2"):
        reply = await chat.send(admin, f"/tv {words}")
        assert reply.startswith("Примеры: /tv")
        assert "/tv new" in reply and "/tv revoke" in reply
    assert await tv_token(chat) == token


async def test_a_rep_cannot_get_the_tv_link(chat, ivan):
    for text in ("/tv", "/tv new", "/tv revoke"):
        reply = await chat.send(ivan, text)
        assert "только руководитель" in reply
    assert await tv_token(chat) is None


async def test_tv_in_a_group_is_refused_and_creates_nothing(chat, admin):
    await chat.send(admin, "/start")
    reply = await chat.send(admin, "/tv@iron_funnel_bot", chat=GROUP)
    assert "секретная" in reply and "личный чат" in reply
    assert not TV_LINK.search(reply)
    assert await tv_token(chat) is None


def test_tv_words():
    assert parse_tv_action(None) == parse_tv_action("  ") == "show"
    assert parse_tv_action("NEW") == parse_tv_action("новую") == "new"
    assert parse_tv_action("revoke") == parse_tv_action("Отключить") == "revoke"
    assert parse_tv_action("new link") is None


# ---------------------------------------------------------------- the menu button


@pytest.mark.parametrize(("language", "label"), [("ru", "Доска"), ("en", "Board")])
async def test_start_sets_the_menu_button_in_the_member_language(chat, ivan, language, label):
    await chat.send({**ivan, "language_code": language}, "/start")
    [request] = menu_buttons(chat.bot)
    assert int(request.chat_id) == IVAN
    assert isinstance(request.menu_button, MenuButtonWebApp)
    assert request.menu_button.web_app.url == WEBAPP
    assert request.menu_button.text == label


async def test_joining_sets_the_menu_button(chat, admin):
    await chat.send(admin, "/start")
    code = await make_invite(chat, admin, "sdr")
    reply = await chat.send(f.user(702, "Anna", language_code="en"), f"/start {code}")
    assert "Welcome" in reply
    [request] = menu_buttons(chat.bot, 702)
    assert request.menu_button.web_app.url == WEBAPP
    assert request.menu_button.text == "Board"


async def test_lang_changes_the_menu_button_and_remove_takes_it_back(chat, admin, ivan):
    await chat.send(ivan, "/lang en")
    assert menu_buttons(chat.bot, IVAN)[-1].menu_button.text == "Board"
    await chat.send(admin, "/remove @ivan")
    assert isinstance(menu_buttons(chat.bot, IVAN)[-1].menu_button, MenuButtonDefault)


@pytest.mark.parametrize("webapp_url", [None])
async def test_without_webapp_url_the_menu_button_is_left_alone(chat, admin):
    await chat.send(admin, "/start")
    code = await make_invite(chat, admin, "sdr")
    await chat.send(f.user(703, "Oleg"), f"/start {code}")
    await chat.send(f.user(703, "Oleg"), "/start")
    await chat.send(f.user(703, "Oleg"), "/lang en")
    await chat.send(admin, "/remove Oleg")
    await set_board_buttons(chat.bot, chat.db, None)
    assert menu_buttons(chat.bot) == []


async def test_start_up_sets_every_active_member_button_and_survives_errors(chat, admin):
    await chat.add_member(admin["id"], "Olga", {"manager"})
    await chat.add_member(704, "Anna", {"hunter"})
    await chat.add_member(705, "Maria", {"farmer"})
    gone = await chat.add_member(706, "Gone", {"sdr"})
    async with chat.db.transaction() as conn:
        await MembersRepo(conn).set_active(gone.id, False)
        await MembersRepo(conn).set_language(gone.id, "en")
    chat.bot.session.fail_next(
        "setChatMenuButton",
        TelegramForbiddenError(SetChatMenuButton(chat_id=704), "bot was blocked by the user"),
        chat_id=704,
    )
    await set_board_buttons(chat.bot, chat.db, WEBAPP)
    requests = menu_buttons(chat.bot)
    assert sorted(int(r.chat_id) for r in requests) == [admin["id"], 704, 705]  # 704 failed, logged
    assert all(r.menu_button.web_app.url == WEBAPP for r in requests)


@pytest.mark.parametrize("webapp_url", [WEBAPP, None])
async def test_start_up_sets_the_buttons_in_the_background(chat, dp, admin, webapp_url):
    """In polling mode too: the buttons are set after start-up, and the Mini App and
    /healthz are served on WEB_HOST:WEB_PORT."""
    port = free_port()
    web = dp["web"]  # polling mode's web server (bot.web.AppServer), on a free port
    web.settings = web.settings.model_copy(update={"web_port": port})
    await chat.add_member(admin["id"], "Olga", {"manager"})
    await chat.add_member(707, "Anna", {"hunter"})
    await dp.emit_startup(bot=chat.bot, dispatcher=dp, **dp.workflow_data)
    try:
        scheduler = dp["scheduler"]
        if webapp_url is None:
            assert scheduler.get_job("board_buttons") is None
            assert menu_buttons(chat.bot) == []
            return
        for _ in range(100):
            if len(menu_buttons(chat.bot)) == 2:
                break
            await asyncio.sleep(0.02)
        assert sorted(int(r.chat_id) for r in menu_buttons(chat.bot)) == [admin["id"], 707]
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/app") as page:
                assert page.status == 200 and "app.js" in await page.text()
            async with http.get(f"http://127.0.0.1:{port}/healthz") as health:
                assert health.status == 200
    finally:
        await dp.emit_shutdown(bot=chat.bot, dispatcher=dp, **dp.workflow_data)
