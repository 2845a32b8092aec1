"""The diagnosis chart as it is drawn: each grey bar says what it is (the plan, the average
of the previous weeks), the period is on it, shares sit on one 0-100 % axis, a
conversion that is not a share is drawn as its counts, nothing is cut, it fits a phone."""

from __future__ import annotations

import re
from datetime import date

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.i18n import Texts, plain_text
from metrics.counts import Activity, Counts, Meetings
from metrics.diagnosis import DiagnosisSettings, Finding, Subject, SubjectData, diagnose
from metrics.periods import Period
from services.diagnosis import Diagnosed
from tests.support.figures import (
    SENT_MAX_SIDE_PX,
    bar_widths_px,
    bars,
    cut_labels,
    percents,
    smallest_sent_pt,
    texts,
)
from views.charts import Compared, comparison_figure
from views.charts.base import MIN_SENT_PT
from views.diagnosis import finding_figure
from views.formatting import format_count, format_percent

LANGUAGES = ("ru", "en")
WEEK = Period(date(2026, 11, 16), date(2026, 11, 22), "week")
BEFORE = tuple(WEEK.previous(i) for i in range(1, 5))
REP = Subject("member", 7, "Александра Константинопольская")
TEAM = Subject("team", 1, "Отдел продаж")
LONG = "Яндекс Директ — ретаргетинг"


def counts(calls=400, leads=60, targeted=40, set_=20, confirmed=17, held=15, paid=5) -> Counts:
    return Counts(
        Activity(
            calls_60=calls, call_seconds=calls * 150, leads_new=leads, leads_targeted=targeted
        ),
        Meetings(
            meetings_set=set_,
            meetings_confirmed=confirmed,
            meetings_held=held,
            meetings_paid=paid,
        ),
    )


def diagnosed(
    team: SubjectData, members=(), sources=(), current: Period = WEEK
) -> tuple[Diagnosed, list[Finding]]:
    report = diagnose(team, members, sources, DiagnosisSettings(correction="none"))
    inputs = {(d.subject.kind, d.subject.id): d for d in (team, *members, *sources)}
    return Diagnosed(report, current, BEFORE, WEEK, inputs), list(report.findings)


def joined(fig: Figure) -> str:
    return " ".join(" ".join(texts(fig)).split())


def labels(fig: Figure) -> list[str]:
    """The rows' labels, top to bottom, a wrapped one read as one line."""
    found = [t for t in fig.findobj(Text) if t.get_gid() == "label"]
    return [
        " ".join(t.get_text().split()) for t in sorted(found, key=lambda t: -t.get_position()[1])
    ]


def readable(fig: Figure) -> None:
    width, height = fig.get_size_inches() * fig.dpi
    assert round(width) == 1280 and round(height) <= SENT_MAX_SIDE_PX
    assert smallest_sent_pt(fig) >= MIN_SENT_PT
    assert not cut_labels(fig)
    assert max(percents(fig), default=0) <= 100


# --- the chart -------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_are_written_by_the_one_formatter(language: str) -> None:
    fig = comparison_figure(
        [
            Compared("a", (("now", 0.055), ("baseline", None)), percent=True),
            Compared("b", (("now", 4140.66), ("baseline", 3))),
        ],
        language=language,
        title="t",
        legend={"now": "now", "baseline": "before"},
    )
    drawn = texts(fig)
    for shown in (format_percent(0.055, language), "—", format_count(4140.66, language)):
        assert shown in drawn
    if language == "ru":
        assert not any(re.search(r"\d\.\d", text) for text in drawn)


def test_shares_share_one_0_to_100_axis_and_counts_their_row_or_group() -> None:
    fig = comparison_figure(
        [
            Compared("calls → meeting", (("now", 0.08), ("baseline", 0.12)), percent=True),
            Compared("set → held", (("now", 0.55), ("baseline", 0.7)), percent=True),
            Compared("calls", (("now", 400), ("baseline", 0))),
            Compared("confirmed*", (("now", 6), ("baseline", 17)), group="c"),
            Compared("held*", (("now", 9), ("baseline", 15)), group="c"),
        ],
        language="en",
        title="t",
        legend={"now": "now", "baseline": "before"},
    )
    now, base = bar_widths_px(bars(fig, "now")), bar_widths_px(bars(fig, "baseline"))
    tracks = bar_widths_px(bars(fig, "track"))
    assert len(tracks) == 4 and len(set(map(round, tracks))) == 1  # one 100 % for every share
    full = tracks[0]
    assert now[0] / full == pytest.approx(0.08) and now[1] / full == pytest.approx(0.55)
    assert base[1] / full == pytest.approx(0.7)
    assert now[2] == pytest.approx(full) and base[2] == 0  # a row of counts: its own scale
    # a group of counts: one scale (17 is the longest bar of the group)
    assert base[3] == pytest.approx(full)
    assert [now[3] / full, now[4] / full, base[4] / full] == pytest.approx(
        [6 / 17, 9 / 17, 15 / 17]
    )


def test_a_share_above_100_percent_is_refused() -> None:
    with pytest.raises(ValueError, match="not a share"):
        Compared("confirmed → held", (("now", 1.5), ("baseline", 0.9)), percent=True)
    with pytest.raises(ValueError, match="bar key"):
        Compared("x", (("later", 1),))


@pytest.mark.parametrize("language", LANGUAGES)
def test_rows_that_do_not_fit_are_left_out_and_counted(language: str) -> None:
    rows = [
        Compared("indicator", (("now", 0.3), ("baseline", 0.8)), percent=True),
        *(
            Compared(
                f"{LONG} номер {i}", (("now", 0.3), ("baseline", 0.8)), percent=True, optional=True
            )
            for i in range(30)
        ),
        Compared("last check", (("now", 3), ("baseline", 5))),
    ]
    fig = comparison_figure(
        rows,
        language=language,
        title="t",
        legend={},
        more_note=lambda n: f"{n} more in the text",
    )
    readable(fig)
    drawn = labels(fig)
    assert drawn[0] == "indicator" and drawn[-1] == "last check"  # never left out
    kept = len(drawn) - 2
    assert 3 <= kept < 30
    assert drawn[1:-1] == [f"{LONG} номер {i}" for i in range(kept)]
    assert f"{30 - kept} more in the text" in joined(fig)


def test_long_labels_wrap_and_the_empty_chart_shows_a_dash() -> None:
    label = " ".join([LONG] * 6)
    fig = comparison_figure(
        [Compared(label, (("now", 1), ("baseline", 2)))], language="ru", title="t", legend={}
    )
    assert labels(fig) == [label] and not cut_labels(fig)
    empty = comparison_figure([], language="ru", title="t", legend={})
    assert "—" in texts(empty)


# --- the diagnosis's chart -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_behind_plan_the_plan_is_drawn_and_named_and_the_period_is_said(language: str) -> None:
    rep = SubjectData(REP, counts(set_=9), (counts(set_=10),) * 4, plan_meetings_set=15)
    state, findings = diagnosed(SubjectData(TEAM, counts(), (counts(),) * 4), [rep])
    (finding,) = findings
    assert finding.trigger == "behind_plan"
    fig = finding_figure(state, finding, Texts(language))
    readable(fig)
    texts_ = Texts(language)
    said = joined(fig)
    assert plain_text(texts_("diag_chart_plan")) in said
    average = plain_text(texts_("diag_chart_baseline", kind="week", count=4))
    assert average in said
    baseline = Period.between(date(2026, 10, 19), date(2026, 11, 15)).label(language)
    subtitle = texts_("diag_chart_subtitle", period=WEEK.label(language), baseline=baseline)
    assert plain_text(subtitle) in said  # the week, and the four before it
    (plan,) = bar_widths_px(bars(fig, "plan"))
    now = bar_widths_px(bars(fig, "now"))[0]
    assert now / plan == pytest.approx(9 / 15)  # 9 set against a plan of 15
    assert REP.name in said  # the title names who, wrapped but whole


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_conversion_above_100_percent_is_drawn_as_its_counts(language: str) -> None:
    # paid this week (held in earlier weeks) outnumber held this week in the baseline
    team = SubjectData(
        TEAM,
        counts(set_=30, held=20, paid=0),
        (counts(set_=30, confirmed=25, held=8, paid=10),) * 4,
    )
    state, findings = diagnosed(team)
    finding = findings[0]
    assert finding.indicator.metric == "conv_held_to_paid" and finding.indicator.baseline > 1
    texts_ = Texts(language)
    fig = finding_figure(state, finding, texts_)
    readable(fig)
    drawn = labels(fig)
    conversion = texts_.metric("conv_held_to_paid")
    assert not any(label.casefold().startswith(conversion.casefold()) for label in drawn)
    held = plain_text(texts_("diag_chart_counts", metric=texts_.metric("meetings_held")))
    paid = plain_text(texts_("diag_chart_counts", metric=texts_.metric("meetings_paid")))
    assert drawn[:2] == [held[:1].upper() + held[1:], paid[:1].upper() + paid[1:]]
    assert plain_text(texts_("diag_chart_not_share_period", metrics=conversion)) in joined(fig)


@pytest.mark.parametrize("language", LANGUAGES)
def test_confirmed_to_held_is_never_drawn_as_a_share(language: str) -> None:
    """Situation 2 opens "confirmed → held"; a meeting can be held unconfirmed, so even at
    91 % it is not a share: the chart draws the two counts on one scale."""
    rep = SubjectData(REP, counts(set_=20, confirmed=6, held=9, paid=3), (counts(),) * 4)
    state, findings = diagnosed(SubjectData(TEAM, counts(), (counts(),) * 4), [rep])
    (finding,) = [f for f in findings if f.situation == 2]
    texts_ = Texts(language)
    fig = finding_figure(state, finding, texts_)
    readable(fig)
    said = joined(fig)
    name = texts_.metric("conv_confirmed_to_held")
    assert plain_text(texts_("diag_chart_not_share_never", metrics=name)) in said
    assert not any(name.casefold() in label.casefold() for label in labels(fig))
    assert "150" not in said  # 9 held of 6 confirmed is never printed as a percent


@pytest.mark.parametrize("language", LANGUAGES)
def test_many_sources_fit_a_phone_and_the_rest_is_counted(language: str) -> None:
    sources = [
        SubjectData(
            Subject("source", i, f"{LONG}, кампания {i}"),
            counts(set_=10, confirmed=5, held=3, paid=1),
            (counts(set_=10, confirmed=9, held=8, paid=3),) * 4,
        )
        for i in range(12)
    ]
    team = SubjectData(
        TEAM,
        counts(set_=120, confirmed=60, held=36),
        (counts(set_=120, confirmed=108, held=96),) * 4,
    )
    state, findings = diagnosed(team, (), sources)
    (finding,) = [f for f in findings if f.subject.kind == "team"]
    texts_ = Texts(language)
    fig = finding_figure(state, finding, texts_)
    readable(fig)
    lines = [label for label in labels(fig) if LONG in label]
    assert 1 <= len(lines) < 12
    assert plain_text(texts_("diag_chart_more", count=12 - len(lines))) in joined(fig)


def test_a_running_week_is_compared_with_the_same_days() -> None:
    running = Period(date(2026, 11, 16), date(2026, 11, 18), "range")
    rep = SubjectData(REP, counts(set_=9), (counts(set_=10),) * 4, plan_meetings_set=15)
    state, findings = diagnosed(
        SubjectData(TEAM, counts(), (counts(),) * 4), [rep], current=running
    )
    fig = finding_figure(state, findings[0], Texts("ru"))
    assert "в среднем за те же дни 4 прошлых недель" in joined(fig)
