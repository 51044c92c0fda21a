from pathlib import Path

from django.core.management.base import BaseCommand

from sozialraum.regions.models import Municipality
from sozialraum.regions.municipalities import DATA_FILE, load_municipalities


class Command(BaseCommand):
    help = "Gemeindeverzeichnis (AGS;Name, UTF-8) laden oder aktualisieren."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DATA_FILE))

    def handle(self, *args, file: str, **options):
        created, updated = load_municipalities(Municipality, Path(file))
        self.stdout.write(f"{created} Gemeinden neu, {updated} umbenannt.")
