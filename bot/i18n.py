"""Texts in the member's language: ``texts("key", name=..., count=3)``.

The texts live in Fluent catalogs, ``bot/locales/<language>/*.ftl`` (one file
per feature area, all loaded into one bundle per language), so every text that
carries a count chooses its CLDR plural form in the catalog itself::

    calls-logged = { $count } { $count ->
        [one] звонок
        [few] звонка
       *[many] звонков
    }

Values are given as Python values and HTML-escaped here, once, at the edge:
``str`` values are escaped (unless they are ``Html``/``Raw``: text that is
already HTML), ``int``, ``float`` and ``Decimal`` values go to Fluent as numbers
(plural selection), and Fluent shows them through the one number formatter
(``views.formatting.format_count``: CLDR grouping and decimal separator), so a
count in a sentence reads as it does in a table. A variable whose name ends in
``_id`` is an identifier (``#1234``), shown without grouping.
A value that carries right-to-left embeddings or overrides (a name typed with
U+202E) is wrapped in an isolate (U+2068 ... U+2069), so it cannot turn the rest
of the line around; the value itself is shown as typed.

So stored values are raw (what was typed) and escaping happens only here. A
message composed of other messages stays ``Html`` only if it says so: ``+``,
``join`` and f-strings give a plain ``str``, which a further ``texts(...)``
would escape again. Wrap a composition of messages in ``Html(...)`` before it
goes into another message. Where the text is not HTML (a callback answer, a
button label, a chart), use ``plain_text`` on a message and ``shorten`` on a
typed name: both work on plain text and never cut an entity or a tag.

A member's language is their own choice (/lang), else their Telegram
``language_code`` when it is ``ru`` or ``en``, else the team's language.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.resolver import CurrentEnvironment, ResolverEnvironment
from fluent.runtime.types import FluentFloat, FluentInt
from fluent.runtime.utils import native_to_fluent
from fluent.syntax import FluentParser, ast, visitor

from metrics.registry import name as metric_name
from views.formatting import format_count

LOCALES = Path(__file__).with_name("locales")
LANGUAGES: tuple[str, ...] = ("ru", "en")


@dataclass(frozen=True, slots=True)
class Raw:
    """A value that is already HTML and must not be escaped."""

    html: str

    def __str__(self) -> str:
        return self.html


class Html(str):
    """Text that is already HTML (what ``Texts`` returns): never escaped again, so
    messages can be composed from other messages."""


class CatalogError(Exception):
    """A catalog is broken, or a text was asked for with wrong values."""


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


def catalog_files(language: str) -> list[Path]:
    return sorted((LOCALES / language).glob("*.ftl"))


class _Int(FluentInt):
    """A whole number in a text: Fluent selects its plural form, the one formatter writes it."""

    def format(self, locale: Locale) -> str:
        return format_count(int(self), locale.language)


class _Float(FluentFloat):
    """A fractional number in a text (plural category "other" in Russian: 1,5 минуты)."""

    def format(self, locale: Locale) -> str:
        return format_count(Decimal(repr(float(self))), locale.language)


class _Bundle(FluentBundle):
    """``FluentBundle`` that keeps our number types: its own ``format_pattern`` turns
    every int into a plain ``FluentInt``, which Fluent would format by itself."""

    def format_pattern(self, pattern, args=None):  # type: ignore[no-untyped-def]
        fluent_args = {
            name: value if isinstance(value, _Int | _Float) else native_to_fluent(value)
            for name, value in (args or {}).items()
        }
        errors: list[Exception] = []
        env = ResolverEnvironment(
            context=self, current=CurrentEnvironment(args=fluent_args), errors=errors
        )
        try:
            result = pattern(env)
        except ValueError as error:
            errors.append(error)
            result = "{???}"
        return result, errors


@cache
def _bundle(language: str) -> FluentBundle:
    bundle = _Bundle([language], use_isolating=False)
    for path in catalog_files(language):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle


class _Variables(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)
        self.generic_visit(node)


def catalog(language: str) -> dict[str, set[str]]:
    """Every message id of a language with the variables it uses (for the parity test)."""
    messages: dict[str, set[str]] = {}
    for path in catalog_files(language):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        for entry in resource.body:
            if isinstance(entry, ast.Junk):
                raise CatalogError(f"{path.name}: {entry.annotations[0].message}")
            if isinstance(entry, ast.Message):
                if entry.id.name in messages:
                    raise CatalogError(f"{path.name}: {entry.id.name} is defined twice")
                found = _Variables()
                found.visit(entry)
                messages[entry.id.name] = found.names
    return messages


# explicit embeddings, overrides and isolates: they reach past the value they are typed in
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_FSI, _PDI = "\u2068", "\u2069"


def _value(name: str, value: object) -> object:
    if isinstance(value, Raw):
        return value.html
    if isinstance(value, Html):
        return str(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        if name.endswith("_id"):
            return str(value)
        if value == int(value):
            return _Int(int(value))
        return _Float(float(value))
    text = html.escape(str(value), quote=False)
    return f"{_FSI}{text}{_PDI}" if _BIDI_CONTROLS.search(text) else text


_TAG = re.compile(r"<[^>]*>")


def plain_text(text: Html) -> str:
    """A message as plain text, for places Telegram does not parse as HTML (a
    callback answer, a button label): tags dropped, each entity read once, so a
    typed ``Рога & Копыта`` reads ``Рога & Копыта`` again."""
    return html.unescape(_TAG.sub("", text))


def _units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}  # zero-width joiner, variation selectors


def shorten(text: str, limit: int) -> str:
    """Plain text (a typed name) of at most ``limit`` UTF-16 units: its beginning
    and "…" when it is longer. Shorten before escaping (``texts`` escapes the
    result), so an entity or a tag is never cut; an emoji is not cut in two."""
    if _units(text) <= limit:
        return text
    end, used = 0, 0
    while end < len(text) and used + _units(text[end]) <= limit - 1:
        used += _units(text[end])
        end += 1
    # do not leave half of a character built of several (a base and its marks, 👩‍💻)
    while end > 0 and (
        text[end] in _JOINERS or unicodedata.combining(text[end]) or text[end - 1] == "\u200d"
    ):
        end -= 1
    return text[:end].rstrip() + "…"


CALLBACK_ANSWER_LIMIT = 200  # UTF-16 units


def toast(text: Html) -> str:
    """A message as a callback answer: plain text (a typed name reads as typed, no
    entity, no tag) of at most 200 characters."""
    return shorten(plain_text(text), CALLBACK_ANSWER_LIMIT)


class Texts:
    """The texts of one language."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise CatalogError(f"no catalog for language {language!r}")
        self.language = language
        self._bundle = _bundle(language)

    def __call__(self, key: str, **values: object) -> Html:
        if not self._bundle.has_message(key):
            raise KeyError(key)
        message = self._bundle.get_message(key)
        args = {name: _value(name, value) for name, value in values.items()}
        text, errors = self._bundle.format_pattern(message.value, args)
        if errors:
            raise CatalogError(f"{self.language}/{key}: {errors[0]}")
        return Html(text)

    def has(self, key: str) -> bool:
        return self._bundle.has_message(key)

    def metric(self, key: str) -> str:
        """The metric's one display name (:mod:`metrics.registry`), the same in every reply,
        chart, digest and file: ``"звонки от 60 с"``."""
        return metric_name(key, self.language)

    def role(self, role: str) -> str:
        return self(f"role_{role}")

    def roles(self, roles: list[str]) -> str:
        return ", ".join(self.role(role) for role in roles) if roles else self("roles_none")
