"""The meeting lifecycle (METRICS.md section 2), as pure functions.

Allowed: set -> confirmed -> held; set -> held (unconfirmed but held);
set|confirmed -> cancelled|no_show. Held, cancelled and no-show are final.

>>> replay(["set", "confirmed", "held"])
'held'
>>> next_status("held", "cancelled")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
...
metrics.lifecycle.LifecycleError: meeting is already held
"""

from __future__ import annotations

from collections.abc import Iterable

EVENTS: tuple[str, ...] = ("set", "confirmed", "held", "cancelled", "no_show")
FINAL: frozenset[str] = frozenset({"held", "cancelled", "no_show"})
_ALLOWED: dict[str | None, frozenset[str]] = {
    None: frozenset({"set"}),
    "set": frozenset({"confirmed", "held", "cancelled", "no_show"}),
    "confirmed": frozenset({"held", "cancelled", "no_show"}),
}


class LifecycleError(ValueError):
    """A transition the lifecycle forbids.

    ``code`` is ``not_set`` (no meeting yet), ``final`` (already held, cancelled
    or no-show), ``already`` (the same step again) or ``already_set``.
    """

    def __init__(self, code: str, current: str | None, event: str) -> None:
        self.code = code
        self.current = current
        self.event = event
        super().__init__(
            {
                "not_set": f"meeting is not set, cannot be {event}",
                "final": f"meeting is already {current}",
                "already": f"meeting is already {current}",
                "already_set": "meeting is already set",
            }[code]
        )


def next_status(current: str | None, event: str) -> str:
    """The status after ``event`` happens to a meeting in status ``current``."""
    if event not in EVENTS:
        raise ValueError(f"unknown meeting event {event!r}")
    if event in _ALLOWED.get(current, frozenset()):
        return event
    if current is None:
        raise LifecycleError("not_set", current, event)
    if current in FINAL:
        raise LifecycleError("final", current, event)
    if event == "set":
        raise LifecycleError("already_set", current, event)
    raise LifecycleError("already", current, event)


def replay(events: Iterable[str]) -> str | None:
    """The status after a sequence of events in order; None for no events."""
    status: str | None = None
    for event in events:
        status = next_status(status, event)
    return status
