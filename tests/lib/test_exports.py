"""lib.exports: CSV for German Excel, XLSX, and no formula injection."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sozialraum.lib.exports import csv_bytes, csv_response, neutralise, xlsx_bytes, xlsx_response

DANGEROUS = ["=1+1", "+49 5191 1234", "-2", "@SUM(A1)", "\t=cmd", "\r=cmd"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_it_neutralises_cells_that_start_a_formula(value):
    assert neutralise(value) == "'" + value


def test_it_leaves_harmless_cells_alone():
    assert neutralise("Kita = Bildung") == "Kita = Bildung"
    assert neutralise("") == ""
    assert neutralise(None) == ""
    assert neutralise(True) == "ja"
    assert neutralise(date(2025, 3, 1)) == "01.03.2025"
    assert neutralise(Decimal("1234.50")) == "1234,50"
    assert neutralise(42) == "42"


def test_it_writes_csv_with_bom_semicolon_and_crlf():
    data = csv_bytes(["Name", "Ort"], [["Kita Süd; Nord", "Soltau"], ["=HYPERLINK()", "x"]])
    assert data.startswith(b"\xef\xbb\xbfName;Ort\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Name", "Ort"], ["Kita Süd; Nord", "Soltau"], ["'=HYPERLINK()", "x"]]


def test_it_writes_xlsx_string_cells_without_a_visible_apostrophe():
    data = xlsx_bytes(["Name", "Telefon"], [[value, "+49 5191 1234"] for value in DANGEROUS])
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    # (Read back without lxml, XML turns a carriage return into a line feed; with lxml, which
    # python-docx brings, it stays: both are the same line break in a cell.)
    assert [row[0].replace("\r", "\n") for row in rows] == [
        value.replace("\r", "\n") for value in DANGEROUS
    ]
    assert {row[1] for row in rows} == {"+49 5191 1234"}
    # Every cell is a string cell: shown as text, never evaluated as a formula.
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row)
    assert sheet["A1"].font.bold


def test_it_stores_text_that_looks_like_a_formula_as_a_string_in_the_file():
    data = xlsx_bytes(["Name"], [['=HYPERLINK("http://evil.example")']])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="A2" t="inlineStr"><is><t>=HYPERLINK' in xml
    assert "<f>" not in xml


def test_it_freezes_and_filters_the_header_and_sizes_the_columns():
    rows = [["Kita Sonnenschein am Stadtpark", "29614", "x" * 500], ["Hort", "", ""]]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["Name", "PLZ", "Beschreibung"], rows))).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C3"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABC"}
    assert widths["A"] == len("Kita Sonnenschein am Stadtpark") + 1
    assert widths["B"] == 8  # at least the minimum
    assert widths["C"] == 60  # long text is capped


def test_it_drops_control_characters_that_xlsx_cannot_hold():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["Name"], [["Kita\x0bSüd"]]))).active
    assert sheet["A2"].value == "KitaSüd"


def test_it_the_empty_template_has_a_filter_on_its_header():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["Name", "Art"], []))).active
    assert sheet.auto_filter.ref == "A1:B1"
    assert [cell.value for cell in sheet[1]] == ["Name", "Art"]


def test_it_answers_with_downloads():
    response = csv_response("akteure.csv", ["Name"], [["A"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="akteure.csv"'
    response = xlsx_response("übersicht.xlsx", ["Name"], [])
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''%C3%BCbersicht.xlsx" in response["Content-Disposition"]
