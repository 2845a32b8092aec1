"""/import (a CSV or XLSX file sent with that caption) and /export: the records CSV in Telegram."""

from __future__ import annotations

import io
from datetime import date

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

from bot.delivery import split_text
from bot.filters import IsManager
from bot.i18n import Texts
from bot.progress import ChatProgress
from metrics.periods import PeriodError, resolve_period
from services.clock import Now
from storage.interchange import export_records, import_bytes, records_csv
from storage.models import Member, Team
from storage.unit import UnitOfWork
from views.interchange import import_reply
from views.records_excel import excel_ru_csv

router = Router(name=__name__)
router.message.filter(IsManager())

MAX_FILE_MB = 20  # what the Bot API lets a bot download
# /export excel: the file in the dialect Russian Excel opens (views/records_excel.py)
EXCEL_WORDS = frozenset({"excel", "excel-ru"})


@router.message(Command("import"), F.document)
async def import_file(
    message: Message,
    command: CommandObject,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
) -> None:
    document = message.document
    assert document is not None
    if document.file_size and document.file_size > MAX_FILE_MB * 1024 * 1024:
        await message.answer(texts("import_too_big", limit=MAX_FILE_MB))
        return
    buffer = io.BytesIO()
    await bot.download(document, destination=buffer)
    flags = (command.args or "").split()
    # a bad file or a dry run writes nothing (every row is checked first); a big
    # file shows its progress in one status message, the report comes after it
    async with uow.write() as conn:
        report = await import_bytes(
            conn,
            team,
            buffer.getvalue(),
            add_members="--add-members" in flags,
            dry_run="--dry-run" in flags or "dry-run" in flags,
            created_by_member_id=member.id,
            progress=ChatProgress(bot, message.chat.id, texts),
        )
    for part in split_text(import_reply(report, texts)):
        await message.answer(part)


@router.message(Command("import"))
async def import_usage(message: Message, texts: Texts) -> None:
    await message.answer(texts("import_usage"))


@router.message(Command("export"))
async def export_file(
    message: Message, command: CommandObject, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    words = (command.args or "").split()
    excel = any(word.lower() in EXCEL_WORDS for word in words)
    asked = " ".join(word for word in words if word.lower() not in EXCEL_WORDS)
    start: date | None = None
    end: date | None = None
    if asked:
        try:
            period = resolve_period(asked, Now.for_team(team).today)
        except PeriodError as error:
            unknown = texts("period_unknown", value=error.value[:40])
            await message.answer(f"{unknown}\n{texts('usage_export')}")
            return
        start, end = period.start, period.end
    async with uow.read() as conn:
        records = await export_records(conn, team, date_from=start, date_to=end)
    data = excel_ru_csv(records) if excel else records_csv(records).encode("utf-8")
    label = f" {start.isoformat()}..{end.isoformat()}" if start and end else ""
    stem = f"iron-funnel-records{'-' + start.isoformat() if start else ''}"
    await message.answer_document(
        BufferedInputFile(data, filename=f"{stem}{'-excel' if excel else ''}.csv"),
        caption=texts("export_caption", team=team.name, period=label, count=len(records)),
    )
