"""The article's three situations (metrics.diagnosis, METRICS.md section 6).

The data sets are generated: a team of six reps over five weeks (four baseline
weeks, then the current one), weekly counts drawn with ``random.Random(seed)``
from fixed rates, with one change planted in one rep or one source.
"""

from __future__ import annotations

import doctest
import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from fractions import Fraction
from typing import Any

import pytest

import metrics.diagnosis
from metrics.counts import Activity, Counts, Meetings
from metrics.diagnosis import (
    CHECKS,
    GATES,
    WATCHED,
    Comparison,
    DiagnosisSettings,
    Finding,
    Report,
    Subject,
    SubjectData,
    compare,
    diagnose,
    fisher_test,
    holm,
    rate_test,
    two_proportion_test,
)


def test_doctests() -> None:
    assert doctest.testmod(metrics.diagnosis).failed == 0


# --- a generated sales team ------------------------------------------------------------------


@dataclass(frozen=True)
class Rates:
    """A rep's weekly rates (per source: ``leads`` and ``set`` are split by the source's share)."""

    calls: float = 450.0  # calls of 60 s or more a week
    short_calls: float = 100.0
    seconds: int = 150  # of a call of 60 s or more
    leads: float = 150.0
    targeted: float = 0.6
    set: float = 30.0
    confirmed: float = 0.85  # of the set
    held: float = 0.85  # of the confirmed
    paid: float = 0.35  # of the held


USUAL = Rates()
SHARES: dict[str, float] = {"google": 0.6, "yandex": 0.4}
REPS = 6
WEEKS = 5  # 4 baseline weeks, then the current one
CURRENT = WEEKS - 1
# The seed of the planted data sets. Over seeds 0-39, each planted test below gets exactly its
# expected outcome for 75-95 % of them; the others miss the planted rep (the report-wide
# correction asks for a clear fall) or also flag the team or a source, whose numbers the
# planted change really moves, or a secondary flag by chance.
SEED = 1

RatesFor = Callable[[int, str | None, bool], Rates]  # (rep, source or None for calls, current)


def poisson(rng: random.Random, mean: float) -> int:
    count, time = 0, rng.expovariate(1.0)
    while time < mean:
        count += 1
        time += rng.expovariate(1.0)
    return count


def binomial(rng: random.Random, trials: int, p: float) -> int:
    return sum(rng.random() < p for _ in range(trials))


def plus(a: Counts, b: Counts) -> Counts:
    def add(x: Any, y: Any) -> Any:
        return type(x)(
            **{
                f.name: getattr(x, f.name) + getattr(y, f.name)
                for f in fields(x)
                if f.name != "sales_cycle_days"
            }
        )

    return Counts(
        add(a.activity, b.activity), add(a.as_setter, b.as_setter), add(a.as_hunter, b.as_hunter)
    )


@dataclass(frozen=True)
class Team:
    team: SubjectData
    members: list[SubjectData]
    sources: list[SubjectData]

    def diagnose(self, settings: DiagnosisSettings | None = None) -> Report:
        return diagnose(self.team, self.members, self.sources, settings)


def member(rep: int) -> Subject:
    return Subject("member", 100 + rep, f"rep{rep}")


def generate(
    seed: int,
    rates_for: RatesFor = lambda rep, source, current: USUAL,
    shares_for: Callable[[int], Mapping[str, float]] = lambda week: SHARES,
    plans: Mapping[int, float] | None = None,
) -> Team:
    """Weekly counts of a team of :data:`REPS` reps; a source exists from its first share."""
    rng = random.Random(seed)
    reps = [[Counts() for _ in range(WEEKS)] for _ in range(REPS)]
    by_source: dict[str, dict[int, Counts]] = {}
    for week in range(WEEKS):
        current = week == CURRENT
        for rep in range(REPS):
            r = rates_for(rep, None, current)
            calls, shorts = poisson(rng, r.calls), poisson(rng, r.short_calls)
            seconds = calls * r.seconds + shorts * 25
            calls_counts = Counts(Activity(calls + shorts, calls, seconds))
            reps[rep][week] = plus(reps[rep][week], calls_counts)
            for source, share in shares_for(week).items():
                r = rates_for(rep, source, current)
                leads = poisson(rng, r.leads * share)
                targeted = binomial(rng, leads, r.targeted)
                meetings_set = poisson(rng, r.set * share)
                confirmed = binomial(rng, meetings_set, r.confirmed)
                held = binomial(rng, confirmed, r.held)
                paid = binomial(rng, held, r.paid)
                meetings = Meetings(
                    meetings_set, confirmed, held, meetings_paid=paid, payments=paid
                )
                activity = Activity(
                    leads_new=leads, leads_targeted=targeted, leads_non_targeted=leads - targeted
                )
                counts = Counts(activity, meetings, meetings)
                reps[rep][week] = plus(reps[rep][week], counts)
                weeks = by_source.setdefault(source, {})
                weeks[week] = plus(weeks.get(week, Counts()), counts)
    team = [Counts() for _ in range(WEEKS)]
    for rep in range(REPS):
        for week in range(WEEKS):
            team[week] = plus(team[week], reps[rep][week])

    def data(
        subject: Subject, weeks: Mapping[int, Counts], plan: float | None = None
    ) -> SubjectData:
        baseline = tuple(weeks[w] for w in range(CURRENT - 1, -1, -1) if w in weeks)
        return SubjectData(subject, weeks[CURRENT], baseline, plan)

    plans = plans or {}
    return Team(
        data(Subject("team"), dict(enumerate(team))),
        [data(member(rep), dict(enumerate(reps[rep])), plans.get(rep)) for rep in range(REPS)],
        [data(Subject("source", source), weeks) for source, weeks in by_source.items()],
    )


def planted(rep: int, **change: float) -> RatesFor:
    """Usual rates, except for ``rep`` in the current week."""
    changed = replace(USUAL, **change)
    return lambda r, source, current: changed if current and r == rep else USUAL


def only_finding(report: Report) -> Finding:
    """The single finding of ``report``; every other subject is fine."""
    assert len(report.findings) == 1, [(f.situation, f.subject) for f in report.findings]
    finding = report.findings[0]
    assert tuple(check.code for check in finding.checks) == CHECKS[finding.situation]
    for diagnosis in report.diagnoses:
        if diagnosis.subject == finding.subject:
            assert diagnosis.status == "finding"
            assert diagnosis.findings == (finding,)
        else:
            assert diagnosis.status == "fine", diagnosis.subject
            assert diagnosis.findings == ()
    return finding


def lows(finding: Finding) -> list[tuple[str, bool | None]]:
    return [(check.code, check.low) for check in finding.checks]


def by_metric(finding: Finding) -> dict[str, Comparison]:
    return {c.metric: c for c in finding.secondary if c.subject is None}


# --- situation 1: many meetings, few payments --------------------------------------------------


def test_situation_1_in_one_rep_booking_non_targeted_leads() -> None:
    team = generate(SEED, planted(2, targeted=0.15, paid=0.0))

    finding = only_finding(team.diagnose())

    assert finding.situation == 1
    assert finding.subject == member(2)
    assert finding.trigger == "fell"
    assert finding.indicator.metric == WATCHED[1] == "conv_held_to_paid"
    assert finding.indicator.fell and finding.indicator.now == 0.0
    assert finding.indicator.baseline is not None and finding.indicator.baseline > 0.25
    assert finding.indicator.change == -1.0
    assert finding.gate is not None and finding.gate.metric == GATES[1] == "meetings_held"
    assert not finding.gate.fell
    assert [c.number for c in finding.checks] == [1, 2, 3]
    assert lows(finding) == [("targeted_share", True), ("sources", False), ("listen_calls", None)]
    assert finding.step == "non_targeted_leads"
    targeted = by_metric(finding)["targeted_share"]
    assert targeted.now is not None and targeted.baseline is not None
    assert targeted.now < 0.25 < 0.5 < targeted.baseline
    # check 2 lists the team's sources, each now vs its own baseline
    sources = finding.checks[1].comparisons
    assert [(c.subject, c.metric, c.against) for c in sources] == [
        (Subject("source", "google"), "conv_held_to_paid", "own"),
        (Subject("source", "yandex"), "conv_held_to_paid", "own"),
    ]
    assert finding.checks[2].comparisons == ()


def test_a_new_source_of_non_targeted_leads_is_named_while_the_team_is_fine() -> None:
    def new_source(rep: int, source: str | None, current: bool) -> Rates:
        return replace(USUAL, targeted=0.1, paid=0.02) if source == "tiktok" else USUAL

    team = generate(
        SEED, new_source, shares_for=lambda week: {**SHARES, "tiktok": 0.2} if week == 4 else SHARES
    )
    tiktok = Subject("source", "tiktok")
    assert team.sources[-1].subject == tiktok and team.sources[-1].baseline == ()

    report = team.diagnose()
    finding = only_finding(report)

    assert (finding.situation, finding.subject, finding.step) == (1, tiktok, "non_targeted_leads")
    # no baseline of its own: its ratios are compared with the team's usual ones
    assert finding.indicator.against == "team"
    assert finding.indicator.baseline == report.diagnoses[0].watched[0].baseline
    assert lows(finding) == [("targeted_share", True), ("sources", True), ("listen_calls", None)]
    assert [(c.subject, c.against) for c in finding.checks[1].comparisons] == [(tiktok, "team")]
    assert by_metric(finding)["targeted_share"].against == "team"
    # its counts have nothing to be compared with
    set_now = next(c for c in report.diagnoses[-1].watched if c.metric == "meetings_set")
    assert set_now.now and not set_now.judged and set_now.baseline is None
    assert report.diagnoses[0].status == "fine"


# --- situation 2: many meetings set, few held ---------------------------------------------------


def test_situation_2_clients_do_not_confirm() -> None:
    team = generate(SEED, planted(3, confirmed=0.35))

    finding = only_finding(team.diagnose())

    assert (finding.situation, finding.subject, finding.trigger) == (2, member(3), "fell")
    assert finding.indicator.metric == "conv_set_to_held" and finding.indicator.fell
    assert finding.gate is not None and finding.gate.metric == "meetings_set"
    assert not finding.gate.fell
    assert [c.number for c in finding.checks] == [1, 2, 3, 4]
    assert lows(finding) == [
        ("targeted_share", False),
        ("sources", False),
        ("listen_calls", None),
        ("confirmation", True),
    ]
    assert [c.metric for c in finding.checks[1].comparisons] == ["conv_set_to_held"] * 2
    confirmed, came = finding.checks[3].comparisons
    assert (confirmed.metric, confirmed.fell) == ("conv_set_to_confirmed", True)
    assert (came.metric, came.fell) == ("conv_confirmed_to_held", False)
    assert finding.step == "not_confirmed"


def test_situation_2_confirmed_clients_do_not_come() -> None:
    team = generate(SEED, planted(4, held=0.35))

    finding = only_finding(team.diagnose())

    assert (finding.situation, finding.subject, finding.trigger) == (2, member(4), "fell")
    assert lows(finding) == [
        ("targeted_share", False),
        ("sources", False),
        ("listen_calls", None),
        ("confirmation", True),
    ]
    confirmed, came = finding.checks[3].comparisons
    assert (confirmed.metric, confirmed.fell) == ("conv_set_to_confirmed", False)
    assert (came.metric, came.fell) == ("conv_confirmed_to_held", True)
    assert finding.step == "confirmed_not_come"


# --- situation 3: few meetings set -------------------------------------------------------------


def test_situation_3_a_rep_off_the_line() -> None:
    team = generate(SEED, planted(1, calls=150, set=7.5))

    finding = only_finding(team.diagnose())

    assert (finding.situation, finding.subject, finding.trigger) == (3, member(1), "fell")
    assert finding.indicator.metric == "meetings_set" and finding.indicator.fell
    assert finding.gate is None
    assert [c.number for c in finding.checks] == [1, 2, 3, 4]
    assert lows(finding) == [
        ("calls_60", True),
        ("minutes_on_line", True),
        ("leads_new", False),
        ("targeted_share", False),
    ]
    assert finding.step == "low_calls"
    calls = by_metric(finding)["calls_60"]
    assert calls.now is not None and calls.baseline is not None
    assert calls.now < 0.5 * calls.baseline


def test_situation_3_behind_plan_for_lack_of_leads() -> None:
    def weak_rep(rep: int, source: str | None, current: bool) -> Rates:
        if rep != 5:
            return USUAL
        return replace(USUAL, set=8.0, leads=50.0) if current else replace(USUAL, set=12.0)

    # the article's plan: 3 meetings set a day, 15 in a week of 5 working days
    team = generate(SEED, weak_rep, plans=dict.fromkeys(range(REPS), 15.0))

    finding = only_finding(team.diagnose())

    assert (finding.situation, finding.subject) == (3, member(5))
    assert finding.trigger == "behind_plan" and not finding.indicator.fell
    assert finding.plan_lower == 15.0
    assert finding.indicator.now is not None and finding.indicator.now < 15
    assert lows(finding) == [
        ("calls_60", False),
        ("minutes_on_line", False),
        ("leads_new", True),
        ("targeted_share", False),
    ]
    assert finding.step == "few_leads"
    # the same data without a plan: nothing to report
    unplanned = Team(
        team.team, [replace(m, plan_meetings_set=None) for m in team.members], team.sources
    )
    assert unplanned.diagnose().findings == ()


# --- noise and thin data -----------------------------------------------------------------------


def test_noise_raises_a_finding_in_fewer_than_10_percent_of_data_sets() -> None:
    small = Rates(calls=100.0, short_calls=20.0, leads=15.0, set=5.0)  # ~5 meetings a week
    rng = random.Random(2024)
    reports = [
        generate(rng.randrange(2**32), lambda rep, source, current: small).diagnose()
        for _ in range(200)
    ]

    # the reps have a small but judgeable volume: 20 meetings in four weeks
    statuses = [d.status for report in reports for d in report.diagnoses]
    assert statuses.count("thin") < 0.01 * len(statuses)
    with_finding = sum(bool(report.findings) for report in reports)
    assert with_finding < 0.10 * len(reports)


def test_noise_without_the_correction_would_flag_most_reports() -> None:
    """Why the correction: each of the ~27 watched indicators judged alone at p < 0.1."""
    small = Rates(calls=100.0, short_calls=20.0, leads=15.0, set=5.0)
    uncorrected = DiagnosisSettings(correction="none")
    reports = [
        generate(seed, lambda rep, source, current: small).diagnose(uncorrected)
        for seed in range(40)
    ]
    assert sum(bool(report.findings) for report in reports) > 0.4 * len(reports)


def rep_weeks(meetings: list[int], calls: list[int]) -> list[Counts]:
    return [
        Counts(
            Activity(calls_total=c, calls_60=c, call_seconds=c * 120, leads_new=m),
            Meetings(m, m, m, meetings_paid=m // 2),
        )
        for m, c in zip(meetings, calls, strict=True)
    ]


def test_thin_data_gives_no_findings_even_after_a_big_drop() -> None:
    *baseline, now = rep_weeks([2, 1, 2, 1, 0], [300, 280, 310, 290, 40])
    rep = SubjectData(member(0), now, baseline[::-1])

    report = diagnose(rep, [rep])

    assert [d.status for d in report.diagnoses] == ["thin", "thin"]
    assert report.findings == ()
    assert all(not c.judged and not c.fell for c in report.diagnoses[1].watched)
    # three meetings a week are enough to judge ("fine" is not "thin")
    *baseline, now = rep_weeks([3, 3, 3, 3, 3], [300] * 5)
    assert diagnose(SubjectData(member(0), now, baseline)).diagnoses[0].status == "fine"


def test_a_thin_rep_inside_a_generated_team() -> None:
    part_time = replace(USUAL, set=1.5, calls=60.0, leads=10.0)

    def rates(rep: int, source: str | None, current: bool) -> Rates:
        if rep == 0:
            return replace(part_time, set=0.0, calls=5.0) if current else part_time
        return USUAL

    report = generate(SEED, rates).diagnose()

    assert [d.status for d in report.diagnoses[1:7]] == ["thin", *["fine"] * 5]
    assert report.diagnoses[1].findings == ()
    assert report.findings == ()


def test_behind_plan_is_a_finding_even_on_thin_data() -> None:
    *baseline, now = rep_weeks([2, 1, 2, 1, 0], [300, 280, 310, 290, 40])
    rep = SubjectData(member(0), now, baseline[::-1], plan_meetings_set=15)

    (finding,) = diagnose(rep).findings

    assert (finding.situation, finding.trigger, finding.step) == (3, "behind_plan", "low_calls")
    assert finding.size == 1.0
    # calls are judged (enough of them); the rest is too thin to say
    assert lows(finding) == [
        ("calls_60", True),
        ("minutes_on_line", True),
        ("leads_new", None),
        ("targeted_share", None),
    ]


# --- the order of findings ---------------------------------------------------------------------


def week(
    set_: int = 40, confirmed: int = 34, held: int = 30, paid: int = 10, calls: int = 400
) -> Counts:
    return Counts(
        Activity(calls, calls, calls * 150, leads_new=200, leads_targeted=120),
        Meetings(set_, confirmed, held, meetings_paid=paid, payments=paid),
    )


def test_findings_most_important_first() -> None:
    usual = (week(),) * 4
    team = SubjectData(Subject("team"), week(set_=10, confirmed=8, held=7, calls=100), usual)
    members = [
        SubjectData(member(1), week(confirmed=10, held=8, paid=3), usual),  # situation 2
        SubjectData(member(2), week(paid=3), usual),  # situation 1, a 70 % drop
        SubjectData(member(3), week(paid=0), usual),  # situation 1, a 100 % drop
    ]

    report = diagnose(team, members)

    assert [(f.situation, f.subject) for f in report.findings] == [
        (1, member(3)),
        (1, member(2)),
        (2, member(1)),
        (3, Subject("team")),
    ]
    assert [d.status for d in report.diagnoses] == ["finding"] * 4
    sizes = [f.size for f in report.findings]
    assert sizes[0] == 1.0 and sizes[1] == pytest.approx(0.7)


def test_team_before_members_for_the_same_fall() -> None:
    usual = (week(),) * 4
    now = week(paid=0)
    report = diagnose(
        SubjectData(Subject("team"), now, usual),
        [SubjectData(member(1), now, usual)],
        [SubjectData(Subject("source", "google"), now, usual)],
    )
    assert [f.subject.kind for f in report.findings] == ["team", "source", "member"]


def test_finding_secondary_lists_the_gate_then_the_checks() -> None:
    usual = (week(),) * 4
    (finding,) = diagnose(SubjectData(Subject("team"), week(paid=0), usual)).findings
    assert [c.metric for c in finding.secondary] == ["meetings_held", "targeted_share"]


# --- the statistics ----------------------------------------------------------------------------


def test_two_proportion_test_by_hand() -> None:
    # 10 of 50 now vs 30 of 100: pooled 40/150, se = sqrt(4/15 * 11/15 * (1/50 + 1/100))
    result = two_proportion_test(10, 50, 30, 100)
    assert result is not None
    z, p = result
    assert z == pytest.approx(0.1 / math.sqrt(4 / 15 * 11 / 15 * 0.03))
    assert z == pytest.approx(1.3056, abs=1e-4)
    assert p == pytest.approx(0.0958, abs=1e-4)  # 1 - Phi(1.3056)
    # 0 of 20 vs 10 of 20: pooled 1/4, se = sqrt(3/16 * 1/10), z = 0.5 / se
    result = two_proportion_test(0, 20, 10, 20)
    assert result is not None
    z, p = result
    assert z == pytest.approx(3.6515, abs=1e-4)
    assert p == pytest.approx(1.3035e-4, rel=1e-3)
    # z = 1.6449 is the one-sided 5 % point
    assert 0.5 * math.erfc(1.6449 / math.sqrt(2)) == pytest.approx(0.05, abs=1e-5)


def test_two_proportion_test_direction_and_edges() -> None:
    assert two_proportion_test(5, 10, 10, 20) == (0.0, 0.5)
    result = two_proportion_test(8, 10, 10, 20)
    assert (
        result is not None and result[0] < 0 and result[1] > 0.5
    )  # now higher: no evidence of a drop
    assert two_proportion_test(0, 10, 0, 40) == (0.0, 0.5)  # both 0 %
    assert two_proportion_test(10, 10, 40, 40) == (0.0, 0.5)  # both 100 %
    assert two_proportion_test(0, 0, 3, 10) is None
    assert two_proportion_test(3, 10, 0, 0) is None
    assert two_proportion_test(11, 10, 3, 10) is None  # not a proportion


def test_fisher_and_rate_tests_by_hand() -> None:
    assert fisher_test(1, 3, 15, 15) == pytest.approx(1 / 51)  # (16*1) / C(18, 3)
    assert fisher_test(0, 5, 5, 5) == pytest.approx(1 / 252)  # 1 / C(10, 5)
    assert fisher_test(5, 5, 0, 5) == 1.0
    assert fisher_test(0, 0, 1, 2) is None
    assert rate_test(0, 1, 10, 4) == pytest.approx(0.8**10)
    # P(X <= 2), X ~ Binomial(10, 1/5)
    assert rate_test(2, 1, 8, 4) == pytest.approx(0.8**10 + 10 * 0.2 * 0.8**9 + 45 * 0.04 * 0.8**8)
    assert rate_test(3, 1, 0, 4) == 1.0
    assert rate_test(0, 1, 0, 4) == 1.0
    assert rate_test(1, 0, 3, 4) is None
    # a large count (minutes on line) against its baseline: no overflow, no underflow to 0
    p = rate_test(7_000, 1, 40_000, 4)
    assert p is not None and 0.0 < p < 1e-100


@pytest.mark.parametrize("x_now", [0, 30, 52, 60, 259])
def test_rate_test_is_the_exact_binomial_tail(x_now: int) -> None:
    n, q = x_now + 200, Fraction(1, 5)
    exact = sum(math.comb(n, k) * q**k * (1 - q) ** (n - k) for k in range(x_now + 1))
    assert rate_test(x_now, 1, 200, 4) == pytest.approx(float(exact), rel=1e-9)


def test_holm() -> None:
    assert holm([], 0.1) == ()
    assert holm([0.01, 0.04, 0.03], 0.1) == (True, True, True)
    # 0.02 < 0.1/3, then 0.06 >= 0.1/2: stop there
    assert holm([0.06, 0.02, 0.07], 0.1) == (False, True, False)
    assert holm([0.04, 0.2, 0.05], 0.1) == (False, False, False)
    assert holm([0.05], 0.1) == (True,)
    assert holm([0.1], 0.1) == (False,)  # strict: p < alpha


# --- one metric now vs baseline ----------------------------------------------------------------


def held_paid(held: int, paid: int) -> Counts:
    return Counts(as_setter=Meetings(meetings_held=held, meetings_paid=paid))


def sets(n: int) -> Counts:
    return Counts(as_setter=Meetings(meetings_set=n))


@pytest.mark.parametrize(
    ("paid_now", "fell"),
    [(800, True), (810, False)],  # 0.5 -> 0.4 is exactly 20 %; 0.5 -> 0.405 is 19 %
)
def test_threshold_boundary_of_a_ratio(paid_now: int, fell: bool) -> None:
    c = compare("conv_held_to_paid", held_paid(2000, paid_now), [held_paid(500, 250)] * 4)
    assert c.p_value is not None and c.p_value < 1e-6
    assert c.fell is fell
    assert c.baseline == 0.5


@pytest.mark.parametrize(("set_now", "fell"), [(80, True), (81, False)])
def test_threshold_boundary_of_a_count(set_now: int, fell: bool) -> None:
    c = compare("meetings_set", sets(set_now), [sets(100)] * 4)
    assert c.p_value is not None and c.p_value < 0.1
    assert c.fell is fell
    assert (c.now, c.baseline) == (set_now, 100.0)


def test_settings_are_used() -> None:
    now, baseline = sets(81), [sets(100)] * 4
    assert compare("meetings_set", now, baseline, DiagnosisSettings(threshold=0.19)).fell
    assert not compare("meetings_set", sets(80), baseline, DiagnosisSettings(alpha=0.01)).fell
    # min_volume is the baseline summed over its periods
    thin = [sets(2)] * 4
    assert not compare("meetings_set", sets(0), thin).judged
    assert compare("meetings_set", sets(0), thin, DiagnosisSettings(min_volume=8)).judged
    # baseline_periods: only the most recent ones count
    older = [sets(10), sets(10), sets(1000)]
    assert (
        compare("meetings_set", sets(10), older, DiagnosisSettings(baseline_periods=2)).baseline
        == 10.0
    )
    assert compare("meetings_set", sets(10), older).baseline == 340.0


def test_settings_are_validated() -> None:
    for bad in (
        {"threshold": 0.0},
        {"threshold": 1.5},
        {"alpha": 0.0},
        {"alpha": 1.0},
        {"min_volume": 0},
        {"baseline_periods": 0},
        {"correction": "bonferroni"},
    ):
        with pytest.raises(ValueError):
            DiagnosisSettings(**bad)
    with pytest.raises(ValueError):
        Subject("person")
    with pytest.raises(ValueError):
        compare("revenue", Counts(), [Counts()])


def test_zero_denominators_are_undefined_not_errors() -> None:
    c = compare("conv_held_to_paid", held_paid(0, 0), [held_paid(50, 20)] * 4)
    assert (c.now, c.baseline, c.change, c.p_value, c.judged, c.fell) == (
        None,
        0.4,
        None,
        None,
        False,
        False,
    )
    c = compare("conv_held_to_paid", held_paid(10, 0), [])
    assert (c.now, c.baseline, c.change, c.judged, c.fell) == (0.0, None, None, False, False)
    c = compare("meetings_set", sets(5), [])
    assert (c.now, c.baseline, c.change, c.judged) == (5, None, None, False)
    c = compare("meetings_set", sets(5), [sets(0)] * 4)
    assert (c.baseline, c.change, c.judged) == (0.0, None, False)
    nothing = SubjectData(Subject("team"), Counts(), [Counts()] * 4)
    report = diagnose(nothing, [replace(nothing, subject=member(1))])
    assert [d.status for d in report.diagnoses] == ["thin", "thin"]


def test_a_period_mode_ratio_above_one_is_compared_as_rates() -> None:
    # more meetings held than set this week (set last week): not a proportion
    now = Counts(as_setter=Meetings(meetings_set=10, meetings_held=12))
    baseline = [Counts(as_setter=Meetings(meetings_set=40, meetings_held=30))] * 4
    c = compare("conv_set_to_held", now, baseline)
    assert c.now == 1.2 and c.baseline == 0.75
    assert c.p_value is not None and c.p_value > 0.5 and not c.fell


def test_a_source_without_enough_baseline_falls_back_to_the_team() -> None:
    usual = [held_paid(100, 35)] * 4
    c = compare("conv_held_to_paid", held_paid(20, 0), [held_paid(2, 1)], fallback=usual)
    assert (c.against, c.baseline, c.judged, c.fell) == ("team", 0.35, True, True)
    own = compare("conv_held_to_paid", held_paid(20, 0), usual, fallback=[held_paid(1, 1)])
    assert own.against == "own"
