"""/start: a short first answer. A manager is offered the setup until it is done (a
button), then told where to look first; a rep is told what to log and sees today's plan.
Lengths are counted as Telegram counts them: the visible text, in UTF-16 units."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine

from storage.repos import TeamsRepo
from tests.support import factories as f
from tests.support.telegram_html import telegram_length, visible_text

FRIDAY_NOON = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # 12:00 in Moscow
SATURDAY_NOON = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
IVAN, OLGA = 901, 902


def start_message(chat, user_id: int):
    """The message /start answered with (the last one sent to that chat)."""
    return chat.bot.sent(user_id)[-1]


async def finish_setup(chat, monkeypatch) -> None:
    """The team's setup is done (the setup wizard's last step)."""
    async with chat.db.transaction() as conn:
        await TeamsRepo(conn).set_setup_step(chat.team.id, "done")


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_a_managers_first_start_is_short_and_offers_the_setup(chat, language):
    olga = f.user(111, "Olga", last_name="Head", language_code=language)
    await chat.send(olga, "/start")
    sent = start_message(chat, 111)
    text = visible_text(sent.text)
    assert telegram_length(text) < 800, telegram_length(text)
    # who they are: name, team, role
    assert "Olga Head" in text
    assert ("Отдел продаж" if language == "ru" else "Sales") in text or chat.team.name in text
    assert ("руководитель" if language == "ru" else "manager") in text
    [[button]] = sent.reply_markup.inline_keyboard
    assert button.callback_data == "setup:start"
    assert button.text == ("Настроить команду" if language == "ru" else "Set up the team")


async def test_once_the_team_is_set_up_a_manager_is_told_where_to_look(chat, admin, monkeypatch):
    await finish_setup(chat, monkeypatch)
    await chat.send(admin, "/start")
    sent = start_message(chat, admin["id"])
    text = visible_text(sent.text)
    assert telegram_length(text) < 800
    assert sent.reply_markup is None
    for command in ("/today", "/funnel", "/board", "/help"):
        assert command in text


async def test_in_a_group_the_start_has_no_setup_button(chat, admin):
    await chat.send(admin, "/start")  # the admin joins in private first
    group = f.group_chat()
    await chat.send(admin, "/start", chat=group)
    (sent,) = chat.bot.sent(group["id"])
    assert sent.reply_markup is None


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_a_reps_start_says_what_to_log_and_todays_plan(chat, admin, language):
    await chat.send(admin, "/start")
    await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
    ivan = f.user(IVAN, "Ivan", language_code=language)
    with time_machine.travel(FRIDAY_NOON, tick=False):
        text = visible_text(await chat.send(ivan, "/start"))
    assert telegram_length(text) < 600, telegram_length(text)
    assert "/log" in text and ("/call 75с" if language == "ru" else "/call 75s") in text
    calls = "звонки от 60 с: 80–100" if language == "ru" else "calls of 60 s+: 80–100"
    assert calls in text  # the article's plan, which a new team starts with
    assert start_message(chat, IVAN).reply_markup is None


async def test_a_reps_start_shows_the_numbers_today_shows(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
    ivan = f.user(IVAN, "Ivan", language_code="ru")
    with time_machine.travel(FRIDAY_NOON, tick=False):
        await chat.send(ivan, "/calls 3 10м")
        start = await chat.send(ivan, "/start")
        today = await chat.send(ivan, "/today")
    line = "🔴 звонки от 60 с: <b>3</b> из 80–100 · сегодня ещё 97 звонков"
    assert line in start and line in today
    assert telegram_length(visible_text(start)) < 600


async def test_without_a_plan_a_rep_is_told_the_manager_has_not_set_one(chat, admin):
    """No name is put in a case it cannot take ("У Ольга нет плана")."""
    await chat.send(admin, "/start")
    await chat.add_member(OLGA, "Ольга", {"farmer"})  # the article's plan is for SDRs
    with time_machine.travel(FRIDAY_NOON, tick=False):
        text = visible_text(await chat.send(f.user(OLGA, "Ольга", language_code="ru"), "/start"))
    assert "Плана на сегодня пока нет: руководитель его ещё не задал." in text
    assert text.count("Ольга") == 1  # only in the greeting, in the nominative
    assert "У Ольга" not in text
    assert telegram_length(text) < 600


async def test_on_a_day_off_a_rep_is_told_so(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(IVAN, "Ivan", {"sdr"}, username="ivan")
    with time_machine.travel(SATURDAY_NOON, tick=False):
        text = visible_text(await chat.send(f.user(IVAN, "Ivan", language_code="en"), "/start"))
    assert "Today is your day off" in text


async def test_names_are_shown_as_typed(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(IVAN, "Рога & Копыта <Ltd>", {"sdr"})
    rep = f.user(IVAN, "Рога & Копыта <Ltd>", language_code="ru")
    with time_machine.travel(FRIDAY_NOON, tick=False):
        reply = await chat.send(rep, "/start")
    assert "Рога & Копыта <Ltd>" in visible_text(reply)


async def test_start_keeps_setting_the_board_button(chat, admin, settings):
    settings.webapp_url = "https://bot.example.com/app"
    await chat.send(admin, "/start")
    assert chat.bot.sent(admin["id"], method="setChatMenuButton")


async def test_a_rep_who_joins_by_an_invite_is_told_what_to_log(chat, admin):
    """The invite link is a rep's first /start: it says what to log, too."""
    await chat.send(admin, "/start")
    reply = await chat.send(admin, "/invite sdr")
    code = re.search(r"start=([\w-]+)", reply).group(1)
    joined = await chat.send(f.user(IVAN, "Ivan", language_code="ru"), f"/start {code}")
    text = visible_text(joined)
    assert "Ivan" in text and "/log" in text and "/call 75с" in text
    assert telegram_length(text) < 600
