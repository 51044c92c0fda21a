"""network.exports: the directory as CSV/XLSX with the import's headers, safe to open."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from sozialraum.lib.exports import csv_response, xlsx_response
from sozialraum.network import exports, selectors
from sozialraum.network.imports import HEADERS
from tests.conftest import municipality
from tests.network.conftest import make_organisation


def test_it_exports_the_filtered_directory(office_a, coordinator, space_a, space_a2, org_a, org_b):
    make_organisation(
        office_a,
        coordinator,
        "Kita Am Wald",
        spaces=[space_a2, space_a],
        municipality=municipality("03358024"),
        external_id="K-9",
    )
    headers, rows = exports.organisation_table(selectors.directory(office_a, kind="kita"))
    assert headers == HEADERS
    assert list(rows) == [
        [
            "Kita Am Wald",
            "Kindertagesstätte",
            "",
            "",
            "",
            "03358024",
            "",
            "",
            "",
            "Soltau/Wietzendorf | Walsrode",
            "",
            "K-9",
        ]
    ]


def test_it_neutralises_formulas_in_csv_and_xlsx(office_a, coordinator):
    make_organisation(
        office_a,
        coordinator,
        '=HYPERLINK("http://evil.example","Klick")',
        phone="+49 5191 1234",
        description="@SUM(1+1)",
        street="-1",
    )
    headers, rows = exports.organisation_table(selectors.directory(office_a))
    rows = list(rows)
    response = csv_response("akteure.csv", headers, rows)
    text = response.content.decode("utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert row["Name"] == '\'=HYPERLINK("http://evil.example","Klick")'
    assert row["Telefon"] == "'+49 5191 1234"
    assert row["Beschreibung"] == "'@SUM(1+1)"
    assert row["Straße"] == "'-1"

    response = xlsx_response("akteure.xlsx", headers, rows)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = dict(zip(headers, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    # XLSX string cells are never evaluated: no visible apostrophe, not a formula either.
    assert values["Name"] == '=HYPERLINK("http://evil.example","Klick")'
    assert values["Telefon"] == "+49 5191 1234"
    assert all(cell.data_type == "s" for cell in sheet[2] if cell.value)


def test_it_exports_in_a_few_queries_however_large(
    office_a, coordinator, space_a, django_assert_max_num_queries
):
    for n in range(30):
        make_organisation(office_a, coordinator, f"Kita {n}", spaces=[space_a])
    _headers, rows = exports.organisation_table(selectors.directory(office_a))
    with django_assert_max_num_queries(3):
        assert len(list(rows)) == 30
