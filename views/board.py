"""The live wallboard as HTML: the fragment the Mini App and the office TV page show.

Every number is an element that says what it is, so the page can be read by a machine
(and by the tests) as well as by people: ``data-metric`` (the metric's key in the JSON
report), ``data-value`` (the report's raw value: money and ratios as JSON numbers, ratios
as fractions, an undefined value as ""), ``data-mode`` (the report's mode the number is
counted in: ``period``, or ``cohort`` for the funnel of the meetings set in the period)
and one of ``data-person`` (the Telegram user id, the report's ``person_id``),
``data-source`` (the source's name; "" for the records without a source) or
``data-scope="team"``. A rep's planned metric also carries ``data-plan-lower``,
``data-plan-goal`` (the plan for the period's working days so far) and ``data-status``;
a ranking entry ``data-score`` (fact / goal); a week of the trend ``data-from`` and
``data-to`` (the days it counts). A rep's card carries the rep's score
(:mod:`metrics.score`) as ``data-metric="score"``, the one number that is not a key of
the report: ``data-value`` is the fraction, "" when undefined. What people read is
written by the one formatter.

Stored text (names, sources, the team's name) is escaped here, once: the fragment goes
into the page as HTML.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape

from bot.i18n import Texts
from metrics.engine import MetricValue
from metrics.registry import metric
from metrics.report import json_value
from services.board import KINDS, Board, Ranked
from services.digest import PlanFact, RepDigest
from services.sources import SourceNumbers
from services.trend import MetricTrend
from storage.models import Team
from views.charts import capitalized
from views.charts.plan_fact import PlanFactBar, fact_and_plan
from views.formatting import format_count, format_day_month, format_percent, format_period
from views.stats import SDR_STEPS, SDR_TILES
from views.values import show

SCORE = "score"  # the rep's score (metrics.score): not a key of the JSON report
SHARE_MAX = 1.5  # a plan bar's scale ends at 150 % of the goal, as on the chart
SOURCE_COLUMNS = ("leads_new", "meetings_set", "meetings_held", "payments", "revenue")
SOURCE_COHORT = "conv_held_to_paid"  # of the meetings set in the period: never above 100 %


def _data(value: object) -> str:
    """A raw value as the JSON report writes it; "" for an undefined one."""
    raw = json_value(value)  # type: ignore[arg-type]
    return "" if raw is None else json.dumps(raw)


def _css(fraction_of_100: float) -> str:
    """A length in a style attribute (geometry, not a number people read): ``"42.5%"``."""
    return f"{round(fraction_of_100, 1)}%"


GOAL_AT = _css(100 / SHARE_MAX)  # the goal's tick on a plan bar


def _bound(value: float) -> str:
    """A plan bound as a JSON number: ``400``, ``1500.5``."""
    return json.dumps(int(value) if float(value).is_integer() else value)


def _attrs(**attrs: object) -> str:
    """``data-x="..."`` attributes (underscores become dashes), values escaped; None
    leaves the attribute out."""
    return "".join(
        f' {name.replace("_", "-")}="{escape(str(value), quote=True)}"'
        for name, value in attrs.items()
        if value is not None
    )


def _number(
    key: str,
    value: MetricValue,
    text: str,
    *,
    mode: str,
    scope: dict[str, object],
    css: str = "num",
    **extra: object,
) -> str:
    """One number: its element with the data attributes and the text people read
    (``text`` is HTML already)."""
    attrs = _attrs(data_metric=key, data_value=_data(value), data_mode=mode, **scope, **extra)
    return f'<span class="{css}"{attrs}>{text}</span>'


def _shown(key: str, value: MetricValue, texts: Texts, team: Team) -> str:
    return escape(show(key, value, texts, team.currency), quote=False)


def _metric(
    key: str,
    value: MetricValue,
    texts: Texts,
    team: Team,
    *,
    mode: str,
    scope: dict[str, object],
    **extra: object,
) -> str:
    """One number written as the replies write it (:func:`_number` of :func:`_shown`)."""
    return _number(key, value, _shown(key, value, texts, team), mode=mode, scope=scope, **extra)


def _name(key: str, texts: Texts) -> str:
    return escape(capitalized(texts.metric(key)), quote=False)


TEAM_SCOPE: dict[str, object] = {"data_scope": "team"}


def _switch(board: Board, texts: Texts) -> str:
    buttons = "".join(
        f'<button type="button"'
        f"{_attrs(data_period_switch=kind, aria_pressed=str(kind == board.kind).lower())}>"
        f"{texts(f'wall_period_{kind}')}</button>"
        for kind in KINDS
    )
    return f'<nav class="switch" aria-label="{texts("wall_switch")}">{buttons}</nav>'


def _tiles(board: Board, team: Team, texts: Texts) -> str:
    m = board.funnel.metrics
    tiles = []
    for key, note in SDR_TILES:
        value = _metric(key, m[key], texts, team, mode="period", scope=TEAM_SCOPE)
        under = ""
        if note:
            noted = _metric(note, m[note], texts, team, mode="period", scope=TEAM_SCOPE)
            under = f'<span class="note">{escape(texts.metric(note))} {noted}</span>'
        tiles.append(
            f'<div class="tile">{value}<span class="label">{_name(key, texts)}</span>{under}</div>'
        )
    return (
        f'<section data-panel="tiles"><h2>{texts("funnel_counts_heading")}</h2>'
        f'<div class="tiles">{"".join(tiles)}</div></section>'
    )


def _funnel(board: Board, team: Team, texts: Texts) -> str:
    c = board.funnel.cohort
    top = float(c[SDR_STEPS[0][0]] or 0)
    steps = []
    for key, conversion in SDR_STEPS:
        count = float(c[key] or 0)
        width = 100.0 * count / top if top > 0 else 0.0
        value = _metric(key, c[key], texts, team, mode="cohort", scope=TEAM_SCOPE)
        label = _name(key, texts)
        if conversion:
            ratio = _metric(
                conversion,
                c[conversion],
                texts,
                team,
                mode="cohort",
                scope=TEAM_SCOPE,
            )
            label = f"{escape(texts.metric(conversion), quote=False)} {ratio}"
        steps.append(
            f'<div class="step"{_attrs(data_step=key)}><div class="step-label">{label}</div>'
            f'<div class="bar-track"><div class="bar" style="width:{_css(width)}"></div>'
            f"{value}</div></div>"
        )
    return (
        f'<section data-panel="funnel"><h2>{texts("funnel_cohort_heading")}</h2>'
        f'<div class="funnel">{"".join(steps)}</div></section>'
    )


def _plan_row(rep: RepDigest, line: PlanFact, team: Team, texts: Texts) -> str:
    assert line.target is not None
    kind = metric(line.metric).kind
    bar = PlanFactBar(
        texts.metric(line.metric),
        kind,
        float(line.fact or 0),
        line.target.lower,
        line.target.goal,
        line.status,
    )
    text = escape(fact_and_plan(bar, texts.language, team.currency), quote=False)
    share = bar.share
    fill = 100.0 if share is None else 100.0 * min(share, SHARE_MAX) / SHARE_MAX
    goal = line.target.goal
    band_from = 100.0 * (line.target.lower / goal) / SHARE_MAX if goal > 0 else 0.0
    number = _number(
        line.metric,
        line.fact,
        text,
        mode="period",
        scope={"data_person": rep.person_id},
        data_plan_lower=_bound(line.target.lower),
        data_plan_goal=_bound(line.target.goal),
        data_status=line.status,
    )
    return (
        f'<div class="pf {escape(line.status)}"><div class="pf-label">{_name(line.metric, texts)}'
        f"</div>{number}"
        f'<div class="pf-track" style="--band-from:{_css(band_from)};--goal:{GOAL_AT}">'
        f'<div class="pf-bar" style="width:{_css(fill)}"></div></div></div>'
    )


def _plain_row(rep: RepDigest, line: PlanFact, team: Team, texts: Texts) -> str:
    number = _metric(
        line.metric,
        line.fact,
        texts,
        team,
        mode="period",
        scope={"data_person": rep.person_id},
    )
    label = _name(line.metric, texts)
    return f'<div class="pf none"><div class="pf-label">{label}</div>{number}</div>'


def _rep(rep: RepDigest, team: Team, texts: Texts) -> str:
    name = escape(rep.name, quote=False)
    if rep.off:
        note, rows = texts("wall_rep_off"), ""
    elif rep.planned:
        note = texts(f"wall_status_{rep.status}") if rep.status != "none" else ""
        rows = "".join(_plan_row(rep, line, team, texts) for line in rep.planned)
    else:
        note = texts("wall_rep_no_plan")
        rows = "".join(_plain_row(rep, line, team, texts) for line in rep.numbers)
    return (
        f'<article class="rep {escape(rep.status)}"{_attrs(data_rep=rep.person_id)}>'
        f'<header><span class="rep-name">{name}</span>'
        f'<span class="rep-role">{texts.role(rep.role)}</span>'
        f'<span class="rep-status">{note}</span>{_score(rep, texts)}</header>{rows}</article>'
    )


def _score(rep: RepDigest, texts: Texts) -> str:
    """The rep's score (metrics.score): ``data-metric="score"``, ``data-value`` the raw
    fraction ("" when undefined), and what people read: the percent, or a dash."""
    # undefined: a dash; the card's status says why (no plan, a day off)
    text = escape(format_percent(rep.score.value, texts.language), quote=False)
    number = _number(
        SCORE,
        rep.score.value,
        text,
        mode="period",
        scope={"data_person": rep.person_id},
    )
    return f'<span class="rep-score">{texts("wall_score")} {number}</span>'


def _legend(texts: Texts) -> str:
    """What the colours of the plan bars mean, and the band and the goal's tick."""
    marks = [(status, f"wall_status_{status}") for status in ("behind", "on_track", "done")]
    marks += [("band", "wall_legend_band"), ("tick", "wall_legend_goal")]
    items = "".join(
        f'<span class="key-item"><span class="key {mark}"></span>{texts(message)}</span>'
        for mark, message in marks
    )
    return f'<p class="legend">{items}</p>'


def _reps(board: Board, team: Team, texts: Texts) -> str:
    body = "".join(_rep(rep, team, texts) for rep in board.reps) or (
        f'<p class="empty">{texts("wall_no_reps")}</p>'
    )
    return (
        f'<section data-panel="reps"><h2>{texts("wall_reps_heading")}</h2>'
        f'<p class="hint">{texts("wall_reps_note")}</p>{_legend(texts)}{body}</section>'
    )


def _ranked(place: int, ranked: Ranked, texts: Texts) -> str:
    rep, main = ranked.rep, ranked.main
    number = _number(
        main.metric,
        main.fact,
        escape(format_percent(ranked.score, texts.language), quote=False),
        mode="period",
        scope={"data_person": rep.person_id},
        data_score=json.dumps(ranked.score),
        data_status=main.status,
    )
    return (
        f'<li class="{escape(main.status)}">'
        f'<span class="place">{format_count(place, texts.language)}</span>'
        f'<span class="rep-name">{escape(rep.name, quote=False)}</span>{number}'
        f'<span class="what">{_name(main.metric, texts)}</span></li>'
    )


def _ranking(board: Board, texts: Texts) -> str:
    if board.ranking is None:
        return ""
    body = (
        '<ol class="ranking">'
        + "".join(_ranked(i, r, texts) for i, r in enumerate(board.ranking, 1))
        + "</ol>"
        if board.ranking
        else f'<p class="empty">{texts("wall_ranking_empty")}</p>'
    )
    return (
        f'<section data-panel="ranking"><h2>{texts("wall_ranking_heading")}</h2>'
        f'<p class="hint">{texts("wall_ranking_note")}</p>{body}</section>'
    )


def _source(row: SourceNumbers, team: Team, texts: Texts) -> str:
    """A source's card: its name, then each number under its name (a table of six
    columns does not fit a phone)."""
    scope = {"data_source": row.name or ""}
    name = escape(row.name, quote=False) if row.name is not None else texts("no_source")
    cells = [
        (
            _name(key, texts),
            _metric(
                key,
                row.metrics[key],
                texts,
                team,
                mode="period",
                scope=scope,
            ),
        )
        for key in SOURCE_COLUMNS
    ]
    ratio = row.cohort[SOURCE_COHORT]
    cells.append(
        (
            texts("wall_sources_conversion", name=capitalized(texts.metric(SOURCE_COHORT))),
            _metric(
                SOURCE_COHORT,
                ratio,
                texts,
                team,
                mode="cohort",
                scope=scope,
            ),
        )
    )
    items = "".join(f"<div><dt>{label}</dt><dd>{number}</dd></div>" for label, number in cells)
    return f'<article class="src"><h3>{name}</h3><dl class="kv">{items}</dl></article>'


def _sources(board: Board, team: Team, texts: Texts) -> str:
    body = "".join(_source(row, team, texts) for row in board.sources) or (
        f'<p class="empty">{texts("wall_sources_empty")}</p>'
    )
    return f'<section data-panel="sources"><h2>{texts("wall_sources_heading")}</h2>{body}</section>'


def _trend_metric(series: MetricTrend, board: Board, team: Team, texts: Texts) -> str:
    values = [float(p.value or 0) for p in series.points]
    goals = [p.plan.goal for p in series.points if p.plan is not None]
    top = max([*values, *goals, 0.0]) or 1.0
    weeks = []
    for point in series.points:
        height = 100.0 * float(point.value or 0) / top
        end = min(point.week.end, board.today)
        number = _metric(
            series.metric,
            point.value,
            texts,
            team,
            mode=series.mode,
            scope=TEAM_SCOPE,
            data_from=point.week.start.isoformat(),
            data_to=end.isoformat(),
        )
        goal = ""
        if point.plan is not None:
            goal = f'<div class="goal" style="bottom:{_css(100.0 * point.plan.goal / top)}"></div>'
        css = "week so-far" if point.so_far else "week"
        weeks.append(
            f'<div class="{css}">{number}<div class="col">{goal}'
            f'<div class="col-bar" style="height:{_css(height)}"></div></div>'
            f'<span class="day">{format_day_month(point.week.start, texts.language)}</span></div>'
        )
    return (
        f'<div class="trend-metric"><h3>{_name(series.metric, texts)}</h3>'
        f'<div class="weeks">{"".join(weeks)}</div></div>'
    )


def _trend(board: Board, team: Team, texts: Texts) -> str:
    charts = "".join(_trend_metric(series, board, team, texts) for series in board.trend.metrics)
    legend = f'<p class="hint"><span class="key so-far"></span>{texts("wall_trend_so_far")}'
    if any(series.planned for series in board.trend.metrics):
        legend += f' <span class="key goal"></span>{texts("wall_trend_goal")}'
    return (
        f'<section data-panel="trend"><h2>{texts("wall_trend_heading")}</h2>'
        f"{charts}{legend}</p></section>"
    )


def board_html(board: Board, team: Team, texts: Texts, *, tv: bool = False) -> str:
    """The board fragment: the period switch (not on the TV), the team's counts and
    funnel, the reps, the ranking (when the viewer may see it), the sources, the trend."""
    title = texts("team_subject", team=team.name)
    period = escape(format_period(board.period, texts.language), quote=False)
    parts: Iterable[str] = (
        f'<header class="board-head"><h1>{title}</h1><p class="period">{period}</p></header>',
        "" if tv else _switch(board, texts),
        _tiles(board, team, texts),
        _funnel(board, team, texts),
        _reps(board, team, texts),
        _ranking(board, texts),
        _sources(board, team, texts),
        _trend(board, team, texts),
    )
    attrs = _attrs(
        data_period=board.kind,
        data_from=board.period.start.isoformat(),
        data_to=board.period.end.isoformat(),
        lang=texts.language,
    )
    return f'<div class="board"{attrs}>{"".join(parts)}</div>'
