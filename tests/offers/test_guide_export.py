"""The filtered guide as CSV and XLSX: public offers only, formula injection neutralised."""

from __future__ import annotations

from io import BytesIO

import openpyxl
import pytest
from django.core.cache import cache

from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.offers.imports import HEADERS, parse_offers
from sozialraum.offers.models import Offer, OfferStatus

URL = "/heidekreis/wegweiser/export"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def offers(office_a):
    provider = Organisation.objects.create(
        youth_office=office_a, name="=HYPERLINK(1)", kind=OrganisationKind.OTHER
    )
    for title, status in (
        ("Erziehungsberatung", OfferStatus.PUBLISHED),
        ("Schwimmkurs", OfferStatus.PUBLISHED),
        ("Geheimer Entwurf", OfferStatus.DRAFT),
    ):
        Offer.objects.create(
            youth_office=office_a,
            organisation=provider,
            title=title,
            description="-1+1",
            status=status,
            is_free=True,
        )


def test_it_exports_the_search_as_csv(client, offers):
    response = client.get(f"{URL}.csv", {"q": "beratung"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == ";".join(HEADERS)
    assert len(lines) == 2
    assert "Erziehungsberatung;'-1+1;'=HYPERLINK(1)" in lines[1]
    assert "Geheimer Entwurf" not in text


def test_it_exports_xlsx_that_imports_again(client, offers, office_a):
    response = client.get(f"{URL}.xlsx")
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert sorted(row[0] for row in rows[1:]) == ["Erziehungsberatung", "Schwimmkurs"]
    preview = parse_offers(data=response.content, filename="x.xlsx", office=office_a)
    assert preview.is_valid, preview.errors
    assert preview.updated == 2


def test_it_refuses_unknown_formats_and_offices(client, offers):
    assert client.get(f"{URL}.pdf").status_code == 404
    assert client.get("/gibt-es-nicht/wegweiser/export.csv").status_code == 404
