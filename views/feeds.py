"""The feeds' texts: events held for unknown agents, and the list of agent links."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.i18n import Texts
from services.feeds import AgentLink
from storage.feeds import HeldAgent
from storage.models import Team


def unmatched_text(held: list[HeldAgent], team: Team, texts: Texts) -> str:
    zone = ZoneInfo(team.timezone)
    lines = [texts("unmatched_title")]
    for h in held:
        first = h.first.astimezone(zone).strftime("%d.%m")
        last = h.last.astimezone(zone).strftime("%d.%m")
        lines.append(
            texts(
                f"unmatched_line_{h.kind}",
                agent=h.agent or "?",
                provider=h.provider,
                count=h.count,
                days=first if first == last else f"{first}–{last}",
            )
        )
    lines.append(texts("unmatched_hint", agent=held[0].agent or "101"))
    return "\n".join(lines)


def links_text(links: list[AgentLink], texts: Texts) -> str:
    if not links:
        return texts("links_none")
    lines = [texts("links_title")]
    for link in links:
        lines.append(texts("links_line", agent=link.agent, name=link.name))
    return "\n".join(lines)
