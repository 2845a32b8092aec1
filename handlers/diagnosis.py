"""/diagnose: the article's three situations, found in the numbers, with the checks to make.

``build_diagnosis`` gathers the counts of the period (as far as it has gone) and of the
same stretch of the previous periods, per team, SDR and source, and runs the pure
:func:`metrics.diagnosis.diagnose`; the texts here turn its findings into sentences.
The evening digest uses :func:`digest_lines` for its "what to check" section.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.arguments import Problem, split_args
from bot.delivery import split_text
from bot.filters import IsMember
from bot.i18n import Html, Texts, toast
from bot.rendering import render
from bot.settings import Settings
from handlers.reports import resolve_subject
from metrics.counts import Counts
from metrics.diagnosis import (
    Comparison,
    Diagnosis,
    DiagnosisSettings,
    Finding,
    Report,
    Subject,
    SubjectData,
    comparable_windows,
    diagnose,
)
from metrics.periods import Period, PeriodError, resolve_period, split_period_words
from metrics.plans import period_target
from services.clock import Now
from storage import analytics
from storage.analytics import MEMBER, SOURCE, Scope
from storage.db import Database
from storage.models import Member, Team
from storage.plans import PlansRepo
from storage.repos import MembersRepo
from storage.sources import SourcesRepo
from storage.unit import UnitOfWork
from views import charts

router = Router(name=__name__)
router.message.filter(IsMember())
router.callback_query.filter(IsMember())

RATIO_METRICS = frozenset(
    {
        "conv_held_to_paid",
        "conv_set_to_held",
        "conv_set_to_confirmed",
        "conv_confirmed_to_held",
        "targeted_share",
    }
)
DIGEST_FINDINGS = 3


class DiagnoseView(CallbackData, prefix="dgn"):
    """A drill-down of one diagnosis: ``reps`` or ``sources``, for the period start..end."""

    view: str
    start: str  # ISO dates: CallbackData packs str, int, bool, enums
    end: str
    kind: str


@dataclass(frozen=True, slots=True)
class Diagnosed:
    """A diagnosis and what it compared: the stretch now and the baseline stretches."""

    report: Report
    current: Period
    baseline: tuple[Period, ...]
    period: Period


def diagnosis_settings(settings: Settings) -> DiagnosisSettings:
    return DiagnosisSettings(
        threshold=settings.diagnosis_threshold,
        alpha=settings.diagnosis_alpha,
        min_volume=settings.diagnosis_min_volume,
        baseline_periods=settings.diagnosis_baseline_periods,
    )


def _started(baseline: list[Counts]) -> list[Counts]:
    """The baseline without the oldest periods in which the subject had no records at all
    (a rep who joined two weeks ago has two weeks of baseline, not four with zeros)."""
    while baseline and baseline[-1] == Counts():
        baseline.pop()
    return baseline


async def build_diagnosis(
    db: Database, team: Team, period: Period, today: date, settings: Settings
) -> Diagnosed:
    """Diagnose the team, every active SDR and every source of the team for ``period``."""
    options = diagnosis_settings(settings)
    current, before = comparable_windows(period, today, options.baseline_periods)
    windows = (current, *before)
    async with db.read() as conn:
        reps = [
            m
            for m in await MembersRepo(conn).list_team(team.id, include_inactive=False)
            if "sdr" in m.roles
        ]
        names = {source.id: source.name for source in await SourcesRepo(conn).list(team.id)}
        plans = PlansRepo(conn)
        rules = await plans.rules(team.id)
        days_off = {m.id: await plans.days_off(m.id) for m in reps}
        team_counts, by_member, by_source = [], [], []
        for window in windows:
            scope = Scope(team.id, window.start, window.end, settings.min_call_seconds)
            team_counts.append(await analytics.team_counts(conn, scope))
            by_member.append(await analytics.counts(conn, scope, MEMBER))
            by_source.append(await analytics.counts(conn, scope, SOURCE))
    days = [current.start + timedelta(days=offset) for offset in range(current.days)]
    members, team_plan = [], 0.0
    for rep in reps:
        target = period_target(
            rules,
            member_id=rep.id,
            roles=rep.roles,
            metric="meetings_set",
            period_days=days,
            workdays=team.workdays,
            days_off=days_off[rep.id],
        )
        if target is not None:
            team_plan += float(target.lower)
        series = [counts.get(rep.id, Counts()) for counts in by_member]
        members.append(
            SubjectData(
                Subject("member", rep.id, rep.display_name),
                series[0],
                _started(series[1:]),
                float(target.lower) if target is not None else None,
            )
        )
    sources = []
    for source_id in sorted(set().union(*by_source), key=lambda key: (key is None, key or 0)):
        series = [counts.get(source_id, Counts()) for counts in by_source]
        if series[0] == Counts():
            continue  # nothing from this source in the period: nothing to diagnose
        name = names.get(source_id) if source_id is not None else None
        sources.append(
            SubjectData(Subject("source", source_id, name), series[0], _started(series[1:]))
        )
    team_data = SubjectData(
        Subject("team", team.id, team.name),
        team_counts[0],
        team_counts[1:],
        team_plan or None,
    )
    report = diagnose(team_data, members, sources, options)
    return Diagnosed(report, current, before, period)


# --- words -------------------------------------------------------------------------------


def subject_name(subject: Subject, texts: Texts) -> str:
    if subject.kind == "team":
        return texts("diag_subject_team")
    if subject.kind == "source":
        return texts("diag_subject_source", source=subject.name or texts("no_source"))
    return subject.name or "?"


def value(metric: str, number: float | None) -> str:
    if number is None:
        return "—"
    if metric in RATIO_METRICS:
        return f"{number * 100:.0f} %"
    rounded = round(number, 1)
    return f"{rounded:g}" if rounded != int(rounded) else f"{int(rounded)}"


def compared(c: Comparison, texts: Texts) -> Html:
    """``проведённая → оплата 7 % (база 33 %, −80 %)``"""
    change = "" if c.change is None else f", {c.change * 100:+.0f} %".replace("-", "−")
    base = texts("diag_vs_team") if c.against == "team" else texts("diag_vs_own")
    return texts(
        "diag_compared",
        metric=texts(f"m_{c.metric}"),
        now=value(c.metric, c.now),
        base=base,
        baseline=value(c.metric, c.baseline),
        change=change,
        low=" ⬇" if c.fell else "",
    )


def finding_text(finding: Finding, number: int, texts: Texts) -> str:
    """One finding in full: situation, subject, the numbers, the checks in order, the step."""
    lines = [
        texts(
            "diag_finding",
            number=number,
            situation=texts(f"diag_situation_{finding.situation}"),
            subject=subject_name(finding.subject, texts),
        )
    ]
    if finding.trigger == "behind_plan":
        lines.append(
            texts(
                "diag_behind_plan",
                now=value("meetings_set", finding.indicator.now),
                plan=value("meetings_set", finding.plan_lower),
            )
        )
    else:
        lines.append(texts("diag_fell", what=compared(finding.indicator, texts)))
    if finding.gate is not None:
        lines.append(texts("diag_normal", what=compared(finding.gate, texts)))
    lines.append(texts("diag_checks"))
    for check in finding.checks:
        if check.code == "listen_calls":
            lines.append(texts("diag_check_listen", n=check.number))
            continue
        if check.code == "sources":
            parts = [
                texts(
                    "diag_source_part",
                    source=c.subject.name if c.subject and c.subject.name else texts("no_source"),
                    now=value(c.metric, c.now),
                    baseline=value(c.metric, c.baseline),
                    low=" ⬇" if c.fell else "",
                )
                for c in check.comparisons
                if c.now is not None  # no such meetings from that source now
            ]
            body = Html("; ".join(parts)) if parts else texts("diag_no_sources")
            lines.append(texts("diag_check_sources", n=check.number, sources=body))
            continue
        verdict = texts("diag_low") if check.low else ""
        lines.append(
            texts(
                "diag_check",
                n=check.number,
                name=texts(f"diag_checkname_{check.code}"),
                what=Html("; ".join(compared(c, texts) for c in check.comparisons))
                if check.comparisons
                else "—",
                verdict=verdict,
            )
        )
    if finding.step is not None:
        lines.append(texts("diag_step", step=texts(f"diag_step_{finding.step}")))
    return "\n".join(lines)


def digest_lines(report: Report, texts: Texts) -> list[str]:
    """At most three findings, one line each, for the digest (none: no section)."""
    lines = []
    for finding in report.findings[:DIGEST_FINDINGS]:
        if finding.trigger == "behind_plan":
            numbers = texts(
                "diag_line_plan",
                now=value("meetings_set", finding.indicator.now),
                plan=value("meetings_set", finding.plan_lower),
            )
        else:
            numbers = compared(finding.indicator, texts)
        lines.append(
            texts(
                "diag_digest_line",
                subject=subject_name(finding.subject, texts),
                situation=texts(f"diag_situation_{finding.situation}"),
                numbers=numbers,
            )
        )
    if lines:
        more = len(report.findings) - len(lines)
        lines.insert(0, texts("diag_digest_title"))
        lines.append(texts("diag_digest_more", more=more) if more > 0 else texts("diag_digest_see"))
    return lines


def status_text(diagnosis: Diagnosis, texts: Texts) -> str:
    """A subject without findings: fine (with its main numbers) or not enough data."""
    name = subject_name(diagnosis.subject, texts)
    if diagnosis.status == "thin":
        return texts("diag_thin", subject=name)
    numbers = "\n".join(compared(c, texts) for c in diagnosis.watched if c.judged)
    return texts("diag_fine", subject=name, numbers=numbers)


def _keyboard(diagnosed: Diagnosed, texts: Texts) -> InlineKeyboardMarkup:
    period = diagnosed.period

    def button(view: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=texts(f"diag_button_{view}"),
            callback_data=DiagnoseView(
                view=view,
                start=period.start.isoformat(),
                end=period.end.isoformat(),
                kind=period.kind,
            ).pack(),
        )

    return InlineKeyboardMarkup(inline_keyboard=[[button("reps"), button("sources")]])


def step_chart(finding: Finding, texts: Texts, title: str) -> bytes:
    """Now vs baseline of the metric that fell and the secondary metrics opened for it."""
    rows = [finding.indicator, *finding.secondary]
    seen, picked = set(), []
    for c in rows:
        key = (c.metric, c.subject)
        if key in seen or c.metric == "sources":
            continue
        seen.add(key)
        picked.append(c)
    labels = [
        texts(f"m_{c.metric}")
        + (f" · {c.subject.name or texts('no_source')}" if c.subject is not None else "")
        for c in picked
    ]
    return charts.comparison_chart(
        labels,
        [c.now for c in picked],
        [c.baseline for c in picked],
        language=texts.language,
        title=title,
        now_label=texts("diag_chart_now"),
        baseline_label=texts("diag_chart_baseline"),
        percent=[c.metric in RATIO_METRICS for c in picked],
    )


# --- handlers ----------------------------------------------------------------------------


def _parse(args: str | None, team: Team, texts: Texts) -> tuple[Period, list[str]]:
    words = split_args(args)
    period_text, rest = split_period_words(words)
    try:
        period = resolve_period(period_text or "week", Now.for_team(team).today)
    except PeriodError as error:
        raise Problem(
            f"{texts('period_unknown', value=error.value[:40])}\n{texts('usage_diagnose')}"
        ) from None
    return period, rest


async def _subject(
    uow: UnitOfWork, team: Team, member: Member, words: list[str], texts: Texts
) -> tuple[Subject | None, str]:
    """Whom to diagnose and how to call them: nobody named is everyone for a manager and
    themselves for a rep (the same rules as /funnel)."""
    if not words and member.is_manager:
        return None, texts("diag_subject_all")
    asked = await resolve_subject(uow, team, member, words, texts, "usage_diagnose")
    if asked.member is not None:
        return Subject("member", asked.member.id, asked.member.display_name), asked.label
    if asked.source_id is not None:
        return Subject("source", asked.source_id, asked.label), asked.label
    return None, texts("diag_subject_all")


@router.message(Command("diagnose"))
async def diagnose_command(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    db: Database,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    try:
        period, words = _parse(command.args, team, texts)
        subject, label = await _subject(uow, team, member, words, texts)
    except Problem as problem:
        await message.answer(problem.text)
        return
    today = Now.for_team(team).today
    if period.start > today:
        await message.answer(texts("diag_future", period=period.label(texts.language)))
        return
    diagnosed = await build_diagnosis(db, team, period, today, settings)
    report = diagnosed.report
    findings = [
        f
        for f in report.findings
        if subject is None or (f.subject.kind, f.subject.id) == (subject.kind, subject.id)
    ]
    header = texts(
        "diag_header",
        subject=label,
        period=diagnosed.current.label(texts.language),
        baseline=len(diagnosed.baseline),
        first=diagnosed.baseline[-1].label(texts.language),
        last=diagnosed.baseline[0].label(texts.language),
    )
    parts = [header]
    if findings:
        parts += [finding_text(f, i, texts) for i, f in enumerate(findings, start=1)]
    elif subject is not None:
        diagnosis = next(
            (
                d
                for d in report.diagnoses
                if (d.subject.kind, d.subject.id) == (subject.kind, subject.id)
            ),
            None,
        )
        parts.append(
            status_text(diagnosis, texts)
            if diagnosis is not None
            else texts("diag_thin", subject=label)
        )
    else:
        team_diagnosis = report.diagnoses[0]
        parts.append(
            texts("diag_all_thin") if team_diagnosis.status == "thin" else texts("diag_all_fine")
        )
    markup = _keyboard(diagnosed, texts) if member.is_manager else None
    text = "\n\n".join(parts)
    chunks = split_text(text)
    for index, chunk in enumerate(chunks):
        await message.answer(chunk, reply_markup=markup if index == len(chunks) - 1 else None)
    if findings:
        top = findings[0]
        png = await render(
            step_chart,
            top,
            texts,
            texts(
                "diag_chart_title",
                situation=texts(f"diag_situation_{top.situation}"),
                subject=subject_name(top.subject, texts),
            ),
        )
        await message.answer_photo(BufferedInputFile(png, filename="diagnosis.png"))


def drill_down_text(diagnosed: Diagnosed, view: str, texts: Texts) -> str:
    kind = "member" if view == "reps" else "source"
    lines = [
        texts(
            f"diag_drill_{view}",
            period=diagnosed.current.label(texts.language),
        )
    ]
    for diagnosis in diagnosed.report.diagnoses:
        if diagnosis.subject.kind != kind:
            continue
        name = subject_name(diagnosis.subject, texts)
        if diagnosis.status == "thin":
            lines.append(texts("diag_drill_thin", subject=name))
            continue
        numbers = " · ".join(
            texts(
                "diag_drill_number",
                metric=texts(f"m_{c.metric}"),
                now=value(c.metric, c.now),
                baseline=value(c.metric, c.baseline),
                low=" ⬇" if c.fell else "",
            )
            for c in diagnosis.watched
        )
        lines.append(
            texts(
                "diag_drill_line",
                mark="🔴" if diagnosis.status == "finding" else "🟢",
                subject=name,
                numbers=Html(numbers),
            )
        )
    if len(lines) == 1:
        lines.append(texts("diag_drill_empty"))
    return "\n".join(lines)


@router.callback_query(DiagnoseView.filter(F.view.in_({"reps", "sources"})))
async def drill_down(
    query: CallbackQuery,
    callback_data: DiagnoseView,
    member: Member,
    team: Team,
    texts: Texts,
    db: Database,
    settings: Settings,
) -> None:
    if not member.is_manager:
        roles = texts.roles(member.sorted_roles())
        await query.answer(toast(texts("managers_only", roles=roles)), show_alert=True)
        return
    try:
        period = Period(
            date.fromisoformat(callback_data.start),
            date.fromisoformat(callback_data.end),
            callback_data.kind,
        )
    except ValueError:
        await query.answer()
        return
    diagnosed = await build_diagnosis(db, team, period, Now.for_team(team).today, settings)
    await query.answer()
    if query.message is not None:
        for chunk in split_text(drill_down_text(diagnosed, callback_data.view, texts)):
            await query.message.answer(chunk)
