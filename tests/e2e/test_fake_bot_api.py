"""Tests of the fake Bot API server itself, driven by a real aiogram ``Bot``."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import time
import zlib
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.methods import SendMessage, TelegramMethod
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    Message,
    ReplyKeyboardMarkup,
)
from aiogram.types import KeyboardButton as ReplyButton
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from .fake_bot_api import FakeBotAPI

ALICE = 1001


def make_bot(server: FakeBotAPI, token: str | None = None) -> Bot:
    """An aiogram Bot talking to the fake server."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(server.base_url))
    return Bot(token or server.token, session=session)


def make_png(width: int, height: int) -> bytes:
    """A valid RGB PNG image of the given size (red pixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


async def close_bot(bot: Bot) -> None:
    """Close the bot's HTTP session without aiogram's fixed 0.25 s grace sleep.

    ``AiohttpSession.close()`` sleeps only when it closes an open aiohttp session (to let SSL
    connections shut down); there is no SSL here, so close the aiohttp session first.
    """
    client = await bot.session.create_session()
    await client.close()
    await bot.session.close()


@pytest.fixture
async def bot(fake_api: FakeBotAPI) -> AsyncIterator[Bot]:
    """A real aiogram Bot whose session points at ``fake_api``."""
    bot = make_bot(fake_api)
    yield bot
    await close_bot(bot)


async def test_get_me_returns_the_bot(fake_api: FakeBotAPI, bot: Bot) -> None:
    me = await bot.get_me()

    assert (me.id, me.is_bot, me.username) == (123456, True, "iron_funnel_test_bot")
    assert me.first_name == "Iron Funnel"
    request = await fake_api.wait_for("getMe")
    assert request.ok and request.token == fake_api.token


async def test_updates_are_delivered_and_confirmed_by_offset(
    fake_api: FakeBotAPI, bot: Bot
) -> None:
    alice = fake_api.user(ALICE, "Alice", username="alice")
    first = fake_api.send_text(alice, "/start@iron_funnel_test_bot payload")
    second = fake_api.send_text(alice, "hello")
    sales = fake_api.group(-1001234567890, "Sales", type="supergroup")
    third = fake_api.send_text(alice, "/report", chat=sales)

    updates = await bot.get_updates(timeout=0, allowed_updates=["message", "callback_query"])

    assert [u.update_id for u in updates] == [
        first["update_id"],
        second["update_id"],
        third["update_id"],
    ]
    start = updates[0].message
    assert start is not None and start.from_user is not None
    assert start.chat.type == "private" and start.chat.id == ALICE
    assert start.from_user.username == "alice" and start.from_user.language_code == "ru"
    assert start.entities is not None
    assert [(e.type, e.offset, e.length) for e in start.entities] == [("bot_command", 0, 27)]
    assert updates[1].message is not None and updates[1].message.entities is None
    group_message = updates[2].message
    assert group_message is not None
    assert (group_message.chat.type, group_message.chat.title) == ("supergroup", "Sales")
    assert group_message.message_id == 1  # message ids are counted per chat
    assert updates[1].message.message_id == 2

    again = await bot.get_updates(offset=first["update_id"] + 1, timeout=0)
    assert [u.update_id for u in again] == [second["update_id"], third["update_id"]]
    assert fake_api.updates_confirmed == first["update_id"] + 1

    assert await bot.get_updates(offset=third["update_id"] + 1, timeout=0) == []
    await fake_api.wait_consumed(third, timeout=1)
    assert fake_api.pending_updates == []
    poll = fake_api.requests_for("getUpdates")[0]
    assert poll.params == {"timeout": 0, "allowed_updates": ["message", "callback_query"]}


async def test_long_poll_waits_and_returns_as_soon_as_an_update_arrives(
    fake_api: FakeBotAPI, bot: Bot
) -> None:
    alice = fake_api.user(ALICE, "Alice")
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await fake_api.wait_for("getUpdates", timeout=2)
    await asyncio.sleep(0.05)
    assert not poll.done()  # nothing queued: the long poll is waiting

    started = time.monotonic()
    update = fake_api.send_text(alice, "ping")
    updates = await asyncio.wait_for(poll, timeout=2)

    assert time.monotonic() - started < 1
    assert [u.update_id for u in updates] == [update["update_id"]]


async def test_long_poll_times_out_with_an_empty_list(fake_api: FakeBotAPI) -> None:
    # aiogram only sends whole seconds; the fake also honours fractions sent by hand.
    url = f"{fake_api.base_url}/bot{fake_api.token}/getUpdates"
    started = time.monotonic()
    async with aiohttp.ClientSession() as session, session.post(url, data={"timeout": "0.3"}) as r:
        body = await r.json()
    assert body == {"ok": True, "result": []}
    assert 0.3 <= time.monotonic() - started < 2


async def test_send_message_records_decoded_markup_and_renders_html(
    fake_api: FakeBotAPI, bot: Bot
) -> None:
    alice = fake_api.user(ALICE, "Alice")
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text="Отчёт", callback_data="report:today")],
            [InlineKeyboardButton(text="Сайт", url="https://example.com")],
        ]
    )

    sent = await bot.send_message(
        ALICE, "<b>Итого</b>: 5 &lt;&gt;", reply_markup=markup, parse_mode="HTML"
    )

    request = await fake_api.wait_for("sendMessage")
    assert request.params == {
        "chat_id": ALICE,
        "text": "<b>Итого</b>: 5 &lt;&gt;",
        "parse_mode": "HTML",
        "reply_markup": {
            "inline_keyboard": [
                [{"text": "Отчёт", "callback_data": "report:today"}],
                [{"text": "Сайт", "url": "https://example.com"}],
            ]
        },
    }
    assert sent.text == "Итого: 5 <>"
    assert sent.entities is not None and sent.entities[0].type == "bold"
    assert sent.chat.first_name == "Alice" and sent.from_user is not None
    assert sent.from_user.id == fake_api.bot_id
    assert sent.reply_markup is not None
    assert sent.reply_markup.model_dump() == markup.model_dump()
    assert (await fake_api.wait_for_message(ALICE, contains="Итого: 5")) is request
    assert fake_api.messages_to(ALICE) == [request]

    # A reply keyboard is accepted but, as in Telegram, not echoed in the Message.
    keyboard = ReplyKeyboardMarkup(keyboard=[[ReplyButton(text="Меню")]], resize_keyboard=True)
    second = await bot.send_message(ALICE, "menu", reply_markup=keyboard)
    assert second.message_id == sent.message_id + 1 and second.reply_markup is None
    recorded = await fake_api.wait_for("sendMessage")
    assert recorded.params["reply_markup"] == {
        "keyboard": [[{"text": "Меню"}]],
        "resize_keyboard": True,
    }

    # The user presses the inline button: the callback query carries that message.
    update = fake_api.press_button(alice, request, "report:today")
    (delivered,) = await bot.get_updates(offset=update["update_id"], timeout=0)
    query = delivered.callback_query
    assert query is not None and query.data == "report:today" and query.message is not None
    assert query.message.message_id == sent.message_id and query.from_user.id == ALICE
    assert await bot.answer_callback_query(query.id, text="Готово")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query.id)
    with pytest.raises(ValueError, match="no button"):
        fake_api.press_button(alice, request, "report:never")


async def test_telegram_like_validation_errors(fake_api: FakeBotAPI, bot: Bot) -> None:
    fake_api.user(ALICE, "Alice")
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "" at byte offset 2'):
        await bot.send_message(ALICE, "a < b", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "br"'):
        await bot.send_message(ALICE, "a<br>b", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(ALICE, "x" * 4097)
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        button = InlineKeyboardButton(text="x", callback_data="x" * 65)
        await bot.send_message(
            ALICE, "hi", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]])
        )
    assert fake_api.messages_to(ALICE) == []

    sent = await bot.send_message(ALICE, "v1")
    edited = await bot.edit_message_text("v2", chat_id=ALICE, message_id=sent.message_id)
    assert not isinstance(edited, bool) and edited.text == "v2" and edited.edit_date
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("v2", chat_id=ALICE, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("v3", chat_id=ALICE, message_id=999)
    assert await bot.edit_message_text("inline", inline_message_id="AAQ123") is True

    unknown = f"{fake_api.base_url}/bot{fake_api.token}/sendUnicorn"
    async with aiohttp.ClientSession() as session, session.post(unknown) as response:
        assert response.status == 404
        assert await response.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: method not found",
        }


async def test_photo_and_document_uploads_keep_the_exact_bytes(
    fake_api: FakeBotAPI, bot: Bot
) -> None:
    fake_api.user(ALICE, "Alice")
    png = make_png(400, 300)
    csv = "менеджер;сделки\nИванов;5\n".encode()

    photo_message = await bot.send_photo(
        ALICE,
        BufferedInputFile(png, filename="chart.png"),
        caption="<i>Воронка</i>",
        parse_mode="HTML",
    )
    document_message = await bot.send_document(
        ALICE, BufferedInputFile(csv, filename="report.csv"), caption="Отчёт"
    )

    photo_request = await fake_api.wait_for("sendPhoto")
    upload = photo_request.files["photo"]
    assert (upload.filename, upload.content) == ("chart.png", png)
    assert photo_request.params["photo"].startswith("attach://")
    assert photo_request.params["chat_id"] == ALICE
    assert photo_message.photo is not None and photo_message.caption == "Воронка"
    biggest = photo_message.photo[-1]
    assert (biggest.width, biggest.height, biggest.file_size) == (400, 300, len(png))
    assert [size.width for size in photo_message.photo] == [90, 320, 400]
    downloaded = await bot.download(biggest.file_id)
    assert downloaded is not None and downloaded.read() == png

    document_request = await fake_api.wait_for("sendDocument")
    assert document_request.files["document"].content == csv
    document = document_message.document
    assert document is not None
    assert (document.file_name, document.mime_type, document.file_size) == (
        "report.csv",
        "text/csv",
        len(csv),
    )
    file = await bot.get_file(document.file_id)
    assert file.file_path is not None and file.file_size == len(csv)
    assert [r.method for r in fake_api.messages_to(ALICE)] == ["sendPhoto", "sendDocument"]
    assert (await fake_api.wait_for_message(ALICE, contains="Отчёт")) is document_request

    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(ALICE, BufferedInputFile(b"not an image", filename="x.png"))


async def test_injected_errors_raise_the_matching_aiogram_exceptions(
    fake_api: FakeBotAPI, bot: Bot
) -> None:
    fake_api.fail_next("sendMessage", 429, "Too Many Requests: retry after 2", retry_after=2)
    with pytest.raises(TelegramRetryAfter) as retry:
        await bot.send_message(ALICE, "first try")
    assert retry.value.retry_after == 2
    await bot.send_message(ALICE, "second try")
    attempts = fake_api.requests_for("sendMessage")
    assert [(r.ok, r.status) for r in attempts] == [(False, 429), (True, 200)]
    assert attempts[0].response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 2",
        "parameters": {"retry_after": 2},
    }
    assert fake_api.messages_to(ALICE) == [attempts[1]]

    fake_api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=42)
    await bot.send_message(ALICE, "other chats are not affected")
    with pytest.raises(TelegramForbiddenError, match="blocked by the user"):
        await bot.send_message(42, "blocked")

    fake_api.fail_next("sendMessage", 400, migrate_to_chat_id=-1009876543210)
    with pytest.raises(TelegramMigrateToChat) as migrate:
        await bot.send_message(-555, "to the old group")
    assert migrate.value.migrate_to_chat_id == -1009876543210

    wrong = make_bot(fake_api, token="999999:AAE_wrong_token")
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await wrong.get_me()
    finally:
        await close_bot(wrong)
    assert fake_api.requests[-1].status == 401

    with pytest.raises(TelegramNotFound):
        await bot(_UnknownMethod())


class _UnknownMethod(TelegramMethod[bool]):
    """A method the fake does not implement."""

    __returning__ = bool
    __api_method__ = "sendUnicorn"


async def test_an_answer_delay_holds_the_answer_not_the_record(
    fake_api: FakeBotAPI, bot: Bot
) -> None:
    fake_api.answer_delays["sendMessage"] = 0.5
    started = time.monotonic()
    await bot.send_message(ALICE, "slow network")
    assert time.monotonic() - started >= 0.5
    (request,) = fake_api.requests_for("sendMessage")
    assert request.time - started < 0.5  # recorded when it arrived
    started = time.monotonic()
    await bot.get_me()  # other methods answer at once
    assert time.monotonic() - started < 0.5


async def test_membership_changes_and_blocking(fake_api: FakeBotAPI, bot: Bot) -> None:
    alice = fake_api.user(ALICE, "Alice")
    sales = fake_api.group(-4001, "Sales")
    added = fake_api.chat_member_update(sales, alice, "left", "administrator")
    kicked = fake_api.chat_member_update(sales, alice, "administrator", "kicked")
    blocked = fake_api.block_bot(alice)

    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [
        added["update_id"],
        kicked["update_id"],
        blocked["update_id"],
    ]
    change = updates[0].my_chat_member
    assert change is not None and change.chat.title == "Sales"
    assert (change.old_chat_member.status, change.new_chat_member.status) == (
        "left",
        "administrator",
    )
    assert change.new_chat_member.user.id == fake_api.bot_id
    with pytest.raises(TelegramForbiddenError, match="bot was kicked from the group chat"):
        await bot.send_message(sales["id"], "hi")
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(ALICE, "hi")
    fake_api.unblock_bot(alice)
    await bot.send_message(ALICE, "welcome back")
    chat = await bot.get_chat(ALICE)
    assert (chat.id, chat.type, chat.first_name) == (ALICE, "private", "Alice")


async def test_commands_menu_button_and_misc_methods(fake_api: FakeBotAPI, bot: Bot) -> None:
    fake_api.user(ALICE, "Alice")
    commands = [
        BotCommand(command="start", description="Начать"),
        BotCommand(command="report", description="Отчёт"),
    ]
    scope = BotCommandScopeChat(chat_id=ALICE)

    assert await bot.set_my_commands(commands, scope=scope, language_code="ru")
    assert await bot.set_chat_menu_button(chat_id=ALICE, menu_button=MenuButtonCommands())
    assert await bot.send_chat_action(ALICE, "typing")
    assert await bot.delete_webhook(drop_pending_updates=True)
    webhook = await bot.get_webhook_info()

    request = await fake_api.wait_for("setMyCommands")
    assert request.params == {
        "commands": [
            {"command": "start", "description": "Начать"},
            {"command": "report", "description": "Отчёт"},
        ],
        "scope": {"type": "chat", "chat_id": ALICE},
        "language_code": "ru",
    }
    returned = await bot.get_my_commands(scope=scope, language_code="ru")
    assert [c.model_dump() for c in returned] == [c.model_dump() for c in commands]
    assert await bot.get_my_commands() == []
    assert fake_api.my_commands({"type": "chat", "chat_id": ALICE}, "ru")[1]["command"] == "report"
    assert await bot.delete_my_commands(scope=scope, language_code="ru")
    assert fake_api.my_commands({"type": "chat", "chat_id": ALICE}, "ru") == []
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad-Name", description="x")])
    assert fake_api.menu_buttons[ALICE] == {"type": "commands"}
    assert webhook.url == "" and webhook.pending_update_count == 0
    assert (await fake_api.wait_for("sendChatAction")).params == {
        "chat_id": ALICE,
        "action": "typing",
    }
    assert (await fake_api.wait_for("deleteWebhook")).params == {"drop_pending_updates": True}

    sent = await bot.send_message(ALICE, "bye")
    assert await bot.delete_message(ALICE, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(ALICE, sent.message_id)


async def test_wait_helpers_time_out_with_a_readable_dump(fake_api: FakeBotAPI, bot: Bot) -> None:
    await bot.send_message(ALICE, "only this one")
    with pytest.raises(AssertionError) as timeout:
        await fake_api.wait_for_message(ALICE, contains="never", timeout=0.05)
    assert "waiting for a message to chat 1001 containing 'never'" in str(timeout.value)
    assert "sendMessage chat_id=1001 text='only this one' -> ok message_id=1" in str(timeout.value)
    # wait_for keeps a cursor: a second wait needs a second request.
    await fake_api.wait_for("sendMessage")
    with pytest.raises(AssertionError):
        await fake_api.wait_for("sendMessage", timeout=0.05)


async def test_server_listens_on_loopback_only(fake_api: FakeBotAPI) -> None:
    assert fake_api.base_url == f"http://127.0.0.1:{fake_api.port}"
    assert fake_api.port > 0
    assert {address[0] for address in fake_api.addresses} == {"127.0.0.1"}
    # Another loopback address: nothing listens there, the socket is bound to 127.0.0.1 only.
    with pytest.raises(OSError):
        _, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.2", fake_api.port), timeout=1
        )
        writer.close()
        await writer.wait_closed()


# ------------------------------------------------------------------------------ webhook mode

HOOK_URL = "https://bot.example.test/tg/hook"


def free_address() -> str:
    """A local URL nothing listens on (the port was free a moment ago): connection refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/tg/hook"


@contextlib.asynccontextmanager
async def serve(app: web.Application) -> AsyncIterator[str]:
    """Serve ``app`` on 127.0.0.1 (ephemeral port); yields ``http://127.0.0.1:<port>``."""
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


async def test_webhook_posts_updates_in_order_with_the_secret_and_retries_failures(
    fake_api: FakeBotAPI, bot: Bot
) -> None:
    received: list[tuple[str | None, dict]] = []
    answers = [500]  # the first request is refused with 500, the rest accepted

    async def hook(request: web.Request) -> web.Response:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        return web.Response(status=answers.pop(0) if answers else 200)

    app = web.Application()
    app.router.add_post("/tg/hook", hook)
    alice = fake_api.user(ALICE, "Alice")
    fake_api.webhook_retry_delays = (0.01,)
    async with serve(app) as base:
        early = fake_api.send_text(alice, "before the webhook")  # waits, as at Telegram
        # a load balancer in front of a dead and a live instance
        fake_api.deliver_to = [free_address(), f"{base}/tg/hook"]
        assert await bot.set_webhook(
            HOOK_URL, secret_token="s3cr3t_-X", allowed_updates=["message"]
        )
        first = fake_api.send_text(alice, "first")
        skipped = fake_api.press_button(alice, early["message"], "x", check=False)
        second = fake_api.send_text(alice, "second")
        await fake_api.wait_consumed(second)

        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await bot.get_updates()
        info = await bot.get_webhook_info()

    assert [body["update_id"] for _, body in received] == [
        early["update_id"],
        early["update_id"],  # after the 500
        first["update_id"],
        second["update_id"],
    ]
    assert received[0][1] == early  # the JSON of the update, as pushed
    assert {secret for secret, _ in received} == {"s3cr3t_-X"}
    # the callback query is not among allowed_updates: never created, never delivered
    assert fake_api.dropped_updates == [skipped]
    attempts = [(d.update_id, d.status, d.error is not None) for d in fake_api.webhook_deliveries]
    assert attempts == [
        (early["update_id"], None, True),  # connection refused
        (early["update_id"], 500, False),
        (early["update_id"], None, True),
        (early["update_id"], 200, False),
        (first["update_id"], None, True),
        (first["update_id"], 200, False),
        (second["update_id"], None, True),
        (second["update_id"], 200, False),
    ]
    assert all(d.webhook_url == HOOK_URL for d in fake_api.webhook_deliveries)
    assert [d.ok for d in fake_api.deliveries_of(first)] == [False, True]
    assert (fake_api.webhook_url, fake_api.webhook_secret_token) == (HOOK_URL, "s3cr3t_-X")
    assert info.url == HOOK_URL
    assert info.pending_update_count == 0
    assert info.allowed_updates == ["message"]
    assert info.last_error_message  # the last refused connection
    assert fake_api.pending_updates == []

    # deleteWebhook: updates wait for getUpdates again
    assert await bot.delete_webhook()
    later = fake_api.send_text(alice, "polling again")
    assert [u.update_id for u in await bot.get_updates()] == [later["update_id"]]
    assert (fake_api.webhook_url, fake_api.webhook_secret_token) == ("", None)
    assert len(fake_api.webhook_deliveries) == 8


async def test_webhook_wrong_secret_is_retried_and_a_method_in_the_answer_is_executed(
    fake_api: FakeBotAPI, bot: Bot
) -> None:
    """Against aiogram's own webhook handler: 401 while the secrets differ (the update is
    delivered again), then the method the handler returns in its answer is executed."""
    dp = Dispatcher()

    @dp.message()
    async def echo(message: Message) -> SendMessage:
        return message.answer(f"echo: {message.text}")  # answered in the webhook response

    app = web.Application()
    SimpleRequestHandler(dp, bot, handle_in_background=False, secret_token="right").register(
        app, path="/tg/hook"
    )
    alice = fake_api.user(ALICE, "Alice")
    fake_api.webhook_retry_delays = (0.01,)
    with pytest.raises(TelegramBadRequest, match="secret token contains unallowed characters"):
        await bot.set_webhook(HOOK_URL, secret_token="not allowed!")
    with pytest.raises(TelegramBadRequest, match="An HTTPS URL must be provided"):
        await bot.set_webhook("http://bot.example.test/tg/hook")
    async with serve(app) as base:
        fake_api.deliver_to = f"{base}/tg/hook"
        assert await bot.set_webhook(HOOK_URL, secret_token="wrong")
        update = fake_api.send_text(alice, "hello")
        await fake_api.wait_until(
            lambda: len(fake_api.deliveries_of(update)) >= 3, what="three refused deliveries"
        )
        assert await bot.set_webhook(HOOK_URL, secret_token="right")
        reply = await fake_api.wait_for_message(ALICE, contains="echo: hello")
        await fake_api.wait_consumed(update)

    deliveries = fake_api.deliveries_of(update)
    assert {d.status for d in deliveries[:-1]} == {401}
    assert {d.secret_token for d in deliveries[:-1]} == {"wrong"}
    assert (deliveries[-1].status, deliveries[-1].secret_token) == (200, "right")
    assert deliveries[-1].reply is reply
    assert reply.http_method == "WEBHOOK" and reply.ok
    assert reply.params["chat_id"] == ALICE
    assert len(fake_api.messages_to(ALICE)) == 1
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 401 Unauthorized"
    # an empty URL removes the webhook, as deleteWebhook does
    assert await bot.set_webhook("")
    assert fake_api.webhook_url == ""
