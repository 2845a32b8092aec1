"""Diagnosis: the article's three situations (METRICS.md section 6).

A period is compared with its *baseline*, the previous equivalent periods
(default 4). Only the watched indicators raise a finding; the secondary metrics
are opened when one of them falls, as the article says:

1. many meetings, few payments: ``meetings_held`` normal, ``conv_held_to_paid`` fell;
2. many meetings set, few held: ``meetings_set`` normal (and not behind plan),
   ``conv_set_to_held`` fell;
3. few meetings set: ``meetings_set`` fell, or is below the plan's lower bound.

The result is machine-readable (situation numbers, metric keys, check and step
codes, numbers now vs baseline): the bot's locales turn it into sentences.

**Baseline.** The counts of the baseline periods are *summed*: a ratio's
baseline is ``sum(numerators) / sum(denominators)`` (the pooled rate, which is
what the two-proportion test compares against) and a count's baseline is
``sum / periods`` (the average period). Pass only the periods the subject
existed in: a period passed as zero counts drags the average down. A source
whose own baseline is too small (a new source has none) is compared, for its
ratios, with the team's baseline (``against="team"``): the question is whether
it converts worse than the team usually does. Its counts have no baseline then.

**When a metric fell** (the exact rule). With ``threshold`` (0.2), ``alpha``
(0.1) and ``min_volume`` (10) from :class:`DiagnosisSettings`, a metric fell when
all of these hold:

- it is *judged*: the baseline's volume, summed over its periods, is at least
  ``min_volume`` (a ratio's denominator; a count's own total; whole minutes for
  ``minutes_on_line``), and a ratio's denominator now is not 0;
- its relative drop ``1 - now / baseline`` is at least ``threshold`` (exactly,
  not in floating point: a 20 % drop is a fall at 0.2);
- the drop is not noise: the one-sided p-value is below ``alpha``. A ratio uses
  the pooled two-proportion z-test (:func:`two_proportion_test`) of the counts
  now against the summed baseline counts, or Fisher's exact test
  (:func:`fisher_test`) when an expected count under the pooled proportion is
  below 5 (where the normal approximation overstates small drops: 1 held of 3
  against 15 of 15 gives p = 0.0004 by z, 0.02 exactly); a count (and a
  period-mode ratio above 1, which is not a proportion) uses the exact
  conditional test of two Poisson rates (:func:`rate_test`): given ``n``
  events in the current and baseline periods together, the current period's
  share is binomial under "no change". ``minutes_on_line`` is tested as a
  count of whole minutes (an approximation: minutes come in calls);
- for the watched indicators that raise a finding, the p-values of the whole
  report (every judged watched indicator of every subject, ``m`` of them) go
  through Holm's step-down correction at ``alpha``, so ``alpha`` bounds the
  chance that a report of unchanged numbers shows any finding at all. A gate
  (``meetings_held`` normal in situation 1, ``meetings_set`` in 2) is normal
  unless it fell at ``alpha / m``, the report's strictness: a gate only
  blocks, it never raises a finding. The checks' ``low`` flags describe the
  secondary metrics and use ``alpha`` per metric.

Section 6 reads "enough volume (a denominator of at least 10 in both) **or** a
two-proportion test at p < 0.1". Read as an alternative, volume alone would
accept a drop from 5 in 10 to 4 in 10, which is noise most weeks; so volume
is required *and* the test must pass. The minimum applies to the baseline
summed over its periods (a rep with 5 meetings a week has 20 in 4 weeks and is
judged; one with 1-2 a week is *thin*), and the test weighs the small current
period. Without the correction a team of six reps would show a false finding
in most weeks (each subject has three watched indicators); with it, the
false-alarm rate of a report is at most ``alpha``, at the price of needing a
clearer fall to name a single rep. ``correction="none"`` judges each indicator
at ``alpha`` alone.

**Thin data.** A subject none of whose watched indicators is judged is
``thin``: "not enough data", distinct from ``fine``. Being behind plan needs
no baseline, so it raises situation 3 even on thin data.

**Importance.** Findings are ordered by situation (1, 2, 3: the article's
order, closest to money first), then by the size of the fall (the relative
drop of the indicator, or the shortfall against the plan), then team before
sources before members, then input order.

>>> from metrics.counts import Activity, Meetings
>>> usual = Counts(Activity(leads_new=100, leads_targeted=60),
...                Meetings(meetings_set=40, meetings_confirmed=34, meetings_held=30,
...                         meetings_paid=10))
>>> now = Counts(Activity(leads_new=100, leads_targeted=20),
...              Meetings(meetings_set=40, meetings_confirmed=34, meetings_held=30,
...                       meetings_paid=2))
>>> report = diagnose(SubjectData(Subject("team"), now, (usual,) * 4))
>>> finding = report.findings[0]
>>> finding.situation, finding.indicator.metric, finding.indicator.now, finding.step
(1, 'conv_held_to_paid', 0.0667, 'non_targeted_leads')
>>> [(check.code, check.low) for check in finding.checks]
[('targeted_share', True), ('sources', None), ('listen_calls', None)]
>>> report.diagnoses[0].status
'finding'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from fractions import Fraction

from metrics.counts import Counts
from metrics.engine import ratio
from metrics.periods import Period

__all__ = [
    "AGAINST",
    "CHECKS",
    "CORRECTIONS",
    "GATES",
    "KINDS",
    "SITUATIONS",
    "STATUSES",
    "STEPS",
    "TRIGGERS",
    "WATCHED",
    "Check",
    "Comparison",
    "Diagnosis",
    "DiagnosisSettings",
    "Finding",
    "Report",
    "Subject",
    "SubjectData",
    "comparable_windows",
    "compare",
    "diagnose",
    "dropped",
    "fisher_test",
    "holm",
    "rate_test",
    "two_proportion_test",
]

SITUATIONS: tuple[int, ...] = (1, 2, 3)
"""The article's situations, in the order of importance (closest to money first)."""

WATCHED: dict[int, str] = {1: "conv_held_to_paid", 2: "conv_set_to_held", 3: "meetings_set"}
"""Per situation, the indicator whose fall raises it."""

GATES: dict[int, str] = {1: "meetings_held", 2: "meetings_set"}
"""Per situation, the metric that must be normal (not fallen) for it to apply."""

CHECKS: dict[int, tuple[str, ...]] = {
    1: ("targeted_share", "sources", "listen_calls"),
    2: ("targeted_share", "sources", "listen_calls", "confirmation"),
    3: ("calls_60", "minutes_on_line", "leads_new", "targeted_share"),
}
"""Per situation, the codes of its checks in the article's order.

``sources``: the situation's indicator per source (``conv_held_to_paid``,
``conv_set_to_held`` in situation 2), as judged in the report (a source's
line fell exactly when that source's own indicator fell): for the team and a
member, every source of the report (the input has no member-by-source
counts), for a source, itself; ``listen_calls``: listen to the SDR's
calls (wrong expectations set at booking), nothing to compute;
``confirmation``: ``conv_set_to_confirmed`` and ``conv_confirmed_to_held``.
The other codes are metric keys.
"""

STEPS: tuple[str, ...] = (
    "non_targeted_leads",
    "weak_source",
    "not_confirmed",
    "confirmed_not_come",
    "low_calls",
    "low_minutes",
    "few_leads",
)
"""Codes of the step that broke (:attr:`Finding.step`)."""

KINDS: tuple[str, ...] = ("team", "source", "member")
"""Kinds of subject, in the order of importance among equal findings."""

STATUSES: tuple[str, ...] = ("finding", "fine", "thin")
"""A subject's result; ``thin``: not enough data to judge (not the same as ``fine``)."""

TRIGGERS: tuple[str, ...] = ("fell", "behind_plan")
"""What raised a finding: the indicator fell, or (situation 3) is behind the plan."""

AGAINST: tuple[str, ...] = ("own", "team")
"""Which baseline a comparison used: the subject's own, or the team's (a new source)."""

CORRECTIONS: tuple[str, ...] = ("holm", "none")
"""How the watched indicators of a report are corrected for their number."""

_RATIOS: dict[str, tuple[str, str]] = {
    "conv_held_to_paid": ("meetings_paid", "meetings_held"),
    "conv_set_to_held": ("meetings_held", "meetings_set"),
    "conv_set_to_confirmed": ("meetings_confirmed", "meetings_set"),
    "conv_confirmed_to_held": ("meetings_held", "meetings_confirmed"),
    "targeted_share": ("leads_targeted", "leads_new"),
}
_COUNTS: tuple[str, ...] = ("meetings_set", "meetings_held", "calls_60", "leads_new")
_MIN_EXPECTED = 5  # the usual condition for the normal approximation of a binomial
_STEP_OF_CHECK: dict[str, str] = {
    "targeted_share": "non_targeted_leads",
    "sources": "weak_source",
    "calls_60": "low_calls",
    "minutes_on_line": "low_minutes",
    "leads_new": "few_leads",
}


# --- inputs -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DiagnosisSettings:
    """How a fall is judged (see the module's docstring for the exact rule).

    ``threshold``: the least relative drop that counts (0.2 = 20 %);
    ``alpha``: the significance of the one-sided tests; ``min_volume``: the
    least baseline volume (summed over its periods) to judge a metric;
    ``baseline_periods``: how many previous periods make the baseline;
    ``correction``: ``holm`` (the report's false-alarm rate is at most
    ``alpha``) or ``none`` (each watched indicator at ``alpha``).
    """

    threshold: float = 0.2
    alpha: float = 0.1
    min_volume: int = 10
    baseline_periods: int = 4
    correction: str = "holm"

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1]: {self.threshold!r}")
        if not 0 < self.alpha < 1:
            raise ValueError(f"alpha must be in (0, 1): {self.alpha!r}")
        if self.min_volume < 1:
            raise ValueError(f"min_volume must be at least 1: {self.min_volume!r}")
        if self.baseline_periods < 1:
            raise ValueError(f"baseline_periods must be at least 1: {self.baseline_periods!r}")
        if self.correction not in CORRECTIONS:
            raise ValueError(f"correction must be one of {CORRECTIONS}: {self.correction!r}")


@dataclass(frozen=True, slots=True)
class Subject:
    """Who a diagnosis is about: the ``team``, a ``member`` or a ``source``.

    ``id``: the member's Telegram user id, the source's name (``None`` for
    records without a source) or the team's id; ``name``: a display name.
    """

    kind: str
    id: int | str | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}: {self.kind!r}")


@dataclass(frozen=True, slots=True)
class SubjectData:
    """One subject's counts: the current period and its baseline periods.

    ``baseline``: the previous equivalent periods, most recent first (only the
    first ``baseline_periods`` are used; leave out periods the subject did not
    exist in). ``plan_meetings_set``: the lower bound of the plan for
    ``meetings_set`` over the period, if any (below it is "behind plan").
    Meeting counts are read from ``as_setter`` (the SDR view).
    """

    subject: Subject
    current: Counts
    baseline: Sequence[Counts] = ()
    plan_meetings_set: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "baseline", tuple(self.baseline))


# --- outputs ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Comparison:
    """One metric now vs its baseline.

    ``now``: the value in the current period (a count, minutes or a ratio;
    ``None`` for an undefined ratio); ``baseline``: the average period for a
    count, the pooled ratio for a ratio (``None`` when undefined or there is
    no baseline); ``change``: ``now / baseline - 1`` (-0.25 is a 25 % drop;
    ``None`` when the baseline is 0 or undefined); ``p_value``: the one-sided
    p-value of "now is lower" (``None`` when not judged); ``judged``: enough
    volume to judge; ``fell``: see the module's docstring; ``against``: ``own``
    baseline or the ``team``'s (a source without its own); ``subject``: set on
    the per-source lines of the ``sources`` check.
    """

    metric: str
    now: float | None
    baseline: float | None
    change: float | None
    p_value: float | None
    judged: bool
    fell: bool
    against: str = "own"
    subject: Subject | None = None


@dataclass(frozen=True, slots=True)
class Check:
    """One check of a situation, in the article's order (``number`` from 1).

    ``low``: some comparison of the check fell; ``None`` when there is nothing
    to judge (``listen_calls``, or too little data).
    """

    number: int
    code: str
    comparisons: tuple[Comparison, ...]
    low: bool | None


@dataclass(frozen=True, slots=True)
class Finding:
    """One situation found for one subject.

    ``indicator``: the watched metric (:data:`WATCHED`); ``trigger``: ``fell``,
    or ``behind_plan`` (situation 3 with ``meetings_set`` below
    ``plan_lower`` but not fallen against the baseline); ``gate``: the metric
    that is normal (:data:`GATES`, none in situation 3); ``checks``: in order;
    ``step``: the step that broke (:data:`STEPS`): situation 2 names the
    funnel step (``not_confirmed`` or ``confirmed_not_come``), situations 1
    and 3 the first low check; ``None`` when the numbers do not show it.
    """

    situation: int
    subject: Subject
    indicator: Comparison
    trigger: str
    gate: Comparison | None
    checks: tuple[Check, ...]
    step: str | None
    plan_lower: float | None = None

    @property
    def secondary(self) -> tuple[Comparison, ...]:
        """The secondary metrics opened: the gate, then every check's comparisons in order."""
        gate = () if self.gate is None else (self.gate,)
        return (*gate, *(c for check in self.checks for c in check.comparisons))

    @property
    def size(self) -> float:
        """How big the fall is: the relative drop, or the shortfall against the plan."""
        drop = 0.0
        if self.indicator.fell and self.indicator.change is not None:
            drop = -self.indicator.change
        shortfall = 0.0
        if self.plan_lower and self.indicator.now is not None:
            shortfall = max(0.0, 1 - self.indicator.now / self.plan_lower)
        return max(drop, shortfall)


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """One subject's result: ``finding``, ``fine`` or ``thin`` (not enough data).

    ``watched``: the watched indicators now vs baseline (after the correction).
    """

    subject: Subject
    status: str
    findings: tuple[Finding, ...]
    watched: tuple[Comparison, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """Every subject's diagnosis (input order) and all findings, most important first."""

    diagnoses: tuple[Diagnosis, ...]
    findings: tuple[Finding, ...] = field(default=())


# --- tests --------------------------------------------------------------------------------


def _normal_sf(z: float) -> float:
    """P(Z >= z) for a standard normal Z."""
    return 0.5 * math.erfc(z / math.sqrt(2))


def two_proportion_test(
    x_now: int, n_now: int, x_base: int, n_base: int
) -> tuple[float, float] | None:
    """The pooled two-proportion z-test of "the proportion now is lower than the baseline's".

    ``p = (x_now + x_base) / (n_now + n_base)``,
    ``z = (x_base / n_base - x_now / n_now) / sqrt(p (1 - p) (1 / n_now + 1 / n_base))``
    and the one-sided p-value ``P(Z >= z)``. Returns ``(z, p_value)``; ``None``
    when a denominator is 0 or a count is not a proportion of it. Equal
    proportions of 0 or 1 give ``(0.0, 0.5)``.

    >>> z, p = two_proportion_test(10, 50, 30, 100)  # 20 % now vs 30 % before
    >>> round(z, 4), round(p, 4)
    (1.3056, 0.0958)
    >>> two_proportion_test(1, 0, 3, 10) is None
    True
    """
    if n_now <= 0 or n_base <= 0:
        return None
    if not (0 <= x_now <= n_now and 0 <= x_base <= n_base):
        return None
    pooled = (x_now + x_base) / (n_now + n_base)
    variance = pooled * (1 - pooled) * (1 / n_now + 1 / n_base)
    if variance <= 0:
        return 0.0, 0.5
    z = (x_base / n_base - x_now / n_now) / math.sqrt(variance)
    return z, _normal_sf(z)


def fisher_test(x_now: int, n_now: int, x_base: int, n_base: int) -> float | None:
    """Fisher's exact one-sided test of "the proportion now is lower than the baseline's".

    Given the ``x_now + x_base`` successes of both samples, ``x_now`` is
    hypergeometric under no change; the p-value is ``P(X <= x_now)``. ``None``
    as in :func:`two_proportion_test`.

    >>> fisher_test(1, 3, 15, 15)  # 16 successes of 18; 3 drawn, 1 success or fewer
    0.0196078431372549
    """
    if n_now <= 0 or n_base <= 0:
        return None
    if not (0 <= x_now <= n_now and 0 <= x_base <= n_base):
        return None
    successes, population = x_now + x_base, n_now + n_base
    low = max(0, n_now - (population - successes))
    tail = sum(
        math.comb(successes, k) * math.comb(population - successes, n_now - k)
        for k in range(low, x_now + 1)
    )
    return float(Fraction(tail, math.comb(population, n_now)))


def _proportion_p_value(x_now: int, n_now: int, x_base: int, n_base: int) -> float | None:
    """The z-test when every expected count is at least 5, else Fisher's exact test."""
    pooled = Fraction(x_now + x_base, n_now + n_base)
    expected = (n * share for n in (n_now, n_base) for share in (pooled, 1 - pooled))
    if all(e >= _MIN_EXPECTED for e in expected):
        tested = two_proportion_test(x_now, n_now, x_base, n_base)
        return None if tested is None else tested[1]
    return fisher_test(x_now, n_now, x_base, n_base)


def _log_pmf(k: int, n: int, q: float) -> float:
    return (
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(q)
        + (n - k) * math.log1p(-q)
    )


def _tail(start: int, n: int, q: float, step: int) -> float:
    """Sum of the binomial pmf from ``start`` away from the mode (terms decrease)."""
    total, term, k = 0.0, 1.0, start
    while 0 <= k <= n and term > 1e-17 * total:
        total += term
        if step < 0:
            term *= k / (n - k + 1) * (1 - q) / q
        else:
            term *= (n - k) / (k + 1) * q / (1 - q)
        k += step
    return math.exp(_log_pmf(start, n, q)) * total


def _binomial_cdf(x: int, n: int, q: float) -> float:
    """P(X <= x) for X ~ Binomial(n, q)."""
    if x < 0:
        return 0.0
    if x >= n or q <= 0:
        return 1.0
    if q >= 1:
        return 0.0
    if x <= n * q:
        return min(1.0, _tail(x, n, q, -1))
    return max(0.0, 1.0 - _tail(x + 1, n, q, +1))


def rate_test(x_now: int, exposure_now: float, x_base: int, exposure_base: float) -> float | None:
    """The exact one-sided test of "the rate now is lower": two Poisson counts.

    Under no change, given ``n = x_now + x_base`` events, ``x_now`` is binomial
    with ``n`` trials and ``q = exposure_now / (exposure_now + exposure_base)``;
    the p-value is ``P(X <= x_now)``. A count against ``k`` baseline periods is
    ``rate_test(now, 1, baseline_total, k)``. ``None`` without exposure.

    >>> round(rate_test(0, 1, 10, 4), 10)  # (4/5) ** 10
    0.1073741824
    >>> round(rate_test(5, 1, 20, 4), 4)  # 5 against an average of 5: no evidence
    0.6167
    """
    if exposure_now <= 0 or exposure_base <= 0 or x_now < 0 or x_base < 0:
        return None
    n = x_now + x_base
    if x_now >= n:
        return 1.0
    return _binomial_cdf(x_now, n, exposure_now / (exposure_now + exposure_base))


def holm(p_values: Sequence[float], alpha: float) -> tuple[bool, ...]:
    """Which hypotheses Holm's step-down procedure rejects at family-wise level ``alpha``.

    Sorted ascending, the ``i``-th p-value (from 0) is rejected while every one
    so far is below ``alpha / (m - i)``.

    >>> holm([0.01, 0.04, 0.03], 0.1)
    (True, True, True)
    >>> holm([0.04, 0.2, 0.05], 0.1)
    (False, False, False)
    """
    m = len(p_values)
    rejected = [False] * m
    for rank, index in enumerate(sorted(range(m), key=lambda i: p_values[i])):
        if not p_values[index] < alpha / (m - rank):
            break
        rejected[index] = True
    return tuple(rejected)


# --- comparisons --------------------------------------------------------------------------


def _raw(counts: Counts) -> dict[str, int]:
    a, s = counts.activity, counts.as_setter
    return {
        "calls_60": a.calls_60,
        "call_seconds": a.call_seconds,
        "leads_new": a.leads_new,
        "leads_targeted": a.leads_targeted,
        "meetings_set": s.meetings_set,
        "meetings_confirmed": s.meetings_confirmed,
        "meetings_held": s.meetings_held,
        "meetings_paid": s.meetings_paid,
    }


def _summed(periods: Iterable[Counts]) -> dict[str, int]:
    total = _raw(Counts())
    for counts in periods:
        for key, value in _raw(counts).items():
            total[key] += value
    return total


def _exact(value: float) -> Fraction:
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def dropped(now: float, baseline: float, threshold: float) -> bool:
    """Whether ``now`` is at least ``threshold`` below ``baseline``, relatively and
    exactly (the size part of the rule of a fall: a 20 % drop is a drop at 0.2). The
    weekly re-check of an action item asks the same question (``metrics.actions``).

    >>> dropped(8, 10, 0.2), dropped(8.01, 10, 0.2), dropped(0.1, 0.3, 0.2)
    (True, False, True)
    """
    if baseline <= 0:
        return False
    return _dropped(_exact(now) / _exact(baseline) - 1, threshold)


def _dropped(change: Fraction, threshold: float) -> bool:
    return -change >= _exact(threshold)


def _fell(
    change: Fraction | None, p_value: float | None, judged: bool, settings: DiagnosisSettings
) -> bool:
    if not judged or change is None or p_value is None:
        return False
    return _dropped(change, settings.threshold) and p_value < settings.alpha


def compare(
    metric: str,
    current: Counts,
    baseline: Sequence[Counts],
    settings: DiagnosisSettings | None = None,
    *,
    fallback: Sequence[Counts] | None = None,
) -> Comparison:
    """``metric`` now vs baseline, judged at ``settings.alpha`` on its own (no correction).

    ``metric`` is a ratio (``conv_held_to_paid``, ``conv_set_to_held``,
    ``conv_set_to_confirmed``, ``conv_confirmed_to_held``, ``targeted_share``)
    or a count (``meetings_set``, ``meetings_held``, ``calls_60``,
    ``leads_new``, ``minutes_on_line``). Only the first
    ``settings.baseline_periods`` of ``baseline`` are used. For a ratio whose
    own baseline denominator is below ``min_volume``, ``fallback`` (the team's
    baseline periods) is used instead when given.

    >>> from metrics.counts import Meetings
    >>> c = compare("meetings_set", Counts(as_setter=Meetings(meetings_set=5)),
    ...             [Counts(as_setter=Meetings(meetings_set=10))] * 4)
    >>> c.now, c.baseline, c.change, c.fell
    (5, 10.0, -0.5, True)
    """
    settings = settings or DiagnosisSettings()
    periods = tuple(baseline)[: settings.baseline_periods]
    now = _raw(current)
    base = _summed(periods)
    if metric in _RATIOS:
        num, den = _RATIOS[metric]
        against = "own"
        if base[den] < settings.min_volume and fallback is not None:
            base = _summed(tuple(fallback)[: settings.baseline_periods])
            against = "team"
        x_now, n_now, x_base, n_base = now[num], now[den], base[num], base[den]
        judged = n_base >= settings.min_volume and n_now > 0
        change = None
        if n_now > 0 and x_base > 0:
            change = Fraction(x_now, n_now) / Fraction(x_base, n_base) - 1
        p_value = None
        if judged:
            if x_now <= n_now and x_base <= n_base:
                p_value = _proportion_p_value(x_now, n_now, x_base, n_base)
            else:  # period mode: more held than set, not a proportion; compare rates
                p_value = rate_test(x_now, n_now, x_base, n_base)
        return Comparison(
            metric=metric,
            now=ratio(x_now, n_now),
            baseline=ratio(x_base, n_base),
            change=None if change is None else float(change),
            p_value=p_value,
            judged=judged,
            fell=_fell(change, p_value, judged, settings),
            against=against,
        )
    k = len(periods)
    if metric == "minutes_on_line":
        shown_now: float | None = ratio(now["call_seconds"], 60)
        shown_base = ratio(base["call_seconds"], 60 * k) if k else None
        x_now, x_base = now["call_seconds"] // 60, base["call_seconds"] // 60
    elif metric in _COUNTS:
        x_now, x_base = now[metric], base[metric]
        shown_now, shown_base = x_now, (ratio(x_base, k) if k else None)
    else:
        raise ValueError(f"not a metric the diagnosis compares: {metric!r}")
    judged = k > 0 and x_base >= settings.min_volume
    change = Fraction(x_now * k, x_base) - 1 if k and x_base else None
    p_value = rate_test(x_now, 1, x_base, k) if judged else None
    return Comparison(
        metric=metric,
        now=shown_now,
        baseline=shown_base,
        change=None if change is None else float(change),
        p_value=p_value,
        judged=judged,
        fell=_fell(change, p_value, judged, settings),
    )


# --- the diagnosis ------------------------------------------------------------------------


def _low(comparisons: Sequence[Comparison]) -> bool | None:
    judged = [c for c in comparisons if c.judged]
    if not judged:
        return None
    return any(c.fell for c in judged)


def _metric_check(number: int, code: str, comparisons: Sequence[Comparison]) -> Check:
    return Check(number, code, tuple(comparisons), _low(comparisons))


def _first_low_step(checks: Sequence[Check]) -> str | None:
    for check in checks:
        if check.low and check.code in _STEP_OF_CHECK:
            return _STEP_OF_CHECK[check.code]
    return None


@dataclass(frozen=True, slots=True)
class _Subject:
    """A subject during the diagnosis: its data, comparisons and place in the input."""

    data: SubjectData
    index: int
    fallback: tuple[Counts, ...] | None
    watched: dict[str, Comparison]

    def compare(self, metric: str, settings: DiagnosisSettings) -> Comparison:
        d = self.data
        fallback = self.fallback if metric in _RATIOS else None
        return compare(metric, d.current, d.baseline, settings, fallback=fallback)


def _findings(
    s: _Subject,
    sources: Sequence[_Subject],
    settings: DiagnosisSettings,
    gate_settings: DiagnosisSettings,
) -> list[Finding]:
    """The situations of one subject; ``gate_settings`` judge the gates (the report's alpha)."""
    data, subject = s.data, s.data.subject
    now_set = data.current.as_setter.meetings_set
    plan = data.plan_meetings_set
    behind = plan is not None and now_set < plan
    findings: list[Finding] = []

    def sources_check(metric: str) -> Check:
        if subject.kind == "source":
            lines = [replace(s.watched[metric], subject=subject)]
        else:
            lines = [replace(o.watched[metric], subject=o.data.subject) for o in sources]
        return _metric_check(2, "sources", lines)

    def common(metric: str) -> list[Check]:
        return [
            _metric_check(1, "targeted_share", [s.compare("targeted_share", settings)]),
            sources_check(metric),
            Check(3, "listen_calls", (), None),
        ]

    indicator = s.watched["conv_held_to_paid"]
    gate = s.compare(GATES[1], gate_settings)
    if indicator.fell and not gate.fell:
        checks = common("conv_held_to_paid")
        step = _first_low_step(checks)
        findings.append(Finding(1, subject, indicator, "fell", gate, tuple(checks), step))

    indicator = s.watched["conv_set_to_held"]
    gate = s.compare(GATES[2], gate_settings)
    if indicator.fell and not gate.fell and not behind:
        confirmed = s.compare("conv_set_to_confirmed", settings)
        came = s.compare("conv_confirmed_to_held", settings)
        checks = [*common("conv_set_to_held"), _metric_check(4, "confirmation", [confirmed, came])]
        step = None
        if confirmed.fell:
            step = "not_confirmed"
        elif came.fell:
            step = "confirmed_not_come"
        findings.append(Finding(2, subject, indicator, "fell", gate, tuple(checks), step))

    indicator = s.watched["meetings_set"]
    if indicator.fell or behind:
        checks = [
            _metric_check(number, metric, [s.compare(metric, settings)])
            for number, metric in enumerate(CHECKS[3], start=1)
        ]
        findings.append(
            Finding(
                situation=3,
                subject=subject,
                indicator=indicator,
                trigger="fell" if indicator.fell else "behind_plan",
                gate=None,
                checks=tuple(checks),
                step=_first_low_step(checks),
                plan_lower=plan,
            )
        )
    return findings


def diagnose(
    team: SubjectData,
    members: Sequence[SubjectData] = (),
    sources: Sequence[SubjectData] = (),
    settings: DiagnosisSettings | None = None,
) -> Report:
    """Diagnose the team, its members and its sources for one period (METRICS.md section 6).

    Each subject gets a :class:`Diagnosis`: ``finding`` with its findings,
    ``fine``, or ``thin`` when none of its watched indicators has the volume
    to be judged. The watched indicators of all subjects form one family for
    Holm's correction (see the module's docstring). ``Report.findings`` holds
    every finding, most important first.
    """
    settings = settings or DiagnosisSettings()
    team_baseline = tuple(team.baseline)
    subjects: list[_Subject] = []
    for index, data in enumerate((team, *members, *sources)):
        fallback = team_baseline if data.subject.kind == "source" else None
        s = _Subject(data, index, fallback, {})
        s.watched.update((metric, s.compare(metric, settings)) for metric in WATCHED.values())
        subjects.append(s)

    family = [
        (s, metric)
        for s in subjects
        for metric, c in s.watched.items()
        if c.judged and c.p_value is not None
    ]
    p_values = [s.watched[metric].p_value or 0.0 for s, metric in family]
    gate_settings = settings
    if settings.correction == "holm":
        passed = holm(p_values, settings.alpha)
        gate_settings = replace(settings, alpha=settings.alpha / max(1, len(p_values)))
    else:
        passed = tuple(p < settings.alpha for p in p_values)
    for (s, metric), ok in zip(family, passed, strict=True):
        if not ok:
            s.watched[metric] = replace(s.watched[metric], fell=False)

    source_subjects = [s for s in subjects if s.data.subject.kind == "source"]
    diagnoses: list[Diagnosis] = []
    ranked: list[tuple[tuple[int, float, int, int], Finding]] = []
    for s in subjects:
        findings = _findings(s, source_subjects, settings, gate_settings)
        if findings:
            status = "finding"
        elif any(c.judged for c in s.watched.values()):
            status = "fine"
        else:
            status = "thin"
        diagnoses.append(
            Diagnosis(s.data.subject, status, tuple(findings), tuple(s.watched.values()))
        )
        kind_rank = KINDS.index(s.data.subject.kind)
        ranked.extend(((f.situation, -f.size, kind_rank, s.index), f) for f in findings)
    ranked.sort(key=lambda item: item[0])
    return Report(tuple(diagnoses), tuple(f for _, f in ranked))


def comparable_windows(period: Period, today: date, n: int) -> tuple[Period, tuple[Period, ...]]:
    """The stretch of ``period`` to compare, and the same stretch of the ``n`` periods before.

    A period that has ended is compared whole with the ``n`` equivalent periods
    before it. A period still running on ``today`` is compared as far as it has
    gone (its start to ``today``) with the same number of days from the start of
    each period before it, so Monday to Friday of this week meets Monday to
    Friday of the previous weeks, not their whole weeks.

    >>> week = Period(date(2026, 11, 23), date(2026, 11, 29), "week")
    >>> now, before = comparable_windows(week, date(2026, 11, 27), 2)
    >>> now.label(), [p.label() for p in before]
    ('2026-11-23..2026-11-27', ['2026-11-16..2026-11-20', '2026-11-09..2026-11-13'])
    >>> comparable_windows(week, date(2026, 12, 2), 1)[1][0].label()
    '2026-11-16..2026-11-22'
    """
    if today < period.start:
        raise ValueError(f"{period.label()} has not started on {today}")
    if today >= period.end:
        return period, tuple(period.previous(i) for i in range(1, n + 1))
    length = timedelta(days=(today - period.start).days)
    before = []
    for i in range(1, n + 1):
        earlier = period.previous(i)
        before.append(Period(earlier.start, min(earlier.start + length, earlier.end), "range"))
    return Period(period.start, today, "range"), tuple(before)
