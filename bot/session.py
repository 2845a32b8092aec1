"""The HTTP session to Telegram: aiogram's, with the answer models kept.

aiogram reads every answer of Telegram through a model made for the method's result,
``Response[Message]`` for ``sendMessage``. pydantic makes such a model the first time it
is asked for and, as aiogram asks inside a function, remembers it only weakly: once
nothing else holds it, the garbage collector takes it, and the next answer builds it
again (about a millisecond and a half of schema work). Under load that happened for most
replies (benchmarks/bench_load.py: a tenth of the event loop's time, issue 19). Here each
model is held for the life of the process: one per kind of answer the bot has had, a few
dozen at most.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import Response
from aiogram.methods import TelegramMethod

_KEPT: dict[Any, type[Response[Any]]] = {}


def keep_response_model(returning: Any) -> None:
    """Hold ``Response[returning]`` so that pydantic's cache keeps answering with it."""
    try:
        if returning not in _KEPT:
            _KEPT[returning] = Response[returning]
    except TypeError:  # an unhashable result type: nothing to keep, aiogram still works
        pass


class TelegramSession(AiohttpSession):
    def check_response(
        self, bot: Bot, method: TelegramMethod[Any], status_code: int, content: str
    ) -> Response[Any]:
        keep_response_model(method.__returning__)
        return super().check_response(bot, method, status_code, content)
