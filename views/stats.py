"""/funnel (caption and chart), /stats and /top as people read them."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from bot.i18n import Html, Texts, plain_text
from services.stats import FunnelNumbers, Ranking, Stats
from services.subjects import Subject
from storage.models import Team
from views import charts
from views.values import counted, show
from views.verified import telephony_line, telephony_private_line

# The period's counts, as tiles: (metric, the metric written under it or None)
SDR_TILES = (
    ("calls_60", None),
    ("minutes_on_line", None),
    ("leads_new", "targeted_share"),
    ("meetings_set", None),
    ("meetings_held", None),
    ("payments", "revenue"),
)
HUNTER_TILES = (
    ("meetings_held_as_hunter", None),
    ("proposals", None),
    ("payments_as_hunter", None),
    ("revenue_as_hunter", "avg_check_as_hunter"),
)
FARMER_TILES = (
    ("calls_total", None),
    ("calls_60", None),
    ("repeat_payments", None),
    ("repeat_revenue", "repeat_avg_check"),
    ("active_clients", None),
)
# The cohort's funnel: (step, the conversion that labels it). Every conversion is a
# subset over its superset in cohort mode (confirmed and held of set, paid of held), so
# never above 100 %; confirmed -> held is not a step (set -> held without confirming is
# allowed: it can pass 100 %).
SDR_STEPS = (
    ("meetings_set", None),
    ("meetings_confirmed", "conv_set_to_confirmed"),
    ("meetings_held", "conv_set_to_held"),
    ("meetings_paid", "conv_held_to_paid"),
)
HUNTER_STEPS = (
    ("meetings_held_as_hunter", None),
    ("meetings_paid_as_hunter", "conv_held_to_paid_as_hunter"),
)


def subject_label(subject: Subject, team: Team, texts: Texts) -> str:
    """``Команда «Отдел продаж»``, a member's name, ``Источник google``."""
    if subject.member is not None:
        return subject.member.display_name
    if subject.source is not None:
        return texts("source_subject", source=subject.source.name)
    return texts("team_subject", team=team.name)


def mode_text(texts: Texts, mode: str) -> Html:
    return texts("mode_cohort") if mode == "cohort" else Html("")


def _named(key: str, metrics: dict, texts: Texts, currency: str) -> str:
    """A value after its registry name: ``назначена → проведена 62,0 %``."""
    return f"{texts.metric(key)} {show(key, metrics[key], texts, currency)}"


def _cohort_note(numbers: FunnelNumbers, texts: Texts) -> Html:
    """What else became of the cohort: cancelled, no-shows, no outcome yet (a day's
    meetings are mostly still ahead); the outcomes that did not happen are left out."""
    c = numbers.cohort
    outcomes = [
        texts(message, count=count)
        for message, count in (
            ("funnel_cohort_cancelled", c["meetings_cancelled"]),
            ("funnel_cohort_no_show", c["meetings_no_show"]),
            ("funnel_cohort_open", numbers.cohort_open),
        )
        if count
    ]
    if not outcomes:
        return Html("")
    return texts("funnel_cohort_note", outcomes=Html(" · ".join(outcomes)))


def funnel_caption(numbers: FunnelNumbers, team: Team, texts: Texts) -> Html:
    """The chart's numbers in words: the period's counts, then the cohort's steps with
    their conversions by name (the farmer: the counts)."""
    m, c, subject = numbers.metrics, numbers.cohort, numbers.subject
    s = lambda key: show(key, m[key], texts, team.currency)  # noqa: E731
    named = lambda key: _named(key, c, texts, team.currency)  # noqa: E731
    common = {
        "subject": subject_label(subject, team, texts),
        "period": numbers.period.label(texts.language),
    }
    if subject.role == "hunter":
        return texts(
            "funnel_caption_hunter",
            **common,
            held=m["meetings_held_as_hunter"],  # numbers: the catalog picks the plural
            proposals=m["proposals"],
            payments=m["payments_as_hunter"],
            revenue=s("revenue_as_hunter"),
            avg_check=s("avg_check_as_hunter"),
            cycle=counted(
                "sales_cycle_days_as_hunter", m["sales_cycle_days_as_hunter"], texts, team.currency
            ),
            cohort_heading=texts("funnel_cohort_heading"),
            cohort_held=c["meetings_held_as_hunter"],
            cohort_paid=c["meetings_paid_as_hunter"],
            held_to_paid=named("conv_held_to_paid_as_hunter"),
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
    note = _cohort_note(numbers, texts)
    return texts(
        "funnel_caption",
        **common,
        calls_60=m["calls_60"],
        minutes=m["minutes_on_line"],
        leads=m["leads_new"],
        targeted_share=s("targeted_share"),
        set=s("meetings_set"),
        held=s("meetings_held"),
        payments=m["payments"],
        revenue=s("revenue"),
        cohort_heading=texts("funnel_cohort_heading"),
        cohort_set=c["meetings_set"],
        cohort_confirmed=c["meetings_confirmed"],
        cohort_held=c["meetings_held"],
        cohort_paid=c["meetings_paid"],
        set_to_confirmed=named("conv_set_to_confirmed"),
        set_to_held=named("conv_set_to_held"),
        held_to_paid=named("conv_held_to_paid"),
        note=Html(f"\n{note}") if note else note,  # its own line, when there is one
    )


def _funnel_parts(numbers: FunnelNumbers, team: Team, texts: Texts) -> dict[str, Any]:
    """What the funnel chart draws for the subject: the period's counts as tiles, then
    the cohort's funnel (the farmer, who has no cohort: the tiles)."""
    m, c, subject = numbers.metrics, numbers.cohort, numbers.subject
    role = subject.role
    tiles = [
        charts.CountTile(
            label=charts.capitalized(texts.metric(key)),
            value=show(key, m[key], texts, team.currency),
            note=_named(note, m, texts, team.currency) if note else "",
        )
        for key, note in {"hunter": HUNTER_TILES, "farmer": FARMER_TILES}.get(role, SDR_TILES)
    ]
    steps = [
        charts.FunnelStep(
            key=key,
            label=charts.capitalized(texts.metric(key)),
            value=float(c[key] or 0),
            conversion_name=texts.metric(conversion) if conversion else "",
            conversion=c[conversion] if conversion else None,
        )
        for key, conversion in {"hunter": HUNTER_STEPS, "farmer": ()}.get(role, SDR_STEPS)
    ]
    period = numbers.period.label(texts.language)
    return {
        "language": texts.language,
        # a chart is plain text: a typed "Рога & Копыта" reads as typed, not "&amp;"
        "title": plain_text(texts("funnel_title", subject=subject_label(subject, team, texts))),
        # the team's own chart has the team's name in its title already
        "subtitle": period if subject.kind == "team" else f"{team.name} · {period}",
        "counts_heading": plain_text(texts("funnel_counts_heading")),
        "tiles": tiles,
        "cohort_heading": plain_text(texts("funnel_cohort_heading")),
        "steps": steps,
        "cohort_note": plain_text(_cohort_note(numbers, texts)) if role == "sdr" else "",
    }


def funnel_figure(numbers: FunnelNumbers, team: Team, texts: Texts) -> Figure:
    """The subject's funnel chart as a figure (:func:`funnel_png` draws it)."""
    return charts.funnel_figure(**_funnel_parts(numbers, team, texts))


def funnel_png(numbers: FunnelNumbers, team: Team, texts: Texts) -> bytes:
    """The subject's funnel chart (run it in the chart thread)."""
    return charts.funnel_chart(**_funnel_parts(numbers, team, texts))


def stats_text(stats: Stats, team: Team, texts: Texts) -> str:
    """/stats: the header, each section's metrics (★ on a main indicator), the calls of
    60 s+ typed and from telephony (in a group, for a member: where to see them)."""
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
        text += "\n" + telephony_line(stats.telephony, texts)
    elif stats.telephony_private:
        text += "\n" + telephony_private_line(texts)
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
