"""Speed of an import of 100,000 rows: a CSV, a Russian Excel CSV and an XLSX workbook.

    .venv/bin/python -m benchmarks.bench_import [--rows 100000] [--keep DIR]

Generates the same ``--rows`` records (three quarters calls, leads, meetings set and held,
proposals, payments of twenty reps over half a year, with ``external_id`` on calls and
leads) as three files in a temporary folder:

1. CSV: UTF-8, commas, ISO instants with an offset (what ``export`` writes);
2. Russian Excel CSV: Windows-1251, ``;``, dates as ``07.12.2026 10:15``, decimal commas;
3. XLSX: one sheet ``records`` with typed cells (dates, numbers, text), written as Excel
   writes a workbook (shared strings, the sheet's size up front; XlsxWriter).

Each is imported with ``--add-members`` (``storage.interchange.import_bytes``, as /import
and ``python -m bot import`` do) into a fresh SQLite file, in one transaction with its
commit. Prints, per file: its size, the seconds spent reading and checking, writing, and
in all, and rows/s; checks that every row was imported and that each import takes at
most 30 s. Exits 1 if a check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import random
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from benchmarks.common import Checks
from bot.app import ensure_default_team
from bot.settings import Settings
from storage import migrate
from storage.db import Database
from storage.interchange import COLUMNS, WRITTEN, import_bytes
from storage.repos import TeamsRepo

TARGET_S = 30.0
ZONE = ZoneInfo("Europe/Moscow")
SDRS = tuple(range(5001, 5021))
HUNTERS = tuple(range(6001, 6006))


def records(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """``n`` valid records in time order (meetings through their lifecycle)."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    at = datetime(2026, 1, 5, 9, 0)
    meeting = 0
    while len(out) < n:
        at += timedelta(seconds=rng.randrange(30, 300))
        sdr = rng.choice(SDRS)
        roll = rng.random()
        if roll < 0.75:
            out.append(
                {
                    "occurred_at": at,
                    "kind": "call",
                    "person_id": sdr,
                    "person_name": f"Rep {sdr}",
                    "external_id": f"pbx-{len(out)}",
                    "duration_s": rng.randrange(0, 600),
                    "source": rng.choice(("Яндекс", "Google", None)),
                }
            )
        elif roll < 0.88:
            out.append(
                {
                    "occurred_at": at,
                    "kind": "lead",
                    "person_id": sdr,
                    "external_id": f"crm-{len(out)}",
                    "source": "Яндекс",
                    "qualification": rng.choice(("targeted", "non_targeted", None)),
                }
            )
        else:
            meeting += 1
            ref, hunter, held = f"M{meeting}", rng.choice(HUNTERS), at + timedelta(days=2)
            out.append(
                {
                    "occurred_at": at,
                    "kind": "meeting_set",
                    "person_id": sdr,
                    "meeting_ref": ref,
                    "hunter_id": hunter,
                    "client": f"ООО «Клиент {meeting}»",
                    "source": "Яндекс",
                }
            )
            out.append(
                {
                    "occurred_at": held,
                    "kind": "meeting_held",
                    "person_id": hunter,
                    "meeting_ref": ref,
                }
            )
            if rng.random() < 0.5:
                out.append(
                    {
                        "occurred_at": held + timedelta(hours=2),
                        "kind": "proposal",
                        "person_id": hunter,
                        "meeting_ref": ref,
                    }
                )
                out.append(
                    {
                        "occurred_at": held + timedelta(days=3),
                        "kind": "payment",
                        "person_id": hunter,
                        "meeting_ref": ref,
                        "amount": f"{rng.randrange(1000, 900000)}.50",
                        "payment_kind": "new",
                    }
                )
    return out[:n]


def as_csv(rows: list[dict[str, Any]], write: Callable[[str, Any], str], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                write(column, row[column]) if row.get(column) is not None else ""
                for column in COLUMNS
            ]
        )
    return out.getvalue()


def plain_csv(rows: list[dict[str, Any]]) -> bytes:
    def write(column: str, value: Any) -> str:
        return value.replace(tzinfo=ZONE).isoformat() if column == "occurred_at" else str(value)

    return as_csv(rows, write, ",").encode()


def russian_excel_csv(rows: list[dict[str, Any]]) -> bytes:
    def write(column: str, value: Any) -> str:
        if column == "occurred_at":
            return value.strftime("%d.%m.%Y %H:%M:%S")
        if column == "amount":
            return value.replace(".", ",")
        return str(value)

    return as_csv(rows, write, ";").encode("cp1251")


def workbook(rows: list[dict[str, Any]]) -> bytes:
    """As Excel saves it: shared strings, the sheet's size up front, date cells with a
    date format (XlsxWriter writes the same parts Excel does)."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("records")
    when = book.add_format({"num_format": "dd.mm.yyyy hh:mm:ss"})
    sheet.write_row(0, 0, COLUMNS)
    for line, row in enumerate(rows, start=1):
        for index, column in enumerate(COLUMNS):
            value = row.get(column)
            if value is None:
                continue
            if column == "occurred_at":
                sheet.write_datetime(line, index, value, when)
            elif column == "amount":
                sheet.write_number(line, index, float(value))
            elif isinstance(value, int):
                sheet.write_number(line, index, value)
            else:
                sheet.write_string(line, index, value)
    book.close()
    return out.getvalue()


async def import_once(folder: Path, name: str, data: bytes) -> tuple[float, float, int]:
    """Seconds until writing starts, seconds in all (commit included), rows imported."""
    settings = Settings(
        _env_file=None,
        bot_token="42:BENCH",
        database_url=f"sqlite+aiosqlite:///{folder / name}.db",
        timezone="Europe/Moscow",
    )
    db = Database(settings.database_url)
    await migrate.upgrade(db)
    await ensure_default_team(db, settings)
    async with db.read() as conn:
        team = await TeamsRepo(conn).default()
    assert team is not None
    marks: dict[str, float] = {}

    async def progress(stage: str, done: int, total: int) -> None:
        marks.setdefault(stage, time.perf_counter())

    started = time.perf_counter()
    async with db.transaction() as conn:
        report = await import_bytes(conn, team, data, add_members=True, progress=progress)
    ended = time.perf_counter()
    await db.dispose()
    if not report.ok:
        print("  errors:", *report.errors[:5], sep="\n    ")
    return marks.get(WRITTEN, ended) - started, ended - started, report.imported_total


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="write the files and databases here")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    rows = records(args.rows)
    files = {
        "CSV (UTF-8, commas, ISO instants)": ("plain.csv", plain_csv(rows)),
        "CSV from Excel in Russia (Windows-1251, ;, 07.12.2026 10:15, decimal commas)": (
            "excel-ru.csv",
            russian_excel_csv(rows),
        ),
        "XLSX, typed cells (openpyxl read-only)": ("records.xlsx", workbook(rows)),
    }
    for file_name, data in files.values():
        (folder / file_name).write_bytes(data)
    print(f"{args.rows:,} rows generated in {time.perf_counter() - started:.1f} s into {folder}\n")

    check = Checks()
    for label, (file_name, data) in files.items():
        checked, total, imported = await import_once(folder, Path(file_name).stem, data)
        print(f"{label}: {len(data) / 1e6:.1f} MB")
        print(
            f"  read and checked {checked:.1f} s, written {total - checked:.1f} s, "
            f"in all {total:.1f} s: {args.rows / total:,.0f} rows/s"
        )
        check(imported == args.rows, f"every row imported ({imported:,} of {args.rows:,})")
        check(total <= TARGET_S, f"{args.rows:,} rows in <= {TARGET_S:.0f} s")
    return check.verdict()


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
