"""Both languages say everything, with the same placeholders; language choice."""

from __future__ import annotations

import re

import pytest
from fluent.syntax import FluentParser, ast, visitor

from bot.commands import COMMANDS
from bot.i18n import (
    LANGUAGES,
    Raw,
    Texts,
    catalog,
    catalog_files,
    normalize_language,
    pick_language,
)
from storage.models import ROLES

CATALOGS = {language: catalog(language) for language in LANGUAGES}


def test_same_keys_in_every_language():
    assert set(CATALOGS["ru"]) == set(CATALOGS["en"])
    assert len(CATALOGS["ru"]) > 400


@pytest.mark.parametrize("key", sorted(CATALOGS["en"]))
def test_same_placeholders(key):
    assert CATALOGS["ru"][key] == CATALOGS["en"][key]


def test_every_command_and_role_has_a_text():
    for language in LANGUAGES:
        texts = Texts(language)
        for spec in COMMANDS:
            description = texts(f"cmd_{spec.name}")
            assert 3 <= len(description) <= 256  # Telegram's limit for a command description
        for role in ROLES:
            assert texts.role(role)


def test_values_are_escaped_but_raw_is_not():
    texts = Texts("en")
    assert texts("welcome", name="<b>x</b>", team="A&B", roles="r") == (
        "Hi, &lt;b&gt;x&lt;/b&gt;! You are in «A&amp;B» as r."
    )
    assert "<i>" in texts("invites_item", n=1, role="r", expires="e", link=Raw("<i>l</i>"))


@pytest.mark.parametrize(
    ("chosen", "telegram", "team", "expected"),
    [
        ("en", "ru", "ru", "en"),
        (None, "en-GB", "ru", "en"),
        (None, "de", "en", "en"),
        (None, None, None, "ru"),
    ],
)
def test_pick_language(chosen, telegram, team, expected):
    assert pick_language(chosen, telegram, team, "ru") == expected


def test_normalize_language():
    assert normalize_language("ru-RU") == "ru"
    assert normalize_language("uk") is None
    assert normalize_language(None) is None


def test_composed_messages_are_escaped_once():
    texts = Texts("en")
    inner = texts("with_client", client="A & B <x>")
    outer = texts("entry_meeting_confirmed", meeting_id=1, client=inner, day="d")
    assert "A &amp; B &lt;x&gt;" in outer
    assert "&amp;amp;" not in outer


def test_catalog_numbers_choose_plural_forms_and_identifiers_are_not_grouped():
    texts = Texts("ru")
    # an identifier keeps its digits together, a count is grouped by CLDR
    assert "№12345" in texts("with_meeting", meeting_id=12345)
    assert "12345" not in texts("entry_import", rows=12345)
    assert "12\xa0345" in texts("entry_import", rows=12345)


def test_a_missing_value_is_an_error_not_a_silent_blank():
    from bot.i18n import CatalogError

    with pytest.raises(CatalogError):
        Texts("en")("welcome", name="x")


@pytest.mark.parametrize(
    ("language", "number", "shown"),
    [
        ("ru", 1250, "1\xa0250"),
        ("en", 1250, "1,250"),
        ("ru", 4140.66, "4\xa0140,7"),
        ("en", 2.5, "2.5"),
    ],
)
def test_numbers_in_texts_are_written_by_the_one_formatter(language, number, shown):
    from views.formatting import format_count

    assert format_count(number, language) == shown
    assert shown in Texts(language)("entry_import", rows=number)


# --- plural forms --------------------------------------------------------------------------


CLDR = {"zero", "one", "two", "few", "many", "other"}


class _Selectors(visitor.Visitor):
    """The variables a message selects a plural form on, with the variant keys of each
    (a selector on a word, such as a status, is not one)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, set[str]] = {}

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        if isinstance(node.selector, ast.VariableReference):
            # plural categories by name; an exact number ([0] Новых строк нет) is not one
            keys = {v.key.name for v in node.variants if isinstance(v.key, ast.Identifier)}
            if keys <= CLDR:
                self.found.setdefault(node.selector.id.name, set()).update(keys)
        self.generic_visit(node)


def selectors(language: str) -> dict[str, dict[str, set[str]]]:
    """message id -> {selector variable -> its variant keys}."""
    found = {}
    for path in catalog_files(language):
        for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message):
                visit = _Selectors()
                visit.visit(entry)
                if visit.found:
                    found[entry.id.name] = visit.found
    return found


SELECTORS = {language: selectors(language) for language in LANGUAGES}
# CLDR categories: ru one (1, 21, 101), few (2-4, 22), many (0, 5-20, 25) and other
# (fractions: 1,5 минуты); en one (1) and other (0, 2, 1.5). A Russian noun after a bare
# number has three forms (1 звонок, 2 звонка, 5 звонков); after a word that asks for the
# genitive it has two (не больше 1 символа, 2 символов, 5 символов).
# a number of each category (English has no few and many: 2 and 5 are other there too)
SAMPLES = {
    "ru": {"one": 21, "few": 22, "many": 25, "other": 1.5},
    "en": {"one": 1, "few": 2, "many": 5, "other": 1.5},
}


def _words(text: str) -> str:
    """``text`` with every number as N: what is left are the words around the numbers."""
    return re.sub(r"\d+(?:[.,]\d+)?", "N", text)


def test_counted_texts_exist_in_both_languages():
    # a count that picks a form in Russian does in English too ("3 КП" needs none)
    assert set(SELECTORS["ru"]) <= set(SELECTORS["en"])
    for key in ("entry_calls", "entry_import", "team_header", "dayoff_set", "count_calls_60"):
        assert key in SELECTORS["ru"]


@pytest.mark.parametrize(
    ("language", "key"), [(lang, key) for lang in LANGUAGES for key in sorted(SELECTORS[lang])]
)
def test_a_selector_has_every_plural_category_and_each_says_something_else(language, key):
    texts = Texts(language)
    variables = CATALOGS[language][key]
    for name, keys in SELECTORS[language][key].items():
        forms = {}
        for category, number in SAMPLES[language].items():
            values = {other: "x" for other in variables} | {name: number}
            forms[category] = _words(texts(key, **values))
        assert forms["one"] != forms["many"], forms  # 1 звонок, 5 звонков; 1 call, 5 calls
        if language == "ru" and "few" in keys:  # 2 звонка
            assert len({forms["one"], forms["few"], forms["many"]}) == 3, forms
        if language == "ru" and "few" in keys and "other" in keys:  # 1,5 звонка
            assert forms["other"] != forms["many"], forms
        if language == "en":  # 2 calls, 5 calls, 1.5 calls
            assert forms["few"] == forms["many"] == forms["other"], forms


# The words that follow a number in the catalogs, with the plural categories of the numbers
# each may follow (ru: 1 звонок, 2 звонка, 5 звонков, 1,5 звонка; an adjective agrees too:
# 2 проведённые встречи). Words governed by a preposition ("от 60 секунд", "больше 4
# часов") are left out: their case is not the one a bare number asks for.
RU_FORMS = {
    ("звонок", "звонка", "звонков"),
    ("минута", "минуты", "минут"),
    ("встреча", "встречи", "встреч"),
    ("лид", "лида", "лидов"),
    ("день", "дня", "дней"),
    ("оплата", "оплаты", "оплат"),
    ("продажа", "продажи", "продаж"),
    ("клиент", "клиента", "клиентов"),
    ("период", "периода", "периодов"),
    ("строка", "строки", "строк"),
    ("сотрудник", "сотрудника", "сотрудников"),
    ("событие", "события", "событий"),
    ("запись", "записи", "записей"),
    ("ошибка", "ошибки", "ошибок"),
    ("источник", "источника", "источников"),
    ("проведённая", "проведённые", "проведённых"),
    ("оплаченная", "оплаченные", "оплаченных"),
    ("повторная", "повторные", "повторных"),
    ("такой", "таких", "таких"),
}
EN_FORMS = {
    ("call", "calls"),
    ("minute", "minutes"),
    ("meeting", "meetings"),
    ("lead", "leads"),
    ("row", "rows"),
    ("day", "days"),
    ("member", "members"),
    ("event", "events"),
    ("payment", "payments"),
    ("sale", "sales"),
    ("client", "clients"),
    ("entry", "entries"),
    ("period", "periods"),
    ("error", "errors"),
}


def _allowed(language: str) -> dict[str, set[str]]:
    """word -> the categories of the numbers it may follow."""
    allowed: dict[str, set[str]] = {}
    for forms in RU_FORMS if language == "ru" else EN_FORMS:
        if language == "ru":
            one, few, many = forms
            pairs = [(one, "one"), (few, "few"), (few, "other"), (many, "many")]
        else:
            pairs = [(forms[0], "one"), (forms[1], "other")]
        for word, category in pairs:
            allowed.setdefault(word, set()).add(category)
    return allowed


ALLOWED = {language: _allowed(language) for language in LANGUAGES}
# words that may stand between a number and its noun without a form of their own
BETWEEN = {"ru": {"же"}, "en": {"more", "paid", "repeat", "active", "crm", "equivalent", "bad"}}
NUMBER_WORDS = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)((?:[ \xa0]+[^\W\d_][\w-]*)+)")


def category(language: str, number: str) -> str:
    """The CLDR plural category of a number as written (written out here, not Babel's)."""
    if "," in number or "." in number:
        return "other"
    n = int(number)
    if language == "en":
        return "one" if n == 1 else "other"
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def disagreements(language: str, text: str) -> list[str]:
    """Where a number is followed by a counted word (or an adjective: "1 проведённых")
    whose form does not fit it: "1 звонков", "2 звонков", "5 звонок", "1 calls"."""
    wrong = []
    for match in NUMBER_WORDS.finditer(text):
        words = [w for w in match[2].split() if w.casefold() not in BETWEEN[language]]
        allowed = ALLOWED[language].get(words[0].casefold()) if words else None
        if allowed is not None and category(language, match[1]) not in allowed:
            wrong.append(f"{match[1]} {words[0]}")
    return wrong


def test_the_lint_finds_what_it_is_for():
    assert disagreements("ru", "📞 1 звонков, 5 минут") == ["1 звонков"]
    assert disagreements("ru", "импорт: 21 строк, 22 строк, 25 строки, 1,5 строк") == [
        "21 строк",
        "22 строк",
        "25 строки",
        "1,5 строк",
    ]
    assert disagreements("ru", "1 проведённых встреч · 3 проведённые встречи") == ["1 проведённых"]
    assert disagreements("ru", "1 звонок, 11 звонков, 101 звонок, 0 звонков, 1,5 минуты") == []
    assert disagreements("en", "1 calls, 2 call, 1.5 minutes") == ["1 calls", "2 call"]
    assert disagreements("en", "…and 1 more meetings; payment 2 for meeting #2") == ["1 meetings"]


# The variables that carry a count: every one a text selects a plural form on, and the
# names counts go by in the call sites (a new "{ $calls } звонков" is caught too).
COUNTS = {name for lang in LANGUAGES for found in SELECTORS[lang].values() for name in found}
COUNTS |= {"count", "rows", "days", "n", "more", "skipped", "calls", "leads", "minutes", "set"}
COUNTS |= {"held", "paid", "payments", "proposals", "clients", "now", "plan", "left", "fact"}
COUNTS |= {"forecast", "expected", "target", "telephony", "total", "baseline", "members"}


class _Numbers(visitor.Visitor):
    """The variables a text writes with NUMBER(): numbers by definition."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_FunctionReference(self, node: ast.FunctionReference) -> None:
        if node.id.name == "NUMBER":
            self.names |= {
                arg.id.name
                for arg in node.arguments.positional
                if isinstance(arg, ast.VariableReference)
            }
        self.generic_visit(node)


for _path in (path for lang in LANGUAGES for path in catalog_files(lang)):
    _found = _Numbers()
    _found.visit(FluentParser().parse(_path.read_text(encoding="utf-8")))
    COUNTS |= _found.names
# every variable of a language (a message may refer to another that needs its own)
VARIABLES = {lang: set().union(*CATALOGS[lang].values()) for lang in LANGUAGES}


@pytest.mark.parametrize(
    ("language", "key"), [(lang, key) for lang in LANGUAGES for key in sorted(CATALOGS[lang])]
)
def test_no_number_is_followed_by_a_noun_of_another_number(language, key):
    """Every message rendered with every count 0, 1, 2, 5, 11, 21, 22, 25 or 101:
    "1 звонков" (or "2 звонков", "5 звонок", "1 calls") cannot come back through a new
    text. (Fractions are checked where a text has a form for them: 1,5 минуты.)"""
    texts = Texts(language)
    for number in (0, 1, 2, 5, 11, 21, 22, 25, 101):
        values = {name: number if name in COUNTS else "x" for name in VARIABLES[language]}
        text = texts(key, **values)
        assert not disagreements(language, text), text
