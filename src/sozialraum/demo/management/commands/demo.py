import os

from django.core.management.base import BaseCommand, CommandError

from sozialraum.accounts.models import User
from sozialraum.demo.builder import (
    DEMO_TOTP_SECRET,
    build_demo,
    demo_password,
    demo_totp_code,
    reset_demo,
)
from sozialraum.regions.models import YouthOffice


class Command(BaseCommand):
    help = (
        "Lädt die Demo (Heidekreis, Landkreis Verden, Vogelsbergkreis, Potsdam-Mittelmark) "
        "mit erfundenen Personen. Passwort aus SOZIALRAUM_DEMO_PASSWORD, sonst zufällig."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Vorhandene Daten vorher vollständig löschen."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Nur laden, wenn die Datenbank leer ist."
        )
        parser.add_argument(
            "--scale", type=int, default=1, help="Datenmenge vervielfachen (für make bench)."
        )
        parser.add_argument(
            "--code",
            action="store_true",
            help="Nur den aktuellen Zwei-Faktor-Code der Demo-Zugänge ausgeben.",
        )

    def handle(self, *args, reset: bool, if_empty: bool, scale: int, code: bool, **options):
        if code:
            self.stdout.write(demo_totp_code())
            return
        if scale < 1:
            raise CommandError("--scale muss mindestens 1 sein.")
        has_data = YouthOffice.objects.exists()
        if has_data and if_empty:
            self.stdout.write("Die Datenbank enthält schon Daten; die Demo wird nicht geladen.")
            return
        if has_data and not reset:
            raise CommandError(
                "Die Datenbank enthält schon Daten. Mit --reset wird alles gelöscht und die "
                "Demo neu geladen."
            )
        if reset:
            reset_demo()
        password, generated = demo_password(os.environ.get("SOZIALRAUM_DEMO_PASSWORD"))
        ctx = build_demo(password=password, scale=scale)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo geladen: {len(ctx.offices)} Jugendämter, "
                f"{sum(len(s) for s in ctx.spaces.values())} Sozialräume, "
                f"{User.objects.count()} Zugänge (Maßstab {scale})."
            )
        )
        self.stdout.write("Anmeldungen: admin@sozialraum.example, koordination@heidekreis.example,")
        self.stdout.write("  fachkraft@heidekreis.example, schule@heidekreis.example, ")
        self.stdout.write("  traeger@heidekreis.example, koordination@verden.example")
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Passwort für alle Demo-Zugänge (wird nur jetzt angezeigt): {password}"
                )
            )
        else:
            self.stdout.write("Passwort: aus SOZIALRAUM_DEMO_PASSWORD.")
        self.stdout.write(
            "Zwei-Faktor-Anmeldung (Koordination und Betrieb, nur für die Demo): Schlüssel "
            f"{DEMO_TOTP_SECRET} in einer Authenticator-App, oder den aktuellen Code mit "
            "`sozialraum demo --code` anzeigen."
        )
