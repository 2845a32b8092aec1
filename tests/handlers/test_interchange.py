"""/import and /export in Telegram: what a manager reads, in their language."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from storage.interchange import COLUMNS, DIRECTIONS, KINDS
from storage.tables import calls, entries, leads, meetings, members
from tests.support import factories as f
from tests.support.reading import english_words
from tests.support.telegram_html import visible_text

CSV = (
    "occurred_at,kind,person_id,duration_s,external_id\n"
    "2026-11-20T10:00:00+03:00,call,{person},75,c1\n"
    "2026-11-20T11:00:00+03:00,call,{person},30,c2\n"
)
# what a Russian text may say in Latin letters (see tests/unit/test_interchange_view.py)
VOCABULARY = {*COLUMNS, *KINDS, *DIRECTIONS, "--add-members", "Telegram"}


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


@pytest.fixture
def upload(chat, bot, monkeypatch):
    """Sends ``data`` as a file with ``caption``; returns every reply, as a person reads it."""

    async def send(sender: dict, data: str | bytes, caption: str = "/import") -> list[str]:
        payload = data.encode() if isinstance(data, str) else data

        async def fake_download(file, destination=None, **_):
            destination.write(payload)
            return destination

        monkeypatch.setattr(bot, "download", fake_download)
        before = len(chat.bot.texts_to(sender["id"]))
        await chat.feed(document_update(sender, caption))
        return [visible_text(text) for text in chat.bot.texts_to(sender["id"])[before:]]

    return send


async def count(db, table) -> int:
    async with db.read() as conn:
        return (await conn.execute(sa.select(sa.func.count()).select_from(table))).scalar()


async def test_import_a_file_then_export_it(chat, admin, db, upload):
    await chat.send(admin, "/start")
    payload = CSV.format(person=admin["id"])

    assert await upload(admin, payload, "/import --dry-run") == [
        "📥 В файле 2 строки.\n"
        "Будут импортированы 2 строки: 2 звонка.\n"
        "Это была проверка: ничего не записано."
    ]
    assert await count(db, calls) == 0

    assert await upload(admin, payload) == [
        "📥 В файле 2 строки.\nИмпортированы 2 строки: 2 звонка."
    ]
    assert await upload(admin, payload) == [
        "📥 В файле 2 строки.\nНовых строк нет.\nПропущены 2 строки, загруженные раньше."
    ]
    assert await count(db, calls) == 2

    await chat.send(admin, "/export")
    sent = chat.bot.sent(admin["id"], method="sendDocument")[-1]
    assert sent.caption.endswith(": 2 строки.")
    assert sent.document.filename.endswith(".csv")
    assert b",call," in sent.document.data


async def test_bad_file_lists_rows_in_russian_and_imports_nothing(chat, admin, db, upload):
    await chat.send(admin, "/start")
    me = admin["id"]
    bad = (
        "occurred_at,kind,person_id,duration_s,meeting_ref,direction\n"
        f"2026-11-20T10:00:00+03:00,call,{me},abc,,\n"  # 2: not a number
        f"2026-11-20T10:05:00+03:00,call,{me},60,,\n"  # 3: fine
        f"20.11.2026 11:00,cal,{me},60,,\n"  # 4: a typo in the kind
        f"2026-11-20T12:00:00+03:00,meeting_held,{me},,M9,\n"  # 5: no such meeting
        f"2026-11-20T13:00:00+03:00,call,{me},60,,sideways\n"  # 6: a bad direction
        f"2026-11-20T14:00:00+03:00,call,777,60,,in\n"  # 7: a stranger
    )
    (reply,) = await upload(admin, bad)
    assert reply.split("\n") == [
        "📥 Ничего не импортировано: 5 ошибок в 5 строках.",
        "строка 2: duration_s «abc»: нужно целое число не меньше 0",
        "строка 4: неизвестный вид записи «cal» — может быть, «call»? Допустимые виды: call, "
        "lead, meeting_set, meeting_confirmed, meeting_held, meeting_cancelled, "
        "meeting_no_show, payment и proposal",
        "строка 5: meeting_ref «M9»: такой встречи нет — ни строки meeting_set в этом файле, "
        "ни встречи в базе",
        "строка 6: direction «sideways»: допустимые значения — in или out",
        "строка 7: person_id 777: такого сотрудника нет в команде «Отдел продаж». Добавьте его в "
        "команду или импортируйте с --add-members, тогда недостающие сотрудники добавятся сами",
    ]
    typed = ["abc", "cal", "M9", "sideways", "777", "Отдел продаж"]
    assert english_words(reply, VOCABULARY, typed) == []
    for table in (calls, meetings, entries):
        assert await count(db, table) == 0


async def test_an_english_manager_reads_english(chat, admin, db, upload):
    await chat.send(admin, "/start")
    await chat.send(admin, "/lang en")
    bad = (
        "occurred_at,kind,person_id,duration_s\n"
        "2026-11-20T10:00:00+03:00,call,111,abc\n"
        "2026-11-20T10:00:00+03:00,call,222,60\n"
    )
    (reply,) = await upload(admin, bad)
    assert reply.split("\n") == [
        "📥 Nothing was imported: 2 errors in 2 rows.",
        'line 2: duration_s must be a whole number of at least 0, got "abc"',
        'line 3: person_id 222 is not a member of the team "Отдел продаж"; add them first or '
        "let the import add missing members (--add-members)",
    ]
    assert await count(db, calls) == 0


async def test_values_from_the_file_read_back_as_typed(chat, admin, db, upload):
    await chat.send(admin, "/start")
    hostile = 'Рога & Копыта <i>Ltd</i> "A" 😀 \u200f'
    cell = '"' + hostile.replace('"', '""') + '"'  # a CSV cell as a spreadsheet writes it
    bad = (
        "occurred_at,kind,person_id,meeting_ref,client\n"
        f"2026-11-20T12:00:00+03:00,meeting_held,{admin['id']},{cell},\n"
    )
    (reply,) = await upload(admin, bad)
    assert f"строка 2: meeting_ref «{hostile}»: такой встречи нет" in reply

    good = (
        "occurred_at,kind,person_id,person_name,source\n"
        f"2026-11-20T12:00:00+03:00,lead,5001,{cell},{cell}\n"
    )
    (reply,) = await upload(admin, good, "/import --add-members")
    assert reply.split("\n") == [
        "📥 В файле 1 строка.",
        "Импортирована 1 строка: 1 лид.",
        f"Добавлен 1 сотрудник: {hostile} (5001, лидоруб).",
        f"Добавлен 1 источник: «{hostile}».",
    ]
    async with db.read() as conn:
        names = (await conn.execute(sa.select(members.c.display_name))).scalars().all()
    assert hostile in names  # stored as typed, never escaped


async def test_many_errors_show_the_first_and_count_the_rest(chat, admin, db, upload):
    await chat.send(admin, "/start")
    rows = "".join(f"2026-11-20T10:00:00+03:00,call,{admin['id']},x{n}\n" for n in range(31))
    (reply,) = await upload(admin, "occurred_at,kind,person_id,duration_s\n" + rows)
    lines = reply.split("\n")
    assert lines[0] == "📥 Ничего не импортировано: 31 ошибка в 31 строке."
    assert lines[1] == "строка 2: duration_s «x0»: нужно целое число не меньше 0"
    assert lines[25] == "строка 26: duration_s «x24»: нужно целое число не меньше 0"
    assert lines[26:] == ["… и ещё 6 ошибок"]
    assert await count(db, calls) == 0


async def test_a_file_that_is_not_text(chat, admin, db, upload):
    await chat.send(admin, "/start")
    # a PNG: its signature 0x89 "PNG" reads as Windows-1251 text, 0x1a (a control) does not
    data = b"occurred_at,kind,person_id\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    (reply,) = await upload(admin, data)
    assert reply == (
        "📥 Ничего не импортировано: 1 ошибка в 1 строке.\n"
        "строка 3: байт 0x1a (позиция 1) не читается ни как UTF-8, ни как Windows-1251 — это "
        "не текстовый CSV-файл. Сохраните таблицу как «CSV UTF-8» или как книгу Excel (.xlsx)"
    )
    assert await count(db, leads) == 0


@pytest.mark.parametrize("n", [0, 1, 2, 5, 11, 21, 22, 25, 101])
async def test_row_counts_take_their_plural_form(chat, admin, db, upload, n):
    await chat.send(admin, "/start")
    rows = "".join(
        f"2026-11-20T10:{i // 60:02d}:{i % 60:02d}+03:00,call,{admin['id']},60\n" for i in range(n)
    )
    (reply,) = await upload(
        admin, "occurred_at,kind,person_id,duration_s\n" + rows, "/import --dry-run"
    )
    form = {0: 2, 1: 0, 2: 1, 5: 2, 11: 2, 21: 0, 22: 1, 25: 2, 101: 0}[n]  # one, few, many
    rows_word = ("строка", "строки", "строк")[form]
    verb = ("Будет импортирована", "Будут импортированы", "Будет импортировано")[form]
    calls_word = ("звонок", "звонка", "звонков")[form]
    assert reply.split("\n") == [
        f"📥 В файле {n} {rows_word}.",
        f"{verb} {n} {rows_word}: {n} {calls_word}." if n else "Новых строк нет.",
        "Это была проверка: ничего не записано.",
    ]


async def test_import_is_for_managers(chat):
    await chat.add_member(810, "Rep", {"sdr"})
    reply = await chat.send(f.user(810, "Rep"), "/import")
    assert "только руководитель" in reply


async def test_a_big_file_shows_its_progress_then_the_report(chat, admin, db, upload):
    await chat.send(admin, "/start")
    rows = [
        f"07.12.2026 10:{i // 60 % 60:02d}:{i % 60:02d};call;{admin['id']};60" for i in range(2500)
    ]
    data = ("occurred_at;kind;person_id;duration_s\n" + "\n".join(rows) + "\n").encode()
    replies = await upload(admin, data)
    assert replies[0] == "⏳ Импорт: проверено 0 строк из 2\xa0500"
    assert replies[-1] == (
        "📥 Прочитано как UTF-8, разделитель «;».\n"
        "В файле 2\xa0500 строк.\n"
        "Импортировано 2\xa0500 строк: 2\xa0500 звонков."
    )
    assert len(replies) == 2  # one status message (edited, if the import takes long) and the report
    assert await count(db, calls) == 2500


async def test_a_workbook_error_names_its_cell(chat, admin, db, upload):
    from io import BytesIO

    from openpyxl import Workbook

    await chat.send(admin, "/start")
    book = Workbook()
    book.active.append(["occurred_at", "kind", "person_id", "duration_s"])
    book.active.append(["07.12.2026 10:15", "call", admin["id"], "1 мин"])
    out = BytesIO()
    book.save(out)
    (reply,) = await upload(admin, out.getvalue())
    assert reply == (
        "📥 Ничего не импортировано: 1 ошибка в 1 строке.\n"
        "Прочитана книга Excel, лист «Sheet».\n"
        "ячейка D2: duration_s «1 мин»: нужно целое число не меньше 0"
    )
    assert await count(db, calls) == 0
