"""The command-line sub-commands besides ``run`` and ``migrate``: ``import`` and
``export`` of the records CSV (README, "Moving records in and out"), ``demo``,
``report`` (docs/metrics.md, "The report"), ``charts`` (the chart gallery, bot.gallery),
and ``backup`` / ``restore`` of the database.

bot/__main__.py adds each sub-command with its ``add_*_parser`` and runs its
``run_*`` coroutine.
SQLAlchemy and the storage modules are imported inside the functions, so the
rest of the command line stays fast.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.settings import Settings
    from storage.db import Database
    from storage.interchange import ImportReport
    from storage.models import Team

EXIT_OK = 0
EXIT_BAD_ROWS = 1
EXIT_FAILED = 1
EXIT_USAGE = 2


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date in YYYY-MM-DD form, e.g. 2026-11-01"
        ) from None


def add_import_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "import",
        help="import records from a CSV or XLSX file (all rows or none)",
        description=(
            "Import records (calls, leads, meetings, payments, proposals) from a CSV or XLSX "
            "file in the records interchange format. Every row is checked first; if any row is "
            "bad nothing is imported and every bad row is listed with its line number and "
            "what is wrong, in the team's language (or --lang). Rows imported before are "
            "skipped, so importing the same file again adds nothing. A file of more than "
            "2,000 rows shows its progress on stderr: a bar on a terminal, else plain lines."
        ),
    )
    parser.add_argument(
        "file",
        help=(
            "the CSV file (UTF-8 or Windows-1251; comma, semicolon or tab) or the Excel "
            "workbook (.xlsx); - reads stdin"
        ),
    )
    parser.add_argument("--team", help="the team's name (default: the default team)")
    parser.add_argument(
        "--add-members",
        action="store_true",
        help="create members the file names but the team does not have yet",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="check the file and report, write nothing"
    )
    parser.add_argument(
        "--lang",
        choices=("ru", "en"),
        help="the language of the report and of the errors (default: the team's language)",
    )
    return parser


EXPORT_DIALECTS = ("default", "excel-ru")


def add_export_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "export",
        help="export records to a CSV file",
        description=(
            "Export every non-void record of a team as CSV in the records interchange "
            "format (the format import reads)."
        ),
    )
    parser.add_argument("file", help="the CSV file to write; - writes to stdout")
    parser.add_argument("--team", help="the team's name (default: the default team)")
    parser.add_argument(
        "--from", dest="date_from", type=_day, help="first day to export (YYYY-MM-DD)"
    )
    parser.add_argument("--to", dest="date_to", type=_day, help="last day to export (YYYY-MM-DD)")
    parser.add_argument(
        "--dialect",
        choices=EXPORT_DIALECTS,
        default="default",
        help=(
            "default: UTF-8, comma-separated, ISO 8601 instants (for BI tools and import); "
            "excel-ru: what Excel in Russian opens as is: ';', UTF-8 with a BOM, decimal "
            "commas, DD.MM.YYYY HH:MM:SS in the team's time zone"
        ),
    )
    return parser


def _err(text: str) -> None:
    print(text, file=sys.stderr)


async def open_database(settings: Settings) -> Database:
    from bot.app import ensure_default_team
    from storage import migrate
    from storage.db import Database

    db = Database(settings.database_url)
    await migrate.upgrade(db)
    await ensure_default_team(db, settings)
    return db


async def pick_team(db: Database, name: str | None) -> Team | None:
    """The team named (case-insensitive), else the default team; None if unknown."""
    from storage.repos import TeamsRepo

    async with db.read() as conn:
        repo = TeamsRepo(conn)
        if name is None:
            return await repo.default()
        team = await repo.by_name(name)
        if team is not None:
            return team
        teams = await repo.all()
        listed = ", ".join(f'"{t.name}"' for t in teams) or "none"
        _err(f'Unknown team "{name}". Teams: {listed}.')
        return None


def describe_report(report: ImportReport, language: str) -> list[str]:
    """An import's report as plain text lines in ``language``: the summary of a
    good file, or every error followed by the count (the same view as /import)."""
    from bot.i18n import Texts, plain_text
    from views.interchange import failure_head, read_as_line, render_errors, render_summary

    texts = Texts(language)
    read = read_as_line(report, texts)
    head = [read] if read is not None else []
    if report.ok:
        lines = [*head, *render_summary(report, texts)]
    else:
        lines = [*head, *render_errors(report, texts), failure_head(report, texts)]
    return [plain_text(line) for line in lines]


def _read_input(path: str) -> bytes | None:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as error:
        _err(f"Cannot read {path}: {error.strerror or error}.")
        return None


async def run_import(settings: Settings, args: argparse.Namespace) -> int:
    from bot.i18n import Texts, pick_language
    from bot.progress import terminal_progress
    from storage.interchange import import_bytes

    data = _read_input(args.file)
    if data is None:
        return EXIT_USAGE
    db = await open_database(settings)
    try:
        team = await pick_team(db, getattr(args, "team", None))
        if team is None:
            return EXIT_USAGE
        language = pick_language(getattr(args, "lang", None), None, team.language, "ru")
        # progress on stderr, so that stdout (the report) can be piped or kept
        progress = terminal_progress(Texts(language), sys.stderr)
        try:
            async with db.transaction() as conn:
                report = await import_bytes(
                    conn,
                    team,
                    data,
                    add_members=bool(getattr(args, "add_members", False)),
                    dry_run=bool(getattr(args, "dry_run", False)),
                    progress=progress,
                )
        finally:
            progress.close()
    finally:
        await db.dispose()
    lines = describe_report(report, language)
    if not report.ok:
        for line in lines:
            _err(line)
        return EXIT_BAD_ROWS
    for line in lines:
        print(line)
    return EXIT_OK


async def run_export(settings: Settings, args: argparse.Namespace) -> int:
    from storage.interchange import export_records, records_csv
    from views.records_excel import excel_ru_csv

    date_from = getattr(args, "date_from", None)
    date_to = getattr(args, "date_to", None)
    if date_from and date_to and date_from > date_to:
        _err(f"--from {date_from} is after --to {date_to}.")
        return EXIT_USAGE
    db = await open_database(settings)
    try:
        team = await pick_team(db, getattr(args, "team", None))
        if team is None:
            return EXIT_USAGE
        async with db.read() as conn:
            records = await export_records(conn, team, date_from=date_from, date_to=date_to)
    finally:
        await db.dispose()
    if getattr(args, "dialect", "default") == "excel-ru":
        written = _write_bytes(args.file, excel_ru_csv(records))
    else:
        written = _write_output(args.file, records_csv(records))
    if not written:
        return EXIT_USAGE
    rows = len(records)
    summary = f'Exported {rows} row{"s" if rows != 1 else ""} of team "{team.name}"'
    if args.file == "-":
        _err(summary + " to stdout.")
    else:
        print(f"{summary} to {args.file}.")
    return EXIT_OK


def _write_output(path: str, text: str) -> bool:
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return True
    try:
        Path(path).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        _err(f"Cannot write {path}: {error.strerror or error}.")
        return False
    return True


def _write_bytes(path: str, data: bytes) -> bool:
    if path == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return True
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        _err(f"Cannot write {path}: {error.strerror or error}.")
        return False
    return True


def add_demo_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "demo",
        help="fill the database with a realistic demo history (3 SDR, 2 hunters, 1 farmer)",
    )
    parser.add_argument("--team", help="team name (default: the default team)")
    parser.add_argument("--days", type=int, default=60, help="how many days back (default 60)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--force", action="store_true", help="write even if the team already has records"
    )
    return parser


async def run_demo(settings: Settings, args: argparse.Namespace) -> int:
    from storage.demo import DemoRefused, generate_demo

    if not 1 <= args.days <= 3660:
        _err("--days must be between 1 and 3660.")
        return EXIT_USAGE
    db = await open_database(settings)
    try:
        team = await pick_team(db, getattr(args, "team", None))
        if team is None:
            return EXIT_USAGE
        try:
            async with db.transaction() as conn:
                summary = await generate_demo(
                    conn, team, days=args.days, seed=args.seed, force=args.force
                )
        except DemoRefused:
            _err(
                f'Team "{team.name}" already has records: demo data would mix with them. '
                "Use --force to add it anyway, or point DATABASE_URL at a new database."
            )
            return EXIT_USAGE
    finally:
        await db.dispose()
    print(
        f'Demo history for "{team.name}": {summary.days} days, {summary.calls} calls, '
        f"{summary.leads} leads, {summary.meetings} meetings, {summary.payments} payments. "
        "Try /funnel month in the bot."
    )
    return EXIT_OK


def add_report_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "report", help="the metrics report (defined in docs/metrics.md) as JSON, CSV or text"
    )
    parser.add_argument("--team", help="team name (default: the default team)")
    parser.add_argument(
        "--period",
        required=True,
        help='day, week, month, yesterday, "last week", "last month", 2026-11-01..2026-11-15',
    )
    parser.add_argument("--mode", choices=("period", "cohort"), default="period")
    parser.add_argument("--format", choices=("json", "csv", "text"), default="json")
    parser.add_argument("--lang", choices=("ru", "en"), default="en", help="for --format text")
    return parser


async def run_report(settings: Settings, args: argparse.Namespace) -> int:
    from metrics.periods import PeriodError, resolve_period
    from metrics.report import report_csv, report_json
    from services.report import report as build_report
    from storage.journal import local_day
    from storage.repos import utcnow
    from views.report import report_text

    db = await open_database(settings)
    try:
        team = await pick_team(db, getattr(args, "team", None))
        if team is None:
            return EXIT_USAGE
        try:
            period = resolve_period(args.period, local_day(team, utcnow()))
        except PeriodError as error:
            _err(
                f'Unknown period "{error.value}". Examples: month, "last week", '
                "2026-11-01..2026-11-15."
            )
            return EXIT_USAGE
        # the report /report sends in Telegram: the same service
        report = await build_report(db, team, period, args.mode, settings)
    finally:
        await db.dispose()
    if args.format == "json":
        sys.stdout.write(report_json(report) + "\n")
    elif args.format == "csv":
        sys.stdout.write(report_csv(report))
    else:
        sys.stdout.write(report_text(report, args.lang, team.currency) + "\n")
    return EXIT_OK


def add_charts_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "charts",
        help="draw every chart from demo data, in Russian and English, into a folder",
        description=(
            "Draw every chart the bot sends (funnels, sources, diagnosis, the digests' "
            "charts, trends) from a throw-away demo history, in Russian and English, as "
            "PNG files plus an index.html to look at them side by side. The bot's own "
            "database is not touched."
        ),
    )
    parser.add_argument("--out", required=True, help="folder to write into (created if missing)")
    parser.add_argument(
        "--date", type=_day, help="the demo's today, YYYY-MM-DD (default: today in TIMEZONE)"
    )
    return parser


async def run_charts(settings: Settings, args: argparse.Namespace) -> int:
    from bot.gallery import draw_gallery, make_folder, write_gallery

    out = Path(args.out)
    try:
        make_folder(out)  # before drawing: a folder that cannot be written fails at once
        written = write_gallery(out, await draw_gallery(args.date))
    except OSError as error:
        _err(f"Cannot write into {args.out}: {error.strerror or error}.")
        return EXIT_FAILED
    pictures = [path for path in written if path.suffix == ".png"]
    print(f"{len(pictures)} charts written to {args.out}; open {Path(args.out) / 'index.html'}.")
    return EXIT_OK


def add_backup_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "backup",
        help="back up the database to a file (safe while the bot runs)",
        description=(
            "Copy the SQLite database to FILE with SQLite's online backup API: a consistent "
            "snapshot, safe while the bot runs. For PostgreSQL the pg_dump command to run is "
            "printed instead."
        ),
    )
    parser.add_argument("file", help="the backup file to write, e.g. backups/iron_funnel.db")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    return parser


def add_restore_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "restore",
        help="replace the database with a backup (stop the bot first)",
        description=(
            "Replace the SQLite database with a backup made by 'backup', then apply the "
            "migrations (an older backup is upgraded). Stop the bot first and start it again "
            "afterwards. For PostgreSQL the pg_restore command to run is printed instead."
        ),
    )
    parser.add_argument("file", help="the backup file to restore")
    parser.add_argument(
        "--force", action="store_true", help="replace a database that already has data"
    )
    return parser


def _size(n: int) -> str:
    """``245760`` -> ``240.0 KiB`` (the command line speaks English)."""
    from views.formatting import format_number

    if n < 1024:
        return f"{n} bytes"
    value = n / 1024
    for unit in ("KiB", "MiB"):
        if value < 1024:
            return f"{format_number(value, 'en', decimals=1)} {unit}"
        value /= 1024
    return f"{format_number(value, 'en', decimals=1)} GiB"


async def run_backup(settings: Settings, args: argparse.Namespace) -> int:
    from storage import backup

    try:
        if backup.backend(settings.database_url) == "postgresql":
            command = backup.pg_dump_command(settings.database_url, args.file)
            print("PostgreSQL is backed up with pg_dump; nothing was written. Run:")
            print(f"  {command}")
            print("(pg_dump asks for the password, or reads PGPASSWORD or ~/.pgpass.)")
            return EXIT_OK
        source = backup.sqlite_path(settings.database_url)
        target = Path(args.file)
        size = await asyncio.to_thread(backup.backup_sqlite, source, target, force=args.force)
    except backup.BackupExists as error:
        _err(f"{error.path} already exists. Use --force to overwrite it.")
        return EXIT_USAGE
    except backup.BackupError as error:
        _err(str(error))
        return EXIT_FAILED
    print(f"Backed up {source} to {target} ({_size(size)}).")
    return EXIT_OK


async def run_restore(settings: Settings, args: argparse.Namespace) -> int:
    from storage import backup

    file = Path(args.file)
    try:
        if backup.backend(settings.database_url) == "postgresql":
            command = backup.pg_restore_command(settings.database_url, file)
            print("PostgreSQL is restored with pg_restore; nothing was changed.")
            print("Stop the bot, then run:")
            print(f"  {command}")
            print("  python -m bot migrate")
            return EXIT_OK
        target = backup.sqlite_path(settings.database_url)
        if backup.looks_in_use(target):
            _err(
                f"Warning: {target} seems to be in use ({target.name}-wal exists): "
                "stop the bot before restoring and start it again afterwards."
            )
        checked, revision = await backup.restore(settings.database_url, file, force=args.force)
    except backup.DatabaseNotEmpty as error:
        _err(
            f"The database {error.path} already has data ({error.teams} team"
            f"{'s' if error.teams != 1 else ''}); restoring replaces all of it. "
            "Stop the bot, then use --force to replace it."
        )
        return EXIT_USAGE
    except backup.BackupError as error:
        _err(str(error))
        return EXIT_FAILED
    print(
        f"Restored {file} ({_size(checked.size)}, {checked.teams} team"
        f"{'s' if checked.teams != 1 else ''}) into {target}; "
        f"the database is at migration {revision}."
    )
    return EXIT_OK
