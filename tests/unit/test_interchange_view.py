"""An import's errors and summary in the reader's language (views/interchange.py).

Every error code of storage/interchange.py is said in Russian and English with
its values as typed; every count takes its plural form.
"""

from __future__ import annotations

import re

import pytest

from bot.i18n import LANGUAGES, Texts, catalog, plain_text
from storage.interchange import (
    COLUMNS,
    DIRECTIONS,
    ERROR_CODES,
    KINDS,
    PAYMENT_KINDS,
    QUALIFICATIONS,
    CreatedMember,
    ImportReport,
    RowError,
)
from tests.support.reading import english_words
from tests.support.telegram_html import visible_text
from views.interchange import (
    MAX_VALUE,
    error_line,
    error_text,
    import_reply,
    render_errors,
    render_report,
    render_summary,
)

AT = "2026-11-05T10:00:00+03:00"
BEFORE = "2026-11-04T10:00:00+03:00"


def e(line: int, code: str, **values: object) -> RowError:
    return RowError(line, code, values)


def refused(refusal: str, status: str | None, previous_line: int | None = 4, **more: object):
    values = {
        "meeting_ref": "CRM-7",
        "kind": "meeting_held",
        "at": AT,
        "refusal": refusal,
        "status": status,
        "previous_at": BEFORE,
        "previous_line": previous_line,
        **more,
    }
    return RowError(9, "transition_refused", values)


# every code, and every variant a selector chooses
SAMPLES: list[RowError] = [
    e(7, "not_text", byte="0x98", position=12, encoding=None),
    e(7, "not_text", byte="0xff", position=3, encoding="utf-8"),
    e(0, "not_a_table", kind="xls"),
    e(0, "not_a_table", kind="zip"),
    e(0, "unreadable_xlsx"),
    e(1, "mixed_separators", separators=("comma", "semicolon")),
    e(1, "mixed_separators", separators=("semicolon", "comma", "tab")),
    e(4, "row_separator", separator="comma", expected="semicolon"),
    e(4, "row_separator", separator="semicolon", expected="tab"),
    e(1, "merged_cells", cells=("A1:B1", "C5:C6")),
    e(17, "formula_cell", cell="E17", formula="=SUM(E2:E16)"),
    e(17, "value_without_column", cell="P17"),
    e(1, "empty_file", columns=COLUMNS),
    *(
        e(3, "unreadable_csv", problem=problem)
        for problem in ("unclosed_quote", "misplaced_quote", "nul", "field_too_long", "other")
    ),
    e(1, "unnamed_column", position=4),
    e(1, "duplicate_column", column="kind"),
    e(1, "unknown_column", column="Duraton_s", suggestion="duration_s", columns=COLUMNS),
    e(1, "unknown_column", column="Сумма", suggestion=None, columns=COLUMNS),
    e(1, "missing_column", column="kind", kinds=()),
    e(1, "missing_column", column="amount", kinds=("payment",)),
    e(1, "missing_column", column="meeting_ref", kinds=("meeting_held", "payment")),
    e(5, "wrong_width", values=3, columns=15),
    e(5, "missing_field", column="person_id", kind=None, payment_kind=None),
    e(5, "missing_field", column="duration_s", kind="call", payment_kind=None),
    e(5, "missing_field", column="client", kind="payment", payment_kind="repeat"),
    e(12, "unknown_kind", value="cal", suggestion="call", kinds=KINDS),
    e(12, "unknown_kind", value="Звонок", suggestion=None, kinds=KINDS),
    e(6, "bad_instant", value="3 ноября 10:15"),
    e(6, "bad_user_id", column="person_id", value="anna"),
    e(6, "bad_user_id", column="hunter_id", value="Виктор"),
    e(6, "bad_number", column="duration_s", value="abc", minimum=0),
    e(6, "bad_number", column="count", value="0", minimum=1),
    e(6, "bad_amount", value="1 500,50"),
    e(6, "bad_choice", column="direction", value="sideways", allowed=DIRECTIONS, optional=False),
    e(6, "bad_choice", column="qualification", value="hot", allowed=QUALIFICATIONS, optional=True),
    e(6, "bad_choice", column="payment_kind", value="old", allowed=PAYMENT_KINDS, optional=False),
    e(6, "too_long", column="source", limit=200),
    e(6, "column_not_for_kind", column="source", kind="proposal", kinds=("call", "lead")),
    e(6, "column_not_for_kind", column="meeting_ref", kind="call", kinds=("payment", "meeting_*")),
    e(6, "repeat_payment_meeting_ref", meeting_ref="M-1"),
    e(8, "external_id_conflict", external_id="tel-1", first_line=3),
    e(8, "unknown_person", column="person_id", person_id="777", team="Отдел продаж"),
    e(8, "unknown_person", column="hunter_id", person_id="778", team="Sales"),
    e(8, "meeting_ref_reused", meeting_ref="M1", first_line=2),
    e(8, "meeting_ref_taken", meeting_ref="CRM-1", setter="Анна", setter_id="1001", set_at=AT),
    e(8, "voided_meeting", meeting_ref="17", kind="meeting_set"),
    e(8, "voided_meeting", meeting_ref="17", kind="meeting_confirmed"),
    e(8, "unknown_meeting", meeting_ref="M2"),
    e(8, "broken_meeting", meeting_ref="M3", set_line=4),
    refused("not_set", None, previous_line=2),
    refused("not_set", None, previous_at=None, previous_line=None),
    refused("already_set", "confirmed"),
    refused("already", "confirmed", previous_line=None),
    *(refused("final", status) for status in ("held", "cancelled", "no_show")),
    *(
        e(
            9,
            "stored_event_conflict",
            meeting_ref="CRM-7",
            stored_kind="meeting_confirmed",
            stored_at=BEFORE,
            refusal=refusal,
            status=status,
        )
        for refusal, status in (("final", "cancelled"), ("final", "no_show"), ("already", "held"))
    ),
    e(10, "payment_before_held", meeting_ref="M1", held_at=AT),
    *(
        e(10, "payment_meeting_not_held", meeting_ref="M1", status=status)
        for status in ("set", "confirmed", "cancelled", "no_show", None)
    ),
]

# values that choose a wording rather than being shown
SELECTORS = {"problem", "separator", "refusal", "status", "optional", "expected", "encoding"}
HIDDEN = {("voided_meeting", "kind"), ("not_a_table", "kind"), ("mixed_separators", "separators")}
# what a Russian text may say in Latin letters: the file's own vocabulary, a
# command-line flag, the names of formats and of the messenger
VOCABULARY = {
    *COLUMNS,
    *KINDS,
    *DIRECTIONS,
    *QUALIFICATIONS,
    *PAYMENT_KINDS,
    "meeting_*",
    "--add-members",
    "Telegram",
    "Excel",
    "Windows-1251",
    "xlsx",
}


def sample_id(error: RowError) -> str:
    chosen = [str(error.values[name]) for name in sorted(SELECTORS) if name in error.values]
    return "-".join([error.code, *chosen])


def shown_values(error: RowError) -> list[str]:
    """The values a reader must find in the text, as typed."""
    shown: list[str] = []
    for name, value in error.values.items():
        if name in SELECTORS or (error.code, name) in HIDDEN or value is None:
            continue
        if isinstance(value, tuple):
            shown.extend(value)
        else:
            shown.append(str(value))
    return shown


def typed_values(error: RowError) -> list[str]:
    return [str(v) for v in error.values.values() if isinstance(v, str)]


def test_every_code_has_a_sample_and_a_message_in_both_languages():
    assert {error.code for error in SAMPLES} == set(ERROR_CODES)
    for language in LANGUAGES:
        messages = catalog(language)
        missing = [code for code in ERROR_CODES if f"import_error_{code}" not in messages]
        assert missing == [], language


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("error", SAMPLES, ids=sample_id)
def test_an_error_says_its_line_and_its_values(language, error):
    text = plain_text(error_line(error, Texts(language)))
    word = {"ru": "строка", "en": "line"}[language]
    cell = {"ru": "ячейка", "en": "cell"}[language]
    if error.line == 0:  # the file as a whole: no place
        assert not text.startswith((word, cell)), text
    elif "cell" in error.values:
        assert text.startswith(f"{cell} {error.values['cell']}: "), text
    else:
        assert text.startswith(f"{word} {error.line}: ")
    for value in shown_values(error):
        assert value in text, (value, text)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "error",
    [
        *SAMPLES,
        e(2, "bad_choice", column="direction", value="<b> & >", allowed=DIRECTIONS, optional=False),
    ],
    ids=sample_id,
)
def test_telegram_accepts_every_line_and_shows_what_the_terminal_prints(language, error):
    html_line = error_line(error, Texts(language))
    assert visible_text(html_line) == plain_text(html_line)  # fails on a bare "<", ">" or "&"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("dry_run", [False, True])
def test_telegram_accepts_every_summary(language, dry_run):
    report = summary(2, dry_run=dry_run)
    report.created_members = [CreatedMember(7, '<b>Ann</b> & "Co"', ("sdr", "hunter"))]
    report.created_sources = ["Рога & Копыта <Ltd>"]
    reply = import_reply(report, Texts(language))
    assert visible_text(reply) == plain_text(reply)
    assert '<b>Ann</b> & "Co"' in visible_text(reply) and "Рога & Копыта <Ltd>" in plain_text(reply)


@pytest.mark.parametrize("error", SAMPLES, ids=sample_id)
def test_the_russian_error_has_no_english_prose(error):
    text = plain_text(error_line(error, Texts("ru")))
    assert english_words(text, VOCABULARY, typed_values(error)) == [], text
    assert re.search("[а-яё]{4,}", text), text


@pytest.mark.parametrize("error", SAMPLES, ids=sample_id)
def test_the_english_error_has_no_russian(error):
    text = plain_text(error_line(error, Texts("en")))
    for value in typed_values(error):
        text = text.replace(value, "")
    assert not re.search("[А-Яа-яЁё]", text), text


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_variant_is_worded_differently(language):
    texts = Texts(language)
    by_code: dict[str, list[str]] = {}
    for error in SAMPLES:
        by_code.setdefault(error.code, []).append(error_text(error, texts))
    for code, said in by_code.items():
        assert len(set(said)) == len(said), (code, said)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            "строка 12: неизвестный вид записи «cal» — может быть, «call»? Допустимые виды: "
            "call, lead, meeting_set, meeting_confirmed, meeting_held, meeting_cancelled, "
            "meeting_no_show, payment и proposal",
        ),
        (
            "en",
            'line 12: unknown kind "cal" (did you mean "call"?); the kinds are: call, lead, '
            "meeting_set, meeting_confirmed, meeting_held, meeting_cancelled, meeting_no_show, "
            "payment, and proposal",
        ),
    ],
)
def test_a_typo_gets_a_suggestion(language, expected):
    error = e(12, "unknown_kind", value="cal", suggestion="call", kinds=KINDS)
    assert error_line(error, Texts(language)) == expected


@pytest.mark.parametrize(
    ("error", "ru", "en"),
    [
        (
            refused("final", "cancelled"),
            "строка 9: meeting_ref «CRM-7»: meeting_held (2026-11-05T10:00:00+03:00) не "
            "принимается — встреча уже отменена (с 2026-11-04T10:00:00+03:00, строка 4)",
            'line 9: meeting_ref "CRM-7": meeting_held at 2026-11-05T10:00:00+03:00 is refused: '
            "meeting is already cancelled (since 2026-11-04T10:00:00+03:00, line 4)",
        ),
        (
            refused("already", "confirmed", previous_line=None),
            "строка 9: meeting_ref «CRM-7»: meeting_held (2026-11-05T10:00:00+03:00) не "
            "принимается — встреча уже подтверждена (с 2026-11-04T10:00:00+03:00, в базе)",
            'line 9: meeting_ref "CRM-7": meeting_held at 2026-11-05T10:00:00+03:00 is refused: '
            "meeting is already confirmed (since 2026-11-04T10:00:00+03:00, in the database)",
        ),
        (
            refused("not_set", None, previous_line=12345),
            "строка 9: meeting_ref «CRM-7»: meeting_held (2026-11-05T10:00:00+03:00) не "
            "принимается — встреча ещё не назначена (её назначение — "
            "2026-11-04T10:00:00+03:00, строка 12345)",
            'line 9: meeting_ref "CRM-7": meeting_held at 2026-11-05T10:00:00+03:00 is refused: '
            "meeting is not set yet (it is set at 2026-11-04T10:00:00+03:00, line 12345)",
        ),
        (
            e(10, "payment_meeting_not_held", meeting_ref="M1", status="no_show"),
            "строка 10: meeting_ref «M1»: оплата с payment_kind new бывает только после "
            "проведённой встречи, а эта встреча не состоялась: клиент не пришёл",
            'line 10: meeting_ref "M1": a new payment needs a held meeting, and this one is not '
            "held (it is a no-show)",
        ),
        (
            e(
                3,
                "bad_choice",
                column="qualification",
                value="hot",
                allowed=QUALIFICATIONS,
                optional=True,
            ),
            "строка 3: qualification «hot»: допустимые значения — targeted, non_targeted или пусто",
            'line 3: qualification must be targeted, non_targeted, or empty, got "hot"',
        ),
        (
            e(1, "empty_file", columns=COLUMNS),
            "строка 1: файл пуст: первой строкой нужен заголовок со столбцами ("
            + ",".join(COLUMNS)
            + ")",
            "line 1: the file is empty: the first line must be a header with the columns ("
            + ",".join(COLUMNS)
            + ")",
        ),
    ],
)
def test_the_lifecycle_and_the_choices_read_as_sentences(error, ru, en):
    assert (error_line(error, Texts("ru")), error_line(error, Texts("en"))) == (ru, en)


def test_a_line_number_is_never_grouped():
    error = e(12345, "external_id_conflict", external_id="x", first_line=10001)
    assert error_line(error, Texts("ru")) == (
        "строка 12345: external_id «x» уже был в строке 10001, но с другими значениями"
    )


HOSTILE = 'Рога & Копыта <Ltd> "A" 😀 \u200f'


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_typed_value_is_escaped_once_and_read_back_as_typed(language):
    error = e(4, "unknown_meeting", meeting_ref=HOSTILE)
    html_line = error_line(error, Texts(language))
    assert "Рога &amp; Копыта &lt;Ltd&gt;" in html_line
    assert "&amp;amp;" not in html_line and "<Ltd>" not in html_line
    assert HOSTILE in plain_text(html_line)


def test_a_very_long_value_is_cut():
    error = e(4, "unknown_kind", value="x" * 5000, suggestion=None, kinds=KINDS)
    text = plain_text(error_line(error, Texts("ru")))
    assert "x" * (MAX_VALUE - 1) + "…" in text and "x" * MAX_VALUE not in text


# --- counts: plural forms ----------------------------------------------------------

COUNTS = (0, 1, 2, 5, 11, 21, 22, 25, 101)
# the CLDR plural category of each count in Russian (one: 1, 21, 101; few: 2, 22; many: the rest)
RU_FORM = {0: "many", 1: "one", 2: "few", 5: "many", 11: "many", 21: "one", 22: "few", 25: "many"}
RU_FORM[101] = "one"


def ru(n: int, one: str, few: str, many: str) -> str:
    return {"one": one, "few": few, "many": many}[RU_FORM[n]]


def en(n: int, one: str, other: str) -> str:
    return one if n == 1 else other


RU_KINDS = {
    "call": ("звонок", "звонка", "звонков"),
    "lead": ("лид", "лида", "лидов"),
    "meeting_set": ("назначенная встреча", "назначенные встречи", "назначенных встреч"),
    "meeting_confirmed": ("подтверждение встречи", "подтверждения встреч", "подтверждений встреч"),
    "meeting_held": ("проведённая встреча", "проведённые встречи", "проведённых встреч"),
    "meeting_cancelled": ("отмена встречи", "отмены встреч", "отмен встреч"),
    "meeting_no_show": ("неявка", "неявки", "неявок"),
    "payment": ("оплата", "оплаты", "оплат"),
    "proposal": ("КП", "КП", "КП"),
}
EN_KINDS = {
    "call": ("call", "calls"),
    "lead": ("lead", "leads"),
    "meeting_set": ("meeting set", "meetings set"),
    "meeting_confirmed": ("meeting confirmed", "meetings confirmed"),
    "meeting_held": ("meeting held", "meetings held"),
    "meeting_cancelled": ("meeting cancelled", "meetings cancelled"),
    "meeting_no_show": ("no-show", "no-shows"),
    "payment": ("payment", "payments"),
    "proposal": ("proposal", "proposals"),
}


def test_every_kind_has_its_nouns():
    assert set(RU_KINDS) == set(EN_KINDS) == set(KINDS)


def summary(n: int, *, dry_run: bool = False, kind: str = "call") -> ImportReport:
    return ImportReport(
        rows=n,
        imported={kind: n} if n else {},
        skipped=n,
        created_members=[CreatedMember(5000 + i, f"Rep {i}", ("sdr",)) for i in range(n)],
        created_sources=[f"S{i}" for i in range(n)],
        dry_run=dry_run,
    )


@pytest.mark.parametrize("n", COUNTS)
def test_the_russian_summary_agrees_with_every_count(n):
    lines = [plain_text(line) for line in render_summary(summary(n), Texts("ru"))]
    rows = ru(n, "строка", "строки", "строк")
    assert lines[0] == f"В файле {n} {rows}."
    verb = ru(n, "Импортирована", "Импортированы", "Импортировано")
    calls = ru(n, "звонок", "звонка", "звонков")
    assert lines[1] == (f"{verb} {n} {rows}: {n} {calls}." if n else "Новых строк нет.")
    if n == 0:
        assert lines == ["В файле 0 строк.", "Новых строк нет."]  # nothing skipped, nobody added
        return
    skipped = ru(
        n,
        "Пропущена 1 строка, загруженная раньше.",
        "Пропущены {} строки, загруженные раньше.",
        "Пропущено {} строк, загруженных раньше.",
    )
    assert lines[2] == skipped.replace("1", str(n), 1).format(n)
    members = ru(n, "Добавлен {} сотрудник", "Добавлены {} сотрудника", "Добавлено {} сотрудников")
    assert lines[3].startswith(members.format(n) + ": Rep 0 (5000, лидоруб)")
    sources = ru(n, "Добавлен {} источник", "Добавлены {} источника", "Добавлено {} источников")
    assert lines[4].startswith(sources.format(n) + ": «S0»")
    assert len(lines) == 5


@pytest.mark.parametrize("n", COUNTS)
def test_the_russian_dry_run_agrees_with_every_count(n):
    lines = [plain_text(line) for line in render_summary(summary(n, dry_run=True), Texts("ru"))]
    rows = ru(n, "строка", "строки", "строк")
    verb = ru(n, "Будет импортирована", "Будут импортированы", "Будет импортировано")
    calls = ru(n, "звонок", "звонка", "звонков")
    assert lines[1] == (f"{verb} {n} {rows}: {n} {calls}." if n else "Новых строк нет.")
    assert lines[-1] == "Это была проверка: ничего не записано."
    if n:
        skip = ru(n, "Будет пропущена", "Будут пропущены", "Будет пропущено")
        assert lines[2].startswith(f"{skip} {n} {rows}, ")
        add = ru(n, "Будет добавлен", "Будут добавлены", "Будет добавлено")
        assert lines[3].startswith(f"{add} {n} {ru(n, 'сотрудник', 'сотрудника', 'сотрудников')}:")
        assert lines[4].startswith(f"{add} {n} {ru(n, 'источник', 'источника', 'источников')}:")


@pytest.mark.parametrize("n", COUNTS)
def test_the_english_summary_agrees_with_every_count(n):
    lines = [plain_text(line) for line in render_summary(summary(n), Texts("en"))]
    rows = en(n, "row", "rows")
    assert lines[0] == f"The file has {n} {rows}."
    calls = en(n, "call", "calls")
    assert lines[1] == (f"Imported {n} {rows}: {n} {calls}." if n else "Nothing new to import.")
    if n:
        assert lines[2] == f"Skipped {n} {rows} already imported."
        assert lines[3].startswith(f"Added {n} {en(n, 'member', 'members')}: Rep 0 (5000, SDR")
        assert lines[4].startswith(f'Added {n} {en(n, "source", "sources")}: "S0"')


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_counts_in_both_languages(n, kind):
    report = summary(n, kind=kind)
    ru_line = plain_text(render_summary(report, Texts("ru"))[1])
    en_line = plain_text(render_summary(report, Texts("en"))[1])
    if n == 0:
        assert (ru_line, en_line) == ("Новых строк нет.", "Nothing new to import.")
        return
    assert ru_line.endswith(f": {n} {ru(n, *RU_KINDS[kind])}.")
    assert en_line.endswith(f": {n} {en(n, *EN_KINDS[kind])}.")


@pytest.mark.parametrize("n", [n for n in COUNTS if n])
def test_the_failure_counts_errors_and_rows(n):
    errors = [e(2 + i, "unknown_meeting", meeting_ref=f"M{i}") for i in range(n)]
    report = ImportReport(rows=n, errors=errors)
    ru_head = plain_text(render_report(report, Texts("ru"))[0])
    assert ru_head == (
        f"Ничего не импортировано: {n} {ru(n, 'ошибка', 'ошибки', 'ошибок')} "
        f"в {n} {ru(n, 'строке', 'строках', 'строках')}."  # prepositional: в 21 строке
    )
    en_head = plain_text(render_report(report, Texts("en"))[0])
    assert en_head == (
        f"Nothing was imported: {n} {en(n, 'error', 'errors')} in {n} {en(n, 'row', 'rows')}."
    )


def test_errors_and_rows_are_counted_apart():
    errors = [e(2, "unknown_meeting", meeting_ref="M1"), e(2, "bad_amount", value="-1")]
    head = render_report(ImportReport(rows=1, errors=errors), Texts("ru"))[0]
    assert head == "Ничего не импортировано: 2 ошибки в 1 строке."


def test_a_long_list_of_new_names_is_counted_past_the_first():
    report = summary(101)
    ru_lines = [plain_text(line) for line in render_summary(report, Texts("ru"))]
    assert ru_lines[3].endswith("Rep 19 (5019, лидоруб) и ещё 81 сотрудник.")
    assert ru_lines[4].endswith("«S19» и ещё 81 источник.")
    en_lines = [plain_text(line) for line in render_summary(report, Texts("en"))]
    assert en_lines[3].endswith("Rep 19 (5019, SDR (lead generator)), and 81 more members.")
    assert en_lines[4].endswith('"S19", and 81 more sources.')
    few = [plain_text(line) for line in render_summary(summary(2), Texts("ru"))]
    assert few[3] == "Добавлены 2 сотрудника: Rep 0 (5000, лидоруб) и Rep 1 (5001, лидоруб)."


@pytest.mark.parametrize("hidden", [n for n in COUNTS if n])
def test_errors_past_the_limit_are_counted(hidden):
    errors = [e(2 + i, "unknown_meeting", meeting_ref=f"M{i}") for i in range(3 + hidden)]
    report = ImportReport(rows=len(errors), errors=errors)
    ru_lines = [plain_text(line) for line in render_errors(report, Texts("ru"), limit=3)]
    assert len(ru_lines) == 4 and ru_lines[2].startswith("строка 4: ")
    assert ru_lines[3] == f"… и ещё {hidden} {ru(hidden, 'ошибка', 'ошибки', 'ошибок')}"
    en_last = plain_text(render_errors(report, Texts("en"), limit=3)[-1])
    assert en_last == f"… and {hidden} more {en(hidden, 'error', 'errors')}"


@pytest.mark.parametrize("n", [n for n in COUNTS if n])
def test_counts_inside_errors_agree(n):
    width = e(3, "wrong_width", values=n, columns=n)
    assert plain_text(error_text(width, Texts("ru"))) == (
        f"{n} {ru(n, 'значение', 'значения', 'значений')}, а столбцов в заголовке — {n}"
    )
    assert plain_text(error_text(width, Texts("en"))) == (
        f"the row has {n} {en(n, 'value', 'values')} but the header has {n} "
        f"{en(n, 'column', 'columns')}"
    )
    long = e(3, "too_long", column="source", limit=n)
    genitive = "символа" if RU_FORM[n] == "one" else "символов"  # "длиннее 21 символа"
    assert plain_text(error_text(long, Texts("ru"))) == f"source длиннее {n} {genitive}"
    assert plain_text(error_text(long, Texts("en"))) == (
        f"source is longer than {n} {en(n, 'character', 'characters')}"
    )


def test_the_telegram_reply_is_one_text_with_the_first_errors():
    errors = [e(2 + i, "unknown_meeting", meeting_ref=f"M{i}") for i in range(30)]
    reply = import_reply(ImportReport(rows=30, errors=errors), Texts("ru"))
    lines = reply.split("\n")
    assert lines[0] == "📥 Ничего не импортировано: 30 ошибок в 30 строках."
    assert len(lines) == 1 + 25 + 1 and lines[-1] == "… и ещё 5 ошибок"
