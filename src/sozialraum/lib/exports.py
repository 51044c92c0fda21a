"""Tables for download: CSV that German Excel opens directly, and XLSX.

Formula injection: in a CSV file every value is text that the spreadsheet interprets, so a cell
starting with = + - @ or a tab/carriage return gets a leading apostrophe (`neutralise`). In an
XLSX file every cell is stored as a string cell (`t="inlineStr"`), which Excel and LibreOffice
show as text and never evaluate, so no apostrophe is needed and a phone number stays
"+49 5191 …". The import (lib.imports) removes the apostrophe of older exports and CSV files,
so exports can be re-imported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: object) -> str:
    """The cell as text, safe to open in a spreadsheet as CSV."""
    text = as_text(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def as_text(value: object) -> str:
    """The cell as text: German dates, decimal comma, ja/nein."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = _("ja") if value else _("nein")
    elif isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        text = value.strftime("%d.%m.%Y %H:%M")
    elif isinstance(value, date):
        text = value.strftime("%d.%m.%Y")
    elif isinstance(value, Decimal | float):
        text = str(value).replace(".", ",")
    else:
        text = str(value)
    return text


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with BOM, `;` and CRLF: what German Excel expects when the file is double-clicked."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    title: str = "",
    numbers: bool = False,
) -> bytes:
    """A workbook with one sheet: every cell a string cell, a bold header row that stays in view
    (frozen) and carries a filter, and columns as wide as their content (within limits).
    `numbers=True`: Decimal values (amounts) are number cells with two places instead, so a
    spreadsheet can sum them; nothing else changes (text never becomes a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    texts = [
        [value if numbers and isinstance(value, Decimal) else _xlsx_text(value) for value in row]
        for row in rows
    ]
    header_texts = [_xlsx_text(header) for header in headers]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or _("Tabelle"))[:31])
    sheet.freeze_panes = "A2"
    # Column sizes go before the first row in a write-only sheet.
    for index, width in enumerate(_column_widths(header_texts, texts), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    sheet.append([_string_cell(sheet, text, bold) for text in header_texts])
    for row in texts:
        sheet.append([_string_cell(sheet, text) for text in row])
    if headers:
        last = get_column_letter(len(headers))
        sheet.auto_filter.ref = f"A1:{last}{len(texts) + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


MIN_WIDTH = 8
MAX_WIDTH = 60
WIDTH_SAMPLE = 1000  # rows looked at for the widths


def _column_widths(headers: list[str], rows: list[list]) -> list[float]:
    """Characters of the longest line per column (header + 2 for the filter button)."""
    widths = [len(header) + 2 for header in headers]
    for row in rows[:WIDTH_SAMPLE]:
        for index, text in enumerate(row[: len(widths)]):
            if isinstance(text, Decimal):
                widths[index] = max(widths[index], len(f"{text:,.2f}"))
            elif text:
                longest = max(len(line) for line in text.splitlines() or [""])
                widths[index] = max(widths[index], longest)
    return [float(min(MAX_WIDTH, max(MIN_WIDTH, width + 1))) for width in widths]


def _xlsx_text(value: object) -> str:
    # Control characters other than tab and line breaks are not allowed in XLSX.
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", as_text(value))


def _string_cell(sheet, text, font=None):
    """A string cell, also for text that starts like a formula ("=1+1", "+49 …"): openpyxl
    would store that as a formula, so the type is set after the value. A Decimal (with
    `numbers=True`) is a number cell formatted with two places."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(text, Decimal):
        cell = WriteOnlyCell(sheet, value=text)
        cell.number_format = "#,##0.00"
        return cell
    if not text:
        return None
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["Cache-Control"] = "no-store"
    return response


def csv_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[object]], *, numbers=False
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(headers, rows, numbers=numbers), content_type=XLSX_CONTENT_TYPE
    )
    return _attachment(response, filename)
