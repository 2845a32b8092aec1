"""The typed-vs-verified rule (docs/metrics.md, "Typed and verified calls"), on numbers
worked out by hand, its properties, and the managers' list as it reads."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import Texts
from metrics.verified import CallCheck, over_typed, typed_exceeds_verified
from views.verified import over_typed_text


@pytest.mark.parametrize(
    ("typed", "verified", "listed"),
    [
        (60, 50, False),  # exactly 20 % above is not *more than* 20 %
        (61, 50, True),  # 22 % above and 11 more
        (600, 500, False),  # exactly 20 % above, 100 more
        (601, 500, True),
        (19, 9, True),  # 10 more (111 % above): the least difference that counts
        (18, 9, False),  # 9 more: too few calls, however far above in percent
        (10, 0, True),  # nothing from telephony: 10 typed is enough
        (9, 0, False),
        (0, 0, False),
        (50, 80, False),  # fewer typed than verified
        (500, 450, False),  # 50 more, but only 11,1 % above
    ],
)
def test_typed_exceeds_verified_by_more_than_20_percent_and_10_calls(typed, verified, listed):
    assert typed_exceeds_verified(typed, verified) is listed


def test_counts_cannot_be_negative():
    with pytest.raises(ValueError):
        typed_exceeds_verified(-1, 0)


def test_the_biggest_difference_first_then_by_name():
    checks = [
        CallCheck("Oleg", typed=40, verified=20),  # 20 more
        CallCheck("ivan", typed=85, verified=40),  # 45 more
        CallCheck("Anna", typed=30, verified=10),  # 20 more
        CallCheck("Petr", typed=60, verified=50),  # exactly 20 %: not listed
        CallCheck("Maria", typed=18, verified=9),  # 9 more: not listed
    ]
    listed = over_typed(checks)
    assert [(c.name, c.excess) for c in listed] == [("ivan", 45), ("Anna", 20), ("Oleg", 20)]
    assert over_typed([]) == ()


counts = st.integers(min_value=0, max_value=100_000)


@given(counts, counts, st.integers(min_value=0, max_value=1_000))
def test_more_typed_or_fewer_verified_never_takes_a_rep_off_the_list(typed, verified, more):
    if typed_exceeds_verified(typed, verified):
        assert typed_exceeds_verified(typed + more, verified)
        assert typed_exceeds_verified(typed, max(0, verified - more))


@given(counts, counts)
def test_the_rule_is_both_conditions_in_exact_arithmetic(typed, verified):
    assert typed_exceeds_verified(typed, verified) == (
        5 * typed > 6 * verified and typed - verified >= 10
    )


def test_the_managers_list_reads_right_and_escapes_names_once():
    reps = (CallCheck("Рога & Копыта <Ltd>", typed=1250, verified=1001),)
    ru = over_typed_text(reps, date(2026, 11, 27), Texts("ru")).splitlines()
    assert ru[0] == "<b>Звонки по отчёту и по телефонии расходятся</b> · 27.11.2026"
    assert ru[1] == (
        "Рога &amp; Копыта &lt;Ltd&gt;: по отчёту — 1\xa0250, по телефонии — 1\xa0001 (разница 249)"
    )
    assert "более чем на 20,0\xa0% и минимум на 10 звонков." in ru[2]
    en = over_typed_text(reps, date(2026, 11, 27), Texts("en")).splitlines()
    assert (
        en[1] == "Рога &amp; Копыта &lt;Ltd&gt;: typed 1,250, from telephony 1,001 (difference 249)"
    )
    assert "more than 20.0% above those from telephony, and at least 10 calls more." in en[2]
