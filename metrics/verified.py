"""Typed versus verified calls: when a rep's typed calls outrun what telephony saw.

A rep's *typed* calls are the calls of ``MIN_CALL_SECONDS`` or more they logged in the bot
themselves; their *verified* calls are those of the same length recorded from a telephony
feed (docs/metrics.md, "Typed and verified calls"). This module holds the rule only; the
counts come from ``storage.verified`` and the lists from ``services.verified``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

# "more than 20 % above": typed > 1.2 x verified, strictly
EXCESS_RATIO = Fraction(6, 5)
# "and at least 10 calls more"
MIN_EXCESS_CALLS = 10


@dataclass(frozen=True, slots=True)
class CallCheck:
    """One person's calls of 60 s+ on a day: typed in the bot, recorded from telephony."""

    name: str
    typed: int
    verified: int

    @property
    def excess(self) -> int:
        """How many more calls were typed than telephony recorded (negative: fewer)."""
        return self.typed - self.verified


def typed_exceeds_verified(typed: int, verified: int) -> bool:
    """True when ``typed`` is more than 20 % above ``verified`` **and** at least 10 above it.

    Both conditions, in whole numbers (no rounding): ``typed > 6/5 * verified`` and
    ``typed - verified >= 10``. Exactly 20 % above is not more than 20 %.

    >>> typed_exceeds_verified(60, 50), typed_exceeds_verified(61, 50)
    (False, True)
    >>> typed_exceeds_verified(12, 3), typed_exceeds_verified(13, 3), typed_exceeds_verified(10, 0)
    (False, True, True)
    >>> typed_exceeds_verified(500, 450)  # 50 more, but only 11 % above
    False
    """
    if typed < 0 or verified < 0:
        raise ValueError("call counts cannot be negative")
    return typed > EXCESS_RATIO * verified and typed - verified >= MIN_EXCESS_CALLS


def over_typed(checks: Iterable[CallCheck]) -> tuple[CallCheck, ...]:
    """The people whose typed calls exceed their verified ones (:func:`typed_exceeds_verified`),
    the biggest excess first, equal ones by name."""
    return tuple(
        sorted(
            (c for c in checks if typed_exceeds_verified(c.typed, c.verified)),
            key=lambda c: (-c.excess, c.name.casefold(), c.name),
        )
    )
