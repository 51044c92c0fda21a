"""What an organisation's page shows besides the organisation: its social spaces, people,
latest change proposals and carrier editors.

The page's queries are fixed (one organisation, its rows), so they are compiled to SQL once per
database connection (lib/prepared.py) instead of on every request: the ORM's compiling cost
more than SQLite's answers (issue 8). Each returns what the queryset it replaces returned, in
the same order.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from sozialraum.accounts.models import OfficeRole, Role
from sozialraum.lib.http import url_for_rows
from sozialraum.lib.prepared import Prepared
from sozialraum.network.models import (
    Affiliation,
    ChangeStatus,
    Organisation,
    OrganisationChange,
    confirmation_deadline,
)
from sozialraum.regions.models import SocialSpace

# The social spaces of an organisation (what `org.social_spaces.all()` gives).
_SPACES = Prepared(lambda pk: SocialSpace.objects.filter(organisations=pk), int)
_AFFILIATIONS = Prepared(
    lambda pk: (
        Affiliation.objects.filter(organisation_id=pk)
        .select_related("person")
        .order_by("person__sort_key", "pk")
    ),
    int,
)
# The latest five proposals (the page shows their date, status and note).
_CHANGES = Prepared(
    lambda pk: OrganisationChange.objects.filter(organisation_id=pk).order_by("-submitted_at")[:5],
    int,
)
_EDITORS = Prepared(
    lambda office, pk: OfficeRole.objects.filter(
        youth_office_id=office, organisation_id=pk, role=Role.CARRIER_EDITOR
    ).select_related("user"),
    int,
    int,
)


def organisation_page(
    org: Organisation, *, office_slug: str, with_changes: bool, with_editors: bool
) -> dict[str, Any]:
    """The page's context besides the organisation: `spaces` by name, the `current` and
    `former` affiliations (each with its person's `person_url`), `is_due`; with
    `with_changes` the latest five `changes` and the `pending_change` among them, with
    `with_editors` the carrier `editors`. Four queries at most."""
    affiliations = _AFFILIATIONS.all(org.pk)
    # The people's links reversed once for the list, not with {% url %} per person.
    person_url = url_for_rows("network:person", office_slug=office_slug)
    for affiliation in affiliations:
        affiliation.person_url = person_url(affiliation.person_id)  # type: ignore[attr-defined]
    today = timezone.localdate()
    changes: list[OrganisationChange] = _CHANGES.all(org.pk) if with_changes else []
    editors: list[OfficeRole] = _EDITORS.all(org.youth_office_id, org.pk) if with_editors else []
    return {
        "spaces": sorted(_SPACES.all(org.pk), key=lambda s: s.name),
        "current": [a for a in affiliations if a.until is None or a.until >= today],
        "former": [a for a in affiliations if a.until is not None and a.until < today],
        "is_due": org.confirmed_at < confirmation_deadline(),
        "changes": changes,
        "pending_change": next((c for c in changes if c.status == ChangeStatus.PENDING), None),
        "editors": editors,
    }
