"""Plans: /plan, /today, /week, /month for everyone; /setplan, /workdays, /dayoff for managers."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.arguments import Problem, parse_role, split_args
from bot.filters import IsManager, IsMember
from bot.i18n import Html, Texts
from bot.settings import Settings
from metrics.engine import compute
from metrics.periods import Period, PeriodError, resolve_period
from metrics.plans import (
    PLANNABLE,
    ROLE_ORDER,
    STATUS_MARKS,
    PlanError,
    PlanRule,
    is_working_day,
    parse_target,
    parse_weekday,
    parse_weekdays,
    plan_vs_fact,
)
from services.clock import Now
from services.members import find_members
from storage import analytics
from storage.analytics import Scope
from storage.models import Member, Team
from storage.plans import PlansRepo
from storage.repos import MembersRepo, TeamsRepo
from storage.unit import UnitOfWork
from views.formatting import weekday_name, weekday_names
from views.values import format_target, show

router = Router(name=__name__)
router.message.filter(IsMember())


def plannable_for(roles: frozenset[str] | set[str]) -> list[str]:
    keys: list[str] = []
    for role in ROLE_ORDER:
        if role in roles:
            keys += [key for key in PLANNABLE[role] if key not in keys]
    return keys


async def _member_named(uow: UnitOfWork, team: Team, query: str, texts: Texts) -> Member:
    async with uow.read() as conn:
        found = find_members(await MembersRepo(conn).list_team(team.id), query)
    if len(found) != 1:
        raise Problem(texts("member_not_found", query=query[:60]))
    return found[0]


def plan_text(
    texts: Texts, team: Team, rules: list[PlanRule], member: Member | None, days_off: list
) -> str:
    """The plan in force: per role (team) or for one member, with weekday overrides."""
    lines = []
    if member is None:
        lines.append(
            texts(
                "plan_header_team",
                team=team.name,
                workdays=weekday_names(team.workdays, texts.language),
            )
        )
        for role in ROLE_ORDER:
            role_rules = [r for r in rules if r.role == role and r.member_id is None]
            if role_rules:
                lines.append(texts("plan_role", role=texts.role(role)))
                lines += _rule_lines(texts, role_rules)
    else:
        lines.append(
            texts(
                "plan_header",
                subject=member.display_name,
                workdays=weekday_names(team.workdays, texts.language),
            )
        )
        for metric in plannable_for(member.roles):
            mine = [r for r in rules if r.metric == metric and r.member_id == member.id]
            by_role = [
                r
                for r in rules
                if r.metric == metric and r.member_id is None and r.role in member.roles
            ]
            chosen = mine or by_role
            if chosen:
                lines += _rule_lines(texts, chosen, personal=bool(mine))
        if days_off:
            ranges = ", ".join(f"{a.isoformat()}–{b.isoformat()}" for a, b in days_off)
            lines.append(texts("plan_days_off", ranges=ranges))
    if len(lines) == 1:
        lines.append(texts("plan_empty"))
    return "\n".join(lines)


def _rule_lines(texts: Texts, rules: list[PlanRule], personal: bool = False) -> list[str]:
    lines = []
    for metric in dict.fromkeys(r.metric for r in rules):
        every_day = [r for r in rules if r.metric == metric and r.weekday is None]
        special = sorted(
            (r for r in rules if r.metric == metric and r.weekday is not None),
            key=lambda r: r.weekday or 0,
        )
        base = format_target(every_day[0].target) if every_day else "—"
        extra = "".join(
            "; "
            + texts(
                "plan_weekday",
                weekday=weekday_name(r.weekday or 1, texts.language),
                target=format_target(r.target),
            )
            for r in special
        )
        suffix = texts("plan_override") if personal else ""
        lines.append(
            texts(
                "plan_line", metric=texts(f"m_{metric}"), target=base, weekdays=Html(extra + suffix)
            )
        )
    return lines


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
    async with uow.read() as conn:
        repo = PlansRepo(conn)
        rules = await repo.rules(team.id)
        days = await repo.days_off(whom.id) if whom else []
    await message.answer(plan_text(texts, team, rules, whom, days))


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
    period = Period.containing(today, kind)
    elapsed = period.elapsed(today) or period
    async with uow.read() as conn:
        repo = PlansRepo(conn)
        rules, days = await repo.rules(team.id), await repo.days_off(whom.id)
        scope = Scope(
            team_id=team.id,
            start=elapsed.start,
            end=elapsed.end,
            min_call_seconds=settings.min_call_seconds,
        )
        facts = compute(await analytics.member_counts(conn, scope, whom.id))
    lines = plan_vs_fact(
        rules,
        member_id=whom.id,
        roles=whom.roles,
        facts=facts,
        today=today,
        period=period,
        workdays=team.workdays,
        days_off=days,
    )
    header = texts("today_header", subject=whom.display_name, period=period.label(texts.language))
    if kind == "day" and not is_working_day(today, team.workdays, days):
        await message.answer(f"{header}\n{texts('today_day_off', subject=whom.display_name)}")
        return
    if not lines:
        await message.answer(f"{header}\n{texts('today_no_plan', subject=whom.display_name)}")
        return
    body = []
    for line in lines:
        value = lambda v, key=line.metric: show(key, v, texts, team.currency)  # noqa: E731
        body.append(
            texts(
                "today_line",
                mark=STATUS_MARKS[line.status],
                metric=texts(f"m_{line.metric}"),
                fact=value(line.fact),
                target=format_target(line.target) if line.target else "—",
                left=texts("today_left", left=f"{line.left_today:g}") if line.left_today else "",
                forecast=(
                    texts("today_forecast", forecast=f"{line.forecast:g}")
                    if line.forecast is not None and kind != "day"
                    else ""
                ),
            )
        )
    await message.answer("\n".join([header, *body, "", texts("status_legend")]))


PROGRESS_KINDS = {"today": "day", "week": "week", "month": "month"}


@router.message(Command(*PROGRESS_KINDS))
async def progress(
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
    metric = words[1].casefold()
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
        await PlansRepo(conn).set_rule(team.id, rule, member.id)
    day = f" ({weekday_name(weekday, texts.language)})" if weekday else ""
    return texts(
        "setplan_done",
        subject=subject,
        metric=texts(f"m_{metric}"),
        target=format_target(target),
        weekday=day,
    )


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
        )
    )
