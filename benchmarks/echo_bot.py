"""A bare aiogram echo bot: the baseline of ``benchmarks/bench_load.py --echo``.

    BOT_TOKEN=... TELEGRAM_API_BASE=http://127.0.0.1:PORT .venv/bin/python benchmarks/echo_bot.py

One Dispatcher, one handler that answers every message with its text. The reply starts with
the update id so that the benchmark can tell which update it answers (a re-delivered update
is answered again: there is no deduplication here). No database, no middlewares.
"""

from __future__ import annotations

import asyncio
import logging
import os

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message, Update

dp = Dispatcher()


@dp.message()
async def echo(message: Message, event_update: Update) -> None:
    await message.answer(f"{event_update.update_id} {message.text or ''}")


async def main() -> None:
    base = os.environ.get("TELEGRAM_API_BASE")
    session = AiohttpSession(api=TelegramAPIServer.from_base(base)) if base else AiohttpSession()
    bot = Bot(os.environ["BOT_TOKEN"], session=session)
    await bot.delete_webhook(drop_pending_updates=False)
    await dp.start_polling(bot)


if __name__ == "__main__":
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING"))
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    asyncio.run(main())
