"""Extension point for the DSGVO requests about a person of the network (Art. 15 and 17).

The network app answers them (network/privacy.py) for what it stores itself. An app that keeps
more about people (teams: memberships, attendance, minutes) registers a `PersonPart` in its
`AppConfig.ready()`; the Auskunft then contains the part's section and the erasure runs its
`erase`, so the network never imports the apps built on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class PersonPart:
    """`key`: stable (JSON) name of the section; `label`: its German heading; `export`: the
    data about the person, JSON-serialisable; `erase`: deletes or anonymises it inside the
    erasure's transaction, returning how many records it touched."""

    key: str
    label: str | Promise
    export: Callable[[Any], Any]
    erase: Callable[[Any], int]


_PARTS: dict[str, PersonPart] = {}


def register_person_part(part: PersonPart) -> None:
    if part.key in _PARTS and _PARTS[part.key] != part:
        raise ValueError(f"Two privacy parts are called {part.key!r}.")
    _PARTS[part.key] = part


def person_parts() -> list[PersonPart]:
    return list(_PARTS.values())
