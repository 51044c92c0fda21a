from django.core.management.base import BaseCommand

from sozialraum.lib.retention import clean_up


class Command(BaseCommand):
    help = "Löscht Daten nach Ablauf ihrer Aufbewahrungsfrist (täglich ausführen)."

    def handle(self, *args, **options):
        for what, count in clean_up().items():
            self.stdout.write(f"{what}: {count}")
