"""sozialraum send_meeting_reminders: the reminders due today (run daily by a timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from sozialraum.meetings.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Verschickt die heute fälligen Erinnerungen an Treffen: einige Tage vorher an alle "
        "Eingeladenen (mit ihren überfälligen Aufgaben) und eine Nachfrage an alle, die noch "
        "nicht geantwortet haben. Jede Erinnerung geht nur einmal hinaus; der Befehl kann "
        "beliebig oft laufen (täglich per systemd-Timer oder cron)."
    )

    def handle(self, *args, **options) -> None:
        summary = send_reminders()
        self.stdout.write(
            f"Erinnerungen: {summary.reminders}, Nachfragen ohne Antwort: "
            f"{summary.answer_reminders}, zu {summary.meetings} Treffen."
        )
