"""Invite links (managers): /invite <role>, /invites with revoke buttons."""

from __future__ import annotations

from datetime import timedelta

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.deep_linking import create_start_link

from bot.arguments import parse_role
from bot.filters import IsManager
from bot.i18n import Raw, Texts
from bot.settings import Settings
from storage.models import Invite, Member, Team
from storage.repos import InvitesRepo
from storage.unit import UnitOfWork
from views.keyboards import RevokeInvite, revoke_button
from views.values import format_when

router = Router(name=__name__)
router.message.filter(IsManager())
router.callback_query.filter(IsManager())


async def invite_link(bot: Bot, invite: Invite) -> str:
    return await create_start_link(bot, invite.code)


@router.message(Command("invite"))
async def create_invite(
    message: Message,
    command: CommandObject,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
    settings: Settings,
) -> None:
    if not command.args:
        await message.answer(texts("invite_usage"))
        return
    word = command.args.split()[0]
    role = parse_role(word)
    if role is None:
        await message.answer(texts("invite_unknown_role", role=word[:40]))
        return
    async with uow.write() as conn:
        invite = await InvitesRepo(conn).create(
            team_id=team.id,
            role=role,
            created_by=member.id,
            ttl=timedelta(days=settings.invite_ttl_days),
        )
    await message.answer(
        texts(
            "invite_created",
            role=texts.role(role),
            expires=format_when(invite.expires_at, team, texts),
            link=Raw(await invite_link(bot, invite)),
            team=team.name,
        ),
        disable_web_page_preview=True,
    )


async def invites_view(
    bot: Bot, team: Team, texts: Texts, invites: list[Invite]
) -> tuple[str, InlineKeyboardMarkup | None]:
    if not invites:
        return texts("invites_empty"), None
    lines = [texts("invites_header", team=team.name)]
    buttons = []
    for n, invite in enumerate(invites, start=1):
        role = texts.role(invite.role)
        lines.append(
            texts(
                "invites_item",
                n=n,
                role=role,
                expires=format_when(invite.expires_at, team, texts),
                link=Raw(await invite_link(bot, invite)),
            )
        )
        buttons.append(revoke_button(invite.id, texts("invite_revoke_button", n=n, role=role)))
    return "\n\n".join(lines), InlineKeyboardMarkup(inline_keyboard=buttons)


@router.message(Command("invites"))
async def list_invites(
    message: Message, bot: Bot, team: Team, texts: Texts, uow: UnitOfWork
) -> None:
    async with uow.read() as conn:
        invites = await InvitesRepo(conn).active(team.id)
    text, markup = await invites_view(bot, team, texts, invites)
    await message.answer(text, reply_markup=markup, disable_web_page_preview=True)


@router.callback_query(RevokeInvite.filter())
async def revoke_invite(
    query: CallbackQuery,
    callback_data: RevokeInvite,
    bot: Bot,
    member: Member,
    team: Team,
    texts: Texts,
    uow: UnitOfWork,
) -> None:
    async with uow.write() as conn:
        repo = InvitesRepo(conn)
        invite = await repo.get(callback_data.invite_id)
        revoked = (
            invite is not None
            and invite.team_id == team.id
            and await repo.revoke(invite.id, member.id)
        )
        remaining = await repo.active(team.id)
    await query.answer(texts("invite_revoked" if revoked else "invite_already_revoked"))
    if revoked and isinstance(query.message, Message):
        text, markup = await invites_view(bot, team, texts, remaining)
        await query.message.edit_text(text, reply_markup=markup, disable_web_page_preview=True)
