"""Reading spreadsheets for imports: CSV (as Excel and LibreOffice write them) and XLSX.

Generic, no models. `read_table(data, filename, columns)` returns the rows keyed by the declared
column names, with line numbers as a spreadsheet user sees them (the header is line 1; a cell
with a line break is still one line). Problems with the file as a whole raise `ImportFileError`
with a German sentence that says what to do; the guards (size, row count, binary content) answer
before much work is done, so a wrong or huge file never hangs a request.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from sozialraum.lib.text import search_key

# Limits that keep a hostile file of a few kilobytes from tying up a worker (issue 7, point 6).
# They are read when a file is read, so tests can lower them.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000  # data rows
MAX_COLUMNS = 100  # the last column that may hold a value
MAX_CELLS = 1_000_000  # cells read in all (in XLSX also empty, formatted ones)
SEPARATORS_PER_COLUMN = 100  # CSV: a line with more than this × MAX_COLUMNS separators is refused
# A single cell longer than this is no directory entry (and csv's own limit would raise).
MAX_CELL_CHARS = 100_000
# XLSX only: lines parsed at all (empty ones included; below them a value is only searched for),
# the unpacked size of the archive, and the elements of any other part openpyxl reads.
MAX_LINES = 100_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PART_ELEMENTS = 200_000

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc)
_DELIMITERS = (";", "\t", ",")  # order = preference when the header does not decide
# Characters an export neutralises with a leading apostrophe (lib.exports.neutralise).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message says why, in German."""


@dataclass(frozen=True)
class Column:
    """A column the import understands.

    Headers match case-insensitively, ignoring spaces, hyphens and the spelling of umlauts and ß
    ("E-Mail" = "email" = "E Mail", "Straße" = "Strasse"); `aliases` name other headers people
    use for the same thing. `pad_digits` restores leading zeros that spreadsheets drop from
    numbers (PLZ 01067 saved as 1067).
    """

    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    pad_digits: int | None = None

    def header_keys(self) -> set[str]:
        return {header_key(self.name), *(header_key(alias) for alias in self.aliases)}


@dataclass(frozen=True)
class RowError:
    """One problem: line (1 = header; 0 = the file as a whole), column name, German message."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.line == 0:
            return self.message
        if self.column:
            return _("Zeile %(line)s, Spalte „%(column)s“: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("Zeile %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class Row:
    line: int
    values: dict[str, str]  # declared column name -> stripped text ("" when empty or absent)


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # declared names present in the file
    unknown_columns: list[str] = field(default_factory=list)  # headers as written in the file
    errors: list[RowError] = field(default_factory=list)  # header and row-shape problems
    file_format: str = ""  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""


def header_key(text: str) -> str:
    return search_key(text).replace(" ", "")


def format_megabytes(size: int) -> str:
    megabytes = size / 1024 / 1024
    if megabytes.is_integer() or megabytes >= 10:
        return f"{megabytes:.0f}"
    return f"{megabytes:.1f}".replace(".", ",")


def format_number(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def check_size(size: int, max_bytes: int = MAX_BYTES) -> None:
    """Refuse a file by its size alone; call it before reading an upload."""
    if size > max_bytes:
        raise ImportFileError(
            _(
                "Die Datei ist %(size)s MB groß; erlaubt sind höchstens %(limit)s MB. Bitte "
                "teilen Sie die Liste auf mehrere Dateien auf."
            )
            % {"size": format_megabytes(size), "limit": format_megabytes(max_bytes)}
        )


def read_table(
    data: bytes,
    filename: str,
    columns: Sequence[Column],
    *,
    max_bytes: int | None = None,
    max_rows: int | None = None,
) -> Table:
    """Read a CSV or XLSX file into rows keyed by the declared column names.

    Raises ImportFileError for an empty, too large, binary or unreadable file, a file without
    a recognisable header row, or one past a limit (rows, columns, cells, length of a cell;
    counted while reading, so a huge sheet is refused early).
    """
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    max_rows = MAX_ROWS if max_rows is None else max_rows
    check_size(len(data), max_bytes)
    if not data.strip():
        raise ImportFileError(_("Die Datei ist leer. Bitte wählen Sie die richtige Datei aus."))
    lower_name = (filename or "").lower()
    if data.startswith(_XLSX_MAGIC):
        table = Table(file_format="xlsx")
        records = _xlsx_records(data, max_rows)
    elif data.startswith(_OLE_MAGIC) or lower_name.endswith(".xls"):
        raise ImportFileError(
            _(
                "Das ist eine Excel-Datei im alten Format (.xls). Bitte speichern Sie sie in "
                "Excel mit „Speichern unter“ als „Excel-Arbeitsmappe (.xlsx)“ oder als CSV."
            )
        )
    elif lower_name.endswith((".xlsx", ".xlsm")):
        raise ImportFileError(
            _(
                "Die Datei heißt „%(name)s“, ist aber keine Excel-Arbeitsmappe. Bitte öffnen "
                "Sie sie in Excel und speichern Sie sie erneut als .xlsx oder als CSV."
            )
            % {"name": filename}
        )
    else:
        text, encoding = _decode(data)
        delimiter = _sniff_delimiter(text)
        table = Table(file_format="csv", encoding=encoding, delimiter=delimiter)
        records = _csv_records(text, delimiter)
    _read_records(table, records, columns, max_rows)
    return table


# Decoding and CSV ---------------------------------------------------------------------------


def _not_a_table() -> ImportFileError:
    return ImportFileError(
        _(
            "Die Datei ist keine Tabelle, die wir lesen können. Bitte laden Sie eine CSV-Datei "
            "oder eine Excel-Arbeitsmappe (.xlsx) hoch."
        )
    )


def _decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel "Unicode-Text"), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise _not_a_table() from None
    if b"\x00" in data:
        raise _not_a_table()
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
        if data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8-sig"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise _not_a_table() from None
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if control > max(3, len(sample) // 100):
        raise _not_a_table()
    return text, encoding


def _first_record(text: str) -> str:
    """The header record: up to the first line break outside quotes."""
    quoted = False
    for index, ch in enumerate(text[:65536]):
        if ch == '"':
            quoted = not quoted
        elif ch in "\r\n" and not quoted:
            return text[:index]
    return text[:65536]


def _sniff_delimiter(text: str) -> str:
    header = _first_record(text)
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties keep the preferred order
    return best if counts[best] else ";"


def _check_separators(text: str, delimiter: str) -> None:
    """Refuse a line with absurdly many separators before csv builds it as one list (a line of
    five million separators took 90 MB). Excel pads short rows with separators up to the widest
    row, so the bound is far above the column limit; counted in C, without copying lines."""
    limit = SEPARATORS_PER_COLUMN * MAX_COLUMNS
    if text.count(delimiter) <= limit:
        return
    start, line = 0, 1
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if text.count(delimiter, start, end) > limit:
            raise ImportFileError(
                _(
                    "Zeile %(line)s enthält mehr als %(limit)s Trennzeichen. Bitte speichern Sie "
                    "nur die Spalten, in denen etwas steht."
                )
                % {"line": format_number(line), "limit": format_number(limit)}
            )
        start, line = end + 1, line + 1


def _csv_records(text: str, delimiter: str) -> Iterator[list[object]]:
    _check_separators(text, delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    line = 0
    cells = 0
    try:
        for record in reader:
            line += 1
            if len(record) > MAX_COLUMNS:
                while record and not record[-1].strip():
                    record.pop()  # Excel pads short rows with separators
                if len(record) > MAX_COLUMNS:
                    raise ImportFileError(too_many_columns(line, MAX_COLUMNS))
            cells += len(record)
            if cells > MAX_CELLS:
                raise ImportFileError(too_many_cells(MAX_CELLS))
            if any(len(cell) > MAX_CELL_CHARS for cell in record):
                raise ImportFileError(
                    _(
                        "Zeile %(line)s enthält einen Wert mit mehr als %(limit)s Zeichen. Fehlt "
                        "vielleicht ein schließendes Anführungszeichen?"
                    )
                    % {"line": line, "limit": format_number(MAX_CELL_CHARS)}
                )
            yield list(record)
    except csv.Error:
        raise ImportFileError(
            _(
                "Die Datei lässt sich ab Zeile %(line)s nicht als CSV lesen. Fehlt vielleicht "
                "ein schließendes Anführungszeichen?"
            )
            % {"line": line + 1}
        ) from None


# XLSX -----------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _iterparse(handle):
    # openpyxl parses the same parts with the same parser. Expat (>= 2.4) limits entity
    # expansion and ElementTree never fetches external entities.
    return ElementTree.iterparse(handle)  # noqa: S314


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    """The part name of the workbook's first sheet (xl/workbook.xml and its relationships)."""
    with archive.open("xl/workbook.xml") as handle:
        first_id = next(
            (
                value
                for _event, element in _iterparse(handle)
                if _local(element.tag) == "sheet"
                for key, value in element.attrib.items()
                if _local(key) == "id"
            ),
            None,
        )
    with archive.open("xl/_rels/workbook.xml.rels") as handle:
        for _event, element in _iterparse(handle):
            if _local(element.tag) == "Relationship" and element.get("Id") == first_id:
                target = element.get("Target", "")
                return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise KeyError("first sheet")


def _xlsx_limits(max_rows: int):
    from sozialraum.lib.xlsx_scan import Limits

    return Limits(
        max_rows=max_rows,
        max_lines=MAX_LINES,
        max_columns=MAX_COLUMNS,
        max_cells=MAX_CELLS,
        max_cell_chars=MAX_CELL_CHARS,
        max_unpacked_bytes=MAX_UNPACKED_BYTES,
        max_part_elements=MAX_PART_ELEMENTS,
    )


def _xlsx_records(data: bytes, max_rows: int) -> Iterator[list[object]]:
    """The rows of the first sheet up to the last one with a value, empty rows included (so
    numbering matches Excel's). A streaming scan checks the limits before openpyxl starts."""
    from sozialraum.lib.xlsx_scan import check_parts, scan_sheet

    limits = _xlsx_limits(max_rows)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_parts(archive, limits)
        sheet_path = _first_sheet_path(archive)
    except ImportFileError:
        raise
    except Exception:
        raise _not_a_workbook() from None
    try:
        last_line, last_column = scan_sheet(archive, sheet_path, limits)
    except ImportFileError:
        raise
    except Exception:  # expat.ExpatError, zipfile.BadZipFile, zlib.error, ...
        raise _damaged_workbook() from None
    if not last_line:
        return iter(())
    try:
        workbook = _load_workbook(data)
        sheet = workbook.worksheets[0]
        # Do not trust the stored dimensions: a wrong one would silently cut rows off.
        sheet.reset_dimensions()
    except Exception:
        raise _not_a_workbook() from None

    def rows() -> Iterator[list[object]]:
        # openpyxl fills gaps (rows without cells) with empty rows, so the count is Excel's.
        cells = sheet.iter_rows(values_only=True, max_row=last_line, max_col=last_column)
        try:
            while True:
                try:
                    row = next(cells)
                except StopIteration:
                    return
                except Exception:
                    raise _damaged_workbook() from None
                yield list(row)
        finally:
            workbook.close()

    return rows()


def _load_workbook(data: bytes):
    """openpyxl in read-only mode, except that it does not parse a sheet without a stored
    `<dimension>` completely while loading (keeping every row element of it in memory: 700 MB for
    a file of 70 KB with millions of empty rows). The dimensions are reset anyway."""
    from openpyxl import load_workbook
    from openpyxl.reader import excel
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class Sheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            pass

    # Only the class used for the sheets of this one load is swapped (openpyxl 3.1).
    original = excel.ReadOnlyWorksheet
    excel.ReadOnlyWorksheet = Sheet  # type: ignore[misc]
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    finally:
        excel.ReadOnlyWorksheet = original  # type: ignore[misc]


def _not_a_workbook() -> ImportFileError:
    return ImportFileError(
        _(
            "Die Datei lässt sich nicht als Excel-Arbeitsmappe (.xlsx) öffnen. Bitte "
            "speichern Sie sie in Excel erneut als .xlsx oder als CSV."
        )
    )


def _damaged_workbook() -> ImportFileError:
    return ImportFileError(
        _(
            "Die Excel-Arbeitsmappe ist beschädigt und lässt sich nicht ganz "
            "lesen. Bitte speichern Sie sie in Excel erneut als .xlsx oder als CSV."
        )
    )


def cell_text(value: object) -> str:
    """A cell as text: integers without '.0', other numbers with a German decimal comma,
    dates as dd.mm.yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value).replace(".", ",")
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


# Header and rows -----------------------------------------------------------------------------


def _clean(value: object) -> str:
    text = unicodedata.normalize("NFC", cell_text(value)).replace("\r\n", "\n").strip()
    # Undo the neutralisation of our own exports, so an export can be imported again.
    if text.startswith("'") and text[1:2] and text[1] in _FORMULA_START:
        text = text[1:]
    return text


def _read_records(
    table: Table, records: Iterator[list[object]], columns: Sequence[Column], max_rows: int
) -> None:
    header: list[str] | None = None
    header_line = 0
    mapping: dict[int, Column] = {}
    data_rows = 0
    line = 0
    for record in records:
        line += 1
        cells = [_clean(value) for value in record]
        if not any(cells):
            continue
        if header is None:
            header, header_line = cells, line
            mapping = _match_header(table, header, columns, header_line)
            continue
        data_rows += 1
        if data_rows > max_rows:
            raise ImportFileError(too_many_rows(max_rows))
        extra = [value for index, value in enumerate(cells) if index >= len(header) and value]
        if extra:
            table.errors.append(
                RowError(
                    line,
                    "",
                    _(
                        "Die Zeile hat mehr Werte als die Kopfzeile Spalten. Steht vielleicht "
                        "ein Trennzeichen (%(delimiter)s) in einem Wert ohne Anführungszeichen?"
                    )
                    % {"delimiter": _delimiter_name(table.delimiter)},
                )
            )
        values = {column.name: "" for column in columns}
        for index, column in mapping.items():
            if index < len(cells):
                values[column.name] = _pad(cells[index], column.pad_digits)
        table.rows.append(Row(line, values))
    if header is None:
        raise ImportFileError(_("Die Datei ist leer. Bitte wählen Sie die richtige Datei aus."))


def too_many_columns(line: int, max_columns: int) -> str:
    return _(
        "In Zeile %(line)s stehen Werte in mehr als %(limit)s Spalten. Der Import liest "
        "höchstens %(limit)s Spalten; bitte löschen Sie die übrigen."
    ) % {"line": format_number(line), "limit": format_number(max_columns)}


def too_many_cells(max_cells: int) -> str:
    return _(
        "Die Tabelle hat mehr als %(limit)s Zellen (in Excel zählen auch leere, formatierte "
        "Zellen mit). Bitte teilen Sie die Liste auf mehrere Dateien auf."
    ) % {"limit": format_number(max_cells)}


def too_many_rows(max_rows: int) -> str:
    return _(
        "Die Datei hat mehr als %(limit)s Datenzeilen. Bitte teilen Sie die Liste auf mehrere "
        "Dateien mit höchstens %(limit)s Zeilen auf."
    ) % {"limit": format_number(max_rows)}


def _pad(text: str, digits: int | None) -> str:
    # Exactly one digit short: the leading zero a spreadsheet dropped (PLZ 01067, AGS 03358021).
    if digits and text.isdigit() and len(text) == digits - 1:
        return "0" + text
    return text


def _delimiter_name(delimiter: str) -> str:
    return {";": _("Semikolon"), ",": _("Komma"), "\t": _("Tabulator")}.get(
        delimiter, delimiter or _("Semikolon")
    )


def _match_header(
    table: Table, header: list[str], columns: Sequence[Column], line: int
) -> dict[int, Column]:
    by_key = {key: column for column in columns for key in column.header_keys()}
    mapping: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for index, title in enumerate(header):
        if not title:
            continue
        column = by_key.get(header_key(title))
        if column is None:
            table.unknown_columns.append(title)
            continue
        if column.name in seen:
            table.errors.append(
                RowError(
                    line,
                    column.name,
                    _("Die Spalte „%(name)s“ kommt zweimal vor. Bitte löschen Sie eine davon.")
                    % {"name": column.name},
                )
            )
            continue
        seen[column.name] = index
        mapping[index] = column
    if not mapping:
        raise ImportFileError(
            _(
                "In der ersten Zeile stehen keine Spaltennamen, die wir kennen. Die erste Zeile "
                "muss die Spaltennamen enthalten: %(names)s."
            )
            % {"names": ", ".join(column.name for column in columns)}
        )
    table.columns = [column.name for column in columns if column.name in seen]
    for column in columns:
        if column.required and column.name not in seen:
            table.errors.append(
                RowError(
                    line,
                    column.name,
                    _("Die Spalte „%(name)s“ fehlt. Sie ist für den Import nötig.")
                    % {"name": column.name},
                )
            )
    return mapping
