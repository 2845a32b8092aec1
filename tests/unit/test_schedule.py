"""When digests are due: each team at its own local time, DST included."""

from __future__ import annotations

import doctest
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bot.schedule
from bot.schedule import latest, next_due, trigger
from storage.models import Team


def team(zone: str = "Europe/Moscow", **changes: object) -> Team:
    values: dict = {
        "id": 1,
        "name": "Sales",
        "timezone": zone,
        "language": "ru",
        "workdays": (1, 2, 3, 4, 5),
        "digest_time": "19:00",
        "currency": "RUB",
        "manager_chat_id": None,
    }
    values.update(changes)
    return Team(**values)


def local(zone: str, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def test_doctests() -> None:
    assert doctest.testmod(bot.schedule).failed == 0


def test_two_zones_each_get_their_own_19_00() -> None:
    moscow, vladivostok = team("Europe/Moscow"), team("Asia/Vladivostok")
    morning = datetime(2026, 11, 27, 0, 0, tzinfo=UTC)  # Friday
    assert next_due(moscow, "day", morning) == local("Europe/Moscow", 2026, 11, 27, 19, 0)
    assert next_due(vladivostok, "day", morning) == local("Asia/Vladivostok", 2026, 11, 27, 19, 0)
    # 19:00 in Vladivostok (UTC+10) is 09:00 UTC; in Moscow (UTC+3) 16:00 UTC
    assert next_due(vladivostok, "day", morning).astimezone(UTC).hour == 9
    assert next_due(moscow, "day", morning).astimezone(UTC).hour == 16
    # at 12:00 UTC Vladivostok's digest is already due for today, Moscow's not yet
    noon = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    assert latest(vladivostok, "day", noon).period.start == date(2026, 11, 27)
    assert latest(moscow, "day", noon).period.start == date(2026, 11, 26)


def test_daylight_saving_keeps_local_19_00() -> None:
    berlin = team("Europe/Berlin")
    before = next_due(berlin, "day", datetime(2026, 3, 27, 0, 0, tzinfo=UTC))  # Friday, CET
    after = next_due(berlin, "day", datetime(2026, 3, 30, 0, 0, tzinfo=UTC))  # Monday, CEST
    assert before.astimezone(UTC) == datetime(2026, 3, 27, 18, 0, tzinfo=UTC)
    assert after.astimezone(UTC) == datetime(2026, 3, 30, 17, 0, tzinfo=UTC)
    assert latest(berlin, "day", datetime(2026, 3, 30, 17, 0, tzinfo=UTC)).at == after
    # autumn back: Monday 2026-10-26 19:00 CET is 18:00 UTC
    autumn = next_due(berlin, "day", datetime(2026, 10, 26, 0, 0, tzinfo=UTC))
    assert autumn.astimezone(UTC) == datetime(2026, 10, 26, 18, 0, tzinfo=UTC)


def test_evening_digest_only_on_working_days() -> None:
    sales = team()
    saturday = local("Europe/Moscow", 2026, 11, 28, 20, 0)
    assert latest(sales, "day", saturday).period.start == date(2026, 11, 27)
    assert next_due(sales, "day", saturday) == local("Europe/Moscow", 2026, 11, 30, 19, 0)
    six_days = team(workdays=(1, 2, 3, 4, 5, 6))
    assert latest(six_days, "day", saturday).period.start == date(2026, 11, 28)
    assert trigger(team(workdays=()), "day") is None
    assert latest(team(workdays=()), "day", saturday) is None


def test_weekly_and_monthly_cover_the_period_before() -> None:
    sales = team()
    monday = local("Europe/Moscow", 2026, 11, 30, 9, 0)
    week = latest(sales, "week", monday)
    assert (week.period.start, week.period.end) == (date(2026, 11, 23), date(2026, 11, 29))
    assert week.at == monday
    # a minute earlier, the latest weekly digest is the one of the Monday before
    assert latest(sales, "week", monday - timedelta(minutes=1)).period.start == date(2026, 11, 16)
    first = local("Europe/Moscow", 2026, 12, 1, 9, 0)
    month = latest(sales, "month", first + timedelta(hours=2))
    assert (month.period.start, month.period.end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert month.at == first
    assert next_due(sales, "month", first + timedelta(seconds=1)) == local(
        "Europe/Moscow", 2027, 1, 1, 9, 0
    )


def test_nudge_is_off_until_a_time_is_set() -> None:
    now = local("Europe/Moscow", 2026, 11, 27, 20, 0)
    assert trigger(team(), "nudge") is None
    assert latest(team(), "nudge", now) is None
    nudged = team(nudge_time="18:30")
    assert latest(nudged, "nudge", now).at == local("Europe/Moscow", 2026, 11, 27, 18, 30)


def test_unknown_kind_is_a_bug() -> None:
    with pytest.raises(ValueError):
        latest(team(), "year", datetime(2026, 11, 27, tzinfo=UTC))


ZONES = ["Europe/Moscow", "Asia/Vladivostok", "Europe/Berlin", "America/New_York", "UTC"]


@given(
    zone=st.sampled_from(ZONES),
    kind=st.sampled_from(["day", "week", "month", "nudge"]),
    start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31)),
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 15, 30, 59]),
    workdays=st.sets(st.integers(1, 7), min_size=1).map(lambda s: tuple(sorted(s))),
)
def test_the_cron_trigger_and_latest_agree(zone, kind, start, hour, minute, workdays) -> None:
    """Where APScheduler fires is exactly where ``latest`` says a digest was due."""
    clock = f"{hour:02d}:{minute:02d}"
    sales = team(zone, digest_time=clock, nudge_time=clock, workdays=workdays)
    fire = next_due(sales, kind, start.replace(tzinfo=UTC))
    assert fire is not None
    occurrence = latest(sales, kind, fire)
    assert occurrence is not None and occurrence.at == fire
    before = latest(sales, kind, fire - timedelta(seconds=1))
    assert before is None or before.at < fire
