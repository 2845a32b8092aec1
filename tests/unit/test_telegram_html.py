"""The test helper that reads a reply as Telegram does: it must catch what Telegram refuses."""

from __future__ import annotations

import pytest

from tests.support.telegram_html import MalformedHtml, telegram_length, visible_text


def test_tags_are_dropped_and_each_entity_is_read_once():
    html = '<b>Рога &amp;amp; Копыта</b> &lt;i&gt; &quot;x&#39; <a href="https://e.x/?a=1&amp;b=2">y</a>'
    assert visible_text(html) == "Рога &amp; Копыта <i> \"x' y"


@pytest.mark.parametrize(
    "html",
    [
        "a < b",
        "a > b",
        "a & b",
        "&amp без точки с запятой",
        "&nbsp;",
        "<br/>",
        "<div>x</div>",
        '<a hreff="x">y</a>',
        "<b>x",
        "x</b>",
        "<b><i>x</b></i>",
        "x <b",
        "<!-- x -->",
    ],
)
def test_what_telegram_refuses_fails(html):
    with pytest.raises(MalformedHtml):
        visible_text(html)


def test_length_is_counted_as_telegram_counts_it():
    assert telegram_length("abc") == 3
    assert telegram_length("🦄") == 2
    assert telegram_length("\u200f\u202e") == 2
