"""lib.exports: CSV for German Excel, XLSX, and no formula injection."""

from __future__ import annotations

import csv
import io
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


def test_it_writes_xlsx_without_formulas():
    data = xlsx_bytes(["Name", "Telefon"], [[value, "x"] for value in DANGEROUS])
    sheet = load_workbook(io.BytesIO(data)).active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # (XML stores a carriage return as a line feed; the apostrophe is what matters.)
    assert values == ["'" + value.replace("\r", "\n") for value in DANGEROUS]
    assert all(cell.data_type == "s" for cell in sheet["A"])
    assert sheet["A1"].font.bold


def test_it_answers_with_downloads():
    response = csv_response("akteure.csv", ["Name"], [["A"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="akteure.csv"'
    response = xlsx_response("übersicht.xlsx", ["Name"], [])
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''%C3%BCbersicht.xlsx" in response["Content-Disposition"]
