"""Access filters, applied to whole routers (never ``if``s inside handlers)."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject

from storage.models import Member


class IsMember(Filter):
    """An active member of a team."""

    async def __call__(self, event: TelegramObject, member: Member | None = None) -> bool:
        return member is not None and member.active


class IsManager(Filter):
    """An active member with the manager role."""

    async def __call__(self, event: TelegramObject, member: Member | None = None) -> bool:
        return member is not None and member.active and member.is_manager


class IsStranger(Filter):
    """Not an active member: someone who was never invited, or was switched off."""

    async def __call__(self, event: TelegramObject, member: Member | None = None) -> bool:
        return member is None or not member.active
