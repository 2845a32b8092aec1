"""/import and /export in Telegram."""

from __future__ import annotations

import sqlalchemy as sa

from storage.tables import calls
from tests.support import factories as f

CSV = (
    "occurred_at,kind,person_id,duration_s,external_id\n"
    "2026-11-20T10:00:00+03:00,call,{person},75,c1\n"
    "2026-11-20T11:00:00+03:00,call,{person},30,c2\n"
)


def document_update(sender: dict, caption: str, file_id: str = "file-1", size: int = 100):
    return f.service_update(
        sender,
        f.private_chat(sender),
        document={
            "file_id": file_id,
            "file_unique_id": "u1",
            "file_name": "r.csv",
            "file_size": size,
        },
        caption=caption,
        caption_entities=[{"type": "bot_command", "offset": 0, "length": len("/import")}],
    )


async def test_import_a_file_then_export_it(chat, admin, db, bot, monkeypatch):
    await chat.send(admin, "/start")
    payload = CSV.format(person=admin["id"]).encode()

    async def fake_download(file, destination=None, **_):
        destination.write(payload)
        return destination

    monkeypatch.setattr(bot, "download", fake_download)
    await chat.feed(document_update(admin, "/import --dry-run"))
    assert "Файл в порядке" in chat.bot.last_text(admin["id"])
    async with db.read() as conn:
        assert (await conn.execute(sa.select(sa.func.count()).select_from(calls))).scalar() == 0

    await chat.feed(document_update(admin, "/import"))
    assert "Импортировано строк: 2" in chat.bot.last_text(admin["id"])
    await chat.feed(document_update(admin, "/import"))
    assert "Пропущено как уже загруженные: 2" in chat.bot.last_text(admin["id"])

    await chat.send(admin, "/export")
    sent = chat.bot.sent(admin["id"], method="sendDocument")[-1]
    assert "2 строк" in sent.caption
    assert sent.document.filename.endswith(".csv")
    assert b",call," in sent.document.data


async def test_bad_file_lists_rows_and_imports_nothing(chat, admin, db, bot, monkeypatch):
    await chat.send(admin, "/start")
    bad = "occurred_at,kind,person_id,duration_s\n2026-11-20T10:00:00+03:00,call,111,abc\n"

    async def fake_download(file, destination=None, **_):
        destination.write(bad.encode())
        return destination

    monkeypatch.setattr(bot, "download", fake_download)
    await chat.feed(document_update(admin, "/import"))
    reply = chat.bot.last_text(admin["id"])
    assert "Ничего не импортировано" in reply and "line 2" in reply and "duration_s" in reply
    async with db.read() as conn:
        assert (await conn.execute(sa.select(sa.func.count()).select_from(calls))).scalar() == 0


async def test_import_is_for_managers(chat):
    await chat.add_member(810, "Rep", {"sdr"})
    reply = await chat.send(f.user(810, "Rep"), "/import")
    assert "только руководитель" in reply
