"""A Bot whose session records every request and answers like Telegram would.

Modelled on aiogram's own ``tests/mocked_bot.py``, but results are made up from
the request (a sent message comes back as a Message in that chat), so tests do
not have to queue a response for every call.
"""

from __future__ import annotations

import itertools
from collections import defaultdict, deque
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.enums import ParseMode
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Chat, Message, User

BOT_ID = 42


class RecordingSession(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self._failures: dict[str, deque[tuple[Exception, int | None]]] = defaultdict(deque)
        self._message_ids = itertools.count(1000)

    def fail_next(self, method_name: str, error: Exception, chat_id: int | None = None) -> None:
        """The next call of ``method_name`` (e.g. "sendMessage"), to ``chat_id`` if given,
        raises ``error``."""
        self._failures[method_name].append((error, chat_id))

    async def close(self) -> None:
        pass

    async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        yield b""

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (the signature is aiogram's)
    ) -> TelegramType:
        self.requests.append(method)
        name = method.__api_method__
        for failure in self._failures[name]:
            error, chat_id = failure
            if chat_id is None or int(getattr(method, "chat_id", 0)) == chat_id:
                self._failures[name].remove(failure)
                raise error
        return self._result(bot, name, method)  # type: ignore[return-value]

    def _result(self, bot: Bot, name: str, method: Any) -> Any:
        if name == "getMe":
            return User(
                id=BOT_ID, is_bot=True, first_name="Iron Funnel", username="iron_funnel_bot"
            )
        if name in {"sendMessage", "editMessageText", "sendPhoto", "sendDocument"}:
            chat_id = int(method.chat_id)
            return Message(
                message_id=getattr(method, "message_id", None) or next(self._message_ids),
                date=datetime.now(UTC),
                chat=Chat(id=chat_id, type="private" if chat_id > 0 else "supergroup"),
                text=getattr(method, "text", None),
                caption=getattr(method, "caption", None),
                reply_markup=getattr(method, "reply_markup", None),
            ).as_(bot)
        if name == "sendMediaGroup":  # an album: one message per photo, the caption on the first
            chat_id = int(method.chat_id)
            return [
                Message(
                    message_id=next(self._message_ids),
                    date=datetime.now(UTC),
                    chat=Chat(id=chat_id, type="private" if chat_id > 0 else "supergroup"),
                    media_group_id="album",
                    caption=getattr(media, "caption", None),
                ).as_(bot)
                for media in method.media
            ]
        return True


class MockedBot(Bot):
    session: RecordingSession

    def __init__(self) -> None:
        super().__init__(
            token=f"{BOT_ID}:TEST_TOKEN_abcdefghijklmnopqrstuvwxyz",
            session=RecordingSession(),
            default=DefaultBotProperties(parse_mode=ParseMode.HTML),
        )

    @property
    def requests(self) -> list[TelegramMethod[Any]]:
        return self.session.requests

    def sent(self, chat_id: int | None = None, method: str = "sendMessage") -> list[Any]:
        """Requests of one kind (default: sent messages), optionally to one chat."""
        return [
            r
            for r in self.session.requests
            if r.__api_method__ == method
            and (chat_id is None or int(getattr(r, "chat_id", 0)) == chat_id)
        ]

    def texts_to(self, chat_id: int) -> list[str]:
        return [r.text for r in self.sent(chat_id)]

    def last_text(self, chat_id: int) -> str:
        texts = self.texts_to(chat_id)
        assert texts, f"nothing was sent to {chat_id}; requests: {self.session.requests}"
        return texts[-1]
