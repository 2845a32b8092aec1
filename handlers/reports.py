"""The numbers: /funnel, /stats, /sources <period>, /top, /report, /settop."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

from bot.arguments import Problem, split_args
from bot.filters import IsManager, IsMember
from bot.i18n import Html, Texts
from bot.rendering import render
from bot.settings import Settings
from metrics.counts import Counts
from metrics.engine import (
    FARMER_KEYS,
    HUNTER_KEYS,
    MAIN_INDICATOR,
    METRIC_KEYS,
    MONEY_KEYS,
    RATIO_KEYS,
    SDR_KEYS,
    compute,
)
from metrics.grammar import parse_switch
from metrics.periods import Period, PeriodError, resolve_period, split_period_words
from metrics.report import build_report, report_csv
from services.clock import Now
from services.members import find_members
from storage import analytics, feeds
from storage.analytics import Scope
from storage.models import Member, Team
from storage.repos import MembersRepo, TeamsRepo
from storage.sources import SourcesRepo
from storage.unit import UnitOfWork
from views import charts
from views.values import show

router = Router(name=__name__)
router.message.filter(IsMember())

COHORT_WORDS = {"cohort", "когорта", "когорту", "когортный", "когортно"}
SDR_STAGES = ("calls_60", "meetings_set", "meetings_confirmed", "meetings_held", "meetings_paid")
HUNTER_STAGES = ("meetings_held_as_hunter", "proposals", "meetings_paid_as_hunter")
FARMER_STAGES = ("calls_total", "calls_60", "repeat_payments")


@dataclass(frozen=True, slots=True)
class Request:
    period: Period
    mode: str
    words: list[str]


@dataclass(frozen=True, slots=True)
class Subject:
    kind: str  # team | member | source
    label: str
    member: Member | None = None
    source_id: int | None = None

    @property
    def role(self) -> str:
        """Which funnel fits: sdr (also the team and sources), hunter or farmer."""
        if self.member is None or "sdr" in self.member.roles:
            return "sdr"
        if "hunter" in self.member.roles:
            return "hunter"
        if "farmer" in self.member.roles:
            return "farmer"
        return "sdr"


def parse_request(args: str | None, team: Team, texts: Texts, usage_key: str) -> Request:
    tokens = split_args(args)
    mode = "period"
    if any(t.casefold() in COHORT_WORDS for t in tokens):
        mode = "cohort"
        tokens = [t for t in tokens if t.casefold() not in COHORT_WORDS]
    period_text, rest = split_period_words(tokens)
    try:
        period = resolve_period(period_text, Now.for_team(team).today)
    except PeriodError as error:
        raise Problem(
            f"{texts('period_unknown', value=error.value[:40])}\n{texts(usage_key)}"
        ) from None
    return Request(period, mode, rest)


def scope_for(team: Team, request: Request, settings: Settings) -> Scope:
    return Scope(
        team_id=team.id,
        start=request.period.start,
        end=request.period.end,
        min_call_seconds=settings.min_call_seconds,
        mode=request.mode,
    )


async def resolve_subject(
    uow: UnitOfWork, team: Team, member: Member, words: list[str], texts: Texts, usage_key: str
) -> Subject:
    """Nobody named: a rep sees themselves, a manager the team. Managers may name
    anyone or a source; reps only themselves."""
    if not words:
        if member.is_manager:
            return Subject("team", texts("team_subject", team=team.name))
        return Subject("member", member.display_name, member=member)
    query = " ".join(words)
    async with uow.read() as conn:
        found = find_members(await MembersRepo(conn).list_team(team.id), query)
        source = None if found else await SourcesRepo(conn).resolve(team.id, query)
    if len(found) == 1:
        if found[0].id != member.id and not member.is_manager:
            raise Problem(texts("only_own_numbers"))
        return Subject("member", found[0].display_name, member=found[0])
    if source is not None:
        if not member.is_manager:
            raise Problem(texts("only_own_numbers"))
        return Subject("source", texts("source_subject", source=source.name), source_id=source.id)
    raise Problem(f"{texts('subject_unknown', value=query[:60])}\n{texts(usage_key)}")


async def subject_counts(uow: UnitOfWork, scope: Scope, subject: Subject) -> Counts:
    async with uow.read() as conn:
        if subject.member is not None:
            return await analytics.member_counts(conn, scope, subject.member.id)
        if subject.source_id is not None:
            return await analytics.source_counts(conn, scope, subject.source_id)
        return await analytics.team_counts(conn, scope)


def _mode(texts: Texts, request: Request) -> Html:
    return texts("mode_cohort") if request.mode == "cohort" else Html("")


def funnel_caption(texts: Texts, team: Team, subject: Subject, request: Request, m: dict) -> Html:
    s = lambda key: show(key, m[key], texts, team.currency)  # noqa: E731
    common = {
        "subject": subject.label,
        "period": request.period.label(texts.language),
        "mode": _mode(texts, request),
    }
    if subject.role == "hunter":
        return texts(
            "funnel_caption_hunter",
            **common,
            held=s("meetings_held_as_hunter"),
            proposals=s("proposals"),
            paid=s("meetings_paid_as_hunter"),
            conv=s("conv_held_to_paid_as_hunter"),
            payments=s("payments_as_hunter"),
            revenue=s("revenue_as_hunter"),
            avg_check=s("avg_check_as_hunter"),
            cycle=s("sales_cycle_days_as_hunter"),
        )
    if subject.role == "farmer":
        return texts(
            "funnel_caption_farmer",
            **common,
            calls_total=s("calls_total"),
            calls_60=s("calls_60"),
            payments=s("repeat_payments"),
            revenue=s("repeat_revenue"),
            avg_check=s("repeat_avg_check"),
            clients=s("active_clients"),
        )
    return texts(
        "funnel_caption",
        **common,
        calls_60=s("calls_60"),
        minutes=s("minutes_on_line"),
        leads=s("leads_new"),
        targeted_share=s("targeted_share"),
        set=s("meetings_set"),
        confirmed=s("meetings_confirmed"),
        c1=s("conv_set_to_confirmed"),
        held=s("meetings_held"),
        c2=s("conv_confirmed_to_held"),
        paid=s("meetings_paid"),
        c3=s("conv_held_to_paid"),
        set_to_held=s("conv_set_to_held"),
        call_to_set=s("conv_call_to_set"),
        payments=s("payments"),
        revenue=s("revenue"),
    )


def funnel_png(texts: Texts, team: Team, subject: Subject, request: Request, m: dict) -> bytes:
    keys = {"hunter": HUNTER_STAGES, "farmer": FARMER_STAGES}.get(subject.role, SDR_STAGES)
    stages = [
        charts.FunnelStage(key=key, label=texts(f"stage_{key}"), value=float(m[key] or 0))
        for key in keys
    ]
    footer = ""
    if subject.role == "sdr":
        footer = texts(
            "funnel_footer",
            leads=m["leads_new"],
            share=show("targeted_share", m["targeted_share"], texts, team.currency),
            minutes=show("minutes_on_line", m["minutes_on_line"], texts, team.currency),
            revenue=show("revenue", m["revenue"], texts, team.currency),
        )
    return charts.funnel_chart(
        stages,
        language=texts.language,
        title=texts("funnel_title", subject=subject.label),
        subtitle=f"{team.name} · {request.period.label(texts.language)}{_mode(texts, request)}",
        footer=footer,
    )


async def subject_metrics(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
    name: str,
) -> tuple[Request, Subject, dict] | None:
    """The period, whose numbers, and the metrics of ``/<name> [period] [cohort]
    [@member|source]``; None after telling the user what was wrong."""
    usage = f"usage_{name}"
    try:
        request = parse_request(command.args, team, texts, usage)
        subject = await resolve_subject(uow, team, member, request.words, texts, usage)
    except Problem as problem:
        await message.answer(problem.text)
        return None
    counts = await subject_counts(uow, scope_for(team, request, settings), subject)
    return request, subject, compute(counts)


@router.message(Command("funnel"))
async def funnel(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    asked = await subject_metrics(message, command, member, team, texts, uow, settings, "funnel")
    if asked is None:
        return
    request, subject, m = asked
    png = await render(funnel_png, texts, team, subject, request, m)
    await message.answer_photo(
        BufferedInputFile(png, filename="funnel.png"),
        caption=funnel_caption(texts, team, subject, request, m)[:1024],
    )


def stats_text(texts: Texts, team: Team, subject: Subject, request: Request, m: dict) -> str:
    sections = []
    roles = subject.member.roles if subject.member else {"sdr", "hunter", "farmer"}
    for role, keys in (("sdr", SDR_KEYS), ("hunter", HUNTER_KEYS), ("farmer", FARMER_KEYS)):
        if role in roles or (subject.member is not None and not roles - {"manager"}):
            lines = [f"<b>{texts(f'stats_section_{role}')}</b>"]
            for index, key in enumerate(keys):
                mark = " ★" if index == 0 and key == MAIN_INDICATOR[role] else ""
                value = show(key, m[key], texts, team.currency)
                lines.append(f"{texts(f'm_{key}')}: <b>{value}</b>{mark}")
            sections.append("\n".join(lines))
    header = texts(
        "stats_header",
        subject=subject.label,
        period=request.period.label(texts.language),
        mode=_mode(texts, request),
    )
    return "\n\n".join([header, *sections, f"★ {texts('main_indicator')}"])


@router.message(Command("stats"))
async def stats(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    asked = await subject_metrics(message, command, member, team, texts, uow, settings, "stats")
    if asked is None:
        return
    request, subject, m = asked
    text = stats_text(texts, team, subject, request, m)
    if subject.source_id is None:
        async with uow.read() as conn:
            verified, total = await feeds.telephony_share(
                conn,
                team.id,
                request.period.start,
                request.period.end,
                subject.member.id if subject.member else None,
            )
        if verified:
            share = show("targeted_share", verified / total, texts, team.currency)
            text += "\n" + texts("stats_verified", share=share, telephony=verified, total=total)
    await message.answer(text)


async def sources_report(
    message: Message, args: str, team: Team, texts: Texts, uow: UnitOfWork, settings: Settings
) -> None:
    """Per-source table and grouped bar chart (``/sources week``)."""
    try:
        request = parse_request(args, team, texts, "sources_hint")
    except Problem as problem:
        await message.answer(problem.text)
        return
    async with uow.read() as conn:
        by_source = await analytics.counts(conn, scope_for(team, request, settings), "source")
        names = {s.id: s.name for s in await SourcesRepo(conn).list(team.id)}
    rows = [
        (
            names.get(key, texts("no_source")) if key is not None else texts("no_source"),
            compute(value),
        )
        for key, value in sorted(by_source.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    ]
    period_label = request.period.label(texts.language)
    if not rows:
        await message.answer(
            f"{texts('sources_report_header', period=period_label)}\n"
            f"{texts('sources_report_empty')}"
        )
        return
    lines = [texts("sources_report_header", period=period_label)]
    for name, m in rows:
        lines.append(
            texts(
                "sources_report_line",
                source=name,
                leads=m["leads_new"],
                share=show("targeted_share", m["targeted_share"], texts, team.currency),
                set=m["meetings_set"],
                held=m["meetings_held"],
                paid=m["meetings_paid"],
                conv=show("conv_held_to_paid", m["conv_held_to_paid"], texts, team.currency),
            )
        )
    chart_rows = [
        charts.SourceRow(
            source=name,
            values={key: m[key] for key in (*charts.SOURCE_COUNT_KEYS, *charts.SOURCE_SHARE_KEYS)},
        )
        for name, m in rows
    ]
    series = {
        key: texts(f"series_{key}")
        for key in (*charts.SOURCE_COUNT_KEYS, *charts.SOURCE_SHARE_KEYS)
    }
    png = await render(
        charts.sources_chart,
        chart_rows,
        language=texts.language,
        title=texts("chart_sources_title", period=period_label),
        series_labels=series,
        subtitle=team.name,
    )
    text = "\n".join(lines)
    if len(text) <= 1024:
        await message.answer_photo(BufferedInputFile(png, filename="sources.png"), caption=text)
    else:
        await message.answer_photo(BufferedInputFile(png, filename="sources.png"))
        await message.answer(text[:4096])


def top_text(texts: Texts, team: Team, request: Request, people: list) -> str:
    lines = [texts("top_header", period=request.period.label(texts.language))]
    for role in ("sdr", "hunter", "farmer"):
        key = MAIN_INDICATOR[role]
        ranked = sorted(
            ((p.name, compute(p.counts)[key]) for p in people if role in p.roles),
            key=lambda item: (-(item[1] or 0), item[0]),
        )
        lines += ["", texts("top_role", role=texts.role(role), metric=texts(f"m_{key}"))]
        if not ranked:
            lines.append(texts("top_nobody"))
        for place, (name, value) in enumerate(ranked, start=1):
            lines.append(
                texts(
                    "top_line", place=place, name=name, value=show(key, value, texts, team.currency)
                )
            )
    return "\n".join(lines)


@router.message(Command("top"))
async def top(
    message: Message,
    command: CommandObject,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    if not member.is_manager and not team.reps_see_top:
        await message.answer(texts("top_hidden"))
        return
    try:
        request = parse_request(command.args, team, texts, "usage_top")
    except Problem as problem:
        await message.answer(problem.text)
        return
    async with uow.read() as conn:
        _total, people, _sources = await analytics.report_counts(
            conn, scope_for(team, request, settings)
        )
    await message.answer(top_text(texts, team, request, people)[:4096])


@router.message(Command("settop"), IsManager())
async def set_top_visibility(
    message: Message, command: CommandObject, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    visible = parse_switch(command.args or "")
    if visible is None:
        await message.answer(texts("usage_settop"))
        return
    async with uow.write() as conn:
        await TeamsRepo(conn).set_reps_see_top(team.id, visible)
    await message.answer(texts("top_visibility_on" if visible else "top_visibility_off"))


def report_xlsx(report: dict, texts: Texts) -> bytes:
    """The report's CSV rows as an Excel sheet, with readable headers."""
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    # a name is text as typed: "=1+2" is not a formula, "http://..." not a link
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(buffer, options)
    sheet = workbook.add_worksheet("Report")
    bold = workbook.add_format({"bold": True, "text_wrap": True})
    percent = workbook.add_format({"num_format": "0.0%"})
    money = workbook.add_format({"num_format": "# ##0.00"})
    header = ["person_id", "name", "roles", *METRIC_KEYS]
    sheet.write_row(
        0, 0, [texts(f"m_{key}") if key in METRIC_KEYS else key for key in header], bold
    )
    rows = [("total", report["team"], "", report["total"])]
    rows += [
        (p["person_id"], p["name"], ";".join(p["roles"]), p["metrics"]) for p in report["by_person"]
    ]
    for r, (person_id, name, roles, metrics) in enumerate(rows, start=1):
        sheet.write_row(r, 0, [person_id, name, roles])
        for c, key in enumerate(METRIC_KEYS, start=3):
            value = metrics.get(key)
            if value is None:
                continue
            fmt = percent if key in RATIO_KEYS else money if key in MONEY_KEYS else None
            sheet.write_number(r, c, float(value), fmt)
    sheet.freeze_panes(1, 2)
    sheet.set_column(1, 1, 24)
    workbook.close()
    return buffer.getvalue()


@router.message(Command("report"), IsManager())
async def report(
    message: Message,
    command: CommandObject,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    try:
        request = parse_request(command.args, team, texts, "usage_report")
    except Problem as problem:
        await message.answer(problem.text)
        return
    async with uow.read() as conn:
        total, people, sources = await analytics.report_counts(
            conn, scope_for(team, request, settings)
        )
    data = build_report(team.name, request.period, request.mode, total, people, sources)
    stem = f"report-{request.period.start.isoformat()}-{request.period.end.isoformat()}"
    caption = texts(
        "report_caption",
        team=team.name,
        period=request.period.label(texts.language),
        mode=_mode(texts, request),
    )
    await message.answer_document(
        BufferedInputFile(report_csv(data).encode("utf-8"), filename=f"{stem}.csv"),
        caption=caption,
    )
    xlsx = await render(report_xlsx, data, texts)
    await message.answer_document(BufferedInputFile(xlsx, filename=f"{stem}.xlsx"))
