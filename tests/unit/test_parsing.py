"""Command arguments: durations, money, days, meeting times, references and words."""

from __future__ import annotations

import pickle
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.parsing import (
    DEFAULT_MEETING_TIME,
    MAX_AMOUNT,
    MAX_CALL_SECONDS,
    ParseError,
    extract_amount,
    extract_day,
    extract_duration,
    extract_meeting_ref,
    extract_meeting_time,
    parse_amount,
    parse_count,
    parse_day,
    parse_direction,
    parse_duration,
    parse_meeting_ref,
    parse_qualification,
)

MSK = ZoneInfo("Europe/Moscow")
TODAY = date(2026, 11, 26)  # a Thursday
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=MSK)
BACKDATE = 30

fast = settings(max_examples=150, deadline=None)


def error_code(func, *args, **kwargs) -> str:
    with pytest.raises(ParseError) as caught:
        func(*args, **kwargs)
    return caught.value.code


# --- ParseError ---------------------------------------------------------------------------


def test_parse_error_carries_code_value_limit():
    error = ParseError("duration_too_long", "5h", 14400)
    assert isinstance(error, ValueError)
    assert (error.code, error.value, error.limit) == ("duration_too_long", "5h", 14400)
    assert str(error) == "duration_too_long: '5h' (limit 14400)"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.value, copy.limit) == (error.code, error.value, error.limit)
    assert ParseError("bad_day", "x").limit is None


# --- durations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "seconds"),
    [
        ("75s", 75),
        ("75sec", 75),
        ("75secs", 75),
        ("75 seconds", 75),
        ("4m", 240),
        ("4min", 240),
        ("4mins", 240),
        ("2m30s", 150),
        ("2min30sec", 150),
        ("2m30", 150),
        ("1h", 3600),
        ("1hr", 3600),
        ("1h30m", 5400),
        ("1h30", 5400),
        ("1h2m3s", 3723),
        ("1h3s", 3603),
        ("1.5m", 90),
        ("1,5m", 90),
        ("1.5h", 5400),
        ("0.01m", 1),
        ("2.5s", 3),
        ("1:15", 75),
        ("0:07", 7),
        ("75:00", 4500),
        ("1:02:03", 3723),
        ("4:00:00", 14400),
        ("75с", 75),
        ("75сек", 75),
        ("75 секунд", 75),
        ("4м", 240),
        ("4мин", 240),
        ("4 минуты", 240),
        ("2м30с", 150),
        ("2мин30сек", 150),
        ("1ч", 3600),
        ("1час", 3600),
        ("1ч30м", 5400),
        ("1ч30мин", 5400),
        ("1ч30", 5400),
        ("1,5ч", 5400),
        ("4h", 14400),
        ("0s", 0),
        ("0", 0),
        ("0:00", 0),
        ("2M30S", 150),
        ("2М30С", 150),
        ("2m30s,", 150),
        ("4мин.", 240),
    ],
)
def test_parse_duration(token, seconds):
    assert parse_duration(token) == seconds


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("75", "duration_ambiguous"),
        ("1.5", "duration_ambiguous"),
        ("14400", "duration_ambiguous"),
        ("14401", "duration_too_long"),
        ("-5m", "duration_negative"),
        ("−5m", "duration_negative"),
        ("-75", "duration_negative"),
        ("-1:00", "duration_negative"),
        ("5h", "duration_too_long"),
        ("4h1s", "duration_too_long"),
        ("241m", "duration_too_long"),
        ("4:00:01", "duration_too_long"),
        ("99999999999999999999h", "duration_too_long"),
        ("1:75", "bad_duration"),
        ("1:5", "bad_duration"),
        ("1:60:00", "bad_duration"),
        ("30s2m", "bad_duration"),
        ("2m2m", "bad_duration"),
        ("1h75", "bad_duration"),
        ("5x", "bad_duration"),
        ("m", "bad_duration"),
        ("", "bad_duration"),
        ("abc", "bad_duration"),
        ("1e3s", "bad_duration"),
        ("٣s", "bad_duration"),
    ],
)
def test_parse_duration_errors(token, code):
    assert error_code(parse_duration, token) == code


def test_duration_limits():
    with pytest.raises(ParseError) as caught:
        parse_duration("5h")
    assert caught.value.limit == MAX_CALL_SECONDS == 14400
    assert caught.value.value == "5h"
    assert parse_duration("260m", max_seconds=86400) == 15600
    assert error_code(parse_duration, "25h", max_seconds=86400) == "duration_too_long"


@pytest.mark.parametrize(
    ("tokens", "seconds", "rest"),
    [
        (["2m30s", "in", "google"], 150, ["in", "google"]),
        (["in", "2m30s", "google"], 150, ["in", "google"]),
        (["75", "s", "out"], 75, ["out"]),
        (["4", "m"], 240, []),
        (["2", "мин", "30", "сек", "вх"], 150, ["вх"]),
        (["1", "час", "30", "мин"], 5400, []),
        (["2m", "30s"], 150, []),
        (["1.5", "мин"], 90, []),
        (["1:15", "исх"], 75, ["исх"]),
        (["45", "с", "клиентом"], 45, ["клиентом"]),
        (["0s"], 0, []),
        (["in", "google"], None, ["in", "google"]),
        (["75", "in"], None, ["75", "in"]),
        (["85", "26.11"], None, ["85", "26.11"]),
        ([], None, []),
    ],
)
def test_extract_duration(tokens, seconds, rest):
    assert extract_duration(tokens) == (seconds, rest)


def test_extract_duration_bare_number_then_unit_token():
    # "/calls 260m 85": the count right after a duration is not glued to it.
    assert extract_duration(["260m", "85"], max_seconds=86400) == (15600, ["85"])
    assert extract_duration(["85", "260m", "вчера"], max_seconds=86400) == (15600, ["85", "вчера"])


@pytest.mark.parametrize(
    ("tokens", "code"),
    [
        (["5h"], "duration_too_long"),
        (["call", "5", "ч"], "duration_too_long"),
        (["-5m"], "duration_negative"),
        (["1:75"], "bad_duration"),
    ],
)
def test_extract_duration_errors(tokens, code):
    assert error_code(extract_duration, tokens) == code


@fast
@given(st.integers(0, MAX_CALL_SECONDS))
def test_duration_renderings_round_trip(seconds):
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    total_minutes = seconds // 60
    tokens = [
        f"{seconds}s",
        f"{seconds}sec",
        f"{seconds}с",
        f"{seconds}сек",
        f"{total_minutes}m{secs}s",
        f"{total_minutes}min{secs}sec",
        f"{total_minutes}м{secs}с",
        f"{total_minutes}мин{secs}сек",
        f"{hours}h{minutes}m{secs}s",
        f"{hours}ч{minutes}м{secs}с",
        f"{total_minutes}:{secs:02d}",
        f"{hours}:{minutes:02d}:{secs:02d}",
    ]
    if seconds % 6 == 0:
        decimal_minutes = Decimal(seconds) / 60
        tokens += [f"{decimal_minutes}m", f"{decimal_minutes}мин".replace(".", ",")]
    for token in tokens:
        assert parse_duration(token) == seconds, token
    for split in (
        [str(seconds), "s"],
        [str(total_minutes), "мин", str(secs), "сек"],
        [f"{total_minutes}m", f"{secs}s"],
        [str(hours), "ч", str(minutes), "мин", str(secs), "сек"],
    ):
        assert extract_duration(["in", *split, "google"]) == (seconds, ["in", "google"]), split


# --- money --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("150000", "150000"),
        ("150 000", "150000"),
        ("1 500 000", "1500000"),
        ("150000.50", "150000.50"),
        ("150000,50", "150000.50"),
        ("150 000,50", "150000.50"),
        ("1,500,000.50", "1500000.50"),
        ("1.500.000,50", "1500000.50"),
        ("1,500", "1500"),
        ("150.000", "150000"),
        ("0,500", "0.50"),
        ("150k", "150000"),
        ("150K", "150000"),
        ("150к", "150000"),
        ("150 k", "150000"),
        ("1.5k", "1500"),
        ("1,500k", "1500"),
        ("150тыс", "150000"),
        ("150 тыс", "150000"),
        ("150 тыс.", "150000"),
        ("150тр", "150000"),
        ("1.5m", "1500000"),
        ("1,5м", "1500000"),
        ("1.5млн", "1500000"),
        ("1.5mln", "1500000"),
        ("2 млн", "2000000"),
        ("1 млрд", "1000000000"),
        ("150000₽", "150000"),
        ("150000 руб", "150000"),
        ("150000р", "150000"),
        ("150000 rub", "150000"),
        ("$150k", "150000"),
        ("150k$", "150000"),
        ("1000 usd", "1000"),
        ("€200", "200"),
        ("200 eur", "200"),
        ("150 тыс. руб.", "150000"),
        ("0.005", "0.01"),
        ("10.0050", "10.01"),
        ("2.675", "2675"),
        ("1.2345k", "1234.50"),
        ("1000000000000", "1000000000000"),
    ],
)
def test_parse_amount(text, amount):
    result = parse_amount(text)
    assert result == Decimal(amount)
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0", "amount_not_positive"),
        ("0.00", "amount_not_positive"),
        ("0.004", "amount_not_positive"),
        ("-5", "amount_not_positive"),
        ("-150k", "amount_not_positive"),
        ("$-5", "amount_not_positive"),
        ("1000000000000.01", "amount_too_large"),
        ("1001 млрд", "amount_too_large"),
        ("9" * 40, "amount_too_large"),
        ("abc", "bad_amount"),
        ("", "bad_amount"),
        ("k", "bad_amount"),
        ("1e3", "bad_amount"),
        ("150 00", "bad_amount"),
        ("1,5,0", "bad_amount"),
        ("1.500,000.5", "bad_amount"),
        ("#42", "bad_amount"),
        ("150xyz", "bad_amount"),
        ("١٥٠", "bad_amount"),
    ],
)
def test_parse_amount_errors(text, code):
    assert error_code(parse_amount, text) == code


def test_amount_too_large_limit():
    with pytest.raises(ParseError) as caught:
        parse_amount("1001 млрд")
    assert caught.value.limit == MAX_AMOUNT


@pytest.mark.parametrize(
    ("tokens", "amount", "rest"),
    [
        (["150000", "#42"], "150000", ["#42"]),
        (["150", "000", "#42"], "150000", ["#42"]),
        (["#42", "1", "500", "000", "руб"], "1500000", ["#42"]),
        (["150", "тыс", "№42"], "150000", ["№42"]),
        (["2", "млн"], "2000000", []),
        (["150", "k", "вчера"], "150000", ["вчера"]),
        (["$", "150"], "150", []),
        (["150", "000,50"], "150000.50", []),
        (["150000", "100"], "150000", ["100"]),
        (["#150000"], None, ["#150000"]),
        (["N42", "вчера"], None, ["N42", "вчера"]),
        (["2026-11-26"], None, ["2026-11-26"]),
        (["15:00"], None, ["15:00"]),
        (["вчера"], None, ["вчера"]),
        ([], None, []),
    ],
)
def test_extract_amount(tokens, amount, rest):
    expected = None if amount is None else Decimal(amount)
    assert extract_amount(tokens) == (expected, rest)


@pytest.mark.parametrize(
    ("tokens", "code"),
    [(["0", "#42"], "amount_not_positive"), (["-5", "тыс"], "amount_not_positive")],
)
def test_extract_amount_errors(tokens, code):
    assert error_code(extract_amount, tokens) == code


@fast
@given(st.integers(1, 10**11))
def test_amount_renderings_round_trip(cents):
    amount = Decimal(cents) / 100
    whole, frac = divmod(cents, 100)
    groups = f"{whole:,}".split(",")
    texts = [
        f"{amount:.2f}",
        f"{amount:.2f}".replace(".", ","),
        f"{whole:,}.{frac:02d}",
        " ".join(groups) + f",{frac:02d}",
        f"{amount:.2f} ₽",
    ]
    token_lists = [
        [*groups[:-1], f"{groups[-1]},{frac:02d}"],
        [*groups[:-1], f"{groups[-1]}.{frac:02d}", "руб"],
    ]
    if frac == 0:
        texts += [str(whole), f"{whole:,}", " ".join(groups)]
        token_lists.append(groups)
        if whole % 1000 == 0:
            thousands = whole // 1000
            texts += [f"{thousands}k", f"{thousands}к", f"{thousands}тыс", f"{thousands} тыс"]
            token_lists += [[str(thousands), "тыс"], [str(thousands), "k"]]
    for text in texts:
        assert parse_amount(text) == amount, text
    for tokens in token_lists:
        assert extract_amount(["#7", *tokens, "вчера"]) == (amount, ["#7", "вчера"]), tokens


# --- days ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "day"),
    [
        ("today", TODAY),
        ("Сегодня", TODAY),
        ("yesterday", date(2026, 11, 25)),
        ("вчера", date(2026, 11, 25)),
        ("вчера,", date(2026, 11, 25)),
        ("позавчера", date(2026, 11, 24)),
        ("day-before-yesterday", date(2026, 11, 24)),
        ("2026-11-26", TODAY),
        ("2026-11-1", date(2026, 11, 1)),
        ("26.11", TODAY),
        ("1.11", date(2026, 11, 1)),
        ("01.11.", date(2026, 11, 1)),
        ("26.11.2026", TODAY),
        ("26.11.26", TODAY),
        ("27.10.2026", date(2026, 10, 27)),
    ],
)
def test_parse_day(token, day):
    assert parse_day(token, TODAY, BACKDATE) == day


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("27.11", "day_in_future"),
        ("завтра", "bad_day"),
        ("tomorrow", "bad_day"),
        ("2027-01-01", "day_in_future"),
        ("26.10.2026", "day_too_old"),
        ("2025-11-26", "day_too_old"),
        ("31.02", "bad_day"),
        ("2026-13-01", "bad_day"),
        ("00.11", "bad_day"),
        ("0000-01-01", "bad_day"),
        ("26/11", "bad_day"),
        ("26.11.026", "bad_day"),
        ("foo", "bad_day"),
        ("", "bad_day"),
    ],
)
def test_parse_day_errors(token, code):
    assert error_code(parse_day, token, TODAY, BACKDATE) == code


def test_day_limits():
    with pytest.raises(ParseError) as caught:
        parse_day("26.10.2026", TODAY, BACKDATE)
    assert caught.value.limit == date(2026, 10, 27)
    with pytest.raises(ParseError) as caught:
        parse_day("27.11", TODAY, BACKDATE)
    assert caught.value.limit == TODAY
    assert error_code(parse_day, "вчера", TODAY, 0) == "day_too_old"
    assert parse_day("0001-01-01", TODAY, 10**12) == date(1, 1, 1)
    assert error_code(parse_day, "вчера", date.min, 5) == "bad_day"


@pytest.mark.parametrize(
    ("tokens", "day", "rest"),
    [
        (["85", "260m", "вчера"], date(2026, 11, 25), ["85", "260m"]),
        (["150000", "26.11", "#42"], TODAY, ["150000", "#42"]),
        (["2026-11-20"], date(2026, 11, 20), []),
        (["1.5", "m"], None, ["1.5", "m"]),
        (["1.05", "млн"], None, ["1.05", "млн"]),
        (["150000.50"], None, ["150000.50"]),
        (["1.500.000"], None, ["1.500.000"]),
        (["in", "google"], None, ["in", "google"]),
        # a meeting's "tomorrow" is not a day of logged work: left for extract_meeting_time
        (["Ромашка", "завтра", "15:00"], None, ["Ромашка", "завтра", "15:00"]),
    ],
)
def test_extract_day(tokens, day, rest):
    assert extract_day(tokens, TODAY, BACKDATE) == (day, rest)


@pytest.mark.parametrize(
    ("tokens", "code"),
    [(["85", "27.11"], "day_in_future"), (["31.02"], "bad_day"), (["01.01.2020"], "day_too_old")],
)
def test_extract_day_errors(tokens, code):
    assert error_code(extract_day, tokens, TODAY, BACKDATE) == code


@fast
@given(
    today=st.dates(date(2001, 1, 1), date(2098, 12, 31)),
    backdate=st.integers(0, 400),
    data=st.data(),
)
def test_day_renderings_round_trip(today, backdate, data):
    ago = data.draw(st.integers(0, backdate))
    day = today - timedelta(days=ago)
    texts = [
        day.isoformat(),
        f"{day:%d.%m.%Y}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day:%d.%m.%y}",
    ]
    if day.year == today.year:
        texts.append(f"{day:%d.%m}")
    for text in texts:
        assert parse_day(text, today, backdate) == day, text
        assert extract_day(["x", text], today, backdate) == (day, ["x"]), text
    assert error_code(parse_day, (today + timedelta(days=1)).isoformat(), today, backdate) == (
        "day_in_future"
    )
    too_old = today - timedelta(days=backdate + 1)
    assert error_code(parse_day, f"{too_old:%d.%m.%Y}", today, backdate) == "day_too_old"


# --- meeting times ------------------------------------------------------------------------


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=MSK)


@pytest.mark.parametrize(
    ("tokens", "when", "rest"),
    [
        (
            ["ООО", "Ромашка", "google", "@anna", "завтра", "15:00"],
            at(date(2026, 11, 27), 15),
            ["ООО", "Ромашка", "google", "@anna"],
        ),
        (["15:00", "завтра"], at(date(2026, 11, 27), 15), []),
        (["tomorrow", "at", "9:30"], at(date(2026, 11, 27), 9, 30), []),
        (["завтра", "в", "9:30", "Ромашка"], at(date(2026, 11, 27), 9, 30), ["Ромашка"]),
        (["today", "18:00"], at(TODAY, 18), []),
        (["сегодня", "9:00"], at(TODAY, 9), []),
        (["вчера", "16:00"], at(date(2026, 11, 25), 16), []),
        (["послезавтра"], at(date(2026, 11, 28), 10), []),
        (["15:00"], at(TODAY, 15), []),
        (["12:00"], at(date(2026, 11, 27), 12), []),
        (["9:30"], at(date(2026, 11, 27), 9, 30), []),
        (["2026-12-01", "15:00"], at(date(2026, 12, 1), 15), []),
        (["01.12"], at(date(2026, 12, 1), 10), []),
        (["01.12.2026", "11:15"], at(date(2026, 12, 1), 11, 15), []),
        (["20.11"], at(date(2026, 11, 20), 10), []),
        (["10.11"], at(date(2027, 11, 10), 10), []),
        (["05.01", "12:00"], at(date(2027, 1, 5), 12), []),
        (["fri"], at(date(2026, 11, 27), 10), []),
        (["Friday", "14:00"], at(date(2026, 11, 27), 14), []),
        (["в", "пятницу", "в", "14:00"], at(date(2026, 11, 27), 14), []),
        (["пн", "11:00"], at(date(2026, 11, 30), 11), []),
        (["понедельник"], at(date(2026, 11, 30), 10), []),
        (["чт"], at(date(2026, 12, 3), 10), []),
        (["thursday"], at(date(2026, 12, 3), 10), []),
        (["во", "вторник"], at(date(2026, 12, 1), 10), []),
        (["воскресенье"], at(date(2026, 11, 29), 10), []),
        (["Ромашка", "google"], None, ["Ромашка", "google"]),
        ([], None, []),
    ],
)
def test_extract_meeting_time(tokens, when, rest):
    result, remaining = extract_meeting_time(tokens, NOW)
    assert (result, remaining) == (when, rest)
    if result is not None:
        assert result.tzinfo is MSK


def test_meeting_time_default_is_ten():
    assert DEFAULT_MEETING_TIME == time(10, 0)


@pytest.mark.parametrize(
    ("tokens", "code"),
    [
        (["25:00"], "bad_time"),
        (["завтра", "15:60"], "bad_time"),
        (["завтра", "9:5"], "bad_time"),
        (["31.02"], "bad_day"),
        (["2026-11-18"], "meeting_time_out_of_range"),
        (["2027-11-28"], "meeting_time_out_of_range"),
        (["позавчера", "25:00"], "bad_time"),
    ],
)
def test_extract_meeting_time_errors(tokens, code):
    assert error_code(extract_meeting_time, tokens, NOW) == code


def test_meeting_time_limits():
    with pytest.raises(ParseError) as caught:
        extract_meeting_time(["2027-11-28"], NOW)
    assert caught.value.limit == NOW + timedelta(days=366)
    with pytest.raises(ParseError) as caught:
        extract_meeting_time(["2026-11-18", "11:00"], NOW)
    assert caught.value.limit == NOW - timedelta(days=7)


@fast
@given(
    now=st.datetimes(datetime(2001, 1, 1), datetime(2098, 12, 31)),
    zone=st.sampled_from(["Europe/Moscow", "UTC", "Asia/Yekaterinburg", "Europe/Berlin"]),
    offset=st.integers(-6, 365),
    moment=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_meeting_time_renderings_round_trip(now, zone, offset, moment):
    now = now.replace(tzinfo=ZoneInfo(zone))
    day = now.date() + timedelta(days=offset)
    expected = datetime.combine(day, moment, tzinfo=now.tzinfo)
    clock = f"{moment:%H:%M}"
    for tokens in ([day.isoformat(), clock], [clock, f"{day:%d.%m.%Y}"]):
        assert extract_meeting_time(["x", *tokens], now) == (expected, ["x"]), tokens


# --- references, words, counts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "ref"),
    [
        ("#42", 42),
        ("№42", 42),
        ("N42", 42),
        ("n42", 42),
        ("#42,", 42),
        ("#007", 7),
        ("#999999999999", 999999999999),
        ("#0", None),
        ("#-1", None),
        ("#1234567890123", None),
        ("42", None),
        ("#x", None),
        ("#", None),
        ("", None),
    ],
)
def test_parse_meeting_ref(token, ref):
    assert parse_meeting_ref(token) == ref


@pytest.mark.parametrize(
    ("tokens", "ref", "rest"),
    [
        (["150k", "#42", "вчера"], 42, ["150k", "вчера"]),
        (["№", "42", "x"], 42, ["x"]),
        (["#", "x"], None, ["#", "x"]),
        (["42"], None, ["42"]),
    ],
)
def test_extract_meeting_ref(tokens, ref, rest):
    assert extract_meeting_ref(tokens) == (ref, rest)


@pytest.mark.parametrize(
    ("token", "direction"),
    [
        ("in", "in"),
        ("IN", "in"),
        ("incoming", "in"),
        ("inbound", "in"),
        ("вх", "in"),
        ("вход", "in"),
        ("входящий", "in"),
        ("Входящая,", "in"),
        ("out", "out"),
        ("outgoing", "out"),
        ("outbound", "out"),
        ("исх", "out"),
        ("исходящий", "out"),
        ("исходящая", "out"),
        ("inside", None),
        ("", None),
    ],
)
def test_parse_direction(token, direction):
    assert parse_direction(token) == direction


@pytest.mark.parametrize(
    ("token", "qualification"),
    [
        ("targeted", "targeted"),
        ("target", "targeted"),
        ("целевой", "targeted"),
        ("Целевая", "targeted"),
        ("цел", "targeted"),
        ("non", "non_targeted"),
        ("non-targeted", "non_targeted"),
        ("non_targeted", "non_targeted"),
        ("nontargeted", "non_targeted"),
        ("нецелевой", "non_targeted"),
        ("нецелевая", "non_targeted"),
        ("НЕЦЕЛ.", "non_targeted"),
        ("t", None),
        ("", None),
    ],
)
def test_parse_qualification(token, qualification):
    assert parse_qualification(token) == qualification


@pytest.mark.parametrize(
    ("token", "count"),
    [
        ("85", 85),
        ("1", 1),
        ("10000", 10000),
        ("085", 85),
        ("85,", 85),
        ("1.5", None),
        ("abc", None),
        ("85x", None),
        ("", None),
        ("+5", None),
        ("٣", None),
    ],
)
def test_parse_count(token, count):
    assert parse_count(token) == count


@pytest.mark.parametrize("token", ["0", "000", "-1", "−5", "10001", "9" * 5000])
def test_parse_count_out_of_range(token):
    assert error_code(parse_count, token) == "count_out_of_range"


def test_yo_and_ye_are_the_same_letter():
    assert parse_day("позавчёра", TODAY, BACKDATE) == date(2026, 11, 24)
    assert parse_qualification("целёвой") == "targeted"


# --- nothing but ParseError ---------------------------------------------------------------

TOKEN_FUNCTIONS = {
    "parse_duration": parse_duration,
    "parse_amount": parse_amount,
    "parse_day": lambda t: parse_day(t, TODAY, BACKDATE),
    "parse_meeting_ref": parse_meeting_ref,
    "parse_direction": parse_direction,
    "parse_qualification": parse_qualification,
    "parse_count": parse_count,
}
LIST_FUNCTIONS = {
    "extract_duration": extract_duration,
    "extract_amount": extract_amount,
    "extract_day": lambda ts: extract_day(ts, TODAY, BACKDATE),
    "extract_meeting_time": lambda ts: extract_meeting_time(ts, NOW),
    "extract_meeting_ref": extract_meeting_ref,
}
# Characters the grammar cares about, so that random text often comes close to valid.
NEAR_MISS = st.text(alphabet="0123456789 .,:-−#№nhmsкkмтысчасминсекр₽$вчеапт", max_size=16)
TOKEN = st.one_of(st.text(), NEAR_MISS)


def only_parse_errors(func, arg):
    try:
        func(arg)
    except ParseError as error:
        assert error.code and isinstance(error.value, str)


@pytest.mark.parametrize("name", sorted(TOKEN_FUNCTIONS))
@settings(max_examples=100, deadline=None)
@given(text=TOKEN)
def test_random_token_raises_only_parse_error(name, text):
    only_parse_errors(TOKEN_FUNCTIONS[name], text)


@pytest.mark.parametrize("name", sorted(LIST_FUNCTIONS))
@settings(max_examples=100, deadline=None)
@given(tokens=st.lists(TOKEN, max_size=8))
def test_random_tokens_raise_only_parse_error(name, tokens):
    func = LIST_FUNCTIONS[name]
    try:
        value, rest = func(tokens)
    except ParseError as error:
        assert error.code
        return
    assert len(rest) <= len(tokens)
    assert all(token in tokens for token in rest)
    if value is None:
        assert rest == tokens
