"""`sozialraum remind_offers`: remind providers of offers not confirmed for 12 months."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from sozialraum.lib.command_help import germanize
from sozialraum.offers.reminders import remind_due_offers


class Command(BaseCommand):
    help = (
        "Erinnert die Anbieter an Angebote, die seit 12 Monaten nicht bestätigt wurden "
        "(einmal je Zeitraum). Vier Wochen später verschwinden solche Angebote aus dem "
        "öffentlichen Familienwegweiser, bis jemand sie bestätigt. Täglich aufrufen."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return germanize(super().create_parser(prog_name, subcommand, **kwargs))

    def handle(self, *args, **options):
        sent = remind_due_offers()
        self.stdout.write(f"{sent} Erinnerung(en) verschickt.")
