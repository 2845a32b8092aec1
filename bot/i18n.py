"""Texts in the member's language: ``texts("key", name=...)``.

A member's language is their own choice (/lang), else their Telegram
``language_code`` when it is ``ru`` or ``en``, else the team's language.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot.locales import en, ru

LANGUAGES: dict[str, dict[str, str]] = {"ru": ru.MESSAGES, "en": en.MESSAGES}


@dataclass(frozen=True, slots=True)
class Raw:
    """A value that is already HTML and must not be escaped."""

    html: str

    def __str__(self) -> str:
        return self.html


class Html(str):
    """Text that is already HTML (what ``Texts`` returns): never escaped again, so
    messages can be composed from other messages."""


def normalize_language(code: str | None) -> str | None:
    """``"ru-RU"`` -> ``"ru"``; None for a language we do not speak."""
    if not code:
        return None
    base = code.split("-")[0].split("_")[0].lower()
    return base if base in LANGUAGES else None


def pick_language(
    chosen: str | None, telegram_code: str | None, team_language: str | None, default: str
) -> str:
    for candidate in (chosen, normalize_language(telegram_code), team_language, default):
        if candidate in LANGUAGES:
            return candidate
    return "ru"


def _safe(value: object) -> str:
    if isinstance(value, Raw):
        return value.html
    if isinstance(value, Html):
        return value
    return html.escape(str(value), quote=False)


class Texts:
    """The texts of one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._messages = LANGUAGES[language]

    def __call__(self, key: str, **values: object) -> Html:
        return Html(self._messages[key].format(**{k: _safe(v) for k, v in values.items()}))

    def role(self, role: str) -> str:
        return self._messages[f"role_{role}"]

    def roles(self, roles: list[str]) -> str:
        return ", ".join(self.role(role) for role in roles) if roles else self("roles_none")
