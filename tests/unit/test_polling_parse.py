"""The durable polling (bot/polling.py) makes ``Update`` objects of new updates only.

Until an update is handled, every ``getUpdates`` answer carries it again (the offset may
not move past it), and after a slow one also the finished updates behind it. Those are
already in the handlers' hands: parsing them again was most of what a burst of commands
cost the event loop (issue 19)."""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram.methods import GetUpdates
from aiogram.types import Update

from bot.polling import DurableDispatcher


def message(update_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_765_000_000,
            "chat": {"id": 5, "type": "private"},
            "from": {"id": 5, "is_bot": False, "first_name": "Ivan"},
            "text": f"/call 75s c{update_id}",
        },
    }


class Telegram:
    """getUpdates from the offset: everything not confirmed yet, as Telegram does."""

    id = 1
    session = type("Session", (), {"timeout": None})()

    def __init__(self, pending: list[int]) -> None:
        self.pending = pending
        self.offsets: list[int | None] = []

    async def __call__(self, method: Any, **kwargs: Any) -> list[dict[str, Any]]:
        assert isinstance(method, GetUpdates)
        self.offsets.append(method.offset)
        await asyncio.sleep(0)
        return [message(i) for i in self.pending if method.offset is None or i >= method.offset]


async def test_updates_still_being_handled_are_not_parsed_again(monkeypatch) -> None:
    parsed: list[int] = []
    validate = Update.model_validate.__func__  # type: ignore[attr-defined]

    def counting(cls, obj, *args, **kwargs):
        parsed.append(obj["update_id"])
        return validate(cls, obj, *args, **kwargs)

    monkeypatch.setattr(Update, "model_validate", classmethod(counting))
    dp, bot = DurableDispatcher(), Telegram([10, 11, 12])
    handed: list[Update] = []

    async def poll() -> None:
        async for update in dp._listen_updates(bot):  # type: ignore[arg-type]
            handed.append(update)  # the handlers keep them all unfinished
            if update.update_id == 12:
                bot.pending.append(13)  # a new one arrives at Telegram

    task = asyncio.create_task(poll())
    for _ in range(50):
        await asyncio.sleep(0.01)
        dp._finished.set()  # a handler of something else finished: poll again
        if len(handed) == 4:
            break
    task.cancel()
    assert [u.update_id for u in handed] == [10, 11, 12, 13]
    assert handed[3].message.text == "/call 75s c13"
    assert len(bot.offsets) >= 3  # asked again and again from update 10...
    assert set(bot.offsets[1:]) == {10}
    assert parsed == [10, 11, 12, 13]  # ...but each update was parsed once
