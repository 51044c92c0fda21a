"""sozialraum check_identifiers FILE.jsonl --youth-office SLUG"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sozialraum.consultations.guard import find_identifiers
from sozialraum.regions.models import YouthOffice

MAX_TEXT = 100_000  # characters of one text; longer lines are reported and skipped


class Command(BaseCommand):
    help = (
        "Prüft Texte auf Angaben, die ein Kind erkennbar machen können (Namen, Daten, Alter, "
        "Adressen, Telefonnummern, E-Mail-Adressen, Klasse mit Schule, Gruppe mit Einrichtung, "
        'seltene Merkmale). Liest JSON Lines mit {"id": ..., "text": ...} und schreibt je '
        'Zeile {"id": ..., "findings": [{"start", "end", "kind", "text"}]} auf die '
        "Standardausgabe. Fehlerhafte Zeilen werden mit Zeilennummer auf der Fehlerausgabe "
        "gemeldet und übersprungen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="Pfad zur JSON-Lines-Datei (UTF-8); „-“ liest die Standardeingabe."
        )
        parser.add_argument(
            "--youth-office",
            required=True,
            help=(
                "Kurzbezeichnung des Jugendamts, dessen Netzwerk und seltene Merkmale gelten, "
                "z. B. heidekreis."
            ),
        )

    def handle(self, *args: Any, file: str, youth_office: str, **options: Any) -> None:
        office = YouthOffice.objects.filter(slug=youth_office).first()
        if office is None:
            raise CommandError(f"Es gibt kein Jugendamt mit der Kurzbezeichnung „{youth_office}“.")
        lines = self.read_lines(file)
        checked = bad = 0
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            row, problem = parse_line(line)
            if problem:
                bad += 1
                self.stderr.write(f"Zeile {number}: {problem}")
                continue
            findings = find_identifiers(row["text"], youth_office=office)
            result = {
                "id": row["id"],
                "findings": [
                    {"start": f.start, "end": f.end, "kind": f.kind, "text": f.text}
                    for f in findings
                ],
            }
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            checked += 1
        if bad and not checked:
            raise CommandError("Keine Zeile der Datei ließ sich lesen. Es wurde nichts geprüft.")

    def read_lines(self, file: str) -> list[str]:
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except FileNotFoundError as error:
            raise CommandError(f"Die Datei „{file}“ gibt es nicht.") from error
        except OSError as error:
            raise CommandError(
                f"Die Datei „{file}“ lässt sich nicht lesen: {error.strerror}."
            ) from error
        try:
            return data.decode("utf-8-sig").splitlines()
        except UnicodeDecodeError as error:
            raise CommandError(
                "Die Datei ist nicht in UTF-8 gespeichert. Bitte speichern Sie sie als UTF-8."
            ) from error


def parse_line(line: str) -> tuple[dict[str, Any], str]:
    """The row of one line, or a German reason why it cannot be checked."""
    try:
        row = json.loads(line)
    except ValueError:
        return {}, "Die Zeile ist kein gültiges JSON."
    if not isinstance(row, dict):
        return {}, "Die Zeile ist kein JSON-Objekt."
    if "id" not in row:
        return {}, "Es fehlt das Feld „id“."
    if not isinstance(row.get("text"), str):
        return {}, "Es fehlt das Feld „text“ oder es ist kein Text."
    if len(row["text"]) > MAX_TEXT:
        return {}, f"Der Text ist länger als {MAX_TEXT:,} Zeichen.".replace(",", ".")
    return row, ""
