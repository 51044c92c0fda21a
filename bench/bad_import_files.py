"""Hostile import files of a few kilobytes (issue 7, point 6), generated on demand and never
committed: each one used to tie up a worker for many seconds or take about 1 GB.

    .venv/bin/python bench/bad_import_files.py DIR     (writes the files into DIR)

`bad_files()` returns {name: (filename, data)}; bench/import_time.py measures each one.
"""

# ruff: noqa: E501 (the package parts are kept as Excel writes them, one per line)
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HEADER_CELLS = ("Name", "Art", "PLZ", "Ort")
# Words that duplicate_key drops (lib.text._NOISE): each name differs, the key is the same.
_NOISE = ("e", "v", "ggmbh", "gmbh", "gbr", "co", "kg", "mbh", "und", "der", "die", "das")

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Tabelle1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"


def _text_cell(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def _row(number: int, cells: list[str]) -> str:
    return f'<row r="{number}">{"".join(_text_cell(c) for c in cells)}</row>'


def _header_and_row() -> str:
    return _row(1, list(HEADER_CELLS)) + _row(2, ["Kita Sonnenschein", "Kita", "29614", "Soltau"])


def xlsx(sheet_rows: list[str] | str, shared_strings: bytes | str = "") -> bytes:
    """A minimal workbook (written by hand: openpyxl would need the whole sheet in memory)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_START.encode())
            for part in [sheet_rows] if isinstance(sheet_rows, str) else sheet_rows:
                sheet.write(part.encode())
            sheet.write(_SHEET_END.encode())
        strings = shared_strings or (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0"/>'
        )
        z.writestr("xl/sharedStrings.xml", strings)
    return buffer.getvalue()


def wide_row(cells: int = 3_000_000) -> bytes:
    """One data row of three million cells."""
    return xlsx([_row(1, list(HEADER_CELLS)), '<row r="2">', "<c><v>1</v></c>" * cells, "</row>"])


def empty_rows(rows: int = 8_300_000, value_at_end: bool = False) -> bytes:
    """A header, one organisation and 8.3 million empty rows (Excel's limit is 1,048,576)."""
    tail = ["<row/>" * 100_000] * (rows // 100_000)
    if value_at_end:
        tail.append(_row(rows + 3, ["Hort Kunterbunt", "Kita", "29614", "Soltau"]))
    return xlsx([_header_and_row(), *tail])


def many_columns(columns: int = 16_384) -> bytes:
    """A header row as wide as Excel allows."""
    return xlsx(_row(1, [*HEADER_CELLS, *(f"Spalte {n}" for n in range(columns))]))


def huge_shared_strings(count: int = 4_000_000) -> bytes:
    """Four million tiny shared strings that openpyxl would load before the first row."""
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + "<si><t>x</t></si>" * count
        + "</sst>"
    )
    return xlsx(_header_and_row(), strings)


def long_text(chars: int = 40_000_000) -> bytes:
    """One cell of 40 million characters (compressed to a few kilobytes)."""
    return xlsx(_row(1, list(HEADER_CELLS)) + _row(2, ["x" * chars, "Kita", "29614", "Soltau"]))


def duplicate_names_csv(rows: int = 1_500) -> bytes:
    """1,500 different names with one duplicate key: every pair used to be a warning."""
    lines = ["Name;Art;PLZ;Ort"]
    for n in range(1, rows + 1):
        words, rest = [], n
        while rest:
            rest, digit = divmod(rest, len(_NOISE))
            words.append(_NOISE[digit])
        lines.append(f"Kita Sonnenschein {' '.join(words)};Kita;29614;Soltau")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def wide_csv(fields: int = 5_000_000) -> bytes:
    """A CSV line of five million separators."""
    return ("Name;Art\r\nKita;Kita" + ";" * fields + "\r\n").encode()


def bad_files() -> dict[str, tuple[str, bytes]]:
    return {
        "wide row (3,000,000 cells)": ("breit.xlsx", wide_row()),
        "8,300,000 empty rows": ("leer.xlsx", empty_rows()),
        "empty rows, then a value": ("leer-dann-wert.xlsx", empty_rows(value_at_end=True)),
        "16,384 columns": ("spalten.xlsx", many_columns()),
        "4,000,000 shared strings": ("strings.xlsx", huge_shared_strings()),
        "one cell of 40 MB text": ("langtext.xlsx", long_text()),
        "1,500 names, one duplicate key": ("dubletten.csv", duplicate_names_csv()),
        "CSV line of 5,000,000 fields": ("breit.csv", wide_csv()),
    }


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    target.mkdir(parents=True, exist_ok=True)
    for label, (filename, data) in bad_files().items():
        (target / filename).write_bytes(data)
        print(f"{filename:22} {len(data) / 1024:8.1f} KB  {label}")
