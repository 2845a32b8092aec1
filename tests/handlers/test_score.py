"""The scorecard through the Dispatcher: /score, /setweight, the score's line in /today and
/week, and the digest's rep lines, in Russian and English.

The day of work (tests/handlers/conftest.py), Friday 27 November 2026, the article's SDR
plan (calls_60 80-100, meetings_set 3-5, meetings_held 3 a day):

- Ivan: 85 calls, 4 meetings set, 3 of them held. Today: (3 × 3/3 + 1 × 85/100 +
  1 × 4/5) / 5 = 0.93. This week (Mon-Fri so far, goals 500, 25, 15):
  (3 × 3/15 + 1 × 85/500 + 1 × 4/25) / 5 = 0.186.
- Oleg: 10 calls, 1 meeting set. Today: (0 + 0.1 + 0.2) / 5 = 0.06; this week
  (0 + 10/500 + 1/25) / 5 = 0.012.
- Petr: off today (no score today); nothing this week: 0.
- Anna (hunter) and Maria (farmer): no plan, so no score.
"""

from __future__ import annotations

import pytest
import time_machine

from tests.handlers.conftest import FRIDAY_EVENING, IVAN
from tests.support import factories as f

NBSP = "\xa0"


def ivan(language: str = "ru") -> dict:
    return f.user(IVAN, "Ivan", username="ivan", language_code=language)


def manager(language: str = "ru") -> dict:
    return f.user(111, "Olga", username="olga_head", language_code=language)


async def ask(chat, sender: dict, text: str) -> str:
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        reply = await chat.send(sender, text)
    assert reply is not None, text
    return reply


async def test_a_rep_sees_their_own_score_and_what_it_is_made_of(day_of_work):
    reply = await ask(day_of_work, ivan(), "/score")
    assert f"<b>Ivan</b> · 27.11.2026: оценка <b>93,0{NBSP}%</b>" in reply
    assert f"проведённые встречи: 100,0{NBSP}% цели (3 из 3) · вес 3" in reply
    assert f"звонки от 60 с: 85,0{NBSP}% цели (85 из 100) · вес 1" in reply
    assert f"назначенные встречи: 80,0{NBSP}% цели (4 из 5) · вес 1" in reply
    assert "не больше чем на 150" in reply
    week = await ask(day_of_work, ivan(), "/score неделя")
    assert f"оценка <b>18,6{NBSP}%</b>" in week
    assert f"проведённые встречи: 20,0{NBSP}% цели (3 из 15) · вес 3" in week


async def test_a_rep_sees_only_their_own_score(day_of_work):
    reply = await ask(day_of_work, ivan(), "/score @oleg")
    assert "свои цифры" in reply and "%" not in reply


async def test_a_manager_sees_another_members_score(day_of_work, admin):
    reply = await ask(day_of_work, admin, "/score неделя @oleg")
    assert f"<b>Oleg</b> · неделя 23.11–29.11.2026: оценка <b>1,2{NBSP}%</b>" in reply
    assert "Не нахожу «@nobody»" in await ask(day_of_work, admin, "/score @nobody")
    # a member without a plan: no score, said so, never 0 %
    anna = await ask(day_of_work, admin, "/score @anna")
    assert "Anna · 27.11.2026: плана нет, поэтому нет и оценки" in anna and "%" not in anna
    petr = await ask(day_of_work, admin, "/score @petr")
    assert "Petr: сегодня нерабочий день, оценки нет." in petr


async def test_a_manager_sees_every_rep_with_a_plan_best_first(day_of_work, admin):
    reply = await ask(day_of_work, admin, "/score")
    lines = reply.splitlines()
    assert lines[0] == "<b>Оценки сотрудников</b> · 27.11.2026, лучшие сверху:"
    assert lines[1:4] == [
        f"1. Ivan — <b>93,0{NBSP}%</b>",
        f"2. Oleg — <b>6,0{NBSP}%</b>",
        "Petr — выходной",  # a plan, but no score on his day off: after those with one
    ]
    assert "Anna" not in reply and "Maria" not in reply  # no plan
    week = (await ask(day_of_work, admin, "/score week")).splitlines()
    assert week[1:4] == [
        f"1. Ivan — <b>18,6{NBSP}%</b>",
        f"2. Oleg — <b>1,2{NBSP}%</b>",
        f"3. Petr — <b>0,0{NBSP}%</b>",
    ]


async def test_a_rep_who_opted_out_is_not_in_the_list_but_keeps_their_score(day_of_work, admin):
    """The list best first is a ranking: /optout takes Ivan out of it; his own /score and
    a manager's /score @ivan still show it."""
    await ask(day_of_work, ivan(), "/optout")
    lines = (await ask(day_of_work, admin, "/score")).splitlines()
    assert lines[1:3] == [f"1. Oleg — <b>6,0{NBSP}%</b>", "Petr — выходной"]
    assert "Ivan" not in "\n".join(lines)
    assert f"оценка <b>93,0{NBSP}%</b>" in await ask(day_of_work, ivan(), "/score")
    assert f"оценка <b>93,0{NBSP}%</b>" in await ask(day_of_work, admin, "/score @ivan")


async def test_score_in_english(day_of_work, admin):
    await day_of_work.send(admin, "/lang en")
    reply = await ask(day_of_work, admin, "/score week")
    assert "<b>Reps' scores</b> · week of 2026-11-23, best first:" in reply
    assert "1. Ivan — <b>18.6%</b>" in reply
    own = await ask(day_of_work, ivan("en"), "/score")
    assert "<b>Ivan</b> · 2026-11-27: score <b>93.0%</b>" in own
    assert "calls of 60 s+: 85.0% of the goal (85 of 100) · weight 1" in own
    anna = await ask(day_of_work, admin, "/score @anna")
    assert "no plan, so no score" in anna


@pytest.mark.parametrize("asked", ["/score прошлая неделя", "/score 2026-11", "/score year"])
async def test_only_the_current_day_week_or_month(day_of_work, admin, asked):
    assert "Примеры: /score" in await ask(day_of_work, admin, asked)


async def test_no_plan_for_anyone(chat, admin):
    await chat.send(admin, "/start")
    await chat.add_member(IVAN, "Ivan", {"hunter"}, username="ivan")
    reply = await ask(chat, admin, "/score")
    assert "ни у кого из сотрудников нет плана" in reply and "%" not in reply


async def test_setweight_shows_the_weights_in_force(day_of_work, admin):
    reply = await ask(day_of_work, admin, "/setweight")
    for role in ("<b>лидоруб</b>", "<b>хантер</b>", "<b>фермер</b>"):
        assert role in reply
    assert "\nпроведённые встречи: 3\nзвонки от 60 с: 1\n" in reply
    assert "\nвыручка повторных продаж: 3\n" in reply
    sdr = await ask(day_of_work, admin, "/setweight лидоруб")
    assert "<b>лидоруб</b>" in sdr and "<b>хантер</b>" not in sdr


async def test_setweight_changes_the_score(day_of_work, admin):
    reply = await ask(day_of_work, admin, "/setweight sdr звонки 2")
    assert reply == "Вес задан: лидоруб · звонки от 60 с — 2 (был 1)."
    assert "звонки от 60 с: 2 (задан руководителем)" in await ask(
        day_of_work, admin, "/setweight sdr"
    )
    # Ivan today: (3 × 1 + 2 × 0.85 + 1 × 0.8) / 6 = 0.9167
    assert f"оценка <b>91,7{NBSP}%</b>" in await ask(day_of_work, ivan(), "/score")
    # a decimal comma; and 0 leaves the metric out
    assert "— 1,5 (был 2)" in await ask(day_of_work, admin, "/setweight sdr calls_60 1,5")
    zero = await ask(day_of_work, admin, "/setweight sdr calls_60 0")
    assert "в оценке этот показатель не учитывается" in zero
    # Ivan without the calls: (3 × 1 + 1 × 0.8) / 4 = 0.95
    own = await ask(day_of_work, ivan(), "/score")
    assert f"оценка <b>95,0{NBSP}%</b>" in own and "звонки" not in own


async def test_setweight_in_english_takes_a_decimal_point(day_of_work, admin):
    await day_of_work.send(admin, "/lang en")
    reply = await ask(day_of_work, admin, "/setweight hunter proposals 0.5")
    assert reply == "Weight set: hunter (closer) · proposals sent — 0.5 (was 1)."
    error = await ask(day_of_work, admin, "/setweight hunter proposals 12")
    assert 'The weight "12" is out of range: from 0 to 10.' in error
    assert "Examples: /setweight" in error


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/setweight boss calls_60 2", "«boss» — не роль продавца"),
        ("/setweight manager calls_60 2", "«manager» — не роль продавца"),
        ("/setweight boss", "«boss» — не роль продавца"),
        (
            "/setweight hunter calls_60 2",
            "хантер: у «calls_60» нет плана для этой роли, поэтому и веса нет. Можно: "
            "payments_as_hunter, meetings_held_as_hunter, revenue_as_hunter, proposals.",
        ),
        ("/setweight sdr calls_60 11", "Вес «11» вне пределов: можно от 0 до 10."),
        ("/setweight sdr calls_60 -1", "Вес «-1» вне пределов"),
        ("/setweight sdr calls_60 много", "«много» — не вес: пишите число от 0 до 10"),
        ("/setweight sdr calls_60", "Примеры: /setweight"),
    ],
)
async def test_bad_weights_change_nothing(day_of_work, admin, command, expected):
    reply = await ask(day_of_work, admin, command)
    assert expected in reply
    assert "Примеры: /setweight sdr calls_60 2" in reply
    shown = await ask(day_of_work, admin, "/setweight")
    assert "(задан руководителем)" not in shown and "звонки от 60 с: 1\n" in shown


async def test_setweight_is_for_managers(day_of_work):
    reply = await ask(day_of_work, ivan(), "/setweight sdr calls_60 5")
    assert "Это может только руководитель" in reply


async def test_today_and_week_show_the_score_line(day_of_work, admin):
    today = await ask(day_of_work, ivan(), "/today")
    assert f"Оценка: <b>93,0{NBSP}%</b> · подробно: /score\n" in today
    week = await ask(day_of_work, ivan(), "/week")
    assert f"Оценка: <b>18,6{NBSP}%</b> · подробно: /score неделя" in week
    month = await ask(day_of_work, ivan("en"), "/month")
    assert "Score: <b>" in month and "details: /score month" in month
    # on a day off: no plan, no score line
    petr = await ask(day_of_work, admin, "/today @petr")
    assert "Оценка" not in petr


async def test_the_digests_rep_lines_carry_the_score(day_of_work, admin):
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        await day_of_work.send(admin, "/digest")
    text = "\n".join(r.text for r in day_of_work.bot.sent(admin["id"]) if r.text)
    assert f"назначенные встречи 4 из 3–5 · оценка 93,0{NBSP}%\n" in text
    assert f"звонки от 60 с 10 из 80–100 · назначенные встречи 1 из 3–5 · оценка 6,0{NBSP}%" in (
        text
    )
    assert "Anna: оплаты (хантер) 1 · проведённые встречи (хантер) 3 · без плана" in text
    assert "⚪ Petr: выходной" in text  # his line unchanged: a day off, no numbers
    await day_of_work.send(admin, "/lang en")
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        await day_of_work.send(admin, "/digest")
    text = "\n".join(r.text for r in day_of_work.bot.sent(admin["id"]) if r.text)
    assert "meetings set 4 of 3–5 · score 93.0%" in text
    assert "· no plan" in text
