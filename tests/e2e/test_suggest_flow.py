"""End to end: a head of sales imports 12 weeks of a rep's history as a CSV, asks the real
bot process for a suggested plan through the fake Bot API, and applies it with its
button; /plan then shows the plan the rule gives."""

from __future__ import annotations

import re
import statistics
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from .conftest import RunBot
from .fake_bot_api import FakeBotAPI

ADMIN, SDR = 111, 601
ZONE = "Europe/Moscow"
LINK = re.compile(r"start=([A-Za-z0-9_-]+)")


def twelve_weeks(today: date) -> list[date]:
    """The working days (Monday to Friday) of the 12 full ISO weeks before ``today``'s."""
    monday = today - timedelta(days=today.isoweekday() - 1)
    first = monday - timedelta(weeks=12)
    days = [first + timedelta(days=n) for n in range(84)]
    return [day for day in days if day.isoweekday() <= 5]


def calls_on(n: int) -> int:
    """Calls of 60 s+ on the n-th working day: a quiet day now and then."""
    return 0 if n % 9 == 4 else 40 + (n * 23) % 70


def history(today: date) -> tuple[bytes, list[int]]:
    """The CSV of the rep's calls, and the day values the rule should read from it."""
    rows = ["occurred_at,kind,person_id,duration_s,count,external_id"]
    values = []
    for n, day in enumerate(twelve_weeks(today)):
        values.append(calls_on(n))
        if calls_on(n):
            rows.append(f"{day}T10:30:00+03:00,call,{SDR},95,{calls_on(n)},c{n}")
        rows.append(f"{day}T16:00:00+03:00,call,{SDR},30,7,s{n}")  # short: never counted
    return ("\n".join(rows) + "\n").encode(), values


def the_rule(values: list[int]) -> tuple[int, int]:
    """The median and the 80th percentile (Python's inclusive quantiles), half up."""
    cuts = statistics.quantiles(values, n=100, method="inclusive")

    def half_up(value: float) -> int:
        return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    return half_up(cuts[49]), half_up(cuts[79])


async def test_a_suggested_plan_from_imported_history_is_applied_with_its_button(
    fake_api: FakeBotAPI, run_bot: RunBot
) -> None:
    bot = await run_bot(env={"TIMEZONE": ZONE})
    await bot.wait_ready()
    admin = fake_api.user(ADMIN, "Olga", language_code="en")
    fake_api.send_text(admin, "/start")
    await fake_api.wait_for_message(ADMIN, contains="Hi, Olga")

    fake_api.send_text(admin, "/invite sdr")
    created = await fake_api.wait_for_message(ADMIN, contains="start=")
    ivan = fake_api.user(SDR, "Ivan", username="ivan", language_code="ru")
    fake_api.send_text(ivan, f"/start {LINK.search(created.text).group(1)}")
    await fake_api.wait_for_message(SDR)

    today = datetime.now(ZoneInfo(ZONE)).date()
    data, values = history(today)
    fake_api.send_document(admin, data, "history.csv", caption="/import")
    await fake_api.wait_for_message(ADMIN, contains="Imported")

    fake_api.send_text(admin, "/setplan @ivan calls_60 suggest")
    reply = await fake_api.wait_for_message(ADMIN, contains="Suggested plan")
    lower, goal = the_rule(values)
    assert lower < goal  # a range, not one number: the sample was made to give one
    assert f"Ivan · calls of 60 s+ <b>{lower}–{goal}</b> a day" in reply.text
    assert f"the sample is {len(values)} working days" in reply.text

    before = await _plan(fake_api, admin)
    assert f"{lower}–{goal}" not in before
    apply = fake_api.find_button(reply, "Apply")
    fake_api.press_button(admin, reply, apply["callback_data"])
    await fake_api.wait_for_message(
        ADMIN, contains=f"Plan set: Ivan · calls of 60 s+ {lower}–{goal}"
    )
    assert fake_api.buttons(fake_api.message(ADMIN, reply.message["message_id"])) == []
    assert f"calls of 60 s+: {lower}–{goal} (personal)" in await _plan(fake_api, admin)
    assert await bot.terminate() == 0


async def _plan(fake_api: FakeBotAPI, admin: dict) -> str:
    fake_api.send_text(admin, "/plan @ivan")
    return (await fake_api.wait_for_message(ADMIN, contains="Daily plan of Ivan")).text
