"""What a person reads: Telegram HTML as text, and whether a Russian text slips into English."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(html_text: str) -> str:
    """The text Telegram shows for an HTML message: tags gone, entities undone."""
    parser = _Visible()
    parser.feed(html_text)
    parser.close()
    return "".join(parser.parts)


_WORD = re.compile(r"-{0,2}[A-Za-z][A-Za-z0-9_*-]*")  # a flag keeps its dashes


def english_words(text: str, allowed: Iterable[str], typed: Iterable[str] = ()) -> list[str]:
    """ASCII words of 4+ letters in ``text`` that are neither ``allowed`` (column
    names, kinds, flags, brand names) nor part of a value the user ``typed``."""
    for value in sorted({str(v) for v in typed if str(v)}, key=len, reverse=True):
        text = text.replace(value, " ")
    allowed = set(allowed)
    return [
        word
        for word in _WORD.findall(text)
        if word not in allowed and sum(ch.isascii() and ch.isalpha() for ch in word) >= 4
    ]
