"""The session to Telegram keeps aiogram's answer models (bot/session.py).

pydantic holds ``Response[Message]`` weakly: once collected, the next answer built it
again (schema work of about a millisecond and a half), which under load happened for
most replies (issue 19)."""

from __future__ import annotations

import gc
import json
import weakref

from aiogram import Bot
from aiogram.client.session.base import Response
from aiogram.methods import SendMessage
from aiogram.types import Message

from bot.session import TelegramSession

ANSWER = {
    "ok": True,
    "result": {
        "message_id": 3,
        "date": 1_765_000_000,
        "chat": {"id": 5, "type": "private"},
        "text": "✔️ сохранено",
    },
}


async def test_an_answer_model_outlives_the_garbage_collector() -> None:
    session = TelegramSession()
    bot = Bot("42:TEST", session=session)
    try:
        method = SendMessage(chat_id=5, text="hi")
        response = session.check_response(bot, method, 200, json.dumps(ANSWER))
        assert isinstance(response.result, Message)
        assert response.result.text == "✔️ сохранено"
        model = weakref.ref(type(response))
        del response
        gc.collect()
        assert model() is not None
        assert Response[Message] is model()  # the next answer finds it: nothing rebuilt
    finally:
        await session.close()
