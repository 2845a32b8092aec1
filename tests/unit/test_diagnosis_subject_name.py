"""How a diagnosis names its subject: records without a source are not "a source without
a source"."""

from __future__ import annotations

import pytest

from bot.i18n import Texts
from metrics.diagnosis import Subject
from views.diagnosis import subject_name


@pytest.mark.parametrize(
    ("language", "subject", "expected"),
    [
        ("ru", Subject("source", "google", "google"), "источник google"),
        ("ru", Subject("source", None, None), "записи без источника"),
        ("en", Subject("source", "google", "google"), "source google"),
        ("en", Subject("source", None, None), "records without a source"),
        ("ru", Subject("member", 7, "Иван"), "Иван"),
    ],
)
def test_subject_names(language: str, subject: Subject, expected: str) -> None:
    assert subject_name(subject, Texts(language)) == expected
