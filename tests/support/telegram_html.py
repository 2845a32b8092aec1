"""Read a reply the way Telegram does with ``parse_mode=HTML``.

``visible_text(html)`` parses Telegram's HTML subset, keeps the text, drops the
tags and turns each entity back into its character once: what a person sees.
It fails (``MalformedHtml``) where Telegram would answer "can't parse entities":
a tag Telegram does not know, an attribute it does not take, a tag closed out
of order or left open, a bare ``<``, ``>`` or ``&``, an unknown named entity.

See https://core.telegram.org/bots/api#html-style
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

TEXT_LIMIT = 4096  # Telegram's limit for a message text, after entities parsing
CALLBACK_ANSWER_LIMIT = 200

# tag -> the attributes Telegram accepts on it
TAGS: dict[str, frozenset[str]] = {
    "b": frozenset(),
    "strong": frozenset(),
    "i": frozenset(),
    "em": frozenset(),
    "u": frozenset(),
    "ins": frozenset(),
    "s": frozenset(),
    "strike": frozenset(),
    "del": frozenset(),
    "span": frozenset({"class"}),
    "tg-spoiler": frozenset(),
    "a": frozenset({"href"}),
    "tg-emoji": frozenset({"emoji-id"}),
    "code": frozenset({"class"}),
    "pre": frozenset(),
    "blockquote": frozenset({"expandable"}),
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# every "&" must start one of these, with its semicolon
_AMPERSAND = re.compile(r"&(?!(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);)")


class MalformedHtml(AssertionError):
    """Telegram would refuse this text."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            raise MalformedHtml(f"unsupported tag <{tag}>")
        for name, _value in attrs:
            if name not in TAGS[tag]:
                raise MalformedHtml(f"unsupported attribute {name!r} on <{tag}>")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise MalformedHtml(f"self-closing tag <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise MalformedHtml(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for char in "<>&":
            if char in data:
                raise MalformedHtml(f"bare {char!r} in {data[:80]!r}")
        self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in NAMED_ENTITIES:
            raise MalformedHtml(f"unknown entity &{name};")
        self.parts.append(NAMED_ENTITIES[name])

    def handle_charref(self, name: str) -> None:
        code = int(name[1:], 16) if name[:1] in {"x", "X"} else int(name)
        self.parts.append(chr(code))

    def handle_comment(self, data: str) -> None:
        raise MalformedHtml("a comment")

    def handle_decl(self, decl: str) -> None:
        raise MalformedHtml(f"a declaration <!{decl}>")

    def handle_pi(self, data: str) -> None:
        raise MalformedHtml(f"a processing instruction <?{data}>")

    def unknown_decl(self, data: str) -> None:
        raise MalformedHtml(f"a declaration <![{data}]>")


def visible_text(html: str) -> str:
    """The text a person sees when Telegram shows ``html`` (parse_mode HTML)."""
    bare = _AMPERSAND.search(html)
    if bare:
        at = bare.start()
        raise MalformedHtml(f"bare '&' at {at}: {html[at : at + 20]!r}")
    reader = _Reader()
    reader.feed(html)
    reader.close()
    if reader.open:
        raise MalformedHtml(f"tags left open: {reader.open}")
    return "".join(reader.parts)


def telegram_length(text: str) -> int:
    """A length as Telegram counts it: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2
