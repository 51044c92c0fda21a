"""How youth offices are named: the welcome line and the name proposed for a Kreis key.

German needs the article of the office's name: "beim Landkreis Heidekreis", "bei der Stadt
Flensburg". The rule looks at the name's first word; where it cannot tell, it falls back to
"im Jugendamt …", which is right for every name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _

from sozialraum.lib.text import search_key

# First words whose article is "der" (masculine, "beim") or "die" (feminine, "bei der").
_MASCULINE_ENDINGS = ("kreis", "verband", "bezirk")
_MASCULINE_WORDS = {"bezirksamt", "jugendamt"}  # neuter, but "beim" as well
_FEMININE_ENDINGS = ("stadt", "region", "gemeinde")
# Words left out of a proposed slug: "Landkreis Verden" -> "verden".
_SLUG_NOISE = {"landkreis", "kreis", "stadt", "region", "staedteregion", "hansestadt"}


def welcome(name: str) -> str:
    """'Willkommen beim Landkreis Heidekreis', 'Willkommen bei der Stadt Flensburg'."""
    words = name.split()
    first = words[0].lower() if words else ""
    if first in _MASCULINE_WORDS or first.endswith(_MASCULINE_ENDINGS):
        return _("Willkommen beim %(name)s") % {"name": name}
    if first.endswith(_FEMININE_ENDINGS):
        return _("Willkommen bei der %(name)s") % {"name": name}
    return _("Willkommen im Jugendamt %(name)s") % {"name": name}


@dataclass(frozen=True)
class Kreis:
    """A Kreis or kreisfreie Stadt as the municipality list knows it (it holds no Kreis names)."""

    key: str
    municipalities: tuple[str, ...]  # official names, sorted

    @property
    def is_city(self) -> bool:
        """A kreisfreie Stadt is a Kreis of exactly one municipality (AGS ending in 000)."""
        return len(self.municipalities) == 1

    @property
    def towns(self) -> list[str]:
        """The municipalities with town rights, by their short names ("Soltau, Stadt")."""
        return [
            _short(name)
            for name in self.municipalities
            if re.search(r",.*stadt", name, flags=re.IGNORECASE)
        ]

    def describe(self) -> str:
        """The line the operator recognises the Kreis by."""
        if self.is_city:
            return _("%(key)s – %(name)s (kreisfreie Stadt)") % {
                "key": self.key,
                "name": self.municipalities[0],
            }
        examples = self.towns[:5] or [_short(name) for name in self.municipalities[:3]]
        return _("%(key)s – Kreis mit %(count)s Gemeinden, u. a. %(examples)s") % {
            "key": self.key,
            "count": len(self.municipalities),
            "examples": ", ".join(examples),
        }

    def proposed_name(self) -> str:
        """'Flensburg, Stadt' -> 'Stadt Flensburg'. Kreise: empty (the list has no Kreis names)."""
        if not self.is_city:
            return ""
        name = self.municipalities[0]
        base, _sep, suffix = name.partition(",")
        suffix = suffix.strip()
        if suffix.lower().endswith("stadt"):
            return f"{suffix} {base.strip()}"
        return f"Stadt {base.strip()}"


def _short(name: str) -> str:
    return name.split(",")[0].strip()


def proposed_slug(name: str) -> str:
    """'Landkreis Verden' -> 'verden', 'Hansestadt Lübeck' -> 'luebeck' (at most 60 characters)."""
    words = search_key(name).split()
    kept = [word for word in words if word not in _SLUG_NOISE] or words
    return slugify(" ".join(kept))[:60].strip("-")
