"""Does the Ort of an import row fit its Gemeindeschlüssel? (issue 7, point 19)

The repository's reference data is the list of municipalities with their keys
(regions/data/gemeinden-2021.csv); there is no postcode list, and postcode areas and
municipalities do not map one to one in Germany (one PLZ can span several municipalities, a
town several PLZ). So the check compares the Ort with the municipality names of the Kreis, and
only a clear contradiction counts: the Ort names another municipality of the Kreis. A place
that is no municipality of the Kreis is taken to be a part of one (Ortsteil, e.g. Dorfmark in
Bad Fallingbostel) and accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from sozialraum.lib.text import search_key
from sozialraum.regions.models import Municipality


class Places:
    def __init__(self, municipalities: Iterable[Municipality]):
        self.by_name: dict[str, list[Municipality]] = {}
        for municipality in municipalities:
            for key in place_keys(municipality):
                self.by_name.setdefault(key, []).append(municipality)

    def named(self, city: str) -> list[Municipality]:
        """The municipalities that `city` names: exactly ("Ahlden" for "Ahlden (Aller),
        Flecken"), else by its first words ("Soltau-Wolterdingen", "Soltau OT Harber"), the
        longest name winning."""
        key = search_key(city)
        if key in self.by_name:
            return self.by_name[key]
        words = key.split()
        for end in range(len(words) - 1, 0, -1):
            matches = self.by_name.get(" ".join(words[:end]))
            if matches:
                return matches
        return []

    def check(
        self, municipality: Municipality, city: str, error: Callable[[str, str], None]
    ) -> None:
        """Report a Gemeindeschlüssel whose municipality is not the one the Ort names."""
        matches = self.named(city)
        if matches and municipality not in matches:
            error(
                "Gemeindeschlüssel",
                _(
                    "Der Gemeindeschlüssel %(ags)s gehört zu %(municipality)s, als Ort steht aber "
                    "„%(city)s“ (Gemeindeschlüssel %(other)s). Bitte prüfen Sie den "
                    "Gemeindeschlüssel oder den Ort."
                )
                % {
                    "ags": municipality.ags,
                    "municipality": municipality.short_name,
                    "city": city,
                    "other": ", ".join(m.ags for m in matches),
                },
            )


def place_keys(municipality: Municipality) -> set[str]:
    """'Ahlden (Aller), Flecken' -> {'ahlden aller', 'ahlden'}."""
    short = municipality.short_name
    return {search_key(short), search_key(re.sub(r"\s*\(.*?\)", "", short))} - {""}
