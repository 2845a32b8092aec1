"""Outer middlewares: one unit of work per update, and who is asking."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.types import TelegramObject, Update, User
from sqlalchemy.exc import IntegrityError

from bot.commands import set_member_menu
from bot.i18n import Texts, pick_language
from bot.logs import update_id_var, user_id_var
from bot.settings import Settings
from storage.db import Database
from storage.models import Member, Team
from storage.repos import DuplicateUpdate, MembersRepo, TeamsRepo
from storage.unit import UnitOfWork

log = logging.getLogger("bot.updates")

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UpdateMiddleware(BaseMiddleware):
    """Skips re-delivered updates, gives the handler a unit of work, contains errors.

    An error inside a handler rolls back whatever it had not committed, is
    logged with the update id, and the user gets a short "nothing was saved"
    reply; the update is still marked processed so a re-delivery does not
    repeat the failure.
    """

    def __init__(self, db: Database, default_language: str = "ru") -> None:
        self.db = db
        self.default_language = default_language

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        bot: Bot = data["bot"]
        user: User | None = data.get("event_from_user")
        update_token = update_id_var.set(event.update_id)
        user_token = user_id_var.set(user.id if user else None)
        try:
            sender = user.id if user is not None and not user.is_bot else None
            uow = UnitOfWork(self.db, bot.id, event.update_id, sender)
            try:
                seen = await uow.already_processed()
            except Exception:  # the database did not answer: say so, nothing was saved
                log.exception("update failed", extra={"event_type": event.event_type})
                await self._apologise(bot, event, data, self.default_language)
                return None
            if seen:
                log.info("duplicate update skipped")
                return None
            data["uow"] = uow
            try:
                result = await handler(event, data)
            except DuplicateUpdate:
                log.info("duplicate update skipped (concurrent)")
                return None
            except Exception:
                log.exception("update failed", extra={"event_type": event.event_type})
                try:
                    await uow.finish()
                except Exception:
                    log.exception("could not mark a failed update as processed")
                await self._apologise(bot, event, data, self.default_language)
                return None
            await uow.finish()
            return result
        finally:
            update_id_var.reset(update_token)
            user_id_var.reset(user_token)

    @staticmethod
    async def _apologise(bot: Bot, update: Update, data: dict[str, Any], default: str) -> None:
        """Tell the user nothing was saved, in their language (the member's when known,
        else Telegram's, else the configured default)."""
        texts: Texts | None = data.get("texts")
        if texts is None:
            user: User | None = data.get("event_from_user")
            texts = Texts(pick_language(None, user.language_code if user else None, None, default))
        text = texts("error_generic")
        with suppress(Exception):
            if update.callback_query is not None:
                await bot.answer_callback_query(
                    update.callback_query.id, text=text, show_alert=True
                )
            elif update.message is not None:
                await bot.send_message(update.message.chat.id, text)


class MemberMiddleware(BaseMiddleware):
    """Finds who sent the update: ``member`` (or None), their ``team``, ``texts``, ``lang``.

    Bootstrap admins (ADMIN_IDS) are made managers of the default team on
    first contact, and stay active managers.
    """

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        member, team = await self._sender(user, data.get("uow"))
        assert team is not None, "the default team is created at start-up"
        promoted = False
        if user is not None and not user.is_bot:
            was_manager = member is not None and member.active and member.is_manager
            chat = data.get("event_chat")
            private = chat is not None and chat.type == "private"
            member = await self._sync_member(user, member, team, private=private)
            promoted = not was_manager and member is not None and member.is_manager
        lang = pick_language(
            member.language if member else None,
            user.language_code if user else None,
            team.language,
            self.settings.default_language,
        )
        if promoted and member is not None:
            await set_member_menu(data["bot"], member, lang)
        data["member"] = member
        data["team"] = team
        data["lang"] = lang
        data["texts"] = Texts(lang)
        return await handler(event, data)

    async def _sender(
        self, user: User | None, uow: UnitOfWork | None
    ) -> tuple[Member | None, Team | None]:
        """The member and their team, as the update middleware read them with the
        processed-update marker (one statement), or read here if it did not."""
        known = uow.arrival if uow is not None else None
        if known is not None and known.team is not None:
            return known.member, known.team
        member: Member | None = None
        async with self.db.read() as conn:
            teams_repo = TeamsRepo(conn)
            if user is not None and not user.is_bot:
                member = await MembersRepo(conn).by_tg_id(user.id)
            team = await teams_repo.get(member.team_id) if member else await teams_repo.default()
        return member, team

    async def _sync_member(
        self, user: User, member: Member | None, team: Team, *, private: bool
    ) -> Member | None:
        is_admin = user.id in self.settings.admin_ids
        needs_admin_fix = is_admin and (
            member is None or not member.active or not member.is_manager
        )
        profile_changed = member is not None and (
            member.display_name != user.full_name
            or member.username != user.username
            or member.tg_language != user.language_code
        )
        # A member who blocked the bot (403) and writes to it in private is reachable again.
        back_in_touch = private and member is not None and member.unreachable_at is not None
        if not needs_admin_fix and not profile_changed and not back_in_touch:
            return member
        if member is None:
            try:
                async with self.db.transaction() as conn:
                    added = await MembersRepo(conn).add(
                        team_id=team.id,
                        tg_user_id=user.id,
                        display_name=user.full_name,
                        username=user.username,
                        roles={"manager"},
                        tg_language=user.language_code,
                    )
            except IntegrityError:  # their other first message, handled at the same time
                async with self.db.read() as conn:
                    return await MembersRepo(conn).by_tg_id(user.id)
            log.info("bootstrap admin joined", extra={"team_id": team.id})
            return added
        async with self.db.transaction() as conn:
            repo = MembersRepo(conn)
            await repo.update_profile(
                member.id,
                display_name=user.full_name,
                username=user.username,
                tg_language=user.language_code,
            )
            if back_in_touch:
                await repo.mark_reachable(user.id)
            if needs_admin_fix:
                await repo.set_active(member.id, True)
                await repo.set_roles(member.id, set(member.roles) | {"manager"})
            return await repo.get(member.id)
