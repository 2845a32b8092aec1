"""Digests: the team's plan vs fact for a day, week or month; /digest previews one.

``build_digest`` gathers everything (one set of GROUP BY queries), computes with
metrics/, and returns the texts and charts; the scheduled delivery sends the
same digest to the team's chat.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

from bot.delivery import split_text
from bot.filters import IsManager
from bot.i18n import Html, Texts
from bot.rendering import render
from bot.schedule import DIGEST_KINDS
from bot.settings import Settings
from handlers.diagnosis import build_diagnosis, digest_lines
from handlers.reports import Request, Subject, funnel_png
from metrics.counts import Counts
from metrics.engine import MAIN_INDICATOR, compute
from metrics.grammar import parse_switch
from metrics.periods import Period, current_kind
from metrics.plans import ROLE_ORDER, STATUS_MARKS, is_working_day, plan_vs_fact
from services.clock import Now
from storage import analytics, feeds
from storage.analytics import MEMBER, Scope
from storage.db import Database
from storage.models import Member, Team
from storage.plans import PlansRepo
from storage.repos import MembersRepo
from storage.unit import UnitOfWork
from views import charts
from views.values import format_target, show

router = Router(name=__name__)
router.message.filter(IsManager())

# the numbers each rep's line shows, main indicator first
REP_METRICS = {
    "sdr": ("meetings_held", "calls_60", "meetings_set"),
    "hunter": ("payments_as_hunter", "meetings_held_as_hunter"),
    "farmer": ("repeat_revenue", "calls_60"),
}
WORST_FIRST = {"behind": 0, "on_track": 1, "done": 2, "none": 3, "off": 4}


@dataclass(frozen=True, slots=True)
class Digest:
    texts: list[str]
    photos: list[tuple[bytes, str]]


def _delta(now: float, before: float) -> str:
    if not before:
        return "—"
    change = (now - before) / before * 100
    return f"{change:+.0f} %"


async def build_digest(
    db: Database, team: Team, kind: str, period: Period, texts: Texts, settings: Settings
) -> Digest:
    """The digest of ``period`` (a day, week or month) for the team, in ``texts``' language."""
    scope = Scope(
        team_id=team.id,
        start=period.start,
        end=period.end,
        min_call_seconds=settings.min_call_seconds,
    )
    async with db.read() as conn:
        members = [
            m
            for m in await MembersRepo(conn).list_team(team.id, include_inactive=False)
            if m.roles & set(ROLE_ORDER)
        ]
        plans = PlansRepo(conn)
        rules = await plans.rules(team.id)
        days_off = {m.id: await plans.days_off(m.id) for m in members}
        by_member = await analytics.counts(conn, scope, MEMBER)
        verified, calls_total = await feeds.telephony_share(conn, team.id, period.start, period.end)
        team_now = compute(await analytics.team_counts(conn, scope))
        before = None
        if kind != "day":
            previous = period.previous()
            team_before = await analytics.team_counts(
                conn, Scope(team.id, previous.start, previous.end, settings.min_call_seconds)
            )
            before = (previous, compute(team_before))
    label = period.label(texts.language)
    lines = [texts(f"digest_title_{kind}", team=team.name, period=label)]
    rep_lines, chart_rows, held_target_lower = [], [], 0.0
    for member in members:
        facts = compute(by_member.get(member.id, Counts()))
        if kind == "day" and not is_working_day(period.start, team.workdays, days_off[member.id]):
            rep_lines.append((5, texts("digest_rep_off", name=member.display_name)))
            chart_rows.append(charts.PlanFactRow(member.display_name, 0, None, None, "off"))
            continue
        plan = {
            line.metric: line
            for line in plan_vs_fact(
                rules,
                member_id=member.id,
                roles=member.roles,
                facts=facts,
                today=period.end,
                period=period,
                workdays=team.workdays,
                days_off=days_off[member.id],
            )
        }
        role = next(r for r in ROLE_ORDER if r in member.roles)
        numbers = []
        for metric in REP_METRICS[role]:
            line = plan.get(metric)
            target = (
                texts("digest_vs_plan", target=format_target(line.target))
                if (line and line.target)
                else ""
            )
            numbers.append(
                texts(
                    "digest_number",
                    metric=texts(f"m_{metric}"),
                    fact=show(metric, facts[metric], texts, team.currency),
                    target=target,
                )
            )
        main = plan.get(MAIN_INDICATOR[role])
        state = main.status if main else "none"
        rep_lines.append(
            (
                WORST_FIRST.get(state, 3),
                texts(
                    "digest_rep",
                    mark=charts_mark(state),
                    name=member.display_name,
                    numbers=Html(" · ".join(numbers)),
                ),
            )
        )
        main_fact = float(facts[MAIN_INDICATOR[role]] or 0)
        chart_rows.append(
            charts.PlanFactRow(
                f"{member.display_name} · {texts(f'm_{MAIN_INDICATOR[role]}')}",
                main_fact,
                main.target.lower if main and main.target else None,
                main.target.goal if main and main.target else None,
                state if state in charts.STATUS_COLOURS else "off",
            )
        )
        if role == "sdr" and main and main.target:
            held_target_lower += main.target.lower
    held_plan = (
        texts("digest_vs_plan", target=f"{held_target_lower:g}") if held_target_lower else ""
    )
    lines.append(
        texts(
            "digest_team",
            held=team_now["meetings_held"],
            held_plan=held_plan,
            payments=team_now["payments"],
            revenue=show("revenue", team_now["revenue"], texts, team.currency),
        )
    )
    if verified:
        lines.append(
            texts(
                "digest_verified",
                share=show("targeted_share", verified / calls_total, texts, team.currency),
            )
        )
    if before is not None:
        previous, past = before
        lines.append(
            texts(
                "digest_compare",
                previous=previous.label(texts.language),
                held=past["meetings_held"],
                held_delta=_delta(team_now["meetings_held"], past["meetings_held"]),
                payments=past["payments"],
                payments_delta=_delta(team_now["payments"], past["payments"]),
                revenue=show("revenue", past["revenue"], texts, team.currency),
                revenue_delta=_delta(
                    float(team_now["revenue"] or Decimal(0)), float(past["revenue"] or Decimal(0))
                ),
            )
        )
    if rep_lines:
        lines += [
            "",
            texts("digest_reps"),
            *(text for _, text in sorted(rep_lines, key=lambda x: x[0])),
        ]
    else:
        lines.append(texts("digest_no_reps"))
    # What to check: an evening looks at its week so far (a day alone is too little data).
    diagnosed = await build_diagnosis(
        db,
        team,
        Period.containing(period.start, "week") if kind == "day" else period,
        period.end,
        settings,
    )
    checks = digest_lines(diagnosed.report, texts)
    if checks:
        lines += ["", *checks]
    request = Request(period, "period", [])
    subject = Subject("team", texts("team_subject", team=team.name))
    photos = [(await render(funnel_png, texts, team, subject, request, team_now), "")]
    if chart_rows:
        photos.append(
            (
                await render(
                    charts.plan_fact_chart,
                    chart_rows,
                    language=texts.language,
                    title=texts("digest_chart_title", period=label),
                    subtitle=team.name,
                ),
                "",
            )
        )
    return Digest(split_text("\n".join(lines)), photos)


def charts_mark(status: str) -> str:
    return STATUS_MARKS.get(status, "⚪")


ME = {"me", "мне", "я"}


@router.message(Command("digest", magic=F.args.func(lambda args: _first_word(args) in ME)))
async def private_copies(
    message: Message, command: CommandObject, member: Member, texts: Texts, uow: UnitOfWork
) -> None:
    """/digest me: this manager also gets every digest privately; /digest me off: not."""
    words = (command.args or "").split()
    on = len(words) == 1
    if len(words) > 2 or (len(words) == 2 and parse_switch(words[1]) is not False):
        await message.answer(texts("usage_digest_me"))
        return
    async with uow.write() as conn:
        await MembersRepo(conn).set_digest_private(member.id, on)
    await message.answer(texts("digest_me_on" if on else "digest_me_off"))


def _first_word(args: str | None) -> str | None:
    words = (args or "").split()
    return words[0].casefold() if words else None


@router.message(Command("digest"))
async def preview_digest(
    message: Message,
    command: CommandObject,
    team: Team,
    texts: Texts,
    db: Database,
    settings: Settings,
) -> None:
    kind = current_kind(command.args or "day")
    if kind not in DIGEST_KINDS:
        await message.answer(texts("usage_digest"))
        return
    period = Period.containing(Now.for_team(team).today, kind)
    digest = await build_digest(db, team, kind, period, texts, settings)
    for part in digest.texts:
        await message.answer(part)
    for png, caption in digest.photos:
        await message.answer_photo(
            BufferedInputFile(png, filename="digest.png"), caption=caption or None
        )
