"""Plans: /plan, /today, /week, /month for everyone; /setplan, /workdays, /dayoff for managers."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import Problem, parse_role, split_args
from bot.filters import IsManager, IsMember
from bot.i18n import Html, Texts
from bot.settings import Settings
from metrics.periods import Period, PeriodError, resolve_period
from metrics.plans import (
    ROLE_ORDER,
    PlanError,
    PlanRule,
    parse_target,
    parse_weekday,
    parse_weekdays,
)
from metrics.registry import metric_named
from services.clock import Now
from services.empty import empty_state, is_rep, subject_logged_nothing
from services.members import MemberNotFound, member_named
from services.plans import plan_in_force, plannable_for, progress, set_plan_rule
from services.score import progress_score
from services.subjects import TEAM, Subject
from storage.models import Member, Team
from storage.plans import PlansRepo
from storage.repos import TeamsRepo
from storage.unit import UnitOfWork
from views.empty import empty_text
from views.formatting import weekday_names
from views.plans import plan_text, progress_text, setplan_done

router = Router(name=__name__)
router.message.filter(IsMember())


async def _member_named(uow: UnitOfWork, team: Team, query: str, texts: Texts) -> Member:
    try:
        async with uow.read() as conn:
            return await member_named(conn, team, query)
    except MemberNotFound:
        raise Problem(texts("member_not_found", query=query[:60])) from None


@router.message(Command("plan"))
async def show_plan(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
) -> None:
    try:
        whom: Member | None = member
        if command.args:
            whom = await _member_named(uow, team, command.args, texts)
        elif member.is_manager and not member.roles & set(ROLE_ORDER):
            whom = None  # a manager without a rep role: the team's plan
    except Problem as problem:
        await message.answer(problem.text)
        return
    await message.answer(plan_text(await plan_in_force(uow, team, whom), team, texts))


async def _progress(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
    kind: str,
) -> None:
    """Fact vs plan so far for a day, week or month: /today, /week, /month [@member]."""
    whom = member
    if command.args:
        if not member.is_manager:
            await message.answer(texts("only_own_numbers"))
            return
        try:
            whom = await _member_named(uow, team, command.args, texts)
        except Problem as problem:
            await message.answer(problem.text)
            return
    today = Now.for_team(team).today
    if whom.id == member.id and not is_rep(member):  # a manager's own: the team's numbers
        period = Period.containing(today, kind)
        if await subject_logged_nothing(uow, team, TEAM, period, settings):
            state = await empty_state(uow, team, member, TEAM, period)
            await message.answer(empty_text(state, texts))
        else:
            await message.answer(texts("today_manager"))
        return
    found = await progress(uow, team, whom, kind, today, settings)
    empty = None
    if found.nothing_logged:
        asked = Subject("member", member=whom)
        empty = await empty_state(uow, team, member, asked, found.period)
    score = await progress_score(uow, team, found)
    await message.answer(progress_text(found, team, texts, empty, score))


PROGRESS_KINDS = {"today": "day", "week": "week", "month": "month"}


@router.message(Command(*PROGRESS_KINDS))
async def progress_command(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    """/today, /week and /month: the same report for a day, a week or a month."""
    kind = PROGRESS_KINDS[command.command.lower()]
    await _progress(message, command, member, team, texts, uow, settings, kind)


async def _set_plan(
    words: list[str], member: Member, team: Team, texts: Texts, uow: UnitOfWork
) -> Html:
    if len(words) < 2:
        raise Problem(texts("usage_setplan"))
    role = parse_role(words[0])
    target_member = None if role else await _member_named(uow, team, words[0], texts)
    if target_member is not None and words[1].casefold() in {"reset", "сброс", "сбросить"}:
        async with uow.write() as conn:
            await PlansRepo(conn).reset_member(team.id, target_member.id)
        return texts("setplan_reset", subject=target_member.display_name)
    if len(words) not in (3, 4):
        raise Problem(texts("usage_setplan"))
    metric = metric_named(words[1]) or words[1].casefold()
    roles = {role} if role else set(target_member.roles if target_member else ())
    subject = texts.role(role) if role else target_member.display_name  # type: ignore[union-attr]
    allowed = plannable_for(roles)
    if metric not in allowed:
        raise Problem(
            texts(
                "setplan_bad_metric",
                metric=metric[:48],
                subject=subject,
                metrics=", ".join(allowed) or "—",
            )
        )
    target = parse_target(words[2])
    weekday = None
    if len(words) == 4:
        weekday = parse_weekday(words[3])
        if weekday is None:
            raise PlanError("bad_weekdays", words[3])
    rule = PlanRule(
        metric,
        target,
        role=role,
        member_id=target_member.id if target_member else None,
        weekday=weekday,
    )
    async with uow.write() as conn:
        await set_plan_rule(conn, team, rule, member.id)
    return setplan_done(rule, subject, texts)


@router.message(Command("setplan"), IsManager())
async def set_plan(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
) -> None:
    try:
        reply = await _set_plan(split_args(command.args), member, team, texts, uow)
    except PlanError as error:
        reply = Html(
            f"{texts(f'plan_err_{error.code}', value=error.value[:40])}\n{texts('usage_setplan')}"
        )
    except Problem as problem:
        reply = Html(problem.text)
    await message.answer(reply)


@router.message(Command("workdays"), IsManager())
async def set_workdays(
    message: Message, command: CommandObject, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    try:
        days = parse_weekdays(command.args or "")
    except PlanError:
        await message.answer(texts("usage_workdays"))
        return
    async with uow.write() as conn:
        await TeamsRepo(conn).set_workdays(team.id, days)
    await message.answer(
        texts("workdays_set", team=team.name, workdays=weekday_names(days, texts.language))
    )


@router.message(Command("dayoff"), IsManager())
async def add_day_off(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
) -> None:
    words = split_args(command.args)
    try:
        if len(words) < 2:
            raise Problem(texts("usage_dayoff"))
        whom = await _member_named(uow, team, " ".join(words[:-1]), texts)
        period = resolve_period(words[-1], Now.for_team(team).today)
    except PeriodError:
        await message.answer(texts("usage_dayoff"))
        return
    except Problem as problem:
        await message.answer(f"{problem.text}\n{texts('usage_dayoff')}")
        return
    async with uow.write() as conn:
        await PlansRepo(conn).add_day_off(team.id, whom.id, period.start, period.end, member.id)
    await message.answer(
        texts(
            "dayoff_set",
            name=whom.display_name,
            first=period.start.isoformat(),
            last=period.end.isoformat(),
            days=period.days,
        )
    )
