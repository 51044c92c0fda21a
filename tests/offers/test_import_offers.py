"""sozialraum import_offers FILE --youth-office SLUG [--dry-run] [--draft], and the parsing."""

from __future__ import annotations

from io import BytesIO, StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.offers.imports import parse_offers
from sozialraum.offers.models import Offer, OfferStatus, OfferTopic
from sozialraum.offers.search import search_offers

HEADER = (
    "Titel;Beschreibung;Anbieter;Themen;Zielgruppen;Alter von;Alter bis;Sozialräume;"
    "Gemeindeschlüssel;Adresse;Kosten;Sprachen;Barrierefrei;Telefon;E-Mail;Website;Kennung\r\n"
)


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_offers", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def provider(office_a):
    return Organisation.objects.create(
        youth_office=office_a,
        name="Familienzentrum Sonnenschein",
        kind=OrganisationKind.FREE_CARRIER,
        external_id="ORG-7",
    )


@pytest.fixture
def good_file(tmp_path, provider, space_a):
    OfferTopic.objects.create(youth_office=office_of(provider), name="Frühe Hilfen")
    path = tmp_path / "angebote.csv"
    path.write_bytes(
        (
            HEADER + "Krabbelgruppe;Spielen und Singen für Eltern mit Kleinkindern;Familienzentrum "
            "Sonnenschein;Frühe Hilfen;Eltern|Kinder;0;3;Soltau/Wietzendorf;03358021;"
            "Marktstraße 3, 29614 Soltau;kostenlos;Deutsch, Türkisch;ja;05191 1234;"
            "info@sonnenschein.example;www.sonnenschein.example;A-1\r\n"
            "Erziehungsberatung;Beratung für Eltern;ORG-7;;Eltern;;;;;;10 € je Termin;;nein;;;;"
            "A-2\r\n"
        ).encode("cp1252")
    )
    return path


def office_of(provider):
    return provider.youth_office


def test_it_checks_without_saving_in_a_dry_run(office_a, good_file):
    out, _err = run(str(good_file), "--youth-office", "heidekreis", "--dry-run")
    assert "Probelauf: Die Datei ist in Ordnung (2 neu, 0 aktualisiert)" in out
    assert not Offer.objects.exists()


def test_it_imports_published_and_searchable(office_a, coordinator, good_file, space_a):
    out, _err = run(str(good_file), "--youth-office", "heidekreis", "--actor", coordinator.email)
    assert "Import abgeschlossen: 2 neu (veröffentlicht), 0 aktualisiert" in out
    offer = Offer.objects.get(external_id="A-1")
    assert offer.status == OfferStatus.PUBLISHED
    assert (offer.street, offer.postcode, offer.city) == ("Marktstraße 3", "29614", "Soltau")
    assert offer.is_free and offer.step_free
    assert (offer.age_from, offer.age_until) == (0, 3)
    assert offer.website == "https://www.sonnenschein.example"
    assert sorted(row.language for row in offer.language_rows.all()) == ["de", "tr"]
    assert sorted(row.target_group for row in offer.target_group_rows.all()) == [
        "eltern",
        "kinder",
    ]
    assert list(offer.social_spaces.all()) == [space_a]
    assert offer.municipality.ags == "03358021"
    other = Offer.objects.get(external_id="A-2")
    assert other.costs == "10 € je Termin" and not other.is_free
    titles = search_offers(Offer.objects.in_office(office_a), "Beratung").values_list(
        "title", flat=True
    )
    assert list(titles) == ["Erziehungsberatung"]


def test_it_creates_drafts_with_draft_and_updates_by_kennung(office_a, good_file):
    run(str(good_file), "--youth-office", "heidekreis", "--draft")
    assert set(Offer.objects.values_list("status", flat=True)) == {OfferStatus.DRAFT}
    good_file.write_bytes(
        (HEADER.split(";Zielgruppen")[0] + ";Kennung\r\n").encode()
        + "Krabbelgruppe Krümel;Neu beschrieben;ORG-7;;A-1\r\n".encode()
    )
    out, _err = run(str(good_file), "--youth-office", "heidekreis")
    assert "0 neu (veröffentlicht), 1 aktualisiert" in out
    offer = Offer.objects.get(external_id="A-1")
    assert offer.title == "Krabbelgruppe Krümel"
    assert offer.status == OfferStatus.DRAFT  # an update keeps the status
    assert offer.age_until == 3  # columns not in the file stay
    assert Offer.objects.count() == 2


def test_it_reports_every_error_with_line_and_column_and_imports_nothing(
    office_a, provider, tmp_path
):
    path = tmp_path / "fehler.csv"
    path.write_text(
        HEADER + "Kurs;Text;Unbekannter Träger;Gibt es nicht;Senioren;5;2;;99999999;;;Klingonisch;"
        "vielleicht;;kaputt;nicht da;X\r\n"
        + "Kurs 2;Text;ORG-7;;;;;;;;;;;;;;X\r\n"
        + ";;ORG-7;;;;;;;;;;;;;;\r\n",
        "utf-8",
    )
    with pytest.raises(CommandError, match="Es wurde nichts importiert"):
        run(str(path), "--youth-office", "heidekreis")
    preview = parse_offers(data=path.read_bytes(), filename="fehler.csv", office=office_a)
    where = {(error.line, error.column) for error in preview.errors}
    assert {
        (2, "Anbieter"),
        (2, "Themen"),
        (2, "Zielgruppen"),
        (2, "Alter bis"),
        (2, "Gemeindeschlüssel"),
        (2, "Sprachen"),
        (2, "Barrierefrei"),
        (2, "E-Mail"),
        (2, "Website"),
        (4, "Titel"),
        (4, "Beschreibung"),
    } <= where
    assert all(str(error).startswith("Zeile ") for error in preview.errors)
    assert not Offer.objects.exists()


def test_it_refuses_a_kennung_twice_in_one_file(office_a, provider, tmp_path):
    path = tmp_path / "doppelt.csv"
    path.write_text(
        "Titel,Beschreibung,Anbieter,Kennung\nA,Text,ORG-7,K1\nB,Text,ORG-7,K1\n", "utf-8-sig"
    )
    preview = parse_offers(data=path.read_bytes(), filename="doppelt.csv", office=office_a)
    assert [str(e) for e in preview.errors] == [
        "Zeile 3, Spalte „Kennung“: Die Kennung „K1“ steht schon in Zeile 2."
    ]


def test_it_reads_xlsx(office_a, provider):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["titel", "BESCHREIBUNG", "Anbieter", "Alter von"])
    sheet.append(["Babyschwimmen", "Im warmen Wasser", "Familienzentrum Sonnenschein", 0])
    buffer = BytesIO()
    workbook.save(buffer)
    preview = parse_offers(data=buffer.getvalue(), filename="a.xlsx", office=office_a)
    assert preview.is_valid, preview.errors
    assert preview.rows[0].data["age_from"] == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leer"),
        (b"Titel;Beschreibung;Anbieter\r\n", "nur die Kopfzeile"),
        (b"Foo;Bar\r\n1;2\r\n", "keine Spaltennamen"),
        (b"Titel;Beschreibung\r\nA;B\r\n", "Anbieter"),
    ],
)
def test_it_explains_files_it_cannot_use(office_a, data, message):
    preview = parse_offers(data=data, filename="x.csv", office=office_a)
    assert not preview.is_valid
    assert message in " ".join(str(e) for e in preview.errors)


def test_it_refuses_an_unknown_office_and_file(db, tmp_path):
    with pytest.raises(CommandError, match="gibt es nicht"):
        run(str(tmp_path / "fehlt.csv"), "--youth-office", "gibt-es-nicht")
