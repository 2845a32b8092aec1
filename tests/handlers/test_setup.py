"""/setup through the real Dispatcher: every step with its buttons and typed answers, bad
input that changes nothing, skips that keep the stated default, and resuming."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from metrics.plans import Target
from services import setup as service
from storage.plans import PlansRepo
from storage.repos import InvitesRepo, TeamsRepo
from storage.sources import SourcesRepo
from storage.tables import processed_updates
from tests.support import factories as f
from tests.support.telegram_html import visible_text
from views.keyboards import SETUP_START, SetupAnswer

REP = 901


def question(bot, chat_id: int):
    """The last message with a keyboard sent to ``chat_id``."""
    sent = [r for r in bot.sent(chat_id) if r.reply_markup is not None]
    assert sent, bot.requests
    return sent[-1]


def buttons(message) -> dict[str, str]:
    """label -> callback data of a message's buttons."""
    return {b.text: b.callback_data for row in message.reply_markup.inline_keyboard for b in row}


async def press(chat, user, label: str, message=None) -> None:
    message = message or question(chat.bot, user["id"])
    data = buttons(message)[label]
    await chat.feed(f.callback_update(user, data, message_text=message.text))


async def team(chat):
    async with chat.db.read() as conn:
        return await TeamsRepo(conn).get(chat.team.id)


async def sdr_plan(chat) -> dict[str, Target]:
    return await service.current_plan(_Reader(chat.db), chat.team.id)


class _Reader:
    def __init__(self, db) -> None:
        self.db = db

    def read(self):  # type: ignore[no-untyped-def]
        return self.db.read()


async def updates_marked(chat) -> int:
    async with chat.db.read() as conn:
        return await conn.scalar(sa.select(sa.func.count()).select_from(processed_updates))


async def test_the_whole_setup_with_buttons_and_typed_answers(chat, bot, admin):
    await chat.send(admin, "/start")
    reply = visible_text(await chat.send(admin, "/setup"))
    assert "шаг 1 из 8" in reply and "По умолчанию: «Отдел продаж»" in reply
    assert (await team(chat)).setup_step == "name"

    reply = visible_text(await chat.send(admin, "Рога & Копыта <Ltd>"))
    assert "✅ Название команды: «Рога & Копыта <Ltd>»" in reply and "шаг 2 из 8" in reply
    assert (await team(chat)).name == "Рога & Копыта <Ltd>"

    await press(chat, admin, "English")
    assert (await team(chat)).language == "en"
    assert "✅ Язык команды: английский" in bot.last_text(admin["id"])

    await press(chat, admin, "Владивосток")
    assert (await team(chat)).timezone == "Asia/Vladivostok"
    assert "Владивосток (Asia/Vladivostok)" in bot.last_text(admin["id"])

    workdays = question(bot, admin["id"])
    assert "Выбрано: пн, вт, ср, чт, пт" in workdays.text
    await press(chat, admin, "Сб", workdays)
    edited = bot.sent(admin["id"], "editMessageText")[-1]
    assert "Выбрано: пн, вт, ср, чт, пт, сб" in edited.text
    assert (await team(chat)).workdays == (1, 2, 3, 4, 5)  # nothing saved before Done
    await chat.feed(f.callback_update(admin, buttons(edited)["✅ Сб"]))
    edited = bot.sent(admin["id"], "editMessageText")[-1]
    assert "Выбрано: пн, вт, ср, чт, пт." in edited.text
    await chat.feed(f.callback_update(admin, buttons(edited)["Готово"]))
    assert (await team(chat)).workdays == (1, 2, 3, 4, 5)
    assert (await team(chat)).setup_step == "digest_time"

    await press(chat, admin, "18:30")
    assert (await team(chat)).digest_time == "18:30"

    plan = question(bot, admin["id"])
    assert "звонки от 60 с: 80–100" in plan.text and "Принять" in buttons(plan)
    await press(chat, admin, "Изменить: звонки от 60 с")
    assert (await team(chat)).setup_step == "plan:calls_60"
    reply = await chat.send(admin, "90")
    assert "✅ План по показателю «звонки от 60 с» сохранён" in reply
    assert "звонки от 60 с: 90" in reply
    await press(chat, admin, "Принять")
    assert (await sdr_plan(chat))["calls_60"] == Target(90, 90)
    assert (await team(chat)).setup_step == "sources"

    reply = await chat.send(admin, "Сайт, Авито\nЯндекс = yandex, я.директ")
    assert "✅ Источники сохранены" in reply
    async with chat.db.read() as conn:
        sources = await SourcesRepo(conn).list(chat.team.id)
    assert [(s.name, s.aliases) for s in sources] == [
        ("Авито", ()),
        ("Сайт", ()),
        ("Яндекс", ("yandex", "я.директ")),
    ]

    invites = question(bot, admin["id"]).text
    assert invites.count("https://t.me/iron_funnel_bot?start=") == 3
    assert "/setchat" in invites
    group = f.group_chat()
    await chat.send(admin, "/setchat", chat=group)
    assert (await team(chat)).setup_step == "done"
    assert (await team(chat)).manager_chat_id == group["id"]
    summary = visible_text(bot.last_text(admin["id"]))
    assert "Чат команды подключён" in summary
    for command in ("/timezone", "/workdays", "/settime digest", "/setplan", "/source", "/invite"):
        assert command in summary
    assert "Владивосток (Asia/Vladivostok)" in summary and "18:30" in summary
    assert "Сайт" in summary and "3 действующие ссылки" in summary


async def test_setup_in_a_group_points_to_the_private_chat(chat, admin):
    await chat.send(admin, "/start")
    reply = await chat.send(admin, "/setup", chat=f.group_chat())
    assert "в личном чате" in reply
    assert (await team(chat)).setup_step is None


async def test_reps_cannot_set_up_the_team(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(REP, "Ivan", {"sdr"})
    reply = await chat.send(f.user(REP, "Ivan"), "/setup")
    assert "руковод" in reply
    assert (await team(chat)).setup_step is None


async def test_the_start_button_works_like_setup(chat, bot, admin):
    await chat.send(admin, "/start")
    await chat.feed(f.callback_update(admin, SETUP_START))
    assert "шаг 1 из 8" in bot.last_text(admin["id"])
    assert (await team(chat)).setup_step == "name"


@pytest.mark.parametrize(
    ("step", "typed", "error"),
    [
        ("name", "   ", "Название не может быть пустым"),
        ("name", "Я" * 101, "не больше 100 символов"),
        ("timezone", "Europe/Atlantis", "Не знаю часовой пояс «Europe/Atlantis»"),
        ("digest_time", "25:00", "«25:00» — не время суток"),
        ("plan:calls_60", "сто", "«сто» — не план"),
        ("plan:calls_60", "100-80", "«100-80» — не план"),
        ("sources", "=, ,", "нет имени источника"),
        ("sources", "Сайт, " + "x" * 65, "слишком длинное"),
    ],
)
async def test_bad_typed_answers_change_nothing_and_show_an_example(
    chat, admin, step, typed, error
):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setup")
    async with chat.db.transaction() as conn:
        await TeamsRepo(conn).set_setup_step(chat.team.id, step)
    before = await team(chat)
    plan = await sdr_plan(chat)
    reply = await chat.send(admin, typed)
    assert error in reply
    assert "например" in reply.casefold()
    assert await team(chat) == before
    assert await sdr_plan(chat) == plan
    async with chat.db.read() as conn:
        assert await SourcesRepo(conn).list(chat.team.id) == []


async def test_skipping_keeps_the_default_the_question_states(chat, bot, admin):
    await chat.send(admin, "/start")
    first = await chat.send(admin, "/setup")
    assert "По умолчанию: «Отдел продаж»" in first
    before = await team(chat)
    for expected in ("name", "language", "timezone", "workdays", "digest_time", "plan"):
        assert (await team(chat)).setup_step == expected
        text = question(bot, admin["id"]).text
        assert "По умолчанию" in text
        await press(chat, admin, "Пропустить")
        assert "⏭ Пропущено: осталось как было" in bot.last_text(admin["id"])
    await press(chat, admin, "Пропустить")  # sources
    await press(chat, admin, "Пропустить")  # the team
    after = await team(chat)
    assert after.setup_step == "done"
    assert (after.name, after.language, after.timezone, after.workdays, after.digest_time) == (
        before.name,
        before.language,
        before.timezone,
        before.workdays,
        before.digest_time,
    )
    assert "/setup" in bot.last_text(admin["id"])  # the summary


async def test_back_returns_to_the_previous_question(chat, bot, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setup")
    await press(chat, admin, "Пропустить")
    await press(chat, admin, "Русский")
    await press(chat, admin, "Москва")
    assert (await team(chat)).setup_step == "workdays"
    await press(chat, admin, "← Назад")
    assert (await team(chat)).setup_step == "timezone"
    assert "шаг 3 из 8" in bot.last_text(admin["id"])


async def test_setup_again_resumes_where_it_stopped(chat, bot, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setup")
    await chat.send(admin, "Продажи")
    await press(chat, admin, "Русский")
    reply = visible_text(await chat.send(admin, "/setup"))
    assert "Продолжаем настройку" in reply and "шаг 3 из 8" in reply
    assert (await team(chat)).name == "Продажи"


async def test_a_button_of_a_question_behind_changes_nothing(chat, bot, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setup")
    await press(chat, admin, "Пропустить")
    language = question(bot, admin["id"])
    await press(chat, admin, "English", language)
    before = await team(chat)
    await press(chat, admin, "Русский", language)  # its keyboard was there a moment ago
    assert await team(chat) == before
    assert before.language == "en"
    stale = bot.sent(method="answerCallbackQuery")[-1].text
    assert stale == "Этот вопрос уже позади. Текущий вопрос — ниже."


async def test_a_forged_zone_button_is_refused(chat, bot, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setup")
    async with chat.db.transaction() as conn:
        await TeamsRepo(conn).set_setup_step(chat.team.id, "timezone")
    forged = SetupAnswer(step="timezone", action="pick", value="Mars/Olympus").pack()
    await chat.feed(f.callback_update(admin, forged))
    assert (await team(chat)).timezone == "Europe/Moscow"
    assert "Mars/Olympus" in bot.sent(method="answerCallbackQuery")[-1].text


async def test_an_empty_week_is_refused(chat, bot, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setup")
    async with chat.db.transaction() as conn:
        await TeamsRepo(conn).set_setup_step(chat.team.id, "workdays")
    await chat.feed(f.callback_update(admin, SetupAnswer(step="workdays", action="pick").pack()))
    assert (await team(chat)).workdays == (1, 2, 3, 4, 5)
    assert "хотя бы один" in bot.sent(method="answerCallbackQuery")[-1].text


async def test_typed_zone_and_time_are_taken(chat, bot, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setup")
    async with chat.db.transaction() as conn:
        await TeamsRepo(conn).set_setup_step(chat.team.id, "timezone")
    reply = await chat.send(admin, "asia/novosibirsk")
    assert "✅ Часовой пояс: Новосибирск (Asia/Novosibirsk)" in reply
    await press(chat, admin, "Готово")
    reply = await chat.send(admin, "9:05")
    assert "✅ Вечерний дайджест: в 09:05" in reply
    assert (await team(chat)).digest_time == "09:05"


async def test_commands_are_never_taken_as_answers(chat, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setup")
    reply = await chat.send(admin, "/team")
    assert "Olga" in reply
    assert (await team(chat)).name == "Отдел продаж"
    assert (await team(chat)).setup_step == "name"


async def test_plain_text_outside_the_setup_is_left_alone(chat, bot, admin):
    await chat.send(admin, "/start")
    assert await chat.send(admin, "привет") is None
    assert (await team(chat)).setup_step is None


async def test_a_finished_setup_offers_to_go_through_again(chat, bot, admin):
    await chat.send(admin, "/start")
    async with chat.db.transaction() as conn:
        await TeamsRepo(conn).set_setup_step(chat.team.id, "done")
    reply = await chat.send(admin, "/setup")
    assert "Пройти её заново" in reply
    await press(chat, admin, "Пройти заново")
    assert (await team(chat)).setup_step == "name"
    assert "шаг 1 из 8" in bot.last_text(admin["id"])


async def test_the_team_step_reuses_active_invites(chat, bot, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setup")
    async with chat.db.transaction() as conn:
        await TeamsRepo(conn).set_setup_step(chat.team.id, "team")
    await chat.send(admin, "/setup")
    await chat.send(admin, "/setup")
    async with chat.db.read() as conn:
        active = await InvitesRepo(conn).active(chat.team.id)
    assert sorted(i.role for i in active) == ["farmer", "hunter", "sdr"]


async def test_the_plan_is_saved_as_setplan_saves_it(chat, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setplan sdr meetings_set 4-6")
    via_command = await sdr_plan(chat)
    async with chat.db.transaction() as conn:
        await TeamsRepo(conn).set_setup_step(chat.team.id, "plan:meetings_set")
    await chat.send(admin, "4-6")
    async with chat.db.read() as conn:
        rules = [r for r in await PlansRepo(conn).rules(chat.team.id) if r.metric == "meetings_set"]
    assert len(rules) == 1 and rules[0].role == "sdr" and rules[0].member_id is None
    assert await sdr_plan(chat) == via_command
    assert await updates_marked(chat) > 0


async def test_setchat_outside_the_team_step_leaves_the_setup_where_it_is(chat, bot, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setup")
    async with chat.db.transaction() as conn:
        await TeamsRepo(conn).set_setup_step(chat.team.id, "plan")
    sent = len(bot.sent(admin["id"]))
    group = f.group_chat()
    assert "Готово" in await chat.send(admin, "/setchat", chat=group)
    assert (await team(chat)).setup_step == "plan"
    assert (await team(chat)).manager_chat_id == group["id"]
    assert len(bot.sent(admin["id"])) == sent  # no summary in private


async def test_text_in_a_group_is_not_an_answer(chat, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/setup")
    assert await chat.send(admin, "Новое имя", chat=f.group_chat()) is None
    assert (await team(chat)).name == "Отдел продаж"


async def test_sources_the_team_has_are_kept_and_a_taken_alias_saves_nothing(chat, admin):
    await chat.send(admin, "/start")
    await chat.send(admin, "/source add Сайт")
    await chat.send(admin, "/source add Авито")
    await chat.send(admin, "/setup")
    async with chat.db.transaction() as conn:
        await TeamsRepo(conn).set_setup_step(chat.team.id, "sources")
    reply = await chat.send(admin, "Сайт = авито")  # "авито" is another source's name
    assert "Источник «авито» уже есть" in reply and "например" in reply
    assert (await team(chat)).setup_step == "sources"
    reply = await chat.send(admin, "сайт = site\nЯндекс")
    assert "✅ Источники сохранены" in reply
    async with chat.db.read() as conn:
        sources = await SourcesRepo(conn).list(chat.team.id)
    assert [(s.name, s.aliases) for s in sources] == [
        ("Авито", ()),
        ("Сайт", ("site",)),
        ("Яндекс", ()),
    ]


async def test_the_setup_speaks_english(chat, bot):
    olga = f.user(111, "Olga", language_code="en")
    await chat.send(olga, "/start")
    reply = visible_text(await chat.send(olga, "/setup"))
    assert "Team setup · step 1 of 8" in reply and "Default: «Отдел продаж»" in reply
    await press(chat, olga, "Skip")
    assert "⏭ Skipped: left as it was." in bot.last_text(olga["id"])
    await press(chat, olga, "English")
    await press(chat, olga, "Vladivostok")
    assert "✅ Time zone: Vladivostok (Asia/Vladivostok)." in bot.last_text(olga["id"])
    reply = visible_text(await chat.send(olga, "Mon-Fri"))
    assert "answered with the buttons below" in reply and "step 4 of 8" in reply
    assert (await team(chat)).setup_step == "workdays"
    await press(chat, olga, "Done")
    reply = await chat.send(olga, "7 pm")
    assert "«7 pm» is not a time of day. Type HH:MM, for example: 18:45" in reply
