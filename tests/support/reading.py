"""Whether a Russian text slips into English prose."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
