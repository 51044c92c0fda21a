"""sozialraum create_youth_office --kreis-key 03358 --name … --slug … --coordinator-email …"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from sozialraum.accounts.models import User
from sozialraum.lib.command_help import germanize
from sozialraum.operations.services import OperationsError, create_youth_office
from sozialraum.regions.models import SocialSpaceLabel
from sozialraum.regions.naming import proposed_slug

FIELD_NAMES = {
    "kreis_key": "--kreis-key",
    "name": "--name",
    "slug": "--slug",
    "social_space_label": "--label",
    "coordinator_email": "--coordinator-email",
}


class Command(BaseCommand):
    help = (
        "Legt ein Jugendamt für einen Kreis oder eine kreisfreie Stadt an und lädt seine erste "
        "Koordination per E-Mail ein (Onboarding durch den Betrieb)."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return germanize(super().create_parser(prog_name, subcommand, **kwargs))

    def add_arguments(self, parser):
        parser.add_argument(
            "--kreis-key",
            required=True,
            help="Kreisschlüssel: die ersten fünf Ziffern des Amtlichen Gemeindeschlüssels, "
            "z. B. 03358.",
        )
        parser.add_argument(
            "--name", required=True, help="Name des Jugendamts, z. B. „Landkreis Heidekreis“."
        )
        parser.add_argument(
            "--slug",
            default="",
            help="Kurzbezeichnung für die Adresse, z. B. heidekreis (ohne Angabe: aus dem Namen).",
        )
        parser.add_argument(
            "--coordinator-email",
            required=True,
            help="E-Mail-Adresse der ersten Koordination; sie bekommt die Einladung.",
        )
        parser.add_argument(
            "--coordinator-name", default="", help="Name der Koordination für die Anrede."
        )
        parser.add_argument(
            "--label",
            default=SocialSpaceLabel.SOZIALRAUM.value,
            help="Wie die Sozialräume dort heißen: "
            + ", ".join(SocialSpaceLabel.values)
            + " (Vorgabe: Sozialraum).",
        )
        parser.add_argument(
            "--actor",
            default="",
            help="E-Mail-Adresse des Betriebs, die im Änderungsprotokoll erscheint.",
        )

    def handle(self, *args, **options):
        actor = None
        if options["actor"]:
            actor = User.objects.filter(email__iexact=options["actor"]).first()
            if actor is None or not actor.is_operator:
                raise CommandError(f"„{options['actor']}“ ist kein Zugang des Betriebs.")
        name = options["name"]
        try:
            office, invitation = create_youth_office(
                kreis_key=options["kreis_key"],
                name=name,
                slug=options["slug"] or proposed_slug(name),
                social_space_label=options["label"],
                coordinator_email=options["coordinator_email"],
                coordinator_name=options["coordinator_name"],
                actor=actor,
            )
        except OperationsError as error:
            for field, message in error.errors.items():
                self.stderr.write(f"{FIELD_NAMES.get(field, field)}: {message}")
            raise CommandError("Das Jugendamt wurde nicht angelegt.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{office.name} ist angelegt (Adresse /{office.slug}/, Kreisschlüssel "
                f"{office.kreis_key}). Die Einladung an {invitation.email} ist verschickt."
            )
        )
