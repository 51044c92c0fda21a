"""sozialraum import_organisations FILE --youth-office SLUG [--dry-run]"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sozialraum.accounts.models import User
from sozialraum.lib.imports import ImportFileError, check_size, format_number
from sozialraum.network.imports import apply_import, parse_organisations
from sozialraum.regions.models import YouthOffice

SHOWN_WARNINGS = 100  # hints about probable duplicates; the rest are counted


class Command(BaseCommand):
    help = (
        "Importiert Organisationen aus einer CSV- oder Excel-Datei (.xlsx) in ein Jugendamt. "
        "Erst wird die ganze Datei geprüft; gespeichert wird nur, wenn jede Zeile stimmt."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad zur CSV- oder XLSX-Datei.")
        parser.add_argument(
            "--youth-office",
            required=True,
            help="Kurzbezeichnung des Jugendamts, z. B. heidekreis.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Nur prüfen und berichten, nichts speichern."
        )
        parser.add_argument(
            "--actor", default="", help="E-Mail-Adresse, die im Änderungsprotokoll erscheint."
        )

    def handle(self, *args, file: str, youth_office: str, dry_run: bool, actor: str, **options):
        office = YouthOffice.objects.filter(slug=youth_office).first()
        if office is None:
            raise CommandError(
                f"Ein Jugendamt mit der Kurzbezeichnung „{youth_office}“ gibt es nicht."
            )
        user = None
        if actor:
            user = User.objects.filter(email__iexact=actor).first()
            if user is None or not user.role_in(office):
                raise CommandError(f"„{actor}“ hat keinen Zugang zu {office.name}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Die Datei „{file}“ gibt es nicht.")
        try:
            check_size(path.stat().st_size)
        except ImportFileError as error:
            raise CommandError(str(error)) from None

        started = time.monotonic()
        preview = parse_organisations(data=path.read_bytes(), filename=path.name, office=office)
        for column in preview.unknown_columns:
            self.stdout.write(
                f"Hinweis: Die Spalte „{column}“ kennen wir nicht; sie wird nicht übernommen."
            )
        for warning in preview.duplicate_warnings[:SHOWN_WARNINGS]:
            self.stdout.write(f"Hinweis: {warning}")
        hidden = len(preview.duplicate_warnings) - SHOWN_WARNINGS
        if hidden > 0:
            self.stdout.write(f"… und {format_number(hidden)} weitere Hinweise.")
        if preview.errors:
            for row_error in preview.errors:
                self.stderr.write(str(row_error))
            raise CommandError(
                f"Die Datei enthält {len(preview.errors)} Fehler. Es wurde nichts importiert."
            )
        summary = (
            f"{preview.created} neu, {preview.updated} aktualisiert, "
            f"{preview.unchanged} unverändert"
        )
        if dry_run:
            self.stdout.write(
                f"Probelauf: Die Datei ist in Ordnung ({summary}). Nichts wurde gespeichert."
            )
            return
        try:
            result = apply_import(preview=preview, office=office, actor=user)
        except ValueError as error:
            raise CommandError(str(error)) from None
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Import abgeschlossen: {result.created} neu, {result.updated} aktualisiert, "
                f"{result.unchanged} unverändert ({seconds:.1f} s)."
            )
        )
