"""The records CSV in the dialect Excel in Russian opens as it is (``/export excel``,
``python -m bot export --dialect excel-ru``).

Russian Excel opens a double-clicked ``.csv`` with its list separator, ``;``, reads it as
UTF-8 only when the file starts with a BOM, reads ``150000,00`` as a number and
``03.11.2026 10:15:00`` as a date and time; a comma-separated file with ISO 8601 instants
and decimal points lands in one column of text. So this dialect writes the same records
(:func:`storage.interchange.export_records`) with:

- ``;`` between fields, CRLF line ends, UTF-8 with a BOM;
- a decimal comma in ``duration_s`` and ``amount`` (``150000,00``);
- ``occurred_at`` as ``DD.MM.YYYY HH:MM:SS`` in the team's time zone (the zone the
  importer assumes for an instant without an offset), with the fraction of a second
  after a decimal comma when there is one (``03.11.2026 10:15:00,123456``: the bot
  stamps its own records to the microsecond, and an import recognises a record it
  already has by its exact instant, so dropping it would make a re-import add them
  again).

The columns and their order are the default export's, so the file is read back by
``/import`` and ``python -m bot import``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from storage.interchange import COLUMNS

__all__ = ["DECIMAL_COLUMNS", "excel_ru_csv", "excel_ru_instant"]

DECIMAL_COLUMNS: tuple[str, ...] = ("duration_s", "amount")
"""The columns whose numbers may carry a fraction, written with a decimal comma."""

BOM = "\ufeff"


def excel_ru_instant(iso: str) -> str:
    """An export's ISO 8601 instant (in the team's offset) as Russian Excel reads a date
    and time: the same wall-clock time, without the offset.

    >>> excel_ru_instant("2026-11-03T10:15:00+03:00")
    '03.11.2026 10:15:00'
    >>> excel_ru_instant("2026-11-03T09:05:07.250000+03:00")
    '03.11.2026 09:05:07,250000'
    """
    instant = datetime.fromisoformat(iso)
    return instant.strftime("%d.%m.%Y %H:%M:%S,%f" if instant.microsecond else "%d.%m.%Y %H:%M:%S")


def _excel_ru_row(record: dict[str, Any]) -> dict[str, Any]:
    row = dict(record)
    row["occurred_at"] = excel_ru_instant(str(record["occurred_at"]))
    for column in DECIMAL_COLUMNS:
        value = record.get(column)
        if value not in (None, ""):
            row[column] = str(value).replace(".", ",")
    return row


def excel_ru_csv(records: Iterable[dict[str, Any]]) -> bytes:
    """The records as a file Russian Excel opens into columns, numbers and dates."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(
        out, fieldnames=COLUMNS, restval="", delimiter=";", lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(_excel_ru_row(record) for record in records)
    return out.getvalue().encode("utf-8")
