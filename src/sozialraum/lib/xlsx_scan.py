"""A streaming look at an XLSX file before openpyxl reads it (issue 7, point 6).

openpyxl, even in read-only mode, loads all shared strings and the styles up front and builds
each row completely before handing it over, and it fills gaps between rows with empty rows. A
file of a few kilobytes can therefore unpack to one row of millions of cells, millions of
strings or millions of empty rows. `scan_xlsx` walks the parts with expat (no tree is built)
and stops at the first limit it passes, with a German message that names the limit. It returns
the last line that holds a value, so openpyxl is asked for nothing beyond it.

Rows below `max_lines` (formatted but empty rows, as some programs write them up to Excel's last
row) are not parsed: the rest of the sheet is only searched, at C speed, for a value.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from xml.parsers import expat

from django.utils.translation import gettext as _

from sozialraum.lib.imports import (
    ImportFileError,
    format_megabytes,
    format_number,
    too_many_cells,
    too_many_columns,
    too_many_rows,
)

CHUNK = 64 * 1024
# A value element with content, below the parsed lines: <v>1</v>, <t xml:space="preserve">x</t>.
_VALUE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:v|t)(?:\s[^>]*)?>[^<]")
_COLUMN = re.compile(r"[A-Z]+")
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")


@dataclass(frozen=True)
class Limits:
    max_rows: int  # data rows (the header not counted)
    max_lines: int  # lines of the sheet that are parsed at all, empty ones included
    max_columns: int  # the last column that may hold a value
    max_cells: int  # cell elements in the parsed lines, empty ones included
    max_cell_chars: int  # characters of one value
    max_unpacked_bytes: int  # all parts of the archive together, unpacked
    max_part_elements: int  # XML elements of any other part openpyxl reads (styles, workbook)


class _Stop(Exception):
    """Parsing reached the last line to parse."""


def check_parts(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Check the unpacked size and every part openpyxl loads up front (not the sheets)."""
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > limits.max_unpacked_bytes:
        raise ImportFileError(
            _(
                "Die Excel-Arbeitsmappe ist entpackt größer als %(limit)s MB. Bitte kopieren Sie "
                "nur die Tabelle mit den Organisationen in eine neue Arbeitsmappe."
            )
            % {"limit": format_megabytes(limits.max_unpacked_bytes)}
        )
    for info in archive.infolist():
        name = info.filename
        if name.startswith(("xl/worksheets/", "xl/chartsheets/")):
            continue
        if name.endswith("sharedStrings.xml"):
            _scan_shared_strings(archive, name, limits)
        elif name.endswith((".xml", ".rels")):
            _scan_part(archive, name, limits)


def scan_sheet(archive: zipfile.ZipFile, path: str, limits: Limits) -> tuple[int, int]:
    """Check the sheet; return the last line and the last column that hold a value (0, 0:
    none)."""
    return _SheetScan(limits).run(archive, path)


def _feed(archive: zipfile.ZipFile, name: str, parser, rest: Callable[[bytes], None] | None = None):
    """Feed the part to expat in chunks; after _Stop, hand the remaining bytes to `rest`."""
    with archive.open(name) as handle:
        offset = 0
        while chunk := handle.read(CHUNK):
            try:
                parser.Parse(chunk, False)
            except _Stop:
                if rest is None:
                    return
                rest(chunk[max(0, parser.CurrentByteIndex - offset) :])
                while chunk := handle.read(CHUNK):
                    rest(chunk)
                return
            offset += len(chunk)
        parser.Parse(b"", True)


def _parser():
    parser = expat.ParserCreate()
    parser.buffer_text = True
    return parser


def _too_complex() -> ImportFileError:
    return ImportFileError(
        _(
            "Die Excel-Arbeitsmappe ist ungewöhnlich aufgebaut und zu umfangreich, um sie zu "
            "lesen. Bitte kopieren Sie die Tabelle in eine neue Arbeitsmappe oder speichern Sie "
            "sie als CSV."
        )
    )


def _scan_part(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    count = 0

    def start(tag, attrs):
        nonlocal count
        count += 1
        if count > limits.max_part_elements:
            raise _too_complex()

    parser = _parser()
    parser.StartElementHandler = start
    _feed(archive, name, parser)


def _too_long(limits: Limits) -> ImportFileError:
    return ImportFileError(
        _(
            "Eine Zelle enthält mehr als %(limit)s Zeichen. So lange Texte nimmt der Import "
            "nicht an; bitte kürzen Sie den Text."
        )
        % {"limit": format_number(limits.max_cell_chars)}
    )


def _count_shared_strings(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Count the strings at C speed first: millions of tiny ones are refused without a Python
    call per string."""
    count = 0
    tail = b""
    with archive.open(name) as handle:
        while chunk := handle.read(CHUNK):
            data = tail + chunk
            # A tag cut at the chunk's end is counted with the next chunk.
            cut = data.rfind(b"<")
            cut = cut if cut > len(data) - 16 else len(data)
            count += len(_SHARED_STRING.findall(data, 0, cut))
            if count > limits.max_cells:
                raise ImportFileError(too_many_cells(limits.max_cells))
            tail = data[cut:]


def _scan_shared_strings(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    _count_shared_strings(archive, name, limits)
    count = 0
    length = 0

    def start(tag, attrs):
        nonlocal count, length
        if tag.rsplit(":", 1)[-1] == "si":
            count += 1
            length = 0
            if count > limits.max_cells:
                raise ImportFileError(too_many_cells(limits.max_cells))

    def text(data):
        nonlocal length
        length += len(data)
        if length > limits.max_cell_chars:
            raise _too_long(limits)

    parser = _parser()
    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    _feed(archive, name, parser)


class _SheetScan:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.line = 0
        self.column = 0
        self.cells = 0
        self.data_rows = 0
        self.last_data_line = 0
        self.last_column = 0
        self.row_has_value = False
        self.in_value = False
        self.value_chars = 0

    def run(self, archive: zipfile.ZipFile, sheet_path: str) -> tuple[int, int]:
        parser = _parser()
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        tail = b""

        def rest(chunk: bytes) -> None:
            nonlocal tail
            if _VALUE_TAG.search(tail + chunk):
                raise ImportFileError(
                    _(
                        "Unterhalb von Zeile %(limit)s stehen noch Werte. Der Import liest "
                        "höchstens %(limit)s Zeilen (leere Zeilen zählen mit). Bitte löschen Sie "
                        "die leeren Zeilen zwischen den Einträgen oder teilen Sie die Liste auf."
                    )
                    % {"limit": format_number(self.limits.max_lines)}
                )
            tail = chunk[-256:]

        _feed(archive, sheet_path, parser, rest)
        return self.last_data_line, self.last_column

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = tag.rsplit(":", 1)[-1]
        if tag == "c":
            self.cells += 1
            if self.cells > self.limits.max_cells:
                raise ImportFileError(too_many_cells(self.limits.max_cells))
            reference = attrs.get("r", "")
            letters = _COLUMN.match(reference)
            self.column = _column_index(letters.group()) if letters else self.column + 1
            self.value_chars = 0
        elif tag in ("v", "t"):
            self.in_value = True
        elif tag == "row":
            number = attrs.get("r", "")
            self.line = int(number) if number.isdigit() else self.line + 1
            if self.line > self.limits.max_lines:
                raise _Stop
            self.column = 0
            self.row_has_value = False

    def end(self, tag: str) -> None:
        tag = tag.rsplit(":", 1)[-1]
        if tag in ("v", "t"):
            self.in_value = False
        elif tag == "c" and self.value_chars:
            if self.column > self.limits.max_columns:
                raise ImportFileError(too_many_columns(self.line, self.limits.max_columns))
            self.row_has_value = True
            self.last_column = max(self.last_column, self.column)
        elif tag == "row" and self.row_has_value:
            self.data_rows += 1
            if self.data_rows > self.limits.max_rows + 1:  # + the header row
                raise ImportFileError(too_many_rows(self.limits.max_rows))
            self.last_data_line = self.line

    def text(self, data: str) -> None:
        if self.in_value and data.strip():
            self.value_chars += len(data)
            if self.value_chars > self.limits.max_cell_chars:
                raise _too_long(self.limits)


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index
