"""The scorecard: one number per rep for a period (issue 17, item 3; docs/metrics.md, "Score").

The score is the weighted mean, over the rep's planned metrics, of
``min(fact / goal, 1.5)``, where ``goal`` is the goal of the plan so far (the
working days of the period elapsed, today included: ``PlanLine.target`` of
:func:`metrics.plans.plan_vs_fact`). A metric's weight is set per role
(``/setweight sdr calls_60 2``); by default :data:`MAIN_WEIGHT` for the role's
main indicator and :data:`OTHER_WEIGHT` for the others. A weight of 0 leaves the
metric out.

Undefined cases (a :class:`Scorecard` without a ``value``):

- no plan line at all: ``no_plan`` (shown as "no plan", never as 0);
- every planned metric left out: its goal so far is 0 or there is none (a day
  off, the period's first working day not come yet, a plan of 0) or its weight
  is 0: ``no_score``.

A rep with several roles: each planned metric counts once, with the weight of
the first of the rep's roles in :data:`metrics.plans.ROLE_ORDER` (sdr, hunter,
farmer) that may plan it, the role whose plan rule wins (``calls_60`` of an SDR
who also farms weighs as an SDR's). Ratios cannot be planned
(:data:`metrics.plans.PLANNABLE` has counts, minutes and money), so the mean is
never taken over ratios of ratios.

Pure: no aiogram, no SQLAlchemy, no asyncio.

>>> from metrics.plans import PlanLine, Target
>>> lines = [
...     PlanLine("meetings_held", 2, Target(3, 3), "behind", None, None),
...     PlanLine("calls_60", 200, Target(80, 100), "done", None, None),
... ]
>>> card = scorecard(lines, roles={"sdr"})
>>> round(card.value, 4), card.state  # (3 * 2/3 + 1 * 1.5) / (3 + 1)
(0.875, 'scored')
>>> scorecard([], roles={"sdr"}).state
'no_plan'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from metrics.engine import MAIN_INDICATOR
from metrics.plans import PLANNABLE, ROLE_ORDER, Target

__all__ = [
    "MAIN_WEIGHT",
    "MAX_WEIGHT",
    "NO_PLAN",
    "OTHER_WEIGHT",
    "SCORE_CAP",
    "Planned",
    "ScoreError",
    "ScorePart",
    "Scorecard",
    "WeightInForce",
    "default_weight",
    "parse_weight",
    "score",
    "scorecard",
    "weight_role",
    "weights_in_force",
]

SCORE_CAP = 1.5
"""A metric counts at most 150 % of its goal: one metric far above the plan cannot hide
another far below it."""

MAIN_WEIGHT = 3.0
"""The default weight of a role's main indicator (:data:`metrics.engine.MAIN_INDICATOR`)."""

OTHER_WEIGHT = 1.0
"""The default weight of a role's other plannable metrics."""

MAX_WEIGHT = 10
"""The largest weight ``/setweight`` takes (0 leaves a metric out)."""

Weights = Mapping[tuple[str, str], float]
"""The weights a team set: (role, metric) -> weight; a pair not in it has its default."""


class ScoreError(ValueError):
    """A weight that cannot be used; ``code`` is a stable key for a localized message.

    Codes: ``bad_weight`` (not a number, or more than two decimals), ``weight_range``
    (outside 0..:data:`MAX_WEIGHT`). ``value`` is the offending text.
    """

    def __init__(self, code: str, value: str) -> None:
        super().__init__(code, value)
        self.code = code
        self.value = value

    def __str__(self) -> str:
        return {
            "bad_weight": f"not a weight (a number like 2 or 1.5): {self.value!r}",
            "weight_range": f"a weight is from 0 to {MAX_WEIGHT}: {self.value!r}",
        }.get(self.code, f"{self.code}: {self.value!r}")


class Planned(Protocol):
    """A metric against its plan so far: :class:`metrics.plans.PlanLine` or the digest's
    ``PlanFact``."""

    @property
    def metric(self) -> str: ...

    @property
    def fact(self) -> object: ...

    @property
    def target(self) -> Target | None: ...


@dataclass(frozen=True, slots=True)
class ScorePart:
    """One metric in the mean: ``share`` = min(fact / goal, :data:`SCORE_CAP`)."""

    metric: str
    role: str  # whose weight it has
    fact: float
    goal: float  # the goal of the plan so far, > 0
    share: float
    weight: float

    @property
    def capped(self) -> bool:
        """Whether the fact is above :data:`SCORE_CAP` of the goal (the share is cut)."""
        return self.fact / self.goal > SCORE_CAP


@dataclass(frozen=True, slots=True)
class Scorecard:
    """A rep's score: ``value`` (a fraction, 1.0 = every goal so far reached; None when
    undefined), the ``parts`` it is the weighted mean of, and whether the rep had any
    planned metric at all (``planned``)."""

    value: float | None
    parts: tuple[ScorePart, ...] = ()
    planned: bool = False

    @property
    def state(self) -> str:
        """``scored``; ``no_plan`` (no planned metric); ``no_score`` (planned, but every
        metric left out: no goal so far, or a weight of 0)."""
        if self.value is not None:
            return "scored"
        return "no_score" if self.planned else "no_plan"


NO_PLAN = Scorecard(None)
"""The score of a rep with no planned metric."""


def default_weight(role: str, metric: str) -> float:
    """:data:`MAIN_WEIGHT` for the role's main indicator, :data:`OTHER_WEIGHT` otherwise.

    >>> default_weight("sdr", "meetings_held"), default_weight("sdr", "calls_60")
    (3.0, 1.0)
    """
    return MAIN_WEIGHT if MAIN_INDICATOR.get(role) == metric else OTHER_WEIGHT


def weight_role(metric: str, roles: Iterable[str]) -> str | None:
    """The role whose weight ``metric`` has for a rep with ``roles``: the first of them in
    :data:`metrics.plans.ROLE_ORDER` that may plan it; None when none may.

    >>> weight_role("calls_60", {"farmer", "sdr"}), weight_role("repeat_revenue", {"sdr"})
    ('sdr', None)
    """
    held = set(roles)
    return next((r for r in ROLE_ORDER if r in held and metric in PLANNABLE[r]), None)


def _weight(role: str, metric: str, weights: Weights) -> float:
    found = weights.get((role, metric))
    return default_weight(role, metric) if found is None else float(found)


def scorecard(
    lines: Iterable[Planned], *, roles: Iterable[str], weights: Weights | None = None
) -> Scorecard:
    """The score of a rep with ``roles`` over their plan ``lines`` (one per planned
    metric, the goal of the plan so far in ``target``), with the team's ``weights``.

    A line is left out when its goal so far is 0 or None, when no role of the rep may
    plan its metric, or when its weight is 0.

    >>> from metrics.plans import PlanLine, Target
    >>> off = PlanLine("calls_60", 0, None, "off", None, None)
    >>> scorecard([off], roles={"sdr"}).state
    'no_score'
    """
    weights = weights or {}
    roles = frozenset(roles)
    parts: list[ScorePart] = []
    planned = False
    for line in lines:
        planned = True
        role = weight_role(line.metric, roles)
        target = line.target
        if role is None or target is None or target.goal <= 0:
            continue
        weight = _weight(role, line.metric, weights)
        if weight <= 0:
            continue
        fact = float(line.fact or 0)  # type: ignore[arg-type]
        share = min(fact / target.goal, SCORE_CAP)
        parts.append(ScorePart(line.metric, role, fact, target.goal, share, weight))
    if not parts:
        return Scorecard(None, (), planned)
    total = math.fsum(part.weight for part in parts)
    value = math.fsum(part.weight * part.share for part in parts) / total
    return Scorecard(value, tuple(parts), planned)


def score(
    lines: Iterable[Planned], *, roles: Iterable[str], weights: Weights | None = None
) -> float | None:
    """The score's value (:func:`scorecard`); None when it is undefined."""
    return scorecard(lines, roles=roles, weights=weights).value


@dataclass(frozen=True, slots=True)
class WeightInForce:
    """A plannable metric of a role and its weight; ``set`` when the team chose it."""

    metric: str
    weight: float
    set: bool


def weights_in_force(role: str, weights: Weights | None = None) -> list[WeightInForce]:
    """Every plannable metric of ``role`` (main indicator first) with its weight.

    >>> [(w.metric, w.weight) for w in weights_in_force("farmer", {("farmer", "calls_60"): 0})]
    [('repeat_revenue', 3.0), ('calls_60', 0.0), ('repeat_payments', 1.0)]
    """
    weights = weights or {}
    return [
        WeightInForce(metric, _weight(role, metric, weights), (role, metric) in weights)
        for metric in PLANNABLE[role]
    ]


_WEIGHT_RE = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def parse_weight(text: str) -> float:
    """A weight as typed: ``2``, ``1.5`` or ``1,5`` (a decimal comma), from 0 to
    :data:`MAX_WEIGHT`, at most two decimals. Raises :class:`ScoreError`.

    >>> parse_weight("1,5"), parse_weight("0"), parse_weight("10")
    (1.5, 0.0, 10.0)
    """
    shown = text.strip()
    if not _WEIGHT_RE.fullmatch(shown):
        raise ScoreError("bad_weight", text)
    number = Decimal(shown.replace(",", "."))
    if number.normalize().as_tuple().exponent < -2:  # type: ignore[operator]
        raise ScoreError("bad_weight", text)
    if not 0 <= number <= Decimal(str(MAX_WEIGHT)):
        raise ScoreError("weight_range", text)
    return float(number)
