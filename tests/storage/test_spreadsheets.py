"""Importing what spreadsheets write (storage/spreadsheets.py): the same records from a
plain CSV, a Russian Excel CSV, a Windows-1251 file, a tab-separated one and an XLSX with
typed cells; and every malformed variant refused, in Russian and English, with nothing
written."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from bot.app import ensure_default_team
from bot.i18n import Texts, plain_text
from bot.settings import Settings
from metrics.periods import Period
from services.report import report as build_report
from storage import migrate
from storage.db import Database
from storage.interchange import (
    CHECKED,
    COLUMNS,
    WRITTEN,
    ImportReport,
    RowError,
    export_csv,
    import_bytes,
)
from storage.repos import TeamsRepo
from storage.spreadsheets import ReadAs
from storage.tables import calls, entries, leads, meeting_events, meetings, members, payments
from views.interchange import failure_head, read_as_line, render_errors

MSK = ZoneInfo("Europe/Moscow")
TABLES = (entries, calls, leads, meetings, meeting_events, payments, members)

# The records, as typed values: the instant is Moscow time (the team's zone).
RECORDS: list[dict[str, Any]] = [
    {
        "occurred_at": datetime(2026, 12, 7, 10, 15),
        "kind": "call",
        "person_id": 1001,
        "person_name": "Анна",
        "external_id": "pbx-1",
        "duration_s": 75,
        "source": "Яндекс",
        "client": "ООО «Ромашка»",
    },
    {
        "occurred_at": datetime(2026, 12, 7, 10, 40),
        "kind": "call",
        "person_id": 1001,
        "person_name": "Анна",
        "duration_s": 1250,
        "direction": "in",
        "count": 3,
    },
    {
        "occurred_at": datetime(2026, 12, 7, 11, 0),
        "kind": "lead",
        "person_id": 1001,
        "person_name": "Анна",
        "external_id": "crm-17",
        "source": "Яндекс",
        "qualification": "targeted",
        "client": "ООО «Ромашка»",
    },
    {
        "occurred_at": datetime(2026, 12, 7, 12, 30),
        "kind": "meeting_set",
        "person_id": 1001,
        "person_name": "Анна",
        "source": "Яндекс",
        "meeting_ref": "M1",
        "hunter_id": 2001,
        "client": "ООО «Ромашка»",
    },
    {
        "occurred_at": datetime(2026, 12, 9, 15, 0),
        "kind": "meeting_held",
        "person_id": 2001,
        "person_name": "Виктор",
        "meeting_ref": "M1",
    },
    {
        "occurred_at": datetime(2026, 12, 9, 17, 45),
        "kind": "proposal",
        "person_id": 2001,
        "person_name": "Виктор",
        "meeting_ref": "M1",
    },
    {
        "occurred_at": datetime(2026, 12, 14, 9, 5),
        "kind": "payment",
        "person_id": 2001,
        "person_name": "Виктор",
        "meeting_ref": "M1",
        "amount": "1250000.50",
        "payment_kind": "new",
    },
    {
        "occurred_at": datetime(2026, 12, 15, 18, 0),
        "kind": "payment",
        "person_id": 3001,
        "person_name": "Фёдор",
        "client": "ИП Лютиков",
        "amount": "75000",
        "payment_kind": "repeat",
    },
]


def csv_text(delimiter: str = ",", *, when, amount, number=str) -> str:
    """The records as a CSV: ``when``, ``amount`` and ``number`` write those values."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in RECORDS:
        row = []
        for column in COLUMNS:
            value = record.get(column)
            if value is None:
                row.append("")
            elif column == "occurred_at":
                row.append(when(value))
            elif column == "amount":
                row.append(amount(value))
            elif column in ("duration_s", "count"):
                row.append(number(value))
            else:
                row.append(str(value))
        writer.writerow(row)
    return out.getvalue()


def iso(value: datetime) -> str:
    return value.replace(tzinfo=MSK).isoformat()


def plain_csv() -> bytes:
    return csv_text(when=iso, amount=str).encode()


def excel_utf8_csv() -> bytes:
    """Excel's "CSV UTF-8" in Russia: a BOM, ";", decimal commas, thousands grouped by
    narrow no-break spaces."""

    def amount(value: str) -> str:
        whole, _, cents = value.partition(".")
        grouped = f"{int(whole):,}".replace(",", "\u202f")
        return f"{grouped},{cents}" if cents else grouped

    return ("\ufeff" + csv_text(";", when=iso, amount=amount)).encode()


def windows_1251_csv() -> bytes:
    """Excel's plain "CSV" in Russia: Windows-1251, ";", dates as 07.12.2026 10:15 (no
    offset: the team's zone), decimal commas, thousands grouped by spaces."""

    def amount(value: str) -> str:
        whole, _, cents = value.partition(".")
        grouped = f"{int(whole):,}".replace(",", " ")
        return f"{grouped},{cents}" if cents else grouped

    def number(value: int) -> str:
        return f"{value:,}".replace(",", "\u00a0")

    text = csv_text(";", when=lambda v: v.strftime("%d.%m.%Y %H:%M"), amount=amount, number=number)
    return text.encode("cp1251")


def tab_separated() -> bytes:
    return csv_text("\t", when=lambda v: v.isoformat(sep=" "), amount=str).encode()


def typed_xlsx(*, sheet: str = "Лист1", before: str | None = None) -> bytes:
    """A workbook with typed cells: dates (naive: Moscow time), numbers (an int, a whole
    float, a float amount), text; optionally another sheet before it."""
    book = Workbook()
    first = book.active
    if before is not None:
        first.title = before
        first["A1"] = "Записи — на листе records"
        records = book.create_sheet(sheet)
    else:
        first.title = sheet
        records = first
    records.append(list(COLUMNS))
    for record in RECORDS:
        row: list[Any] = []
        for column in COLUMNS:
            value = record.get(column)
            if column == "duration_s" and value is not None:
                value = float(value)  # Excel keeps every number as a float: 75.0
            elif column == "amount" and value is not None:
                value = float(value) if "." in value else int(value)
            row.append(value)
        records.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def fresh(settings: Settings, path: Path) -> Database:
    db = Database(f"sqlite+aiosqlite:///{path}")
    await migrate.upgrade(db)
    await ensure_default_team(db, settings)
    return db


async def import_into(
    settings: Settings, path: Path, data: bytes
) -> tuple[ImportReport, str, list]:
    """Import ``data`` into a new database: its report, the export and the JSON reports."""
    db = await fresh(settings, path)
    try:
        async with db.read() as conn:
            team = await TeamsRepo(conn).default()
        async with db.transaction() as conn:
            report = await import_bytes(conn, team, data, add_members=True)
        async with db.read() as conn:
            exported = await export_csv(conn, team)
        december = Period(date(2026, 12, 1), date(2026, 12, 31), "month")
        reports = [await build_report(db, team, december, mode, settings) for mode in MODES]
    finally:
        await db.dispose()
    return report, exported, reports


MODES = ("period", "cohort")

VARIANTS = {
    "excel_utf8_semicolons": (excel_utf8_csv, ReadAs("csv", "utf-8", ";")),
    "windows_1251_russian_dates": (windows_1251_csv, ReadAs("csv", "windows-1251", ";")),
    "tab_separated": (tab_separated, ReadAs("csv", "utf-8", "\t")),
    "xlsx_typed_cells": (typed_xlsx, ReadAs("xlsx", sheet="Лист1")),
    "xlsx_records_sheet": (
        lambda: typed_xlsx(sheet="records", before="Инструкция"),
        ReadAs("xlsx", sheet="records"),
    ),
}

SAID = {
    "excel_utf8_semicolons": (
        "Прочитано как UTF-8, разделитель «;».",
        "Read as UTF-8, delimiter “;”.",
    ),
    "windows_1251_russian_dates": (
        "Прочитано как Windows-1251, разделитель «;».",
        "Read as Windows-1251, delimiter “;”.",
    ),
    "tab_separated": (
        "Прочитано как UTF-8, разделитель — табуляция.",
        "Read as UTF-8, delimiter tab.",
    ),
    "xlsx_typed_cells": (
        "Прочитана книга Excel, лист «Лист1».",
        "Read an Excel workbook, sheet “Лист1”.",
    ),
    "xlsx_records_sheet": (
        "Прочитана книга Excel, лист «records».",
        "Read an Excel workbook, sheet “records”.",
    ),
}


@pytest.fixture
async def plain(settings: Settings, tmp_path: Path) -> tuple[ImportReport, str, list]:
    imported = await import_into(settings, tmp_path / "plain.db", plain_csv())
    report, exported, _ = imported
    assert report.ok, report.errors
    assert report.imported == {
        "call": 2,
        "lead": 1,
        "meeting_set": 1,
        "meeting_held": 1,
        "payment": 2,
        "proposal": 1,
    }
    assert read_as_line(report, Texts("ru")) is None  # plain UTF-8 commas: nothing to say
    assert "2026-12-07T10:15:00+03:00,call,1001,Анна,pbx-1,75," in exported
    assert ",1250000.50,new" in exported
    return imported


@pytest.mark.parametrize("variant", list(VARIANTS))
async def test_the_same_records_and_reports_from_every_kind_of_file(
    settings, tmp_path, plain, variant
):
    make, read_as = VARIANTS[variant]
    report, exported, reports = await import_into(settings, tmp_path / f"{variant}.db", make())
    assert report.errors == []
    assert report.read_as == read_as
    plain_report, plain_export, plain_reports = plain
    assert report.imported == plain_report.imported
    assert exported == plain_export
    assert reports == plain_reports
    said = tuple(plain_text(read_as_line(report, Texts(lang))) for lang in ("ru", "en"))
    assert said == SAID[variant]


async def test_importing_the_workbook_again_adds_nothing(settings, tmp_path):
    db = await fresh(settings, tmp_path / "again.db")
    try:
        async with db.read() as conn:
            team = await TeamsRepo(conn).default()
        for expected_skipped in (0, len(RECORDS)):
            async with db.transaction() as conn:
                report = await import_bytes(conn, team, typed_xlsx(), add_members=True)
            assert (report.ok, report.skipped) == (True, expected_skipped)
        # and the same records sent as a Russian Excel CSV are the same records
        async with db.transaction() as conn:
            report = await import_bytes(conn, team, windows_1251_csv(), add_members=True)
        assert (report.imported_total, report.skipped) == (0, len(RECORDS))
    finally:
        await db.dispose()


# --- refused: a clear error, in both languages, and nothing written ----------------------


async def counts(db: Database) -> dict[str, int]:
    async with db.read() as conn:
        return {
            table.name: (await conn.execute(sa.select(sa.func.count()).select_from(table))).scalar()
            for table in TABLES
        }


def said(report: ImportReport, language: str) -> list[str]:
    texts = Texts(language)
    lines = [failure_head(report, texts), *render_errors(report, texts)]
    return [plain_text(line) for line in lines]


def mixed_delimiters() -> bytes:
    return b"occurred_at;kind;person_id,duration_s\n07.12.2026 10:15;call;1001;75\n"


def a_row_with_commas() -> bytes:
    text = csv_text(";", when=iso, amount=str)
    lines = text.split("\r\n")
    lines[2] = lines[2].replace(";", ",")
    return "\r\n".join(lines).encode()


def undecodable() -> bytes:
    return "occurred_at;kind;person_id\n07.12.2026 10:15;звонок;1001\n".encode("cp1251").replace(
        "звонок".encode("cp1251"), b"\xe7\x98\xee"
    )


def merged_header() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["occurred_at", "kind", "person_id", "duration_s", None])
    sheet.append([datetime(2026, 12, 7, 10, 15), "call", 1001, 75])
    sheet.merge_cells("D1:E1")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def formula_cell() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["occurred_at", "kind", "person_id", "duration_s"])
    sheet.append([datetime(2026, 12, 7, 10, 15), "call", 1001, 75])
    sheet.append([datetime(2026, 12, 7, 10, 20), "call", 1001, "=D2*2"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bad_cells() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["occurred_at", "kind", "person_id", "duration_s"])
    sheet.append([datetime(2026, 12, 7, 10, 15), "call", 1001, 75.5])
    sheet.append(["вчера", "call", 1001, 60, "заметка"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def damaged_sheet(keep: int) -> bytes:
    """The typed workbook with its sheet's XML cut after ``keep`` bytes (its first rows)."""
    source = zipfile.ZipFile(io.BytesIO(typed_xlsx()))
    files = {name: source.read(name) for name in source.namelist()}
    files["xl/worksheets/sheet1.xml"] = files["xl/worksheets/sheet1.xml"][:keep]
    return zipped(files)


MALFORMED = {
    "mixed_delimiters": (
        mixed_delimiters,
        [RowError(1, "mixed_separators", {"separators": ("semicolon", "comma")})],
        [
            "Ничего не импортировано: 1 ошибка в 1 строке.",
            "строка 1: в заголовке разные разделители («;» и «,»): столбцы нужно разделять "
            "чем-то одним — запятой, точкой с запятой или табуляцией",
        ],
        [
            "Nothing was imported: 1 error in 1 row.",
            "line 1: the header mixes delimiters (“;” and “,”): separate the columns with one "
            "of them, a comma, a semicolon or a tab",
        ],
    ),
    "a_row_with_another_delimiter": (
        a_row_with_commas,
        [RowError(3, "row_separator", {"separator": "comma", "expected": "semicolon"})],
        [
            "Ничего не импортировано: 1 ошибка в 1 строке.",
            "строка 3: значения разделены запятыми, а в заголовке — точками с запятой: во всём "
            "файле нужен один разделитель",
        ],
        [
            "Nothing was imported: 1 error in 1 row.",
            "line 3: the values are separated by commas but the header by semicolons: the whole "
            "file needs one delimiter",
        ],
    ),
    "undecodable_bytes": (
        undecodable,
        [RowError(2, "not_text", {"byte": "0x98", "position": 19, "encoding": None})],
        [
            "Ничего не импортировано: 1 ошибка в 1 строке.",
            "строка 2: байт 0x98 (позиция 19) не читается ни как UTF-8, ни как Windows-1251 — "
            "это не текстовый CSV-файл. Сохраните таблицу как «CSV UTF-8» или как книгу "
            "Excel (.xlsx)",
        ],
        [
            "Nothing was imported: 1 error in 1 row.",
            "line 2: byte 0x98 (position 19) is neither UTF-8 nor Windows-1251, so this is not "
            'a CSV text file; save the table as "CSV UTF-8" or as an Excel workbook (.xlsx)',
        ],
    ),
    "merged_header_cell": (
        merged_header,
        [RowError(1, "merged_cells", {"cells": ("D1:E1",)})],
        [
            "Ничего не импортировано: 1 ошибка в 1 строке.",
            "строка 1: объединённые ячейки (D1:E1): разъедините их — у каждого значения должна "
            "быть своя ячейка",
        ],
        [
            "Nothing was imported: 1 error in 1 row.",
            "line 1: merged cells (D1:E1): unmerge them, each value needs its own cell",
        ],
    ),
    "formula_cell": (
        formula_cell,
        [RowError(3, "formula_cell", {"cell": "D3", "formula": "=D2*2"})],
        [
            "Ничего не импортировано: 1 ошибка в 1 строке.",
            "ячейка D3: формула =D2*2: бот не вычисляет формулы, замените её значением "
            "(скопируйте столбец и вставьте как значения)",
        ],
        [
            "Nothing was imported: 1 error in 1 row.",
            "cell D3: formula =D2*2: the bot does not calculate formulas; replace it with its "
            "value (copy the column and paste it as values)",
        ],
    ),
    "bad_cells_are_named": (
        bad_cells,
        [
            RowError(2, "bad_number", {"column": "duration_s", "value": "75.5", "minimum": 0}),
            RowError(3, "value_without_column", {"cell": "E3"}),
        ],
        [
            "Ничего не импортировано: 2 ошибки в 2 строках.",
            "ячейка D2: duration_s «75.5»: нужно целое число не меньше 0",
            "ячейка E3: у столбца этой ячейки нет названия в заголовке: подпишите столбец или "
            "очистите ячейку",
        ],
        [
            "Nothing was imported: 2 errors in 2 rows.",
            'cell D2: duration_s must be a whole number of at least 0, got "75.5"',
            "cell E3: this cell's column has no name in the header: name the column or clear "
            "the cell",
        ],
    ),
    "a_workbook_cut_short": (
        lambda: typed_xlsx()[:2000],
        [RowError(0, "unreadable_xlsx", {})],
        [
            "Ничего не импортировано: файл не прочитан.",
            "Книга Excel повреждена или неполна, её не удаётся прочитать: откройте её в Excel и "
            "сохраните заново (.xlsx) или сохраните как «CSV UTF-8»",
        ],
        [
            "Nothing was imported: the file could not be read.",
            "The Excel workbook is damaged or incomplete and cannot be read: open it in Excel "
            'and save it again (.xlsx), or save it as "CSV UTF-8"',
        ],
    ),
    "a_workbook_whose_sheet_breaks_off": (
        lambda: damaged_sheet(3000),
        [RowError(0, "unreadable_xlsx", {})],
        [
            "Ничего не импортировано: файл не прочитан.",
            "Книга Excel повреждена или неполна, её не удаётся прочитать: откройте её в Excel и "
            "сохраните заново (.xlsx) или сохраните как «CSV UTF-8»",
        ],
        [
            "Nothing was imported: the file could not be read.",
            "The Excel workbook is damaged or incomplete and cannot be read: open it in Excel "
            'and save it again (.xlsx), or save it as "CSV UTF-8"',
        ],
    ),
    "a_workbook_broken_before_its_header": (
        lambda: damaged_sheet(200),
        [RowError(0, "unreadable_xlsx", {})],
        [
            "Ничего не импортировано: файл не прочитан.",
            "Книга Excel повреждена или неполна, её не удаётся прочитать: откройте её в Excel и "
            "сохраните заново (.xlsx) или сохраните как «CSV UTF-8»",
        ],
        [
            "Nothing was imported: the file could not be read.",
            "The Excel workbook is damaged or incomplete and cannot be read: open it in Excel "
            'and save it again (.xlsx), or save it as "CSV UTF-8"',
        ],
    ),
    "a_zip_that_is_not_a_workbook": (
        lambda: zipped({"word/document.xml": b"<w:document/>"}),
        [RowError(0, "not_a_table", {"kind": "zip"})],
        [
            "Ничего не импортировано: файл не прочитан.",
            "Это архив, а не книга Excel: пришлите файл .xlsx или .csv",
        ],
        [
            "Nothing was imported: the file could not be read.",
            "This is an archive, not an Excel workbook: send an .xlsx or .csv file",
        ],
    ),
    "old_excel": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
        [RowError(0, "not_a_table", {"kind": "xls"})],
        [
            "Ничего не импортировано: файл не прочитан.",
            "Это файл Excel старого формата (.xls): сохраните его как «Книга Excel (.xlsx)» или "
            "«CSV UTF-8»",
        ],
        [
            "Nothing was imported: the file could not be read.",
            'This is an old-format Excel file (.xls): save it as "Excel Workbook (.xlsx)" or '
            '"CSV UTF-8"',
        ],
    ),
}


@pytest.mark.parametrize("variant", list(MALFORMED))
async def test_a_malformed_file_is_refused_clearly_and_nothing_is_written(db, team, variant):
    make, errors, ru, en = MALFORMED[variant]
    before = await counts(db)
    async with db.transaction() as conn:
        report = await import_bytes(conn, team, make(), add_members=True)
    assert report.errors == errors
    assert (said(report, "ru"), said(report, "en")) == (ru, en)
    assert await counts(db) == before


# --- what the import reports while it runs ---------------------------------------------


async def test_the_import_reports_rows_checked_then_rows_written(db, team):
    rows = [f"2026-12-07 10:{i // 60 % 60:02d}:{i % 60:02d},call,1001,{i}" for i in range(2500)]
    data = ("occurred_at,kind,person_id,duration_s\n" + "\n".join(rows) + "\n").encode()
    seen: list[tuple[str, int, int]] = []

    async def progress(stage: str, done: int, total: int) -> None:
        seen.append((stage, done, total))

    async with db.transaction() as conn:
        report = await import_bytes(conn, team, data, add_members=True, progress=progress)
    assert report.imported == {"call": 2500}
    assert seen == [
        (CHECKED, 0, 2500),
        (CHECKED, 1000, 2500),
        (CHECKED, 2000, 2500),
        (CHECKED, 2500, 2500),
        (WRITTEN, 0, 2500),
        (WRITTEN, 2500, 2500),
    ]

    seen.clear()  # a dry run checks and writes nothing
    async with db.transaction() as conn:
        await import_bytes(conn, team, data, dry_run=True, progress=progress)
    assert {stage for stage, _, _ in seen} == {CHECKED}


async def test_the_excel_export_reads_back_as_the_same_records(settings, tmp_path):
    """``/export excel`` (views.records_excel) -> /import: the same records in an empty
    database, and nothing added where they are already (the bot's own records stamped to
    the microsecond are recognised by their exact instant)."""
    from storage.interchange import export_records
    from views.records_excel import excel_ru_csv

    first = await fresh(settings, tmp_path / "first.db")
    second = await fresh(settings, tmp_path / "second.db")
    try:
        async with first.read() as conn:
            team = await TeamsRepo(conn).default()
        stamped = plain_csv().decode().replace("T10:40:00+03:00", "T10:40:00.250000+03:00")
        async with first.transaction() as conn:
            assert (await import_bytes(conn, team, stamped.encode(), add_members=True)).ok
        async with first.read() as conn:
            exported = await export_csv(conn, team)
            excel = excel_ru_csv(await export_records(conn, team))
        assert b"07.12.2026 10:40:00,250000;call;" in excel and b";1250000,50;new" in excel

        async with first.transaction() as conn:
            again = await import_bytes(conn, team, excel, add_members=True)
        assert (again.ok, again.imported_total, again.skipped) == (True, 0, len(RECORDS))

        async with second.read() as conn:
            team = await TeamsRepo(conn).default()
        async with second.transaction() as conn:
            report = await import_bytes(conn, team, excel, add_members=True)
        assert report.ok and report.read_as == ReadAs("csv", "utf-8", ";")
        async with second.read() as conn:
            assert await export_csv(conn, team) == exported
    finally:
        await first.dispose()
        await second.dispose()
