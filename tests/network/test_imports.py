"""network.imports: real files, every error kind with line and column, all or nothing,
re-import without duplicates, and the guards against huge or wrong files."""

from __future__ import annotations

import io
import os
import time

import pytest
from openpyxl import Workbook

from sozialraum.audit.models import AuditEntry
from sozialraum.lib.exports import csv_bytes, xlsx_bytes
from sozialraum.network import exports
from sozialraum.network.import_columns import HEADERS
from sozialraum.network.imports import apply_import, parse_organisations
from sozialraum.network.models import Organisation
from tests.network.conftest import make_organisation

HEADER = "Name;Art;Straße;PLZ;Ort;Gemeindeschlüssel;Telefon;E-Mail;Website;Sozialräume;Beschreibung"


def excel_csv(*rows: str, header: str = HEADER) -> bytes:
    """A CSV as German Excel saves it: Windows-1252, `;`, CRLF."""
    return "\r\n".join([header, *rows, ""]).encode("cp1252")


def parse(office, data: bytes, filename: str = "akteure.csv"):
    return parse_organisations(data=data, filename=filename, office=office)


def errors(preview) -> list[tuple[int, str, str]]:
    return [(e.line, e.column, e.message) for e in preview.errors]


def write_xlsx(path, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path.read_bytes()


@pytest.fixture
def spaces(space_a, space_a2, office_a, coordinator):
    from sozialraum.regions import services as region_services
    from tests.conftest import municipality

    komma = region_services.create_social_space(
        office=office_a,
        actor=coordinator,
        name="Ahlden, Rethem, Schwarmstedt",
        municipalities=[municipality("03358001"), municipality("03358018")],
    )
    return space_a, space_a2, komma


# Real files -------------------------------------------------------------------------------------


def test_it_imports_a_csv_saved_by_german_excel(office_a, coordinator, spaces):
    data = excel_csv(
        "Kita Sonnenblume;Kita;Lindenstraße 4;29614;Soltau;03358021;05191 1234;"
        "kita@sonnenblume.example;www.sonnenblume.example;Soltau/Wietzendorf;"
        '"Öffnungszeiten: 7–16 Uhr\r\nKosten: 1.234,56 €"',
        "Grundschule Am Mühlenbach;Schule;Mühlenweg 2;29664;Walsrode;3358024;;;;"
        "Walsrode | Ahlden, Rethem, Schwarmstedt;Träger: Stadt",
        "Beratungsstelle Lichtblick;beratungsstelle;;;;;;;;Ahlden, Rethem, Schwarmstedt, Walsrode;",
    )
    preview = parse(office_a, data)
    assert errors(preview) == []
    assert preview.is_valid
    assert [(r.line, r.action) for r in preview.rows] == [(2, "neu"), (3, "neu"), (4, "neu")]

    result = apply_import(preview=preview, office=office_a, actor=coordinator)
    assert (result.created, result.updated) == (3, 0)
    kita = Organisation.objects.get(name="Kita Sonnenblume")
    assert kita.kind == "kita"
    assert kita.street == "Lindenstraße 4"
    assert kita.municipality.name == "Soltau, Stadt"
    assert kita.website == "https://www.sonnenblume.example"
    assert kita.description == "Öffnungszeiten: 7–16 Uhr\nKosten: 1.234,56 €"
    assert kita.name_key == "kita sonnenblume"
    assert [s.name for s in kita.social_spaces.all()] == ["Soltau/Wietzendorf"]
    school = Organisation.objects.get(kind="schule")
    assert school.municipality.ags == "03358024"  # the leading zero Excel dropped
    assert sorted(s.name for s in school.social_spaces.all()) == [
        "Ahlden, Rethem, Schwarmstedt",
        "Walsrode",
    ]
    counselling = Organisation.objects.get(kind="beratungsstelle")
    assert counselling.social_spaces.count() == 2
    # One audit entry for the whole import.
    entry = AuditEntry.objects.get(object_repr="Import aus „akteure.csv“")
    assert entry.changes["import"]["new"] == "3 neu, 0 aktualisiert, 0 unverändert"
    assert entry.actor == coordinator


def test_it_imports_utf8_with_bom(office_a, coordinator, spaces):
    text = "\ufeffName,Art,PLZ,E-Mail\nFamilienzentrum Süd,Familienzentrum,29614,fz@example.org\n"
    preview = parse(office_a, text.encode("utf-8"))
    assert preview.is_valid
    apply_import(preview=preview, office=office_a, actor=coordinator)
    assert Organisation.objects.get().name == "Familienzentrum Süd"


def test_it_imports_an_xlsx_written_by_openpyxl(office_a, coordinator, spaces, tmp_path):
    data = write_xlsx(
        tmp_path / "akteure.xlsx",
        [
            ["Name", "Art", "PLZ", "Gemeindeschlüssel", "Telefon", "Sozialräume", "Kennung"],
            ["Hebammenpraxis Heidemoor", "Familienhebamme", 29614, 3358021, None, "Walsrode", 17],
            ["Kirchengemeinde St. Johannis", "Kirchengemeinde", 29664, None, "05161 1", None, 18],
        ],
    )
    preview = parse(office_a, data, "akteure.xlsx")
    assert errors(preview) == []
    apply_import(preview=preview, office=office_a, actor=coordinator)
    midwife = Organisation.objects.get(external_id="17")
    assert midwife.kind == "gesundheitswesen"
    assert midwife.postcode == "29614"
    assert midwife.municipality.ags == "03358021"
    assert Organisation.objects.get(external_id="18").phone == "05161 1"


def test_it_reads_back_its_own_export(office_a, coordinator, spaces, org_a):
    org_a.phone = "+49 5191 123"
    org_a.save()
    make_organisation(office_a, coordinator, "=Kita Formel", spaces=[spaces[2]], postcode="29693")
    headers, rows = exports.organisation_table(Organisation.objects.in_office(office_a))
    rows = list(rows)
    assert headers == HEADERS
    for data, name in ((csv_bytes(headers, rows), "x.csv"), (xlsx_bytes(headers, rows), "x.xlsx")):
        preview = parse(office_a, data, name)
        assert errors(preview) == []
        assert [row.action for row in preview.rows] == ["aktualisieren", "aktualisieren"]
        assert preview.updated == 0  # nothing changed


# Every error, with line and column --------------------------------------------------------------


def test_it_reports_every_kind_of_error_with_line_and_column(office_a, coordinator, spaces):
    data = excel_csv(
        ";Kita;;29614;;;;;;;",
        "Kita A;Grundschule;;29614;;;;;;;",
        "Kita B;Kita;;29614;;;;;;Nirgendwo, Walsrode;",
        "Kita C;Kita;;29614;;;;keine-mail;;;",
        "Kita D;Kita;;29614;;;;;http://;;",
        "Kita E;Kita;;296;;;;;;;",
        "Kita F;Kita;;29614;;1234;;;;;",
        "Kita G;Kita;;29614;;03361001;;;;;",
        "Kita H;Kita;;29614;;03358999;;;;;",
        "Kita I;Kita;;29614;;;" + "1" * 51 + ";;;;",
        "Kita J;Kita;;29614;;;;;;;",
        "kita  j;Kita;;29614;;;;;;;",
    )
    preview = parse(office_a, data)
    assert not preview.is_valid
    found = {(line, column): message for line, column, message in errors(preview)}
    assert found[(2, "Name")] == "Der Name fehlt. Jede Organisation braucht einen Namen."
    assert found[(3, "Art")].startswith("Die Art „Grundschule“ kennen wir nicht. Erlaubt sind: ")
    assert "Schule, Kindertagesstätte (Kita), Familienzentrum" in found[(3, "Art")]
    assert found[(4, "Sozialräume")] == (
        "Diesen Sozialraumbezirk gibt es im Jugendamt nicht: „Nirgendwo“. Vorhanden sind: "
        "Ahlden, Rethem, Schwarmstedt, Soltau/Wietzendorf, Walsrode."
    )
    assert found[(5, "E-Mail")] == "„keine-mail“ ist keine gültige E-Mail-Adresse."
    assert found[(6, "Website")].startswith("„http://“ ist keine gültige Internetadresse")
    assert found[(7, "PLZ")] == "„296“ ist keine Postleitzahl. Eine PLZ hat genau fünf Ziffern."
    assert "hat genau acht Ziffern" in found[(8, "Gemeindeschlüssel")]
    assert found[(9, "Gemeindeschlüssel")] == (
        "Die Gemeinde 03361001 liegt nicht im Kreis des Jugendamts (Kreisschlüssel 03358)."
    )
    assert found[(10, "Gemeindeschlüssel")] == (
        "Eine Gemeinde mit dem Schlüssel 03358999 gibt es nicht."
    )
    assert found[(11, "Telefon")] == "Der Text ist zu lang: 51 Zeichen, erlaubt sind 50."
    assert found[(13, "Name")] == (
        "Dieselbe Organisation (gleicher Name und gleiche PLZ) steht schon in Zeile 12."
    )
    assert len(found) == 11
    assert [e.line for e in preview.errors] == sorted(e.line for e in preview.errors)


def test_it_reports_a_duplicate_kennung_and_a_missing_kind(office_a, coordinator):
    data = excel_csv("Kita A;;;;K1", "Kita B;Kita;;;K1", header="Name;Art;PLZ;Ort;Kennung")
    found = errors(parse(office_a, data))
    assert found[0][:2] == (2, "Art")
    assert found[0][2].startswith("Die Art fehlt. Erlaubt sind: Öffentlicher Träger")
    # Row 2 is invalid, so row 3's Kennung is not yet taken.
    data = excel_csv("Kita A;Kita;;;K1", "Kita B;Kita;;;K1", header="Name;Art;PLZ;Ort;Kennung")
    assert errors(parse(office_a, data)) == [
        (3, "Kennung", "Die Kennung „K1“ steht schon in Zeile 2.")
    ]


def test_it_names_unknown_columns_and_missing_required_ones(office_a):
    data = excel_csv("Kita A;x;y", header="Name;Fax;Bemerkung")
    preview = parse(office_a, data)
    assert preview.unknown_columns == ["Fax", "Bemerkung"]
    assert errors(preview) == [(1, "Art", "Die Spalte „Art“ fehlt. Sie ist für den Import nötig.")]


def test_it_writes_nothing_when_one_row_is_bad(office_a, coordinator, spaces):
    rows = [f"Kita {n};Kita;;29614;;;;;;;" for n in range(50)]
    rows[37] = "Kita 37;Kita;;29614;;;;nicht@;;;"
    preview = parse(office_a, excel_csv(*rows))
    assert [(e.line, e.column) for e in preview.errors] == [(39, "E-Mail")]
    with pytest.raises(ValueError, match="nichts übernommen"):
        apply_import(preview=preview, office=office_a, actor=coordinator)
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.filter(object_type="network.organisation").exists()


# Re-import ------------------------------------------------------------------------------------


def test_it_updates_by_kennung_and_by_name_and_postcode(office_a, coordinator, spaces, org_a):
    by_id = make_organisation(
        office_a, coordinator, "Kita Alt", external_id="K-7", postcode="29614"
    )
    data = excel_csv(
        "Kita Neu;Kita;29614;K-7;Soltau/Wietzendorf",
        "JUGENDHILFE HEIDEBLICK E. V.;Freier Träger;29614;H-1;Walsrode",
        "Kita Drei;Kita;29614;;",
        header="Name;Art;PLZ;Kennung;Sozialräume",
    )
    preview = parse(office_a, data)
    assert errors(preview) == []
    assert [(r.action, r.organisation_id) for r in preview.rows] == [
        ("aktualisieren", by_id.pk),
        ("aktualisieren", org_a.pk),
        ("neu", None),
    ]
    assert preview.rows[0].changes == ["Name", "Sozialräume"]
    result = apply_import(preview=preview, office=office_a, actor=coordinator)
    assert (result.created, result.updated) == (1, 2)
    by_id.refresh_from_db()
    assert by_id.name == "Kita Neu"
    assert by_id.name_key == "kita neu"
    assert by_id.version == 2
    org_a.refresh_from_db()
    assert org_a.external_id == "H-1"
    assert org_a.email == "info@heideblick.example"  # no E-Mail column: left alone
    assert [s.name for s in org_a.social_spaces.all()] == ["Walsrode"]

    # The same file again: nothing new, nothing changed, never a duplicate.
    again = parse(office_a, data)
    result = apply_import(preview=again, office=office_a, actor=coordinator)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Organisation.objects.in_office(office_a).count() == 3


def test_it_refuses_a_different_kennung_for_the_same_organisation(office_a, coordinator):
    make_organisation(office_a, coordinator, "Kita A", external_id="K-1", postcode="29614")
    data = excel_csv("Kita A;Kita;29614;K-2", header="Name;Art;PLZ;Kennung")
    ((line, column, message),) = errors(parse(office_a, data))
    assert (line, column) == (2, "Kennung")
    assert "schon mit der Kennung „K-1“ eingetragen" in message


def test_it_refuses_two_rows_for_one_organisation(office_a, coordinator):
    make_organisation(office_a, coordinator, "Kita A", external_id="K-1", postcode="29614")
    data = excel_csv(
        "Kita Eins;Kita;29614;K-1", "Kita A;Kita;29614;", header="Name;Art;PLZ;Kennung"
    )
    assert errors(parse(office_a, data)) == [
        (3, "Name", "Diese Zeile betrifft dieselbe Organisation „Kita A“ wie Zeile 2.")
    ]


def test_it_warns_about_probable_duplicates(office_a, coordinator):
    make_organisation(office_a, coordinator, "Evangelische Kita St. Marien", postcode="29614")
    make_organisation(office_a, coordinator, "Ev. Kita St. Marien", postcode="29664")
    data = excel_csv(
        "Ev. Kita St. Marien;Kita;29614",
        "Ev. Kita Sankt Marien;Kita;29614",
        header="Name;Art;PLZ",
    )
    preview = parse(office_a, data)
    assert preview.is_valid  # warnings do not block
    assert [(w.line, w.message) for w in preview.duplicate_warnings] == [
        (
            2,
            "„Ev. Kita St. Marien“ ähnelt der vorhandenen Organisation „Evangelische Kita St. "
            "Marien“ (29614). Ist es dieselbe? Dann gleichen Sie bitte die Schreibweise an.",
        ),
        (
            3,
            "„Ev. Kita Sankt Marien“ ähnelt der vorhandenen Organisation „Evangelische Kita St. "
            "Marien“ (29614). Ist es dieselbe? Dann gleichen Sie bitte die Schreibweise an.",
        ),
        (3, "„Ev. Kita Sankt Marien“ ähnelt „Ev. Kita St. Marien“ in Zeile 2. Ist es dieselbe?"),
    ]


def test_it_plans_against_the_directory_as_it_is_when_applying(office_a, coordinator):
    data = excel_csv("Kita A;Kita;29614", header="Name;Art;PLZ")
    preview = parse(office_a, data)
    assert preview.rows[0].action == "neu"
    make_organisation(office_a, coordinator, "Kita A", postcode="29614")  # meanwhile, by hand
    result = apply_import(preview=preview, office=office_a, actor=coordinator)
    assert (result.created, result.unchanged) == (0, 1)
    assert Organisation.objects.count() == 1


def test_it_keeps_tenants_apart(office_a, office_b, coordinator, org_b):
    data = excel_csv("Kita Weserwiese;Kita;28832;Achim", header="Name;Art;PLZ;Sozialräume")
    preview = parse(office_a, data)
    assert errors(preview)[0][:2] == (2, "Sozialräume")
    data = excel_csv("Kita Weserwiese;Kita;28832", header="Name;Art;PLZ")
    preview = parse(office_a, data)
    assert preview.rows[0].action == "neu"  # office B's organisation is not matched
    apply_import(preview=preview, office=office_a, actor=coordinator)
    org_b.refresh_from_db()
    assert org_b.version == 1
    assert Organisation.objects.in_office(office_b).count() == 1


def test_it_refuses_to_apply_a_preview_of_another_office(office_a, office_b, coordinator_b):
    preview = parse(office_a, excel_csv("Kita A;Kita;29614", header="Name;Art;PLZ"))
    with pytest.raises(ValueError, match="another youth office"):
        apply_import(preview=preview, office=office_b, actor=coordinator_b)
    assert not Organisation.objects.exists()


# Guards ---------------------------------------------------------------------------------------


def test_it_answers_an_empty_and_a_binary_file(office_a):
    for data in (b"", os.urandom(2048) + b"\x00"):
        preview = parse(office_a, data)
        assert not preview.is_valid
        assert preview.file_error
        assert preview.errors[0].line == 0
    assert "leer" in parse(office_a, b"").file_error
    header_only = parse(office_a, b"Name;Art\r\n")
    assert (
        header_only.file_error == "Die Datei enthält nur die Kopfzeile, aber keine Organisationen."
    )


def test_it_refuses_a_50_mb_file(office_a, tmp_path):
    path = tmp_path / "riesig.csv"
    with path.open("wb") as handle:
        handle.write(b"Name;Art\r\n")
        line = b"Kita Riesig mit einem langen Namen;Kita\r\n"
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    started = time.monotonic()
    preview = parse(office_a, path.read_bytes())
    assert preview.file_error.startswith("Die Datei ist 50 MB groß; erlaubt sind höchstens 10 MB.")
    print(f"50 MB refused in {time.monotonic() - started:.3f} s")


def test_it_refuses_an_xlsx_with_100000_rows(office_a, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Name", "Art", "PLZ"])
    for n in range(100_000):
        sheet.append([f"Kita {n}", "Kita", "29614"])
    path = tmp_path / "lang.xlsx"
    workbook.save(path)
    started = time.monotonic()
    preview = parse(office_a, path.read_bytes(), "lang.xlsx")
    assert preview.file_error == (
        "Die Datei hat mehr als 20.000 Datenzeilen. Bitte teilen Sie die Liste auf mehrere "
        "Dateien mit höchstens 20.000 Zeilen auf."
    )
    print(f"100,000-row XLSX refused in {time.monotonic() - started:.3f} s")


def test_it_reports_an_xlsx_that_is_broken(office_a):
    data = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<kaputt")
    preview = parse(office_a, data.getvalue(), "kaputt.xlsx")
    assert "nicht als Excel-Arbeitsmappe" in preview.file_error


# Hostile files and the stored plan (issue 7, point 6) -----------------------------------------


def test_it_gives_one_hint_per_row_for_1500_names_with_one_duplicate_key(office_a, coordinator):
    from bench.bad_import_files import duplicate_names_csv

    make_organisation(office_a, coordinator, "Kita Sonnenschein", postcode="29614")
    preview = parse(office_a, duplicate_names_csv(rows=1500))
    assert preview.is_valid
    # Before: every pair of rows was a hint (1.1 million). Now one per row about the directory
    # and one per row about the file, each naming the first similar entry.
    assert len(preview.duplicate_warnings) == 1500 + 1499
    by_line = [w.message for w in preview.duplicate_warnings if w.line == 1501]
    assert by_line == [
        f"„{preview.rows[-1].name}“ ähnelt der vorhandenen Organisation „Kita Sonnenschein“ "
        "(29614). Ist es dieselbe? Dann gleichen Sie bitte die Schreibweise an.",
        f"„{preview.rows[-1].name}“ ähnelt „Kita Sonnenschein v“ in Zeile 2. Ist es dieselbe?",
    ]


def test_it_finds_a_similar_entry_without_postcode_and_skips_other_towns(office_a, coordinator):
    make_organisation(office_a, coordinator, "Kita Regenbogen e.V.", postcode="29664")
    data = excel_csv(
        "Kita Regenbogen;Kita;29614",  # another town: no hint
        "Kita Regenbogen gGmbH;Kita;",  # no postcode: similar to both
        header="Name;Art;PLZ",
    )
    preview = parse(office_a, data)
    assert [(w.line, w.message) for w in preview.duplicate_warnings] == [
        (
            3,
            "„Kita Regenbogen gGmbH“ ähnelt der vorhandenen Organisation „Kita Regenbogen e.V.“ "
            "(29664). Ist es dieselbe? Dann gleichen Sie bitte die Schreibweise an.",
        ),
        (3, "„Kita Regenbogen gGmbH“ ähnelt „Kita Regenbogen“ in Zeile 2. Ist es dieselbe?"),
    ]


def test_it_a_stored_plan_gives_the_same_preview_and_import(office_a, coordinator, spaces):
    from sozialraum.network.imports import create_pending_import, pending_preview
    from tests.conftest import municipality

    data = excel_csv(
        "Kita Sonnenschein;Kita;Am Park 3;29614;Soltau;03358021;;;;Soltau/Wietzendorf | Walsrode;"
    )
    pending = create_pending_import(
        office=office_a, actor=coordinator, filename="akteure.csv", data=data
    )
    preview = pending_preview(pending)
    (row,) = preview.rows
    assert (row.action, row.name, row.values["municipality"].pk) == (
        "neu",
        "Kita Sonnenschein",
        municipality("03358021").pk,
    )
    assert {space.name for space in row.social_spaces} == {"Soltau/Wietzendorf", "Walsrode"}
    assert preview.is_valid and preview.fingerprint


def test_it_the_preview_of_a_stored_plan_reads_neither_file_nor_directory(
    office_a, coordinator, monkeypatch, django_assert_num_queries
):
    from sozialraum.network import imports

    pending = imports.create_pending_import(
        office=office_a,
        actor=coordinator,
        filename="akteure.csv",
        data=excel_csv("Kita A;Kita;29614", header="Name;Art;PLZ"),
    )
    monkeypatch.setattr(imports, "parse_organisations", pytest.fail)
    with django_assert_num_queries(0):
        preview = imports.pending_preview(pending)
    assert preview.created == 1


def test_it_an_unchanged_directory_applies_the_stored_plan_without_parsing(
    office_a, coordinator, monkeypatch
):
    from sozialraum.network import imports

    pending = imports.create_pending_import(
        office=office_a,
        actor=coordinator,
        filename="akteure.csv",
        data=excel_csv("Kita A;Kita;29614;03358021", header="Name;Art;PLZ;Gemeindeschlüssel"),
    )
    monkeypatch.setattr(imports, "parse_organisations", pytest.fail)
    result = imports.apply_pending_import(pending=pending, office=office_a, actor=coordinator)
    assert result.created == 1
    assert Organisation.objects.get().municipality.ags == "03358021"


def test_it_a_changed_directory_makes_the_stored_plan_again(office_a, coordinator):
    from sozialraum.network import imports

    pending = imports.create_pending_import(
        office=office_a,
        actor=coordinator,
        filename="akteure.csv",
        data=excel_csv("Kita A;Kita;29614", header="Name;Art;PLZ"),
    )
    make_organisation(office_a, coordinator, "Kita A", postcode="29614")  # meanwhile, by hand
    result = imports.apply_pending_import(pending=pending, office=office_a, actor=coordinator)
    assert (result.created, result.unchanged) == (0, 1)
    assert Organisation.objects.count() == 1


def test_it_a_plan_in_an_older_format_is_made_again(office_a, coordinator):
    from sozialraum.network import imports

    pending = imports.create_pending_import(
        office=office_a,
        actor=coordinator,
        filename="akteure.csv",
        data=excel_csv("Kita A;Kita;29614", header="Name;Art;PLZ"),
    )
    pending.plan = {"format": 0}
    assert imports.pending_preview(pending).created == 1
    pending.refresh_from_db()
    assert pending.plan["format"] == imports.PLAN_FORMAT


def test_it_a_stored_plan_keeps_the_first_errors_and_counts_the_rest(office_a, monkeypatch):
    from sozialraum.network import imports

    monkeypatch.setattr(imports, "STORED_ERRORS", 3)
    data = excel_csv(*(f"Kita {n};Hort;29614" for n in range(10)), header="Name;Art;PLZ")
    plan = imports.plan_to_json(parse(office_a, data))
    preview = imports.preview_from_json(plan)
    assert (len(preview.errors), preview.hidden_errors, preview.error_count) == (3, 7, 10)
    assert not preview.is_valid


# The Ort and the Gemeindeschlüssel (issue 7, point 19) -----------------------------------------

PLACE_HEADER = "Name;Art;PLZ;Ort;Gemeindeschlüssel"


def test_it_refuses_a_gemeindeschluessel_of_another_municipality_than_the_ort(office_a):
    preview = parse(office_a, excel_csv("Kita A;Kita;29614;Soltau;03358024", header=PLACE_HEADER))
    assert errors(preview) == [
        (
            2,
            "Gemeindeschlüssel",
            "Der Gemeindeschlüssel 03358024 gehört zu Walsrode, als Ort steht aber „Soltau“ "
            "(Gemeindeschlüssel 03358021). Bitte prüfen Sie den Gemeindeschlüssel oder den Ort.",
        )
    ]


@pytest.mark.parametrize(
    ("city", "ags"),
    [
        ("Soltau", "03358021"),
        ("SOLTAU", "03358021"),
        ("Soltau-Wolterdingen", "03358021"),  # a part of Soltau
        ("Soltau OT Harber", "03358021"),
        ("Ahlden", "03358001"),  # "Ahlden (Aller), Flecken"
        ("Ahlden (Aller)", "03358001"),
        ("Dorfmark", "03358008"),  # an Ortsteil of Bad Fallingbostel: no municipality, accepted
        ("Bad Fallingbostel", "03358008"),
    ],
)
def test_it_accepts_an_ort_that_fits_its_gemeindeschluessel(office_a, city, ags):
    preview = parse(office_a, excel_csv(f"Kita A;Kita;;{city};{ags}", header=PLACE_HEADER))
    assert errors(preview) == []
    assert preview.rows[0].values["municipality"].ags == ags


def test_it_without_gemeindeschluessel_the_ort_names_the_municipality(office_a):
    preview = parse(office_a, excel_csv("Kita A;Kita;29693;Ahlden", header="Name;Art;PLZ;Ort"))
    assert preview.rows[0].values["municipality"].ags == "03358001"
