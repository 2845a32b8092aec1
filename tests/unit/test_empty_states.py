"""services.empty.nothing_logged: a subject has logged nothing in a period when not one
record counts for it there, whatever the kind of record."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

import pytest

from metrics.counts import Activity, Counts, Meetings
from services.empty import nothing_logged


def one_of(kind: type, name: str):
    value = (1.0,) if name == "sales_cycle_days" else 1
    if name.endswith("revenue"):
        value = Decimal("0.01")
    return kind(**{name: value})


def test_no_counts_is_nothing_logged():
    assert nothing_logged(Counts())
    assert nothing_logged(Counts(activity=Activity(repeat_revenue=Decimal("0.00"))))


@pytest.mark.parametrize("name", [f.name for f in fields(Activity)])
def test_any_activity_is_something_logged(name):
    assert not nothing_logged(Counts(activity=one_of(Activity, name)))


@pytest.mark.parametrize("view", ["as_setter", "as_hunter"])
@pytest.mark.parametrize("name", [f.name for f in fields(Meetings)])
def test_any_meeting_step_or_payment_is_something_logged(view, name):
    assert not nothing_logged(Counts(**{view: one_of(Meetings, name)}))


def test_doctests():
    import doctest

    import services.empty

    assert doctest.testmod(services.empty).failed == 0
