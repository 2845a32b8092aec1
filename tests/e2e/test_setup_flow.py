"""End to end: a new head of sales sets up the team with /setup through the fake Bot API,
pressing buttons, and the real ``python -m bot`` process keeps what was answered across a
restart."""

from __future__ import annotations

from .conftest import RunBot
from .fake_bot_api import FakeBotAPI, Request

ADMIN = 111


def press(fake_api: FakeBotAPI, user: dict, message: Request, label: str) -> None:
    """Press the button labelled ``label`` of ``message`` (its current, edited version)."""
    current = fake_api.message(ADMIN, message.message["message_id"])  # type: ignore[index]
    button = fake_api.find_button(current or message, label)
    fake_api.press_button(user, message, button["callback_data"])


async def step(fake_api: FakeBotAPI, number: int) -> Request:
    return await fake_api.wait_for_message(ADMIN, contains=f"шаг {number} из 8")


async def answer_up_to_the_plan(
    fake_api: FakeBotAPI, admin: dict, start: Request | None = None
) -> Request:
    """Steps 1-5 with buttons only, begun with the first /start's button (``start``) or
    /setup; returns the plan's question."""
    if start is None:
        fake_api.send_text(admin, "/setup")
    else:
        press(fake_api, admin, start, "Настроить команду")
    press(fake_api, admin, await step(fake_api, 1), "Пропустить")
    press(fake_api, admin, await step(fake_api, 2), "Русский")
    press(fake_api, admin, await step(fake_api, 3), "Владивосток")
    workdays = await step(fake_api, 4)
    press(fake_api, admin, workdays, "Сб")  # on, and off again: the message is edited
    await fake_api.wait_for(
        "editMessageText", lambda r: "Выбрано: пн, вт, ср, чт, пт, сб" in (r.text or "")
    )
    press(fake_api, admin, workdays, "✅ Сб")
    await fake_api.wait_for(
        "editMessageText", lambda r: "Выбрано: пн, вт, ср, чт, пт." in (r.text or "")
    )
    press(fake_api, admin, workdays, "Готово")
    press(fake_api, admin, await step(fake_api, 5), "18:30")
    return await step(fake_api, 6)


async def test_a_new_manager_sets_up_the_team_with_buttons(
    fake_api: FakeBotAPI, run_bot: RunBot
) -> None:
    bot = await run_bot()
    await bot.wait_ready()
    admin = fake_api.user(ADMIN, "Olga", username="olga", language_code="ru")
    fake_api.send_text(admin, "/start")
    start = await fake_api.wait_for_message(ADMIN, contains="Здравствуйте")

    plan = await answer_up_to_the_plan(fake_api, admin, start)
    assert "звонки от 60 с: 80–100" in plan.text
    press(fake_api, admin, plan, "Принять")
    sources = await step(fake_api, 7)
    assert "✅ План лидоруба сохранён" in sources.text
    fake_api.send_text(admin, "Сайт, Авито\nЯндекс = yandex, я.директ")
    invites = await step(fake_api, 8)
    assert invites.text.count("https://t.me/iron_funnel_test_bot?start=") == 3
    press(fake_api, admin, invites, "Пропустить")
    summary = await fake_api.wait_for_message(ADMIN, contains="настроена")
    assert "Владивосток (Asia/Vladivostok)" in summary.text and "/setup" in summary.text

    fake_api.send_text(admin, "/schedule")
    schedule = await fake_api.wait_for_message(ADMIN, contains="Расписание")
    assert "Asia/Vladivostok" in schedule.text
    assert "Вечерний дайджест: 18:30, дни: пн, вт, ср, чт, пт" in schedule.text

    fake_api.send_text(admin, "/plan")
    team_plan = await fake_api.wait_for_message(ADMIN, contains="Дневной план")
    for line in ("звонки от 60 с: 80–100", "назначенные встречи: 3–5", "проведённые встречи: 3"):
        assert line in team_plan.text

    fake_api.send_text(admin, "/sources")
    listed = await fake_api.wait_for_message(ADMIN, contains="Источники лидов")
    for line in ("• Авито", "• Сайт", "• Яндекс (ещё: yandex, я.директ)"):
        assert line in listed.text

    fake_api.send_text(admin, "/start")  # the setup is done: no setup button any more
    again = await fake_api.wait_for_message(ADMIN, contains="Здравствуйте")
    assert not fake_api.buttons(again)

    assert await bot.terminate() == 0


async def test_an_abandoned_setup_resumes_after_a_restart(
    fake_api: FakeBotAPI, run_bot: RunBot, tmp_path
) -> None:
    db_path = tmp_path / "setup.db"
    bot = await run_bot(db_path=db_path)
    await bot.wait_ready()
    admin = fake_api.user(ADMIN, "Olga", username="olga", language_code="ru")
    await answer_up_to_the_plan(fake_api, admin)
    assert await bot.terminate() == 0  # left at the plan's question

    again = await run_bot(db_path=db_path)
    await again.wait_ready()
    fake_api.send_text(admin, "/setup")
    resumed = await fake_api.wait_for_message(ADMIN, contains="Продолжаем настройку")
    assert "шаг 6 из 8" in resumed.text and "Дневной план лидоруба" in resumed.text
    assert "Принять" in {b["text"] for b in fake_api.buttons(resumed)}

    fake_api.send_text(admin, "/schedule")
    schedule = await fake_api.wait_for_message(ADMIN, contains="Расписание")
    assert "Asia/Vladivostok" in schedule.text
    assert "Вечерний дайджест: 18:30, дни: пн, вт, ср, чт, пт" in schedule.text
    assert await again.terminate() == 0
