"""A digest as the team reads it: the title, the team's line, the comparison with the
period before, each rep against the plan (worst first), what to check; and its charts as
one album (the team's funnel, and every planned metric of each rep against the plan, on
one or more pages)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from aiogram.types import InlineKeyboardMarkup
from babel.lists import format_list

from bot.delivery import split_text
from bot.i18n import Html, Texts, plain_text
from bot.rendering import render
from metrics.plans import STATUS_MARKS
from metrics.registry import metric
from services.digest import DigestData
from services.stats import FunnelNumbers
from services.subjects import TEAM
from storage.models import Team
from views import charts
from views.actions import digest_action_lines, digest_take_markup
from views.diagnosis import digest_lines
from views.formatting import format_count, format_percent
from views.score import score_item
from views.stats import funnel_png
from views.trend import trend_png
from views.values import format_target, show

WORST_FIRST = {"behind": 0, "on_track": 1, "done": 2, "none": 3, "off": 4}
DAY_OFF_LAST = 5


@dataclass(frozen=True, slots=True)
class Digest:
    """What is sent: the texts (each within Telegram's limit), then the charts as one
    album (:meth:`bot.delivery.Delivery.send_album`) with ``caption`` on the first."""

    texts: list[str]
    photos: list[bytes]  # PNGs, in the album's order
    caption: str
    markup: InlineKeyboardMarkup | None = None  # under the last text: take a finding on


def charts_mark(status: str) -> str:
    return STATUS_MARKS.get(status, "⚪")


def _delta(now: float, before: float, texts: Texts) -> str:
    """The change against the period before, as a signed percent (``+25,0 %``)."""
    return format_percent((now - before) / before if before else None, texts.language, signed=True)


def digest_text(data: DigestData, team: Team, texts: Texts) -> str:
    label = data.period.label(texts.language)
    lines = [texts(f"digest_title_{data.kind}", team=team.name, period=label)]
    rep_lines = []
    for rep in data.reps:
        if rep.off:
            rep_lines.append((DAY_OFF_LAST, texts("digest_rep_off", name=rep.name)))
            continue
        numbers = [
            texts(
                "digest_number",
                metric=texts.metric(number.metric),
                fact=show(number.metric, number.fact, texts, team.currency),
                target=(
                    texts("digest_vs_plan", target=format_target(number.target, texts))
                    if number.target
                    else ""
                ),
            )
            for number in rep.numbers
        ]
        numbers.append(score_item(rep.score, texts))
        rep_lines.append(
            (
                WORST_FIRST.get(rep.status, 3),
                texts(
                    "digest_rep",
                    mark=charts_mark(rep.status),
                    name=rep.name,
                    numbers=Html(" · ".join(numbers)),
                ),
            )
        )
    now = data.team_metrics
    # the plan is a sum of daily lower bounds (12.5 for half a meeting a day): the one
    # formatter writes it, "12,5" in Russian, "1 250" grouped, as the facts beside it
    held_plan = (
        texts("digest_vs_plan", target=format_count(data.held_plan, texts.language))
        if data.held_plan
        else ""
    )
    lines.append(
        texts(
            "digest_team",
            held=now["meetings_held"],
            held_plan=held_plan,
            payments=now["payments"],
            revenue=show("revenue", now["revenue"], texts, team.currency),
        )
    )
    if data.telephony is not None:
        lines.append(
            texts(
                "digest_verified",
                share=show("targeted_share", data.telephony.share, texts, team.currency),
            )
        )
    if data.previous is not None:
        past = data.previous.metrics
        lines.append(
            texts(
                "digest_compare",
                previous=data.previous.period.label(texts.language),
                held=past["meetings_held"],
                held_delta=_delta(now["meetings_held"], past["meetings_held"], texts),
                payments=past["payments"],
                payments_delta=_delta(now["payments"], past["payments"], texts),
                revenue=show("revenue", past["revenue"], texts, team.currency),
                revenue_delta=_delta(
                    float(now["revenue"] or Decimal(0)),
                    float(past["revenue"] or Decimal(0)),
                    texts,
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
    checks = digest_lines(data.diagnosed.report, texts)
    if checks:
        lines += ["", *checks]
    actions = digest_action_lines(data.actions, texts)
    if actions:
        lines += ["", *actions]
    return "\n".join(lines)


def plan_fact_reps(data: DigestData, team: Team, texts: Texts) -> list[charts.PlanFactRep]:
    """Each rep's planned metrics as bars, in the team's order; then the reps at work
    without a plan, then those on a day off (marked, not blamed)."""
    with_plan, without, off = [], [], []
    for rep in data.reps:
        if rep.off:
            off.append(charts.PlanFactRep(rep.name, note=texts("plan_fact_day_off"), off=True))
        elif not rep.planned:
            without.append(charts.PlanFactRep(rep.name, note=texts("plan_fact_no_plan")))
        else:
            bars = tuple(
                charts.PlanFactBar(
                    texts.metric(number.metric),
                    metric(number.metric).kind,
                    float(number.fact or 0),
                    number.target.lower,
                    number.target.goal,
                    number.status,
                )
                for number in rep.planned
                if number.target is not None
            )
            with_plan.append(charts.PlanFactRep(rep.name, bars))
    return [*with_plan, *without, *off]


def plan_fact_legend(texts: Texts) -> charts.PlanFactLegend:
    return charts.PlanFactLegend(
        **{
            field: plain_text(texts(f"plan_fact_legend_{field}"))
            for field in ("behind", "on_track", "done", "band", "goal", "off", "beyond")
        }
    )


def plan_fact_pngs(data: DigestData, team: Team, texts: Texts) -> list[bytes]:
    """The plan-vs-fact pages of the digest (one or more images)."""
    return charts.plan_fact_charts(
        plan_fact_reps(data, team, texts),
        language=texts.language,
        title=plain_text(texts("digest_chart_title", period=data.period.label(texts.language))),
        subtitle=plain_text(texts("plan_fact_subtitle", team=team.name)),
        legend=plan_fact_legend(texts),
        currency=team.currency,
    )


def album_caption(data: DigestData, team: Team, texts: Texts) -> str:
    """The album's caption: the digest's title and what the pictures are
    ("Отдел продаж · 27.11.2026: воронка и план/факт")."""
    charts_shown = [texts("digest_album_funnel")]
    if data.reps:
        charts_shown.append(texts("digest_album_plan_fact"))
    if data.trend is not None:
        charts_shown.append(texts("digest_album_trend"))
    return texts(
        "digest_album",
        team=team.name,
        period=data.period.label(texts.language),
        charts=Html(format_list(charts_shown, locale=texts.language)),
    )


def digest_pngs(data: DigestData, team: Team, texts: Texts) -> list[bytes]:
    """The team's funnel, the plan-vs-fact pages when the team has reps, and a week's
    trend over 12 weeks (run it in the chart thread)."""
    numbers = FunnelNumbers(TEAM, data.period, data.team_metrics, data.team_cohort)
    pngs = [funnel_png(numbers, team, texts)]
    if data.reps:
        pngs += plan_fact_pngs(data, team, texts)
    if data.trend is not None:
        pngs.append(trend_png(data.trend, team, texts))
    return pngs


async def render_digest(data: DigestData, team: Team, texts: Texts) -> Digest:
    """The digest in ``texts``' language; the charts are drawn in the chart thread."""
    pngs = await render(digest_pngs, data, team, texts)
    return Digest(
        split_text(digest_text(data, team, texts)),
        pngs,
        album_caption(data, team, texts),
        digest_take_markup(data.diagnosed, texts, data.taken),
    )
