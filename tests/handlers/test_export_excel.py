"""Files people open in Excel: /report's XLSX (number formats Russian and English Excel
show as the bot writes the numbers, headers in the reader's language) and /export excel
(the records CSV in the dialect Russian Excel opens into columns, numbers and dates)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest
import time_machine

from metrics.engine import METRIC_KEYS
from metrics.registry import metric
from storage.interchange import COLUMNS
from tests.handlers.conftest import ANNA, IVAN
from tests.support import factories as f
from tests.support.telegram_html import visible_text
from tests.support.xlsx import cells, number_formats
from views.formatting import format_metric

PERIOD = "2026-11-01..2026-11-30"
SEPARATORS = {"ru": ("\u00a0", ","), "en": (",", ".")}  # what Excel shows for "," and "."
HEADERS = {
    "ru": ["ID в Telegram", "имя", "роли"],
    "en": ["Telegram ID", "name", "roles"],
}
ROLES = {
    "ru": {IVAN: "лидоруб", ANNA: "хантер"},
    "en": {IVAN: "SDR (lead generator)", ANNA: "hunter (closer)"},
}


def _literal_free(code: str) -> str:
    """A number format code without its quoted literals ("₽", "$")."""
    return re.sub(r'"[^"]*"', "", code)


def shown(code: str, value: float, language: str) -> str:
    """What Excel in ``language`` shows for ``value`` in a cell of format ``code`` (the
    codes the report writes: literals in quotes, ``#,##0`` or ``0``, decimals, ``%``)."""
    group, point = SEPARATORS[language]
    body = _literal_free(code)
    number = value * 100 if body.endswith("%") else value
    places = len(m.group(1)) if (m := re.search(r"\.(0+)", body)) else 0
    text = f"{number:,.{places}f}" if "," in body else f"{number:.{places}f}"
    text = text.replace(",", "\0").replace(".", point).replace("\0", group)
    parts = re.split(r'("[^"]*")', code)
    out = ""
    for part in parts:
        if part.startswith('"'):
            out += part[1:-1]
        elif part:
            out += text + ("%" if part.endswith("%") else "")
            text = ""
    return out


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_report_xlsx_reads_as_the_bot_writes_in_either_excel(day_of_work, admin, language):
    chat = day_of_work
    if language == "en":
        await chat.send(admin, "/lang en")
    await chat.send(admin, f"/report {PERIOD}")
    xlsx = chat.bot.sent(admin["id"], method="sendDocument")[-1].document.data
    found, formats = cells(xlsx), number_formats(xlsx)

    header = [found[f"{col}1"][1] for col in _columns(3 + len(METRIC_KEYS))]
    assert header == [*HEADERS[language], *(metric(key).name(language) for key in METRIC_KEYS)]
    assert found["A2"] == ("text", "итого" if language == "ru" else "total")
    rows = {int(found[f"A{row}"][1]): row for row in range(3, 20) if f"A{row}" in found}
    for person, role in ROLES[language].items():
        assert found[f"C{rows[person]}"] == ("text", role)
        assert formats[f"A{rows[person]}"] == "0"  # the Telegram id in full

    checked = set()
    for column, key in zip(_columns(3 + len(METRIC_KEYS))[3:], METRIC_KEYS, strict=True):
        for row in (2, *rows.values()):
            if f"{column}{row}" not in found:
                continue  # undefined: an empty cell
            _, value = found[f"{column}{row}"]
            code = formats[f"{column}{row}"]
            body = _literal_free(code)
            # locale-neutral: "," groups and "." is the decimal point, nothing else
            assert re.fullmatch(r"(#,##0|0)(\.0+)?%?", body), (key, code)
            assert " " not in body and "\u00a0" not in body, (key, code)
            written = format_metric(key, float(value), language, currency="RUB")
            if metric(key).kind == "ratio":  # Excel writes "62,5%", the bot "62,5 %"
                assert shown(code, float(value), language) == written.replace("\u00a0", "")
            else:
                assert shown(code, float(value), language) == written, (key, code)
            checked.add(metric(key).kind)
    assert checked >= {"count", "minutes", "ratio", "money"}
    revenue = _columns(3 + len(METRIC_KEYS))[3 + METRIC_KEYS.index("revenue")]
    money = {"ru": '#,##0"\u00a0₽"', "en": '"RUB\u00a0"#,##0'}[language]
    assert formats[f"{revenue}2"] == money
    assert shown(money, 150000, language) == {"ru": "150 000 ₽", "en": "RUB 150,000"}[
        language
    ].replace(" ", "\u00a0")


def _columns(n: int) -> list[str]:
    names = []
    for i in range(n):
        name, i = "", i + 1
        while i:
            i, rest = divmod(i - 1, 26)
            name = chr(65 + rest) + name
        names.append(name)
    return names


def _excel_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads the Cyrillic
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


async def test_export_excel_is_the_same_records_in_excels_dialect(day_of_work, admin):
    chat = day_of_work
    await chat.send(admin, "/export")
    plain = chat.bot.sent(admin["id"], method="sendDocument")[-1]
    await chat.send(admin, "/export excel")
    excel = chat.bot.sent(admin["id"], method="sendDocument")[-1]

    assert not plain.document.data.startswith(b"\xef\xbb\xbf")  # the default is unchanged
    assert plain.document.data.decode().split("\n", 1)[0] == ",".join(COLUMNS)
    assert excel.document.filename == "iron-funnel-records-excel.csv"
    assert excel.caption == plain.caption
    first_line = excel.document.data.decode("utf-8-sig").split("\r\n", 1)[0]
    assert first_line == ";".join(COLUMNS)

    records = list(csv.DictReader(io.StringIO(plain.document.data.decode())))
    rows = _excel_rows(excel.document.data)
    assert len(rows) == len(records) > 5
    for record, row in zip(records, rows, strict=True):
        # 2026-11-27T18:00:00+03:00 -> 27.11.2026 18:00:00: the team's wall clock
        day, clock = record["occurred_at"][:10], record["occurred_at"][11:19]
        assert row["occurred_at"] == f"{day[8:10]}.{day[5:7]}.{day[:4]} {clock}"
        assert row["amount"] == record["amount"].replace(".", ",")
        for column in set(COLUMNS) - {"occurred_at", "amount"}:
            assert row[column] == record[column], column
    amounts = {row["amount"] for row in rows if row["kind"] == "payment"}
    assert amounts == {"100000,00", "50000,00"}
    assert {row["occurred_at"] for row in rows} == {"27.11.2026 18:00:00"}


async def test_export_excel_with_a_period_either_way_round(day_of_work, admin):
    chat = day_of_work
    for text in (f"/export {PERIOD} excel", f"/export Excel {PERIOD}"):
        await chat.send(admin, text)
        sent = chat.bot.sent(admin["id"], method="sendDocument")[-1]
        assert sent.document.filename == "iron-funnel-records-2026-11-01-excel.csv"
        assert f"{PERIOD}:" in visible_text(sent.caption)
        assert len(_excel_rows(sent.document.data)) > 5
    await chat.send(admin, "/export 2026-10-01..2026-10-31 excel")
    sent = chat.bot.sent(admin["id"], method="sendDocument")[-1]
    assert _excel_rows(sent.document.data) == []
    assert visible_text(sent.caption).endswith(": 0 строк.")


async def test_a_fraction_of_a_second_is_kept_after_a_decimal_comma(chat, admin):
    await chat.send(admin, "/start")
    with time_machine.travel(datetime(2026, 11, 27, 15, 0, 7, 250000, tzinfo=UTC), tick=False):
        await chat.send(admin, "/calls 3 9m")  # the bot stamps its records to the microsecond
    await chat.send(admin, "/export")
    plain = chat.bot.sent(admin["id"], method="sendDocument")[-1]
    await chat.send(admin, "/export excel")
    excel = chat.bot.sent(admin["id"], method="sendDocument")[-1]
    (record,) = csv.DictReader(io.StringIO(plain.document.data.decode()))
    (row,) = _excel_rows(excel.document.data)
    assert record["occurred_at"] == "2026-11-27T18:00:07.250000+03:00"
    assert row["occurred_at"] == "27.11.2026 18:00:07,250000"


async def test_a_bad_period_says_what_was_wrong_and_sends_nothing(chat, admin):
    await chat.send(admin, "/start")
    reply = visible_text(await chat.send(admin, "/export excel someday"))
    assert reply.startswith("Не понимаю период «someday».")
    assert "/export excel" in reply and "/export 2026-11-01..2026-11-30" in reply
    assert chat.bot.sent(admin["id"], method="sendDocument") == []
    await chat.send(admin, "/lang en")
    reply = visible_text(await chat.send(admin, "/export someday excel"))
    assert reply.startswith("I don't understand the period «someday».")
    assert "/export excel" in reply


async def test_export_excel_is_for_managers(day_of_work):
    ivan = f.user(IVAN, "Ivan", username="ivan")
    await day_of_work.send(ivan, "/export excel")
    assert day_of_work.bot.sent(IVAN, method="sendDocument") == []
