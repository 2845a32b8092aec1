"""The diagnosis of the article's three situations, for /diagnose and the digest.

``build_diagnosis`` gathers the counts of the period (as far as it has gone) and of
the same stretch of the previous periods, per team, SDR and source, and runs the pure
:func:`metrics.diagnosis.diagnose`; ``views.diagnosis`` turns its findings into
sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.settings import Settings
from metrics.counts import Counts
from metrics.diagnosis import (
    Diagnosis,
    DiagnosisSettings,
    Finding,
    Report,
    Subject,
    SubjectData,
    comparable_windows,
    diagnose,
)
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
