"""Action items from numbers: when an item is due, improved, carried or overdue; the
finding button's callback data within Telegram's 64 bytes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.actions import due_day, improved, outcome, reference_for, working_days
from metrics.periods import Period
from services.actions import FindingRef
from views.actions import TakeFinding, finding_of, take_data

DUE = date(2026, 12, 6)  # a Sunday
BEFORE, ON, AFTER = date(2026, 11, 29), DUE, date(2026, 12, 13)  # weeks' last days


@pytest.mark.parametrize("offset", range(7))
def test_due_is_the_sunday_of_the_next_iso_week(offset):
    taken = date(2026, 11, 23) + timedelta(days=offset)  # Monday .. Sunday
    assert due_day(taken) == DUE


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_due_is_always_a_sunday_8_to_14_days_on(taken):
    due = due_day(taken)
    assert due.isoweekday() == 7 and 7 <= (due - taken).days <= 13


@pytest.mark.parametrize(
    ("now", "reference", "against", "week_end", "expected"),
    [
        # against the baseline: recovered once the drop is under 20 %
        (0.30, 1 / 3, "baseline", BEFORE, "improved"),  # -10 %
        (0.40, 1 / 3, "baseline", AFTER, "improved"),  # better than before, even late
        (8.5, 10, "baseline", BEFORE, "improved"),  # -15 %
        (8, 10, "baseline", BEFORE, "carried"),  # exactly -20 %: still a fall
        (0.6, 0.75, "baseline", BEFORE, "carried"),  # exactly -20 % of a ratio
        (0.25, 0.75, "baseline", BEFORE, "carried"),
        (0.25, 0.75, "baseline", ON, "overdue"),  # the due week ends: its time is up
        (0.25, 0.75, "baseline", AFTER, "overdue"),
        (None, 0.75, "baseline", BEFORE, "carried"),  # nothing set that week: undefined
        (None, 0.75, "baseline", ON, "overdue"),
        # against the plan: no longer behind it
        (15, 15, "plan", BEFORE, "improved"),
        (14, 15, "plan", BEFORE, "carried"),  # -7 %, but still behind the plan
        (14, 15, "plan", ON, "overdue"),
    ],
)
def test_outcome_from_numbers(now, reference, against, week_end, expected):
    assert outcome(now, reference, against, 0.2, due=DUE, week_end=week_end) == expected


@given(
    st.floats(0, 1000, allow_nan=False),
    st.floats(0, 1000, allow_nan=False),
    st.floats(0.01, 1000, allow_nan=False),
)
def test_more_never_undoes_an_improvement(now, more, reference):
    if improved(now, reference, "baseline", 0.2):
        assert improved(now + more, reference, "baseline", 0.2)


def test_a_threshold_of_one_only_fails_at_zero():
    assert improved(0.01, 10, "baseline", 1.0) and not improved(0, 10, "baseline", 1.0)


def test_a_count_s_reference_follows_the_working_days():
    week = (date(2026, 11, 23), date(2026, 11, 29))
    assert working_days(*week, (1, 2, 3, 4, 5)) == 5
    assert working_days(*week, (1, 2, 3, 4, 5, 6, 7)) == 7
    # measured Monday to Wednesday (3 working days), re-checked over a whole week (5)
    assert reference_for("meetings_set", 12, 3, 5, (3, 7)) == 20
    # a ratio is a ratio over any days
    assert reference_for("conv_held_to_paid", 0.25, 3, 5, (3, 7)) == 0.25
    # measured over a weekend (no working day): by calendar days, 2 against 7
    assert reference_for("meetings_set", 2, 0, 5, (2, 7)) == 7


WEEK = Period.containing(date(2026, 11, 23), "week")
REFS = [
    FindingRef("member", 2_147_483_647, 3, WEEK, date(2026, 11, 25)),
    FindingRef("source", None, 1, Period.containing(WEEK.start, "month"), date(2026, 11, 30)),
    FindingRef("source", 12, 2, Period.containing(WEEK.start, "quarter"), date(2026, 12, 7)),
    FindingRef("team", 1, 2, Period(date(2026, 9, 1), date(2026, 12, 31)), date(2026, 12, 7)),
]


@pytest.mark.parametrize("ref", REFS)
def test_a_finding_button_fits_telegram_s_64_bytes_and_names_the_finding_again(ref):
    packed = take_data(ref, 99).pack()
    assert len(packed.encode()) <= 64, packed
    assert finding_of(TakeFinding.unpack(packed)) == ref


@pytest.mark.parametrize(
    "packed",
    [
        "act:x:1:3:739943:739949:week:739947:1",  # no such kind of subject
        "act:m:1:7:739943:739949:week:739947:1",  # no such situation
        "act:m:1:3:739943:739949:decade:739947:1",  # no such period
        "act:m:1:3:739949:739943:week:739947:1",  # ends before it starts
        "act:m:1:3:739943:739949:week:739900:1",  # looked at before it began
        "act:m:-1:3:739943:739949:week:739947:1",
        "act:m:1:3:0:739949:week:739947:1",  # day 0 is no date
    ],
)
def test_callback_data_no_button_of_ours_carries_is_refused(packed):
    assert finding_of(TakeFinding.unpack(packed)) is None
