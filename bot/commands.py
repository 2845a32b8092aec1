"""The command registry: what exists, for whom, and the Telegram command menus.

/help and the ``setMyCommands`` menus are both built from this list, so a
command appears in them exactly when it exists; /help shows each command in its
group (by task) with one example (``help_<name>`` in the catalogs).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    MenuButtonDefault,
    MenuButtonWebApp,
    WebAppInfo,
)

from bot.i18n import LANGUAGES, Texts, plain_text
from storage.models import Member

log = logging.getLogger(__name__)


# /help's groups, by task, in the order /help shows them
LOG = "log"  # log the work
NUMBERS = "numbers"  # see the numbers
PLANS = "plans"  # plans and digests
TEAM = "team"  # team and settings
INTEGRATIONS = "integrations"  # telephony, CRM, files
GROUPS: tuple[str, ...] = (LOG, NUMBERS, PLANS, TEAM, INTEGRATIONS)


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A command: its name, its /help group (required, so a new command cannot be left
    out of /help), whether only managers may use it, whether it works in a group."""

    name: str
    group: str
    manager_only: bool = False
    in_groups: bool = False


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("log", LOG),
    CommandSpec("call", LOG, in_groups=True),
    CommandSpec("calls", LOG, in_groups=True),
    CommandSpec("lead", LOG, in_groups=True),
    CommandSpec("meeting", LOG, in_groups=True),
    CommandSpec("meetings", LOG),
    CommandSpec("paid", LOG, in_groups=True),
    CommandSpec("proposal", LOG, in_groups=True),
    CommandSpec("undo", LOG, in_groups=True),
    CommandSpec("history", LOG),
    CommandSpec("sources", NUMBERS, in_groups=True),
    CommandSpec("funnel", NUMBERS, in_groups=True),
    CommandSpec("stats", NUMBERS, in_groups=True),
    CommandSpec("trend", NUMBERS, in_groups=True),
    CommandSpec("top", NUMBERS, in_groups=True),
    CommandSpec("race", PLANS, in_groups=True),
    CommandSpec("today", NUMBERS, in_groups=True),
    CommandSpec("week", NUMBERS, in_groups=True),
    CommandSpec("month", NUMBERS, in_groups=True),
    CommandSpec("score", NUMBERS, in_groups=True),
    CommandSpec("plan", PLANS, in_groups=True),
    CommandSpec("link", INTEGRATIONS),
    CommandSpec("diagnose", NUMBERS, in_groups=True),
    CommandSpec("actions", PLANS, in_groups=True),
    CommandSpec("start", TEAM),
    CommandSpec("help", TEAM, in_groups=True),
    CommandSpec("lang", TEAM),
    CommandSpec("team", TEAM, in_groups=True),
    CommandSpec("optout", TEAM, in_groups=True),
    CommandSpec("optin", TEAM, in_groups=True),
    CommandSpec("board", NUMBERS, in_groups=True),
    CommandSpec("setup", TEAM, manager_only=True),
    CommandSpec("invite", TEAM, manager_only=True),
    CommandSpec("invites", TEAM, manager_only=True),
    CommandSpec("role", TEAM, manager_only=True),
    CommandSpec("remove", TEAM, manager_only=True),
    CommandSpec("setchat", TEAM, manager_only=True, in_groups=True),
    CommandSpec("source", TEAM, manager_only=True),
    CommandSpec("import", INTEGRATIONS, manager_only=True),
    CommandSpec("export", INTEGRATIONS, manager_only=True),
    CommandSpec("report", NUMBERS, manager_only=True, in_groups=True),
    CommandSpec("settop", TEAM, manager_only=True),
    CommandSpec("tv", NUMBERS, manager_only=True),
    CommandSpec("setplan", PLANS, manager_only=True),
    CommandSpec("workdays", PLANS, manager_only=True),
    CommandSpec("dayoff", PLANS, manager_only=True),
    CommandSpec("setweight", PLANS, manager_only=True),
    CommandSpec("ramp", PLANS, manager_only=True),
    CommandSpec("digest", PLANS, manager_only=True, in_groups=True),
    CommandSpec("schedule", PLANS, manager_only=True, in_groups=True),
    CommandSpec("settime", PLANS, manager_only=True),
    CommandSpec("timezone", TEAM, manager_only=True),
    CommandSpec("unlink", INTEGRATIONS, manager_only=True),
    CommandSpec("unmatched", INTEGRATIONS, manager_only=True),
    CommandSpec("setting", INTEGRATIONS, manager_only=True),
)

MANAGER_COMMANDS: tuple[str, ...] = tuple(c.name for c in COMMANDS if c.manager_only)


def visible_commands(*, manager: bool, group: bool = False) -> list[CommandSpec]:
    return [
        spec
        for spec in COMMANDS
        if (manager or not spec.manager_only) and (not group or spec.in_groups)
    ]


def menu(texts: Texts, *, manager: bool, group: bool = False) -> list[BotCommand]:
    return [
        BotCommand(command=spec.name, description=texts(f"cmd_{spec.name}"))
        for spec in visible_commands(manager=manager, group=group)
    ]


async def set_default_menus(bot: Bot, default_language: str) -> None:
    """Rep menus per language (and for users of other languages), and the group menu."""
    for language in LANGUAGES:
        texts = Texts(language)
        await bot.set_my_commands(
            menu(texts, manager=False), scope=BotCommandScopeDefault(), language_code=language
        )
        await bot.set_my_commands(
            menu(texts, manager=False, group=True),
            scope=BotCommandScopeAllGroupChats(),
            language_code=language,
        )
    fallback = Texts(default_language)
    await bot.set_my_commands(menu(fallback, manager=False), scope=BotCommandScopeDefault())
    await bot.set_my_commands(
        menu(fallback, manager=False, group=True), scope=BotCommandScopeAllGroupChats()
    )


async def set_member_menu(bot: Bot, member: Member, language: str) -> None:
    """Managers get the full menu in their private chat; others the default one."""
    scope = BotCommandScopeChat(chat_id=member.tg_user_id)
    try:
        if member.active and member.is_manager:
            await bot.set_my_commands(menu(Texts(language), manager=True), scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
    except TelegramAPIError as exc:
        # A member who never opened the bot has no private chat yet: not an error.
        log.info("command menu not set", extra={"member_id": member.id, "reason": str(exc)})


async def set_board_button(bot: Bot, member: Member, language: str, webapp_url: str | None) -> None:
    """An active member's private chat gets a menu button that opens the wallboard Mini
    App; a switched-off member's goes back to Telegram's default. Without ``WEBAPP_URL``
    the menu button is not touched."""
    if not webapp_url:
        return
    if member.active:
        text = plain_text(Texts(language)("board_menu_button"))
        button: MenuButtonWebApp | MenuButtonDefault = MenuButtonWebApp(
            text=text, web_app=WebAppInfo(url=webapp_url)
        )
    else:
        button = MenuButtonDefault()
    try:
        await bot.set_chat_menu_button(chat_id=member.tg_user_id, menu_button=button)
    except TelegramAPIError as exc:
        # No private chat yet, blocked, or Telegram's flood limit: the next /start sets it.
        log.info("menu button not set", extra={"member_id": member.id, "reason": str(exc)})
