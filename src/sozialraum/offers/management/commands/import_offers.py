"""sozialraum import_offers FILE --youth-office SLUG [--dry-run] [--draft]"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sozialraum.accounts.models import User
from sozialraum.lib.command_help import germanize
from sozialraum.lib.imports import ImportFileError, check_size
from sozialraum.offers.imports import apply_offer_import, parse_offers
from sozialraum.regions.models import YouthOffice


class Command(BaseCommand):
    help = (
        "Importiert Angebote des Familienwegweisers aus einer CSV- oder Excel-Datei (.xlsx) in "
        "ein Jugendamt. Erst wird die ganze Datei geprüft; gespeichert wird nur, wenn jede "
        "Zeile stimmt. Neue Angebote werden veröffentlicht, außer mit --draft."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return germanize(super().create_parser(prog_name, subcommand, **kwargs))

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
            "--draft", action="store_true", help="Neue Angebote als Entwurf anlegen."
        )
        parser.add_argument(
            "--actor", default="", help="E-Mail-Adresse, die im Änderungsprotokoll erscheint."
        )

    def handle(self, *args, file, youth_office, dry_run, draft, actor, **options):
        office, user = self._office_and_actor(youth_office, actor)
        path = self._checked_file(file)
        started = time.monotonic()
        preview = parse_offers(data=path.read_bytes(), filename=path.name, office=office)
        for column in preview.unknown_columns:
            self.stdout.write(
                f"Hinweis: Die Spalte „{column}“ kennen wir nicht; sie wird nicht übernommen."
            )
        if preview.errors:
            for row_error in preview.errors:
                self.stderr.write(str(row_error))
            raise CommandError(
                f"Die Datei enthält {len(preview.errors)} Fehler. Es wurde nichts importiert."
            )
        summary = f"{preview.created} neu, {preview.updated} aktualisiert"
        if dry_run:
            self.stdout.write(
                f"Probelauf: Die Datei ist in Ordnung ({summary}). Nichts wurde gespeichert."
            )
            return
        try:
            result = apply_offer_import(preview=preview, office=office, actor=user, draft=draft)
        except ValueError as error:
            raise CommandError(str(error)) from None
        state = "als Entwurf" if draft else "veröffentlicht"
        self.stdout.write(
            self.style.SUCCESS(
                f"Import abgeschlossen: {result.created} neu ({state}), {result.updated} "
                f"aktualisiert ({time.monotonic() - started:.1f} s)."
            )
        )

    def _office_and_actor(self, slug: str, actor: str) -> tuple[YouthOffice, User | None]:
        office = YouthOffice.objects.filter(slug=slug).first()
        if office is None:
            raise CommandError(f"Ein Jugendamt mit der Kurzbezeichnung „{slug}“ gibt es nicht.")
        user = None
        if actor:
            user = User.objects.filter(email__iexact=actor).first()
            if user is None or not user.role_in(office):
                raise CommandError(f"„{actor}“ hat keinen Zugang zu {office.name}.")
        return office, user

    def _checked_file(self, file: str) -> Path:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Die Datei „{file}“ gibt es nicht.")
        try:
            check_size(path.stat().st_size)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        return path
