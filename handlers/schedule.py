"""The team's schedule (managers): /schedule, /settime digest|nudge|pace, /timezone.

A change is committed, then the team's jobs are rescheduled at once (no restart).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import split_args
from bot.filters import IsManager
from bot.i18n import Texts
from bot.jobs import Jobs
from bot.schedule import next_due
from bot.settings import check_timezone, parse_hhmm, zone_name
from metrics.grammar import parse_switch
from storage.digest_runs import DigestRunsRepo
from storage.models import Team
from storage.repos import MembersRepo, TeamsRepo, utcnow
from storage.unit import UnitOfWork
from views.formatting import weekday_name, weekday_names

router = Router(name=__name__)
router.message.filter(IsManager())

WHAT = {
    "digest": "digest",
    "дайджест": "digest",
    "nudge": "nudge",
    "напоминание": "nudge",
    "напоминалка": "nudge",
    "pace": "pace",
    "темп": "pace",
}
RUN_MARKS = {"sent": "✅", "missed": "⏭", "failed": "❌", "interrupted": "⚠️", "sending": "⏳"}


def _when(team: Team, moment: datetime | None, texts: Texts) -> str:
    if moment is None:
        return texts("schedule_never")
    local = moment.astimezone(ZoneInfo(team.timezone))
    day = weekday_name(local.isoweekday(), texts.language)
    return f"{day} {local:%d.%m %H:%M}"


@router.message(Command("settime"))
async def set_time(
    message: Message,
    command: CommandObject,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    jobs: Jobs,
) -> None:
    words = split_args(command.args)
    what = WHAT.get(words[0].casefold()) if words else None
    value = words[1].casefold() if len(words) == 2 else None
    if what is None or value is None:
        await message.answer(texts("usage_settime"))
        return
    if what != "digest" and parse_switch(value) is False:
        async with uow.write() as conn:
            repo = TeamsRepo(conn)
            await (repo.set_nudge_time if what == "nudge" else repo.set_pace_time)(team.id, None)
        await jobs.reschedule(team.id)
        await message.answer(texts(f"settime_{what}_off"))
        return
    try:
        at = parse_hhmm(value).strftime("%H:%M")
    except ValueError:
        await message.answer(texts("settime_bad_time", value=words[1]))
        return
    async with uow.write() as conn:
        repo = TeamsRepo(conn)
        setter = {
            "digest": repo.set_digest_time,
            "nudge": repo.set_nudge_time,
            "pace": repo.set_pace_time,
        }[what]
        await setter(team.id, at)
        changed = await repo.get(team.id)
    assert changed is not None
    await jobs.reschedule(team.id)
    kind = "day" if what == "digest" else what
    await message.answer(
        texts(
            f"settime_{what}_done",
            team=team.name,
            time=at,
            zone=team.timezone,
            workdays=weekday_names(team.workdays, texts.language),
            next=_when(changed, next_due(changed, kind, utcnow()), texts),
        )
    )


@router.message(Command("timezone"))
async def set_timezone(
    message: Message,
    command: CommandObject,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    jobs: Jobs,
) -> None:
    words = split_args(command.args)
    if len(words) != 1:
        await message.answer(texts("usage_timezone", zone=team.timezone))
        return
    try:
        zone = check_timezone(zone_name(words[0]))
    except ValueError:
        await message.answer(texts("timezone_unknown", zone=words[0]))
        return
    async with uow.write() as conn:
        repo = TeamsRepo(conn)
        await repo.set_timezone(team.id, zone)
        changed = await repo.get(team.id)
    assert changed is not None
    await jobs.reschedule(team.id)
    now = utcnow()
    await message.answer(
        texts(
            "timezone_done",
            team=team.name,
            zone=zone,
            local=f"{now.astimezone(ZoneInfo(zone)):%H:%M}",
            time=changed.digest_time,
            next=_when(changed, next_due(changed, "day", now), texts),
        )
    )


@router.message(Command("schedule"))
async def show_schedule(message: Message, team: Team, texts: Texts, uow: UnitOfWork) -> None:
    now = utcnow()
    async with uow.read() as conn:
        managers = await MembersRepo(conn).managers(team.id)
        runs = await DigestRunsRepo(conn).recent(team.id)
    private = [m.display_name for m in managers if m.digest_private]
    lines = [
        texts(
            "schedule_title",
            team=team.name,
            zone=team.timezone,
            local=f"{now.astimezone(ZoneInfo(team.timezone)):%H:%M}",
        ),
        texts(
            "schedule_day",
            time=team.digest_time,
            workdays=weekday_names(team.workdays, texts.language),
            next=_when(team, next_due(team, "day", now), texts),
        ),
        texts(
            "schedule_week_month",
            week=_when(team, next_due(team, "week", now), texts),
            month=_when(team, next_due(team, "month", now), texts),
        ),
        texts("schedule_chat_set") if team.manager_chat_id else texts("schedule_chat_unset"),
        texts("schedule_private", names=", ".join(private))
        if private
        else texts("schedule_private_none"),
        texts("schedule_nudge", time=team.nudge_time)
        if team.nudge_time
        else texts("schedule_nudge_off"),
        texts("schedule_pace", time=team.pace_time)
        if team.pace_time
        else texts("schedule_pace_off"),
    ]
    if runs:
        lines.append(texts("schedule_runs"))
        for run in runs:
            lines.append(
                texts(
                    "schedule_run",
                    mark=RUN_MARKS.get(run.status, "•"),
                    kind=texts(f"run_kind_{run.kind}"),
                    period=run.period_start.strftime("%d.%m")
                    if run.period_start == run.period_end
                    else f"{run.period_start:%d.%m}–{run.period_end:%d.%m}",
                    status=texts(f"run_status_{run.status}"),
                    when=_when(team, run.finished_at or run.claimed_at, texts),
                )
            )
    await message.answer("\n".join(lines))
