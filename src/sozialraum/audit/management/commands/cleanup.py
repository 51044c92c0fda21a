from django.core.management.base import BaseCommand

from sozialraum.lib import statistics
from sozialraum.lib.retention import clean_up


class Command(BaseCommand):
    help = (
        "Löscht Daten nach Ablauf ihrer Aufbewahrungsfrist und aktualisiert die Statistik der "
        "Datenbank (täglich ausführen)."
    )

    def handle(self, *args, **options):
        for what, count in clean_up().items():
            self.stdout.write(f"{what}: {count}")
        statistics.refresh()
        self.stdout.write("Statistik für die Datenbankabfragen aktualisiert.")
