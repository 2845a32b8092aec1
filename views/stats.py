"""/funnel (caption and chart), /stats and /top as people read them."""

from __future__ import annotations

from bot.i18n import Html, Texts
from services.stats import Ranking, Stats, SubjectNumbers
from services.subjects import Subject
from storage.models import Team
from views import charts
from views.values import counted, show

SDR_STAGES = ("calls_60", "meetings_set", "meetings_confirmed", "meetings_held", "meetings_paid")
HUNTER_STAGES = ("meetings_held_as_hunter", "proposals", "meetings_paid_as_hunter")
FARMER_STAGES = ("calls_total", "calls_60", "repeat_payments")


def subject_label(subject: Subject, team: Team, texts: Texts) -> str:
    """``Команда «Отдел продаж»``, a member's name, ``Источник google``."""
    if subject.member is not None:
        return subject.member.display_name
    if subject.source is not None:
        return texts("source_subject", source=subject.source.name)
    return texts("team_subject", team=team.name)


def mode_text(texts: Texts, mode: str) -> Html:
    return texts("mode_cohort") if mode == "cohort" else Html("")


def funnel_caption(numbers: SubjectNumbers, team: Team, texts: Texts) -> Html:
    m, subject = numbers.metrics, numbers.subject
    s = lambda key: show(key, m[key], texts, team.currency)  # noqa: E731
    common = {
        "subject": subject_label(subject, team, texts),
        "period": numbers.period.label(texts.language),
        "mode": mode_text(texts, numbers.mode),
    }
    if subject.role == "hunter":
        return texts(
            "funnel_caption_hunter",
            **common,
            held=m["meetings_held_as_hunter"],  # numbers: the catalog picks the plural
            proposals=m["proposals"],
            paid=m["meetings_paid_as_hunter"],
            conv=s("conv_held_to_paid_as_hunter"),
            payments=m["payments_as_hunter"],
            revenue=s("revenue_as_hunter"),
            avg_check=s("avg_check_as_hunter"),
            cycle=counted(
                "sales_cycle_days_as_hunter", m["sales_cycle_days_as_hunter"], texts, team.currency
            ),
        )
    if subject.role == "farmer":
        return texts(
            "funnel_caption_farmer",
            **common,
            calls_total=m["calls_total"],
            calls_60=m["calls_60"],
            payments=m["repeat_payments"],
            revenue=s("repeat_revenue"),
            avg_check=s("repeat_avg_check"),
            clients=m["active_clients"],
        )
    return texts(
        "funnel_caption",
        **common,
        calls_60=m["calls_60"],
        minutes=m["minutes_on_line"],
        leads=m["leads_new"],
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
        payments=m["payments"],
        revenue=s("revenue"),
    )


def funnel_png(numbers: SubjectNumbers, team: Team, texts: Texts) -> bytes:
    """The funnel chart of the subject's role (run it in the chart thread)."""
    m, subject = numbers.metrics, numbers.subject
    keys = {"hunter": HUNTER_STAGES, "farmer": FARMER_STAGES}.get(subject.role, SDR_STAGES)
    stages = [
        charts.FunnelStage(
            key=key, label=charts.capitalized(texts.metric(key)), value=float(m[key] or 0)
        )
        for key in keys
    ]
    footer = ""
    if subject.role == "sdr":
        footer = texts(
            "funnel_footer",
            leads=m["leads_new"],
            share=show("targeted_share", m["targeted_share"], texts, team.currency),
            minutes=m["minutes_on_line"],
            revenue=show("revenue", m["revenue"], texts, team.currency),
        )
    period = numbers.period.label(texts.language)
    return charts.funnel_chart(
        stages,
        language=texts.language,
        title=texts("funnel_title", subject=subject_label(subject, team, texts)),
        subtitle=f"{team.name} · {period}{mode_text(texts, numbers.mode)}",
        footer=footer,
    )


def stats_text(stats: Stats, team: Team, texts: Texts) -> str:
    """/stats: the header, each section's metrics (★ on a main indicator), the share of
    calls from telephony."""
    numbers = stats.numbers
    sections = []
    for section in stats.sections:
        lines = [f"<b>{texts(f'stats_section_{section.role}')}</b>"] if section.role else []
        for index, (key, value) in enumerate(section.lines):
            mark = " ★" if index == 0 and section.main else ""
            shown = show(key, value, texts, team.currency)
            lines.append(f"{texts.metric(key)}: <b>{shown}</b>{mark}")
        sections.append("\n".join(lines))
    header = texts(
        "stats_header",
        subject=subject_label(numbers.subject, team, texts),
        period=numbers.period.label(texts.language),
        mode=mode_text(texts, numbers.mode),
    )
    text = "\n\n".join([header, *sections, f"★ {texts('main_indicator')}"])
    if stats.telephony is not None:
        share = show("targeted_share", stats.telephony.share, texts, team.currency)
        text += "\n" + texts(
            "stats_verified",
            share=share,
            telephony=stats.telephony.verified,
            total=stats.telephony.total,
        )
    return text


def top_text(rankings: tuple[Ranking, ...], period_label: str, team: Team, texts: Texts) -> str:
    lines = [texts("top_header", period=period_label)]
    for ranking in rankings:
        lines += [
            "",
            texts("top_role", role=texts.role(ranking.role), metric=texts.metric(ranking.metric)),
        ]
        if not ranking.places:
            lines.append(texts("top_nobody"))
        for place, (name, value) in enumerate(ranking.places, start=1):
            lines.append(
                texts(
                    "top_line",
                    place=place,
                    name=name,
                    value=show(ranking.metric, value, texts, team.currency),
                )
            )
    return "\n".join(lines)
