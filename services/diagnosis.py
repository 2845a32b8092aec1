"""The diagnosis of the article's three situations, for /diagnose and the digest.

``build_diagnosis`` gathers the counts of the period (as far as it has gone) and of
the same stretch of the previous periods, per team, SDR and source, and runs the pure
:func:`metrics.diagnosis.diagnose`; ``views.diagnosis`` turns its findings into
sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.settings import Settings
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
from metrics.engine import ratio
from metrics.periods import Period
from metrics.plans import period_target
from services import subjects
from storage import analytics
from storage.analytics import MEMBER, SOURCE, Scope
from storage.db import Database
from storage.models import Team
from storage.plans import PlansRepo
from storage.repos import MembersRepo
from storage.sources import SourcesRepo


@dataclass(frozen=True, slots=True)
class Diagnosed:
    """A diagnosis and what it compared: the stretch now and the baseline stretches;
    ``inputs``: each subject's counts, by ``(kind, id)`` of its :class:`Subject`."""

    report: Report
    current: Period
    baseline: tuple[Period, ...]
    period: Period
    inputs: Mapping[tuple[str, object], SubjectData] = field(default_factory=dict)


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
    inputs = {(d.subject.kind, d.subject.id): d for d in (team_data, *members, *sources)}
    return Diagnosed(report, current, before, period, inputs)


@dataclass(frozen=True, slots=True)
class SubjectDiagnosis:
    """/diagnose for one subject: the findings about it (about everyone for the team);
    without findings, the subject's own diagnosis (fine or too little data)."""

    diagnosed: Diagnosed
    everyone: bool  # the team asked: the findings are the whole team's
    findings: tuple[Finding, ...]
    own: Diagnosis | None  # a member's or source's diagnosis; the team's for everyone


def _key(subject: subjects.Subject) -> tuple[str, int] | None:
    if subject.member is not None:
        return "member", subject.member.id
    if subject.source is not None:
        return "source", subject.source.id
    return None


async def diagnose_subject(
    db: Database,
    team: Team,
    subject: subjects.Subject,
    period: Period,
    today: date,
    settings: Settings,
) -> SubjectDiagnosis:
    diagnosed = await build_diagnosis(db, team, period, today, settings)
    report, key = diagnosed.report, _key(subject)
    if key is None:
        return SubjectDiagnosis(diagnosed, True, tuple(report.findings), report.diagnoses[0])
    findings = tuple(f for f in report.findings if (f.subject.kind, f.subject.id) == key)
    own = next((d for d in report.diagnoses if (d.subject.kind, d.subject.id) == key), None)
    return SubjectDiagnosis(diagnosed, False, findings, own)


# --- what the chart of a finding draws ----------------------------------------------------

#: A meeting conversion and the two counts it divides: the first step, then the second.
#: In period mode these are the events of the period, so the second can outnumber the
#: first (meetings held this week were set, or confirmed, in earlier weeks).
STEPS_OF: dict[str, tuple[str, str]] = {
    "conv_set_to_confirmed": ("meetings_set", "meetings_confirmed"),
    "conv_set_to_held": ("meetings_set", "meetings_held"),
    "conv_confirmed_to_held": ("meetings_confirmed", "meetings_held"),
    "conv_held_to_paid": ("meetings_held", "meetings_paid"),
}

#: Never a share, so always drawn as its counts: a meeting may be held without being
#: confirmed (set -> held), so held ⊄ confirmed in any mode.
NEVER_A_SHARE: frozenset[str] = frozenset({"conv_confirmed_to_held"})


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One row of a finding's chart: ``metric`` now vs its ``baseline`` (the subject's
    own, or the team's when ``against == "team"``) and, for the indicator that is behind
    plan, the ``plan``. ``source``: the source of a per-source line. ``instead_of``: this
    count is drawn in place of that conversion, which is not a share: ``why`` is
    ``period`` (above 100 % now or in its baseline: the period's second step counts
    meetings whose first step was in an earlier period) or ``never``
    (:data:`NEVER_A_SHARE`). ``fell``: the comparison fell (a per-source line's
    importance)."""

    metric: str
    now: float | None
    baseline: float | None
    plan: float | None = None
    source: Subject | None = None
    against: str = "own"
    instead_of: str | None = None
    why: str | None = None
    fell: bool = False


def baseline_count(diagnosed: Diagnosed, subject: Subject) -> int:
    """How many baseline periods the subject's baseline averages (fewer than asked for
    when it has records in fewer: a rep who joined two weeks ago)."""
    data = diagnosed.inputs.get((subject.kind, subject.id))
    return len(data.baseline) if data is not None and data.baseline else len(diagnosed.baseline)


def _steps(
    diagnosed: Diagnosed, c: Comparison, subject: Subject, source: Subject | None
) -> list[ChartRow]:
    """The two counts of conversion ``c`` of ``subject``, now vs the average baseline
    period (a count's baseline is always the subject's own)."""
    data = diagnosed.inputs.get((subject.kind, subject.id))
    if data is None:
        return []
    rows = []
    for metric in STEPS_OF[c.metric]:
        before = [getattr(counts.as_setter, metric) for counts in data.baseline]
        rows.append(
            ChartRow(
                metric,
                getattr(data.current.as_setter, metric),
                ratio(sum(before), len(before)) if before else None,
                source=source,
                instead_of=c.metric,
                why="never" if c.metric in NEVER_A_SHARE else "period",
                fell=c.fell,
            )
        )
    return rows


def _above_one(c: Comparison) -> bool:
    return any(value is not None and value > 1 for value in (c.now, c.baseline))


def chart_rows(diagnosed: Diagnosed, finding: Finding) -> list[ChartRow]:
    """What the chart of ``finding`` draws, in the text's order: the indicator (with the
    plan when it is behind plan), the gate, the checks' numbers; the per-source lines
    that have meetings now, those that fell first. A conversion that is not a share (above
    100 % now or in its baseline, or :data:`NEVER_A_SHARE`) is replaced by its two
    counts."""
    picked: list[ChartRow] = []
    sources: list[ChartRow] = []
    seen: set[tuple[str, object]] = set()
    for c in (finding.indicator, *finding.secondary):
        if c.subject is not None and c.now is None:
            continue  # no such meetings from that source now (the text leaves it out too)
        # a source's own line in its "sources" check is its indicator again
        source = c.subject if c.subject not in (None, finding.subject) else None
        if c.metric in NEVER_A_SHARE or (c.metric in STEPS_OF and _above_one(c)):
            rows = _steps(diagnosed, c, source or finding.subject, source)
        elif c is finding.indicator and finding.trigger == "behind_plan":
            rows = [ChartRow(c.metric, c.now, c.baseline, plan=finding.plan_lower)]
        else:
            rows = [
                ChartRow(c.metric, c.now, c.baseline, source=source, against=c.against, fell=c.fell)
            ]
        if source is None and sources:  # the per-source lines stay together, in place
            picked.extend(sorted(sources, key=lambda r: not r.fell))
            sources = []
        for row in rows:
            key = (row.metric, row.source)
            if key in seen:
                continue
            seen.add(key)
            (sources if row.source is not None else picked).append(row)
    return picked + sorted(sources, key=lambda r: not r.fell)
