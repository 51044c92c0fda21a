"""DSGVO for the teams: what a person's memberships and substitutions say about them.

Registered as a `lib.privacy.PersonPart` in `TeamsConfig.ready()`: the network's Auskunft
(Art. 15) gets a section "Teams und Gremien", and its erasure (Art. 17) runs `erase_memberships`
before the person is deleted: their memberships go, they are removed as a substitute, and the
audit entries of those memberships lose the name.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sozialraum.audit.models import AuditEntry
from sozialraum.audit.registry import type_key
from sozialraum.lib.privacy import PersonPart
from sozialraum.network.models import Person
from sozialraum.teams.models import Membership

# What the audit trail shows instead of an erased person's name (as network.privacy).
ERASED_LABEL = "Gelöschte Person"


def _day(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def export_memberships(person: Person) -> dict[str, Any]:
    own = (
        Membership.objects.filter(person=person)
        .select_related("team", "organisation")
        .prefetch_related("substitutes")
        .order_by("team__sort_key", "joined", "pk")
    )
    substituting = (
        Membership.objects.filter(substitutes=person)
        .select_related("team", "person")
        .order_by("team__sort_key", "joined", "pk")
    )
    return {
        "Mitgliedschaften": [
            {
                "Team": m.team.name,
                "für die Organisation": m.organisation.name if m.organisation_id else "",
                "Rolle": str(m.get_role_display()),
                "Mitglied seit": _day(m.joined),
                "ausgeschieden am": _day(m.left),
                "Vertretung": [s.full_name for s in m.substitutes.all()],
            }
            for m in own
        ],
        "Vertretung für": [
            {
                "Team": m.team.name,
                "vertritt": m.person.full_name,
                "ausgeschieden am": _day(m.left),
            }
            for m in substituting
        ],
    }


def erase_memberships(person: Person) -> int:
    """Delete the person's memberships and substitutions; anonymise the audit entries of the
    memberships concerned. Returns the number of memberships touched."""
    own = list(Membership.objects.filter(person=person).values_list("pk", flat=True))
    substituting = list(Membership.objects.filter(substitutes=person).values_list("pk", flat=True))
    entries = AuditEntry.objects.in_office(person.youth_office).filter(
        object_type=type_key(Membership)
    )
    entries.filter(object_id__in=[str(pk) for pk in own]).update(
        object_repr=ERASED_LABEL, changes={}
    )
    name = person.full_name
    for entry in entries.filter(object_id__in=[str(pk) for pk in substituting]):
        entry.changes = {
            key: {part: str(text).replace(name, ERASED_LABEL) for part, text in values.items()}
            for key, values in entry.changes.items()
        }
        entry.save(update_fields=["changes"])
    Membership.substitutes.through.objects.filter(person=person).delete()
    Membership.objects.filter(Q(person=person)).delete()
    return len(own) + len(substituting)


PART = PersonPart(
    key="teams",
    label=_("Teams und Gremien"),
    export=export_memberships,
    erase=erase_memberships,
)
