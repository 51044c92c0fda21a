"""German `--help` for our console commands: argparse and Django word their parts in English."""

from __future__ import annotations

import argparse
import re
import sys

from django.core.management.base import CommandError

# Django's default options of every command, in German.
_DJANGO_OPTIONS = {
    "help": "Diese Hilfe anzeigen und beenden.",
    "version": "Die Django-Version anzeigen und beenden.",
    "verbosity": "Ausführlichkeit: 0 = still, 1 = normal, 2 = ausführlich, 3 = sehr ausführlich.",
    "settings": "Python-Pfad des Einstellungsmoduls (sonst DJANGO_SETTINGS_MODULE).",
    "pythonpath": "Ein Verzeichnis, das dem Python-Suchpfad hinzugefügt wird.",
    "traceback": "Bei einem Fehler den vollständigen Python-Traceback zeigen.",
    "no_color": "Ausgabe ohne Farben.",
    "force_color": "Ausgabe immer farbig.",
    "skip_checks": "Die Systemprüfungen überspringen.",
}


# argparse's own error messages, in German.
_ERRORS = [
    (re.compile(r"^the following arguments are required: "), "Diese Angaben fehlen: "),
    (re.compile(r"^unrecognized arguments: "), "Unbekannte Angaben: "),
    (re.compile(r"^argument (\S+): expected one argument"), r"\1: Hier fehlt der Wert."),
]


class GermanHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="Aufruf: " if prefix is None else prefix)


def germanize(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Translate the parts of the parser's help that argparse and Django add."""
    parser.formatter_class = GermanHelpFormatter
    for action in parser._actions:
        if action.dest in _DJANGO_OPTIONS:
            action.help = _DJANGO_OPTIONS[action.dest]
    for group in parser._action_groups:
        if group.title in ("options", "optional arguments"):
            group.title = "Optionen"
        elif group.title == "positional arguments":
            group.title = "Argumente"

    def error(message: str):
        for pattern, german in _ERRORS:
            message = pattern.sub(german, message)
        if not getattr(parser, "called_from_command_line", False):
            raise CommandError(f"Fehler: {message}")
        parser.print_usage(sys.stderr)
        parser.exit(2, f"{parser.prog}: Fehler: {message}\n")

    parser.error = error  # type: ignore[method-assign]
    return parser
