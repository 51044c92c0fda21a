"""lib.imports: real files as spreadsheet programs write them, and the guards."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date, datetime

import pytest
from bench.bad_import_files import (
    duplicate_names_csv,
    empty_rows,
    huge_shared_strings,
    long_text,
    many_columns,
    wide_row,
)
from bench.bad_import_files import xlsx as raw_xlsx
from openpyxl import Workbook

from sozialraum.lib import imports as lib_imports
from sozialraum.lib.imports import (
    Column,
    ImportFileError,
    RowError,
    cell_text,
    check_size,
    read_table,
)

COLUMNS = (
    Column("Name", required=True),
    Column("Straße", aliases=("Strasse",)),
    Column("PLZ", pad_digits=5),
    Column("E-Mail", aliases=("Email", "Mail")),
    Column("Beschreibung"),
)


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_it_reads_a_csv_as_german_excel_writes_it():
    text = (
        "Name;Straße;PLZ;E-Mail;Beschreibung\r\n"
        "Kita Sonnenblume;Lindenstraße 4;29614;kita@example.org;Kosten 1.234,56 €\r\n"
        '"Grundschule ""Am Park""";Parkweg 1;;;"Erste Zeile\r\nzweite Zeile"\r\n'
        "Familienzentrum Süd;Bahnhofstr. 2;1067;;Öffnungszeiten: Mo–Fr\r\n"
    )
    table = read_table(text.encode("cp1252"), "liste.csv", COLUMNS)
    assert table.encoding == "cp1252"
    assert table.delimiter == ";"
    assert [row.line for row in table.rows] == [2, 3, 4]
    first, second, third = table.rows
    assert first.values["Straße"] == "Lindenstraße 4"
    assert first.values["Beschreibung"] == "Kosten 1.234,56 €"
    assert second.values["Name"] == 'Grundschule "Am Park"'
    assert second.values["Beschreibung"] == "Erste Zeile\nzweite Zeile"
    assert third.values["PLZ"] == "01067"  # leading zero that Excel dropped
    assert third.values["Beschreibung"] == "Öffnungszeiten: Mo–Fr"


def test_it_counts_lines_as_a_spreadsheet_shows_them():
    text = 'Name;Beschreibung\n"A";"eins\nzwei\ndrei"\n\nB;x\n'
    table = read_table(text.encode(), "a.csv", COLUMNS)
    assert [(row.line, row.values["Name"]) for row in table.rows] == [(2, "A"), (4, "B")]


def test_it_reads_utf8_with_bom_and_comma():
    text = "\ufeffname,email,STRASSE\nMüller-Stiftung,info@example.org,Hauptstraße 1\n"
    table = read_table(text.encode("utf-8"), "x.csv", COLUMNS)
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ","
    assert table.columns == ["Name", "Straße", "E-Mail"]
    assert table.rows[0].values == {
        "Name": "Müller-Stiftung",
        "Straße": "Hauptstraße 1",
        "PLZ": "",
        "E-Mail": "info@example.org",
        "Beschreibung": "",
    }


def test_it_reads_tab_separated_utf16_as_excel_unicode_text():
    text = "Name\tMail\r\nKita Regenbogen\tkita@example.org\r\n"
    table = read_table(text.encode("utf-16"), "x.txt", COLUMNS)
    assert table.delimiter == "\t"
    assert table.rows[0].values["E-Mail"] == "kita@example.org"


def test_it_matches_headers_ignoring_case_spaces_and_spelling():
    text = " e-mail ; NAME ;Strasse\nx@example.org;A;B\n"
    table = read_table(text.encode(), "x.csv", COLUMNS)
    assert table.rows[0].values["Name"] == "A"
    assert table.rows[0].values["Straße"] == "B"
    assert table.rows[0].values["E-Mail"] == "x@example.org"


def test_it_reports_unknown_and_missing_and_double_columns():
    text = "Strasse;Telefax;Bemerkung;Straße\nA;B;C;D\n"
    table = read_table(text.encode(), "x.csv", COLUMNS)
    assert table.unknown_columns == ["Telefax", "Bemerkung"]
    messages = {(e.line, e.column): e.message for e in table.errors}
    assert "kommt zweimal vor" in messages[(1, "Straße")]
    assert messages[(1, "Name")] == "Die Spalte „Name“ fehlt. Sie ist für den Import nötig."


def test_it_reads_an_xlsx_written_by_openpyxl():
    data = xlsx(
        [
            ["Name", "PLZ", "E-Mail", "Beschreibung"],
            ["Kita Sonnenblume", 29614, "a@example.org", 12.5],
            [None, None, None, None],
            ["Schule am See", 1067, None, datetime(2024, 8, 1)],
        ]
    )
    table = read_table(data, "liste.xlsx", COLUMNS)
    assert table.file_format == "xlsx"
    assert [row.line for row in table.rows] == [2, 4]
    assert table.rows[0].values["PLZ"] == "29614"
    assert table.rows[0].values["Beschreibung"] == "12,5"
    assert table.rows[1].values["PLZ"] == "01067"
    assert table.rows[1].values["Beschreibung"] == "01.08.2024"


def test_it_turns_cells_into_sensible_text():
    assert cell_text(5191) == "5191"
    assert cell_text(5191.0) == "5191"
    assert cell_text(3.25) == "3,25"
    assert cell_text(date(2025, 1, 2)) == "02.01.2025"
    assert cell_text(None) == ""


def test_it_removes_the_apostrophe_of_a_neutralised_export():
    text = "Name;Beschreibung\n'=Kita;'+49 5191 1234\n"
    table = read_table(text.encode(), "x.csv", COLUMNS)
    assert table.rows[0].values == {**table.rows[0].values, "Name": "=Kita"}
    assert table.rows[0].values["Beschreibung"] == "+49 5191 1234"


def test_it_reports_rows_with_more_values_than_columns():
    text = "Name;PLZ\nKita A;29614;Soltau\n"
    table = read_table(text.encode(), "x.csv", COLUMNS)
    assert table.errors[0].line == 2
    assert "Semikolon" in table.errors[0].message


def test_it_refuses_an_empty_file():
    for data in (b"", b"   \r\n\r\n", "\ufeff".encode()):
        with pytest.raises(ImportFileError, match="Die Datei ist leer"):
            read_table(data, "leer.csv", COLUMNS)


def test_it_refuses_a_binary_file():
    with pytest.raises(ImportFileError, match="keine Tabelle"):
        read_table(os.urandom(4096) + b"\x00", "bild.csv", COLUMNS)
    with pytest.raises(ImportFileError, match="keine Tabelle"):
        read_table(b"%PDF-1.4\n\x00\x01\x02binary", "x.pdf", COLUMNS)


def test_it_refuses_a_zip_that_is_no_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hallo.txt", "hallo")
    with pytest.raises(ImportFileError, match="nicht als Excel-Arbeitsmappe"):
        read_table(buffer.getvalue(), "x.xlsx", COLUMNS)


def test_it_refuses_a_text_file_named_xlsx_and_an_old_xls():
    with pytest.raises(ImportFileError, match="keine Excel-Arbeitsmappe"):
        read_table(b"Name\nA\n", "liste.xlsx", COLUMNS)
    with pytest.raises(ImportFileError, match=r"alten Format \(\.xls\)"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "liste.xls", COLUMNS)


def test_it_refuses_a_csv_without_a_header_row():
    with pytest.raises(ImportFileError, match="keine Spaltennamen, die wir kennen") as info:
        read_table(b"Kita A;29614\nKita B;29664\n", "x.csv", COLUMNS)
    assert "Name, Straße, PLZ, E-Mail, Beschreibung" in str(info.value)


def test_it_refuses_a_large_file_by_its_size():
    with pytest.raises(ImportFileError) as info:
        check_size(50 * 1024 * 1024)
    assert str(info.value) == (
        "Die Datei ist 50 MB groß; erlaubt sind höchstens 10 MB. Bitte teilen Sie die Liste "
        "auf mehrere Dateien auf."
    )
    with pytest.raises(ImportFileError, match="höchstens 10 MB"):
        read_table(b"Name\n" + b"x" * (10 * 1024 * 1024), "x.csv", COLUMNS)


def test_it_refuses_too_many_rows():
    text = "Name\n" + "".join(f"Kita {n}\n" for n in range(101))
    with pytest.raises(ImportFileError, match="mehr als 100 Datenzeilen"):
        read_table(text.encode(), "x.csv", COLUMNS, max_rows=100)
    assert len(read_table(text.encode(), "x.csv", COLUMNS, max_rows=101).rows) == 101


def test_it_refuses_an_unclosed_quote_that_swallows_the_file():
    text = 'Name;Beschreibung\nA;"offen\n' + "x" * 200_000 + "\n"
    with pytest.raises(ImportFileError, match="Anführungszeichen"):
        read_table(text.encode(), "x.csv", COLUMNS)


def test_it_formats_row_errors_for_people():
    assert str(RowError(3, "PLZ", "Falsch.")) == "Zeile 3, Spalte „PLZ“: Falsch."
    assert str(RowError(3, "", "Falsch.")) == "Zeile 3: Falsch."
    assert str(RowError(0, "", "Datei kaputt.")) == "Datei kaputt."


# Limits against hostile files (issue 7, point 6): small thresholds, German messages -----------
# The real files and their time and memory are measured in `make bench` (bench/import_time.py).

IMPORT_COLUMNS = (Column("Name", required=True), Column("Art"), Column("PLZ"), Column("Ort"))


def read_bad(data: bytes, name: str = "x.xlsx"):
    return read_table(data, name, IMPORT_COLUMNS)


def test_it_refuses_an_xlsx_row_wider_than_the_column_limit(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_COLUMNS", 10)
    with pytest.raises(ImportFileError) as info:
        read_bad(wide_row(cells=11))
    assert str(info.value) == (
        "In Zeile 2 stehen Werte in mehr als 10 Spalten. Der Import liest höchstens 10 "
        "Spalten; bitte löschen Sie die übrigen."
    )
    assert len(read_bad(wide_row(cells=10)).rows) == 1


def test_it_refuses_a_header_wider_than_the_column_limit(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_COLUMNS", 20)
    with pytest.raises(ImportFileError, match="In Zeile 1 stehen Werte in mehr als 20 Spalten"):
        read_bad(many_columns(columns=17))


def test_it_counts_cells_of_an_xlsx_empty_ones_included(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_CELLS", 50)
    rows = ['<row r="1"><c t="inlineStr"><is><t>Name</t></is></c></row>']
    rows += [f'<row r="{n}"><c s="1"/><c s="1"/></row>' for n in range(2, 30)]
    with pytest.raises(ImportFileError) as info:
        read_bad(raw_xlsx(rows))
    assert str(info.value) == (
        "Die Tabelle hat mehr als 50 Zellen (in Excel zählen auch leere, formatierte Zellen "
        "mit). Bitte teilen Sie die Liste auf mehrere Dateien auf."
    )


def test_it_refuses_too_many_shared_strings(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_CELLS", 1000)
    with pytest.raises(ImportFileError, match=r"mehr als 1\.000 Zellen"):
        read_bad(huge_shared_strings(count=1001))


def test_it_refuses_an_xlsx_cell_with_too_long_a_text(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_CELL_CHARS", 500)
    with pytest.raises(ImportFileError) as info:
        read_bad(long_text(chars=501))
    assert str(info.value) == (
        "Eine Zelle enthält mehr als 500 Zeichen. So lange Texte nimmt der Import nicht an; "
        "bitte kürzen Sie den Text."
    )
    assert read_bad(long_text(chars=500)).rows[0].values["Name"] == "x" * 500


def test_it_skips_trailing_empty_rows_below_the_line_limit(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_LINES", 1000)
    table = read_bad(empty_rows(rows=300_000))
    assert [(row.line, row.values["Name"]) for row in table.rows] == [(2, "Kita Sonnenschein")]


def test_it_refuses_a_value_below_the_line_limit(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_LINES", 1000)
    with pytest.raises(ImportFileError) as info:
        read_bad(empty_rows(rows=300_000, value_at_end=True))
    assert str(info.value) == (
        "Unterhalb von Zeile 1.000 stehen noch Werte. Der Import liest höchstens 1.000 Zeilen "
        "(leere Zeilen zählen mit). Bitte löschen Sie die leeren Zeilen zwischen den Einträgen "
        "oder teilen Sie die Liste auf."
    )


def test_it_counts_data_rows_of_an_xlsx_while_streaming():
    rows = ['<row r="1"><c t="inlineStr"><is><t>Name</t></is></c></row>']
    rows += [f'<row r="{n}"><c><v>{n}</v></c></row>' for n in range(2, 13)]
    with pytest.raises(ImportFileError, match="mehr als 10 Datenzeilen"):
        read_table(raw_xlsx(rows), "x.xlsx", IMPORT_COLUMNS, max_rows=10)


def test_it_refuses_an_xlsx_that_unpacks_too_large(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_UNPACKED_BYTES", 1024 * 1024)
    with pytest.raises(ImportFileError) as info:
        read_bad(long_text(chars=2 * 1024 * 1024))
    assert str(info.value) == (
        "Die Excel-Arbeitsmappe ist entpackt größer als 1 MB. Bitte kopieren Sie nur die "
        "Tabelle mit den Organisationen in eine neue Arbeitsmappe."
    )


def test_it_refuses_a_part_with_too_many_elements(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_PART_ELEMENTS", 5)
    with pytest.raises(ImportFileError, match="ungewöhnlich aufgebaut und zu umfangreich"):
        read_bad(raw_xlsx('<row r="1"><c t="inlineStr"><is><t>Name</t></is></c></row>'))


def test_it_reads_a_sheet_without_dimension_and_with_a_gap():
    sheet = (
        '<row r="1"><c t="inlineStr"><is><t>Name</t></is></c></row>'
        '<row r="3"><c t="inlineStr"><is><t>Kita Süd</t></is></c></row>'
    )
    data = raw_xlsx(sheet)
    assert [(row.line, row.values["Name"]) for row in read_bad(data).rows] == [(3, "Kita Süd")]


def test_it_refuses_a_csv_line_wider_than_the_column_limit(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_COLUMNS", 5)
    with pytest.raises(ImportFileError) as info:
        read_table(b"Name;Art\nKita;Kita;a;b;c;d\n", "x.csv", IMPORT_COLUMNS)
    assert str(info.value) == (
        "In Zeile 2 stehen Werte in mehr als 5 Spalten. Der Import liest höchstens 5 Spalten; "
        "bitte löschen Sie die übrigen."
    )
    # Separators Excel adds to short rows are no values.
    table = read_table(b"Name;Art\nKita;Kita" + b";" * 50 + b"\n", "x.csv", IMPORT_COLUMNS)
    assert table.rows[0].values["Name"] == "Kita"


def test_it_refuses_a_csv_line_of_absurdly_many_separators_before_reading_it(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_COLUMNS", 5)
    text = "Name;Art\nKita;Kita\nHort;Kita" + ";" * 501 + "\n"
    with pytest.raises(ImportFileError) as info:
        read_table(text.encode(), "x.csv", IMPORT_COLUMNS)
    assert str(info.value) == (
        "Zeile 3 enthält mehr als 500 Trennzeichen. Bitte speichern Sie nur die Spalten, in "
        "denen etwas steht."
    )


def test_it_counts_the_cells_of_a_csv(monkeypatch):
    monkeypatch.setattr(lib_imports, "MAX_CELLS", 20)
    text = "Name;Art\n" + "".join(f"Kita {n};Kita\n" for n in range(10))
    with pytest.raises(ImportFileError, match=r"mehr als 20 Zellen"):
        read_table(text.encode(), "x.csv", IMPORT_COLUMNS)


def test_it_the_hostile_generator_makes_names_that_share_one_duplicate_key():
    from sozialraum.lib.text import duplicate_key, search_key

    lines = duplicate_names_csv(rows=200).decode("cp1252").splitlines()[1:]
    names = [line.split(";")[0] for line in lines]
    assert len({search_key(name) for name in names}) == 200
    assert {duplicate_key(name) for name in names} == {"kita sonnenschein"}
