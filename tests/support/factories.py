"""Factories for Telegram updates, so handler tests read like conversations."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from aiogram.types import Update

from storage.feeds import CallEvent

_update_ids = itertools.count(1)
_message_ids = itertools.count(1)
_callback_ids = itertools.count(1)


def user(user_id: int, first_name: str = "User", **extra: Any) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": first_name, **extra}


def private_chat(of: dict[str, Any]) -> dict[str, Any]:
    return {"id": of["id"], "type": "private", "first_name": of["first_name"]}


def group_chat(chat_id: int = -100500, title: str = "Sales team", kind: str = "group") -> dict:
    return {"id": chat_id, "type": kind, "title": title}


def message_update(
    sender: dict[str, Any], text: str, chat: dict[str, Any] | None = None, **extra: Any
) -> Update:
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(datetime.now(UTC).timestamp()),
        "chat": chat or private_chat(sender),
        "from": sender,
        "text": text,
        **extra,
    }
    if text.startswith("/"):
        command = text.split()[0]
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return Update.model_validate({"update_id": next(_update_ids), "message": message})


def service_update(sender: dict[str, Any], chat: dict[str, Any], **fields: Any) -> Update:
    message = {
        "message_id": next(_message_ids),
        "date": int(datetime.now(UTC).timestamp()),
        "chat": chat,
        "from": sender,
        **fields,
    }
    return Update.model_validate({"update_id": next(_update_ids), "message": message})


def callback_update(
    sender: dict[str, Any], data: str, message_text: str = "…", chat: dict | None = None
) -> Update:
    message = {
        "message_id": next(_message_ids),
        "date": int(datetime.now(UTC).timestamp()),
        "chat": chat or private_chat(sender),
        "from": {"id": 42, "is_bot": True, "first_name": "Iron Funnel"},
        "text": message_text,
    }
    query = {
        "id": str(next(_callback_ids)),
        "from": sender,
        "chat_instance": "ci",
        "message": message,
        "data": data,
    }
    return Update.model_validate({"update_id": next(_update_ids), "callback_query": query})


def my_chat_member_update(
    actor: dict[str, Any], chat: dict[str, Any], old: str = "left", new: str = "member"
) -> Update:
    bot_user = {"id": 42, "is_bot": True, "first_name": "Iron Funnel"}
    event = {
        "chat": chat,
        "from": actor,
        "date": int(datetime.now(UTC).timestamp()),
        "old_chat_member": {"status": old, "user": bot_user},
        "new_chat_member": {"status": new, "user": bot_user},
    }
    return Update.model_validate({"update_id": next(_update_ids), "my_chat_member": event})


def call_event(
    external_id: str,
    agent: str,
    *,
    occurred_at: datetime,
    provider: str = "mango",
    duration_s: int = 90,
    direction: str = "out",
    source: str | None = None,
    client: str | None = None,
) -> CallEvent:
    """A finished call as a telephony adapter reports it."""
    return CallEvent(
        provider=provider,
        external_id=external_id,
        occurred_at=occurred_at,
        duration_s=duration_s,
        direction=direction,
        agent=agent,
        source=source,
        client=client,
    )
