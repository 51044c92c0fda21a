"""sozialraum import_organisations FILE --youth-office SLUG [--dry-run]"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sozialraum.audit.models import AuditEntry
from sozialraum.network.models import Organisation


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_organisations", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(tmp_path, space_a):
    path = tmp_path / "akteure.csv"
    path.write_bytes(
        "Name;Art;PLZ;Sozialräume;Bemerkung\r\n"
        "Kita Sonnenblume;Kita;29614;Soltau/Wietzendorf;intern\r\n"
        "Grundschule Heidesand;Schule;29614;;\r\n".encode("cp1252")
    )
    return path


def test_it_checks_without_saving_in_a_dry_run(office_a, good_file):
    out, _err = run(str(good_file), "--youth-office", "heidekreis", "--dry-run")
    assert "Hinweis: Die Spalte „Bemerkung“ kennen wir nicht" in out
    assert "Probelauf: Die Datei ist in Ordnung (2 neu, 0 aktualisiert, 0 unverändert)" in out
    assert not Organisation.objects.exists()


def test_it_imports_and_reports_the_summary(office_a, coordinator, good_file):
    out, _err = run(str(good_file), "--youth-office", "heidekreis", "--actor", coordinator.email)
    assert "Import abgeschlossen: 2 neu, 0 aktualisiert, 0 unverändert" in out
    assert Organisation.objects.in_office(office_a).count() == 2
    assert AuditEntry.objects.get(object_repr="Import aus „akteure.csv“").actor == coordinator
    out, _err = run(str(good_file), "--youth-office", "heidekreis")
    assert "0 neu, 0 aktualisiert, 2 unverändert" in out
    assert Organisation.objects.count() == 2


def test_it_prints_every_error_and_fails(office_a, tmp_path):
    path = tmp_path / "fehler.csv"
    path.write_text("Name;Art;E-Mail\nKita A;Kino;a@example.org\n;Kita;kaputt\n", "utf-8")
    with pytest.raises(
        CommandError, match=r"enthält 3 Fehler\. Es wurde nichts importiert"
    ) as info:
        run(str(path), "--youth-office", "heidekreis")
    assert info.value.returncode == 1
    assert not Organisation.objects.exists()


def test_it_lists_the_errors_on_stderr(office_a, tmp_path, capsys):
    path = tmp_path / "fehler.csv"
    path.write_text("Name;Art\nKita A;Kino\n", "utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), "--youth-office", "heidekreis", stderr=err)
    assert err.getvalue().startswith("Zeile 2, Spalte „Art“: Die Art „Kino“ kennen wir nicht.")


def test_it_names_a_wrong_office_file_or_actor(office_a, good_file, coordinator_b):
    with pytest.raises(CommandError, match="Kurzbezeichnung „nirgendwo“ gibt es nicht"):
        run(str(good_file), "--youth-office", "nirgendwo")
    with pytest.raises(CommandError, match=r"„/gibt/es/nicht\.csv“ gibt es nicht"):
        run("/gibt/es/nicht.csv", "--youth-office", "heidekreis")
    with pytest.raises(CommandError, match="hat keinen Zugang zu Landkreis Heidekreis"):
        run(str(good_file), "--youth-office", "heidekreis", "--actor", coordinator_b.email)


def test_it_refuses_a_huge_file_before_reading_it(office_a, tmp_path):
    path = tmp_path / "riesig.csv"
    with path.open("wb") as handle:
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"\n")
    with pytest.raises(CommandError, match="Die Datei ist 50 MB groß"):
        run(str(path), "--youth-office", "heidekreis")


def test_it_prints_at_most_100_hints_and_counts_the_rest(office_a, tmp_path):
    from bench.bad_import_files import duplicate_names_csv

    path = tmp_path / "dubletten.csv"
    path.write_bytes(duplicate_names_csv(rows=1500))
    out, _err = run(str(path), "--youth-office", "heidekreis", "--dry-run")
    assert out.count("Hinweis: Zeile") == 100
    assert "… und 1.399 weitere Hinweise." in out
    assert "Probelauf: Die Datei ist in Ordnung (1500 neu" in out


def test_it_names_the_limit_a_hostile_file_passes(office_a, tmp_path):
    from bench.bad_import_files import wide_row

    path = tmp_path / "breit.xlsx"
    path.write_bytes(wide_row(cells=500))
    err = StringIO()
    with pytest.raises(CommandError, match="Die Datei enthält 1 Fehler"):
        call_command("import_organisations", str(path), "--youth-office", "heidekreis", stderr=err)
    assert "In Zeile 2 stehen Werte in mehr als 100 Spalten." in err.getvalue()
    assert not Organisation.objects.exists()
