"""The import page: upload, preview with every error, apply only when valid, per-user files."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sozialraum.network.models import Organisation, PendingImport
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

HEADER = "Name;Art;Straße;PLZ;Ort;Gemeindeschlüssel;E-Mail;Sozialräume;Kennung\r\n"
GOOD_ROWS = (
    "Grundschule Am Markt;Schule;Marktstraße 4;29614;Soltau;03358021;gs@soltau.example;"
    "Soltau/Wietzendorf;S-1\r\n"
    'Kita Sonnenschein;Kita;"Am Park 3\r\nHinterhaus";29664;Walsrode;03358024;;Walsrode;K-1\r\n'
)
BAD_ROWS = (
    "Kita Sonnenschein;Kita;;29614;Soltau;03358021;sonnenschein(at)example;Soltau/Wietzendorf;\r\n"
    ";Schule;;29664;Walsrode;03358024;;Walsrode;\r\n"
    "Hort Kunterbunt;Hort;;28832;Achim;03361001;;Nordpol;\r\n"
)


def excel_csv(rows: str, header: str = HEADER) -> bytes:
    """As German Excel saves "CSV (Trennzeichen-getrennt)": Windows-1252, semicolons, CRLF."""
    return (header + rows).encode("cp1252")


def upload_url(office) -> str:
    return reverse("network:import", kwargs={"office_slug": office.slug})


def pending_url(name: str, pending: PendingImport) -> str:
    return reverse(
        f"network:{name}", kwargs={"office_slug": pending.youth_office.slug, "pk": pending.pk}
    )


def upload(client, office, data: bytes, name: str = "akteure.csv"):
    return client.post(upload_url(office), {"file": SimpleUploadedFile(name, data)})


def test_it_explains_the_expected_columns(client_for, coordinator, office_a):
    content = client_for(coordinator).get(upload_url(office_a)).content.decode()
    assert "Name, Art, Straße, PLZ" in content
    assert "Leere Vorlage herunterladen" in content


def test_it_previews_an_excel_csv_then_imports_it(
    client_for, coordinator, office_a, space_a, space_a2
):
    client = client_for(coordinator)
    response = upload(client, office_a, excel_csv(GOOD_ROWS))
    pending = PendingImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == pending_url("import_preview", pending)
    assert not Organisation.objects.exists()  # nothing before "Import ausführen"

    preview = client.get(response["Location"])
    content = preview.content.decode()
    assert "Die Datei ist in Ordnung: 2 neu, 0 zu aktualisieren" in content
    assert "Grundschule Am Markt" in content and "wird neu angelegt" in content
    assert "Import ausführen" in content

    done = client.post(pending_url("import_apply", pending), follow=True)
    assert "Import abgeschlossen: 2 neu angelegt, 0 aktualisiert." in done.content.decode()
    kita = Organisation.objects.get(name="Kita Sonnenschein")
    assert kita.street == "Am Park 3 Hinterhaus"  # a line break in a cell: one line
    assert list(kita.social_spaces.all()) == [space_a2]
    assert not PendingImport.objects.exists()  # cleaned up after the import


def test_it_lists_every_error_with_line_column_and_reason(
    client_for, coordinator, office_a, space_a, space_a2
):
    client = client_for(coordinator)
    upload(client, office_a, excel_csv(BAD_ROWS, header=HEADER.replace("\r\n", ";Farbe\r\n")))
    pending = PendingImport.objects.get()
    response = client.get(pending_url("import_preview", pending))
    content = response.content.decode()
    errors = {(e.line, e.column) for e in response.context["errors"]}
    assert {
        (2, "E-Mail"),
        (3, "Name"),
        (4, "Art"),
        (4, "Gemeindeschlüssel"),
        (4, "Sozialräume"),
    } <= errors
    assert "Die Art „Hort“ kennen wir nicht. Erlaubt sind:" in content
    assert "Farbe" in content  # the unknown column is named
    assert "Import ausführen" not in content
    assert "Korrigierte Datei hochladen" in content


def test_it_never_applies_a_file_with_errors(client_for, coordinator, office_a, space_a, space_a2):
    client = client_for(coordinator)
    upload(client, office_a, excel_csv(GOOD_ROWS + BAD_ROWS))
    pending = PendingImport.objects.get()
    response = client.post(pending_url("import_apply", pending))
    assert response.status_code == 200
    assert "Es wurde nichts übernommen" in response.content.decode()
    assert not Organisation.objects.exists()


def test_it_imports_a_corrected_file_after_one_with_errors(
    client_for, coordinator, office_a, space_a, space_a2
):
    client = client_for(coordinator)
    upload(client, office_a, excel_csv(GOOD_ROWS + BAD_ROWS))
    first = PendingImport.objects.get()
    client.post(pending_url("import_discard", first))
    assert not PendingImport.objects.exists()
    upload(client, office_a, excel_csv(GOOD_ROWS))
    second = PendingImport.objects.get()
    client.post(pending_url("import_apply", second))
    assert Organisation.objects.count() == 2
    # The same file again updates nothing and creates no duplicates.
    upload(client, office_a, excel_csv(GOOD_ROWS))
    third = PendingImport.objects.get()
    preview = client.get(pending_url("import_preview", third)).content.decode()
    assert "0 neu, 0 zu aktualisieren, 2 unverändert" in preview
    client.post(pending_url("import_apply", third))
    assert Organisation.objects.count() == 2


def test_it_reads_utf8_with_bom_and_xlsx(client_for, coordinator, office_a, space_a):
    client = client_for(coordinator)
    text = "\ufeffName,Art,Ort\nFamilienzentrum Böhmeaue,Familienzentrum,Soltau\n"
    upload(client, office_a, text.encode("utf-8"), "liste.csv")
    pending = PendingImport.objects.get()
    client.post(pending_url("import_apply", pending))
    assert Organisation.objects.filter(name="Familienzentrum Böhmeaue").exists()

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Art", "PLZ"])
    sheet.append(["Erziehungsberatung Walsrode", "Beratungsstelle", 29664])
    buffer = io.BytesIO()
    book.save(buffer)
    upload(client, office_a, buffer.getvalue(), "liste.xlsx")
    pending = PendingImport.objects.get()
    client.post(pending_url("import_apply", pending))
    assert Organisation.objects.get(name="Erziehungsberatung Walsrode").postcode == "29664"


def test_it_refuses_a_file_over_10_mb_before_reading_it(client_for, coordinator, office_a):
    big = SimpleUploadedFile("riesig.csv", b"Name;Art\n" + b"x" * (10 * 1024 * 1024 + 1))
    response = client_for(coordinator).post(upload_url(office_a), {"file": big})
    assert response.status_code == 200
    assert "erlaubt sind höchstens 10 MB" in " ".join(response.context["form"].errors["file"])
    assert not PendingImport.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("akteure.pdf", b"%PDF-1.4", "Bitte laden Sie eine CSV- oder Excel-Datei"),
        ("leer.csv", b"", "Die Datei ist leer."),
    ],
)
def test_it_refuses_wrong_files_at_the_field(
    client_for, coordinator, office_a, name, data, message
):
    response = upload(client_for(coordinator), office_a, data, name)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not PendingImport.objects.exists()


def test_it_names_a_missing_file_at_the_field(client_for, coordinator, office_a):
    response = client_for(coordinator).post(upload_url(office_a), {})
    assert "Bitte wählen Sie eine Datei aus." in response.content.decode()


def test_it_gives_a_binary_file_a_clear_message(client_for, coordinator, office_a):
    client = client_for(coordinator)
    upload(client, office_a, bytes(range(256)) * 40, "kaputt.csv")
    pending = PendingImport.objects.get()
    response = client.get(pending_url("import_preview", pending))
    assert response.status_code == 200
    assert response.context["preview"].file_error
    assert "Diese Datei lässt sich nicht importieren." in response.content.decode()


def test_it_keeps_an_uploaded_file_for_the_person_who_uploaded_it(
    client_for, coordinator, coordinator_b, office_a
):
    other = make_user(
        "koordination2@heidekreis.example", "Kai Zwei", office=office_a, role="koordination"
    )
    upload(client_for(coordinator), office_a, excel_csv(GOOD_ROWS))
    pending = PendingImport.objects.get()
    for user in (other, coordinator_b):
        client = client_for(user)
        assert client.get(pending_url("import_preview", pending)).status_code == 404
        assert client.post(pending_url("import_apply", pending)).status_code == 404
        assert client.post(pending_url("import_discard", pending)).status_code == 404
    assert PendingImport.objects.filter(pk=pending.pk).exists()


def test_it_cleans_up_old_uploads(client_for, coordinator, office_a):
    client = client_for(coordinator)
    upload(client, office_a, excel_csv(GOOD_ROWS))
    PendingImport.objects.update(created_at=timezone.now() - timedelta(days=2))
    upload(client, office_a, excel_csv(GOOD_ROWS))
    assert PendingImport.objects.count() == 1


def test_it_keeps_the_import_for_coordination(client_for, professional, reader, office_a):
    for user in (professional, reader):
        response = upload(client_for(user), office_a, excel_csv(GOOD_ROWS))
        assert response.status_code == 403
    assert not PendingImport.objects.exists()


def test_it_offers_a_template_with_the_import_headers(client_for, coordinator, office_a):
    response = client_for(coordinator).get(
        reverse("network:import_template", kwargs={"office_slug": office_a.slug})
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert next(sheet.iter_rows(values_only=True))[:3] == ("Name", "Art", "Straße")


def test_it_many_hints_are_shown_up_to_a_limit_with_a_count_of_the_rest(
    client_for, coordinator, office_a
):
    from bench.bad_import_files import duplicate_names_csv

    client = client_for(coordinator)
    upload(client, office_a, duplicate_names_csv(rows=1500))
    pending = PendingImport.objects.get()
    response = client.get(pending_url("import_preview", pending))
    content = response.content.decode()
    assert len(response.context["warnings"]) == 100
    assert "… und 1.399 weitere Hinweise." in content  # 1,499 hints in all
    assert len(content) < 500_000  # was 152 MB


def test_it_the_preview_does_not_parse_the_file_again(
    client_for, coordinator, office_a, space_a, space_a2, monkeypatch
):
    from sozialraum.network import imports

    client = client_for(coordinator)
    upload(client, office_a, excel_csv(GOOD_ROWS))
    pending = PendingImport.objects.get()
    monkeypatch.setattr(imports, "parse_organisations", pytest.fail)
    for _view in range(2):
        content = client.get(pending_url("import_preview", pending)).content.decode()
        assert "Die Datei ist in Ordnung: 2 neu" in content


def test_it_a_directory_changed_after_the_preview_is_planned_again_on_apply(
    client_for, coordinator, office_a, space_a, space_a2
):
    from tests.network.conftest import make_organisation

    client = client_for(coordinator)
    upload(client, office_a, excel_csv(GOOD_ROWS))
    pending = PendingImport.objects.get()
    make_organisation(office_a, coordinator, "Kita Sonnenschein", postcode="29664")
    done = client.post(pending_url("import_apply", pending), follow=True)
    assert "Import abgeschlossen: 1 neu angelegt, 1 aktualisiert." in done.content.decode()
    assert Organisation.objects.filter(name="Kita Sonnenschein").count() == 1


def test_it_a_hostile_xlsx_gets_a_german_message_in_the_preview(client_for, coordinator, office_a):
    from bench.bad_import_files import wide_row

    client = client_for(coordinator)
    upload(client, office_a, wide_row(cells=1000), "breit.xlsx")
    pending = PendingImport.objects.get()
    content = client.get(pending_url("import_preview", pending)).content.decode()
    assert "In Zeile 2 stehen Werte in mehr als 100 Spalten." in content
    assert "Import ausführen" not in content
