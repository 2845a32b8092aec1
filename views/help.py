"""/help as people read it: the commands of the reader's roles, grouped by task, each
group a collapsed quote (Telegram's expandable blockquote) under its title, every
command with one example (``help_<name>``)."""

from __future__ import annotations

from bot.commands import GROUPS, CommandSpec, visible_commands
from bot.i18n import Texts
from storage.models import Member


def help_groups(member: Member, *, group: bool = False) -> dict[str, list[CommandSpec]]:
    """The commands ``member`` may use (in a group chat: those that work there), by /help
    group in /help's order; a group with none of them is left out."""
    specs = visible_commands(manager=member.is_manager, group=group)
    found = {name: [spec for spec in specs if spec.group == name] for name in GROUPS}
    return {name: commands for name, commands in found.items() if commands}


def help_text(texts: Texts, member: Member, *, group: bool = False) -> str:
    parts = [texts("help_header")]
    for name, commands in help_groups(member, group=group).items():
        lines = "\n".join(texts(f"help_{spec.name}") for spec in commands)
        parts.append(f"{texts(f'help_group_{name}')}\n<blockquote expandable>{lines}</blockquote>")
    parts.append(texts("help_footer"))
    return "\n".join(parts)
