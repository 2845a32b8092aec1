"""Scheduled digests with controlled time: exactly once, catch-up, missed, 429, 403, nudges.

The clock of :class:`Jobs` and of its delivery is controlled by the test, so nothing waits
for real; one test lets the real AsyncIOScheduler fire with time-machine.
"""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
import time_machine
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.methods import SendMessage
from apscheduler.events import EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from matplotlib.image import imread

from bot.jobs import Jobs
from storage.db import is_sqlite
from storage.repos import MembersRepo, TeamsRepo
from storage.tables import digest_runs, teams
from tests.conftest import ADMIN_ID
from tests.support import factories as f
from tests.support.fake_time import FakeTime

GROUP = -100777
FRIDAY_19 = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # 19:00 in Moscow
SERGEY = 806
METHOD = SendMessage(chat_id=GROUP, text="x")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def office(day_of_work):
    """The day of work, a team created on Tuesday (so last week and last month are not
    owed), and its group chat set."""
    async with day_of_work.db.transaction() as conn:
        await conn.execute(teams.update().values(created_at=datetime(2026, 11, 24, tzinfo=UTC)))
        await TeamsRepo(conn).set_manager_chat(day_of_work.team.id, GROUP)
    return day_of_work


def make_jobs(chat, now: datetime, fake: FakeTime | None = None) -> tuple[Jobs, Clock]:
    """A Jobs as a (re)started bot process would have, at ``now``."""
    clock = Clock(now)
    jobs = Jobs(AsyncIOScheduler(), chat.db, chat.dp["settings"], clock=clock)
    fake = fake or FakeTime()
    jobs.attach(chat.bot, clock=fake.clock, sleep=fake.sleep)
    return jobs, clock


async def runs(chat) -> list[tuple]:
    async with chat.db.read() as conn:
        rows = await conn.execute(
            sa.select(digest_runs.c.kind, digest_runs.c.period_start, digest_runs.c.status)
        )
        return [tuple(row) for row in rows]


def group_texts(chat) -> list[str]:
    return chat.bot.texts_to(GROUP)


def digests_in(texts: list[str]) -> int:
    return sum("Вечерний дайджест" in text for text in texts)


async def test_evening_digest_reaches_the_team_chat_exactly_once(office):
    jobs, clock = make_jobs(office, FRIDAY_19)
    assert await jobs.fire(office.team.id, "day") == "sent"
    text = "\n".join(group_texts(office))
    assert "Вечерний дайджест · Отдел продаж" in text
    assert (
        "🟢 Ivan: проведённые встречи 3 из 3 · звонки от 60 с 85 из 80–100 · "
        "назначенные встречи 4 из 3–5" in text
    )
    assert "🔴 Oleg: проведённые встречи 0 из 3 · звонки от 60 с 10 из 80–100" in text
    assert "⚪ Petr: выходной" in text
    assert "<b>Команда</b>: 3 проведённые встречи из 6 · 1 оплата · выручка 100\xa0000\xa0₽" in text
    # the charts as one album after the text: the funnel and the plan-vs-fact page
    (album,) = office.bot.sent(GROUP, method="sendMediaGroup")
    assert album.media[0].caption == "Отдел продаж · 27.11.2026: воронка и план/факт"
    assert len(album.media) == 2
    for photo in album.media:
        assert imread(io.BytesIO(photo.media.data)).shape[1] == 1280
    assert office.bot.sent(GROUP, method="sendPhoto") == []
    # the same job again, and the periodic catch-up: nothing more
    clock.now += timedelta(seconds=1)
    assert await jobs.fire(office.team.id, "day") == "skipped"
    assert await jobs.catch_up() == {}
    assert digests_in(group_texts(office)) == 1
    assert await runs(office) == [("day", datetime(2026, 11, 27).date(), "sent")]
    # managers did not ask for private copies
    assert digests_in(office.bot.texts_to(ADMIN_ID)) == 0


async def test_restart_at_19_00_30_after_the_digest_was_sent_sends_nothing(office):
    first, _ = make_jobs(office, FRIDAY_19)
    assert await first.fire(office.team.id, "day") == "sent"
    await first.stop()  # SIGTERM: the lease is handed over
    restarted, _ = make_jobs(office, FRIDAY_19 + timedelta(seconds=30))
    await restarted.start(office.bot)
    assert await restarted.catch_up() == {}
    assert restarted.leader  # it did look, and found the digest in the ledger
    assert digests_in(group_texts(office)) == 1
    assert restarted.scheduler.get_job(f"team:{office.team.id}:day") is not None


async def test_down_from_18_50_to_19_40_the_digest_comes_at_start_up(office):
    jobs, _ = make_jobs(office, FRIDAY_19 + timedelta(minutes=40))
    await jobs.start(office.bot)
    assert await jobs.catch_up() == {(office.team.id, "day"): "sent"}
    assert digests_in(group_texts(office)) == 1
    assert ("day", datetime(2026, 11, 27).date(), "sent") in await runs(office)


async def test_down_until_23_00_the_digest_is_recorded_as_missed(office, admin):
    jobs, _ = make_jobs(office, FRIDAY_19 + timedelta(hours=4))
    assert await jobs.catch_up() == {(office.team.id, "day"): "missed"}
    assert digests_in(group_texts(office)) == 0
    assert ("day", datetime(2026, 11, 27).date(), "missed") in await runs(office)
    # missed stays missed: a later catch-up does not send it either
    assert await jobs.catch_up() == {}
    with time_machine.travel(FRIDAY_19 + timedelta(hours=4), tick=False):
        reply = await office.send(admin, "/schedule")
    assert "вечерний дайджест 27.11: пропущен (бот не работал)" in reply


async def test_a_new_team_is_not_owed_the_digests_before_it_existed(office):
    async with office.db.transaction() as conn:
        await conn.execute(teams.update().values(created_at=FRIDAY_19 + timedelta(minutes=5)))
    jobs, _ = make_jobs(office, FRIDAY_19 + timedelta(minutes=40))
    assert await jobs.catch_up() == {}
    assert await runs(office) == []


async def test_a_failed_digest_is_retried_within_the_grace_window(office):
    office.bot.session.fail_next("sendMessage", TelegramBadRequest(METHOD, "chat not found"))
    jobs, clock = make_jobs(office, FRIDAY_19)
    assert await jobs.fire(office.team.id, "day") == "failed"
    assert await runs(office) == [("day", datetime(2026, 11, 27).date(), "failed")]
    clock.now += timedelta(minutes=5)
    assert await jobs.catch_up() == {(office.team.id, "day"): "sent"}
    assert digests_in(group_texts(office)) == 2  # the refused attempt, then the digest
    assert len(office.bot.sent(GROUP, method="sendMediaGroup")) == 1
    assert await runs(office) == [("day", datetime(2026, 11, 27).date(), "sent")]


async def test_flood_control_waits_retry_after_and_sends_once(office):
    office.bot.session.fail_next(
        "sendMessage", TelegramRetryAfter(METHOD, "Too Many Requests", 2), chat_id=GROUP
    )
    fake = FakeTime()
    jobs, _ = make_jobs(office, FRIDAY_19, fake)
    assert await jobs.fire(office.team.id, "day") == "sent"
    assert 2 in fake.sleeps
    assert digests_in(group_texts(office)) == 2  # the refused attempt is recorded too
    delivered = [r for r in office.bot.sent(GROUP) if "Вечерний дайджест" in r.text]
    assert len(delivered) == 2 and delivered[0].text == delivered[1].text
    assert len(office.bot.sent(GROUP, method="sendMediaGroup")) == 1


async def test_a_manager_who_blocked_the_bot_is_marked_and_the_group_still_gets_it(office, admin):
    await office.send(admin, "/digest me")
    office.bot.session.fail_next(
        "sendMessage", TelegramForbiddenError(METHOD, "bot was blocked by the user"), ADMIN_ID
    )
    before = len(office.bot.sent(ADMIN_ID))
    jobs, clock = make_jobs(office, FRIDAY_19)
    assert await jobs.fire(office.team.id, "day") == "sent"
    assert digests_in(group_texts(office)) == 1
    manager = await office.member(ADMIN_ID)
    assert manager.unreachable_at is not None
    # the next evening's digest does not try the blocked chat again
    clock.now += timedelta(days=3)  # Monday 19:00
    assert await jobs.fire(office.team.id, "day") == "sent"
    assert len(office.bot.sent(ADMIN_ID)) == before + 1  # only the refused attempt
    # writing to the bot again makes them reachable
    await office.send(admin, "/help")
    assert (await office.member(ADMIN_ID)).unreachable_at is None


async def test_private_copies_and_no_team_chat(office, admin):
    assert "лично" in await office.send(admin, "/digest me")
    jobs, clock = make_jobs(office, FRIDAY_19)
    assert await jobs.fire(office.team.id, "day") == "sent"
    assert digests_in(office.bot.texts_to(ADMIN_ID)) == 1
    assert digests_in(group_texts(office)) == 1
    assert "больше не приходят" in await office.send(admin, "/digest me off")
    assert "/digest me" in await office.send(admin, "/digest me please")
    # without a team chat, the managers get it privately
    async with office.db.transaction() as conn:
        await TeamsRepo(conn).set_manager_chat(office.team.id, None)
    clock.now += timedelta(days=3)
    assert await jobs.fire(office.team.id, "day") == "sent"
    assert digests_in(office.bot.texts_to(ADMIN_ID)) == 2


async def test_weekly_and_monthly_digests_compare_with_the_period_before(office):
    monday_9 = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    jobs, clock = make_jobs(office, monday_9)
    assert await jobs.fire(office.team.id, "week") == "sent"
    text = "\n".join(group_texts(office))
    assert "Итоги недели · Отдел продаж" in text and "Для сравнения," in text
    clock.now = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    assert await jobs.fire(office.team.id, "month") == "sent"
    assert any("Итоги месяца · Отдел продаж</b> · ноябрь 2026" in t for t in group_texts(office))


MONDAY_9 = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # 09:00 in Moscow: the weekly digest
DECEMBER_1_9 = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)  # the monthly digest


@pytest.mark.parametrize(
    ("kind", "previewed", "due", "title"),
    [
        # at the very moment the weekly digest of the week before is sent
        ("week", MONDAY_9, MONDAY_9, "23.11–29.11.2026"),
        # on Wednesday the last full week is still that one, not the running week
        ("week", datetime(2026, 12, 2, 9, 0, tzinfo=UTC), MONDAY_9, "23.11–29.11.2026"),
        # an hour before Monday's digest: the week it is about to send
        ("week", MONDAY_9 - timedelta(hours=1), MONDAY_9, "23.11–29.11.2026"),
        ("month", DECEMBER_1_9, DECEMBER_1_9, "ноябрь 2026"),
    ],
)
async def test_digest_preview_is_exactly_what_the_scheduled_digest_sends(
    office, admin, kind, previewed, due, title
):
    before = len(office.bot.requests)
    with time_machine.travel(previewed, tick=False):
        await office.send(admin, f"/digest {kind}")
    preview = [r for r in office.bot.requests[before:] if int(r.chat_id) == ADMIN_ID]
    jobs, _ = make_jobs(office, due)
    assert await jobs.fire(office.team.id, kind) == "sent"
    sent = [r for r in office.bot.requests[before:] if int(r.chat_id) == GROUP]

    def texts_of(requests):
        return [r.text for r in requests if r.__api_method__ == "sendMessage"]

    def albums_of(requests):
        return [
            [(photo.media.data, photo.caption) for photo in r.media]
            for r in requests
            if r.__api_method__ == "sendMediaGroup"
        ]

    assert texts_of(preview) == texts_of(sent)
    assert albums_of(preview) == albums_of(sent)
    # the funnel and plan vs fact; a week's digest ends with the 12-week trend
    assert [len(album) for album in albums_of(sent)] == [3 if kind == "week" else 2]
    text = "\n".join(texts_of(preview))
    assert title in text.splitlines()[0]
    # the whole week or month (the day of work is in it) against the one before
    assert "<b>Команда</b>: 3 проведённые встречи" in text
    assert "Для сравнения," in text and "-" not in text.split("Для сравнения,")[1].split("\n")[0]


async def test_the_nudge_reaches_only_reps_at_work_who_logged_nothing(office, admin):
    await office.add_member(SERGEY, "Sergey", {"sdr"}, username="sergey")
    with time_machine.travel(FRIDAY_19 - timedelta(hours=1), tick=False):
        reply = await office.send(admin, "/settime nudge 18:30")
    assert "18:30" in reply and "пт 27.11 18:30" in reply
    jobs, _ = make_jobs(office, FRIDAY_19 - timedelta(minutes=30))
    assert await jobs.fire(office.team.id, "nudge") == "sent"
    nudged = {
        int(r.chat_id) for r in office.bot.sent() if "пока нет ни одной записи" in (r.text or "")
    }
    assert nudged == {SERGEY}  # Petr is off, the others logged work, managers are not reps
    assert await jobs.fire(office.team.id, "nudge") == "skipped"
    assert "выключено" in await office.send(admin, "/settime nudge off")
    assert office.dp["jobs"].scheduler.get_job(f"team:{office.team.id}:nudge") is None


async def test_nudge_is_off_by_default(office):
    jobs, _ = make_jobs(office, FRIDAY_19)
    await jobs.sync()
    assert jobs.scheduler.get_job(f"team:{office.team.id}:nudge") is None
    assert jobs.scheduler.get_job(f"team:{office.team.id}:day") is not None


async def test_changing_time_and_zone_reschedules_without_a_restart(office, admin):
    jobs = office.dp["jobs"]
    await jobs.sync()
    job_id = f"team:{office.team.id}:day"
    with time_machine.travel(FRIDAY_19 - timedelta(hours=3), tick=False):
        reply = await office.send(admin, "/settime digest 20:30")
    assert "20:30 (Europe/Moscow)" in reply and "пт 27.11 20:30" in reply
    trigger = jobs.scheduler.get_job(job_id).trigger
    assert "hour='20'" in str(trigger) and "minute='30'" in str(trigger)
    assert str(trigger.timezone) == "Europe/Moscow"
    with time_machine.travel(FRIDAY_19 - timedelta(hours=3), tick=False):
        reply = await office.send(admin, "/timezone asia/vladivostok")
    assert "Asia/Vladivostok" in reply
    assert str(jobs.scheduler.get_job(job_id).trigger.timezone) == "Asia/Vladivostok"
    async with office.db.read() as conn:
        team = await TeamsRepo(conn).get(office.team.id)
    assert (team.timezone, team.digest_time) == ("Asia/Vladivostok", "20:30")


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("/settime digest 25:00", "не время суток"),
        ("/settime lunch 13:00", "/settime digest 19:00"),
        ("/settime", "/settime digest 19:00"),
        ("/timezone Mars/Olympus", "Не знаю часовой пояс «Mars/Olympus»"),
        ("/timezone", "/timezone Europe/Moscow"),
    ],
)
async def test_bad_schedule_input_is_explained_and_changes_nothing(office, admin, command, answer):
    reply = await office.send(admin, command)
    assert answer in reply
    async with office.db.read() as conn:
        team = await TeamsRepo(conn).get(office.team.id)
    assert (team.timezone, team.digest_time, team.nudge_time) == ("Europe/Moscow", "19:00", None)


async def test_schedule_commands_are_for_managers(office):
    ivan = f.user(801, "Ivan", username="ivan")
    assert "только руководител" in await office.send(ivan, "/settime digest 10:00")
    assert "только руководител" in await office.send(ivan, "/schedule")


async def test_the_real_scheduler_fires_at_19_00_moscow(office):
    """APScheduler itself, on a clock moved to a second before 19:00 in Moscow."""
    fake = FakeTime()
    scheduler = AsyncIOScheduler()
    jobs = Jobs(scheduler, office.db, office.dp["settings"])
    jobs.attach(office.bot, clock=fake.clock, sleep=fake.sleep)
    fired = asyncio.Event()
    day_job = f"team:{office.team.id}:day"

    def on_executed(event: JobExecutionEvent) -> None:
        if event.job_id == day_job:
            outcome.append(event.retval)
            fired.set()

    outcome: list[str] = []
    scheduler.add_listener(on_executed, EVENT_JOB_EXECUTED)
    with time_machine.travel(FRIDAY_19 - timedelta(seconds=0.5), tick=True):
        await jobs.sync()
        scheduler.start()
        try:
            async with asyncio.timeout(10):
                await fired.wait()
        finally:
            scheduler.shutdown(wait=False)
    assert outcome == ["sent"]
    assert digests_in(group_texts(office)) == 1
    assert await runs(office) == [("day", datetime(2026, 11, 27).date(), "sent")]


async def test_unreachable_members_get_no_nudge(office, admin):
    await office.add_member(SERGEY, "Sergey", {"sdr"}, username="sergey")
    async with office.db.transaction() as conn:
        await MembersRepo(conn).mark_unreachable(SERGEY, FRIDAY_19)
        await TeamsRepo(conn).set_nudge_time(office.team.id, "18:30")
    jobs, _ = make_jobs(office, FRIDAY_19)
    assert await jobs.fire(office.team.id, "nudge") == "sent"
    assert office.bot.texts_to(SERGEY) == []


async def test_pace_alert_tells_managers_who_is_behind_the_days_pace(office, admin):
    with time_machine.travel(FRIDAY_19 - timedelta(hours=8), tick=False):
        reply = await office.send(admin, "/settime pace 13:00")
    assert "13:00 (Europe/Moscow)" in reply and "пт 27.11 13:00" in reply
    assert office.dp["jobs"].scheduler.get_job(f"team:{office.team.id}:pace") is not None
    before = len(office.bot.sent(ADMIN_ID))
    jobs, _ = make_jobs(office, FRIDAY_19 - timedelta(hours=6))  # 13:00 in Moscow
    assert await jobs.fire(office.team.id, "pace") == "sent"
    (alert,) = [r.text for r in office.bot.sent(ADMIN_ID)[before:]]
    assert "Темп на 13:00" in alert and "40,0\xa0% дневного плана" in alert
    # 13:00 of 09:00-19:00: 40 % of 80 calls, of 3 set, of 3 held
    assert (
        "🔴 Oleg: проведённые встречи 0 из ~1,2 · звонки от 60 с 10 из ~32 · "
        "назначенные встречи 1 из ~1,2" in alert
    )
    assert "Ivan" not in alert and "Petr" not in alert  # on pace; off today
    assert group_texts(office) == []  # never in the group
    assert await jobs.fire(office.team.id, "pace") == "skipped"
    assert "выключена" in await office.send(admin, "/settime pace off")
    assert office.dp["jobs"].scheduler.get_job(f"team:{office.team.id}:pace") is None


async def test_no_pace_alert_when_everybody_keeps_pace(office, admin):
    async with office.db.transaction() as conn:
        await TeamsRepo(conn).set_pace_time(office.team.id, "09:00")
    before = len(office.bot.sent(ADMIN_ID))
    jobs, _ = make_jobs(office, FRIDAY_19 - timedelta(hours=10))  # 09:00: nothing is due yet
    assert await jobs.fire(office.team.id, "pace") == "sent"
    assert office.bot.sent(ADMIN_ID)[before:] == []


async def test_the_evening_digest_run_tells_managers_about_unmatched_calls(office):
    from dataclasses import dataclass

    from storage import feeds

    @dataclass(frozen=True)
    class Call:
        external_id: str
        agent: str = "109"
        provider: str = "mango"
        occurred_at: datetime = FRIDAY_19 - timedelta(hours=2)
        duration_s: int = 80
        direction: str = "out"
        source: str | None = None
        client: str | None = None

    async with office.db.transaction() as conn:
        await feeds.ingest_calls(conn, office.team, [Call("u1"), Call("u2")])
    jobs, _ = make_jobs(office, FRIDAY_19)
    assert await jobs.fire(office.team.id, "day") == "sent"
    (report,) = [t for t in office.bot.texts_to(ADMIN_ID) if "События без сотрудника" in t]
    assert "109 · mango: 2 звонка (27.11)" in report and "/link @имя 109" in report
    assert not any("События без сотрудника" in t for t in group_texts(office))


async def test_of_two_instances_only_the_lease_holder_sends(office):
    """Two bot instances on one database: one digest; the leader dies, the other takes
    over within a minute and sends what is owed."""
    a, a_clock = make_jobs(office, FRIDAY_19 - timedelta(seconds=10))
    b, b_clock = make_jobs(office, FRIDAY_19)
    await a.keep_lease()  # A renews its lease at 18:59:50 ...
    assert a.leader
    # ... and dies. At 19:00 B's cron job fires, but A's lease has not expired yet.
    assert await b.fire(office.team.id, "day") == "not leader"
    assert digests_in(group_texts(office)) == 0
    b_clock.now = FRIDAY_19 + timedelta(seconds=45)  # B's next lease check, 15 s later
    await b.keep_lease()
    assert b.leader
    assert digests_in(group_texts(office)) == 1  # B caught up as it took over
    # A comes back (a restart with the same holder is impossible; a new process): B leads
    a_clock.now = FRIDAY_19 + timedelta(minutes=1)
    assert await a.fire(office.team.id, "day") == "not leader"
    # Monday: B sends the next one, exactly once
    b_clock.now = FRIDAY_19 + timedelta(days=3)
    assert await b.fire(office.team.id, "day") == "sent"
    assert digests_in(group_texts(office)) == 2


async def test_a_digest_cut_off_by_a_crash_is_marked_interrupted_not_resent(office):
    from storage.digest_runs import DigestRunsRepo

    async with office.db.transaction() as conn:  # the dead process had claimed it
        await DigestRunsRepo(conn).claim(
            office.team.id,
            "day",
            (FRIDAY_19.date(), FRIDAY_19.date()),
            FRIDAY_19,
            FRIDAY_19 + timedelta(seconds=1),
        )
    jobs, _ = make_jobs(office, FRIDAY_19 + timedelta(minutes=2))
    bystander, _ = make_jobs(office, FRIDAY_19 + timedelta(minutes=2))
    assert await jobs.lead()
    assert not await bystander.lead()  # a second instance starting: leaves the row alone
    assert await runs(office) == [("day", FRIDAY_19.date(), "interrupted")]
    assert await jobs.catch_up() == {}
    assert digests_in(group_texts(office)) == 0


async def test_the_lease_job_and_the_catch_up_asking_at_once_agree(office):
    jobs, _ = make_jobs(office, FRIDAY_19)
    results = await asyncio.gather(*(jobs.lead() for _ in range(5)))
    assert results == [True] * 5 and jobs.leader


@pytest.mark.parametrize(
    ("backup_dir", "keep", "scheduled"),
    [(None, 7, False), ("backups", 0, False), ("backups", 3, True)],
)
async def test_the_nightly_backup_runs_only_when_backup_dir_is_set(
    office, tmp_path, backup_dir, keep, scheduled
):
    settings = office.dp["settings"].model_copy(
        update={
            "backup_dir": str(tmp_path / backup_dir) if backup_dir else None,
            "backup_keep": keep,
        }
    )
    jobs = Jobs(AsyncIOScheduler(), office.db, settings, clock=Clock(FRIDAY_19))
    jobs.attach(office.bot)
    await jobs.start(office.bot)
    assert (jobs.scheduler.get_job("nightly_backup") is not None) is scheduled
    written = await jobs.nightly_backup()
    if not scheduled or not is_sqlite(settings.database_url):
        assert written is None
    else:
        assert written is not None and written.parent == tmp_path / "backups"
        assert written.stat().st_size > 0
