"""The identifier guard: finds what could identify a child in a text of a consultation.

Contract (other modules rely on exactly this):

    find_identifiers(text: str, *, youth_office: YouthOffice | None = None) -> list[Finding]

Findings are sorted by `start`, do not overlap, and `text[f.start:f.end] == f.text`.
`kind` is one of KINDS. `reason` and `suggestion` are plain German (translatable) for the
page that highlights the finding. The office-specific vocabulary (the people of the network,
the office's schools and Kitas, the rare features) is loaded per youth office and cached per
office data version; the name lists come from a maintained package loaded once at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sozialraum.regions.models import YouthOffice

KINDS = (
    "name",  # a first name or surname (lists from a package, people of the office's network)
    "date",  # a date that can be a birth date or an exact date of an event
    "age",  # an age in years and/or months ("3 Jahre und 4 Monate", "28 Monate alt")
    "address",  # a street with house number, a postcode with place
    "phone",
    "email",
    "school_class",  # a school class together with a school name ("Klasse 3b der GS Rethem")
    "institution_group",  # an office's Kita or school with a class or group ("Bärengruppe")
    "rare_feature",  # a term of the office's RareFeature list
)


@dataclass(frozen=True, slots=True)
class Finding:
    start: int
    end: int
    kind: str
    text: str
    reason: str
    suggestion: str


def find_identifiers(text: str, *, youth_office: YouthOffice | None = None) -> list[Finding]:
    from sozialraum.consultations.guard import engine, vocabulary

    words = vocabulary.for_office(youth_office) if youth_office is not None else vocabulary.EMPTY
    return engine.find(text, words)
