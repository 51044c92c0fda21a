"""What an organisation's page shows besides the organisation: who may do what there, its
links, its social spaces, people, latest change proposals and carrier editors.

The page's queries are fixed (one organisation, its rows), so they are compiled to SQL once per
database connection (lib/prepared.py) instead of on every request: the ORM's compiling cost
more than SQLite's answers (issue 8). Each returns what the queryset it replaces returned, in
the same order. The permissions are checked once each here, not by `{% has_perm %}` in the
template; the links come from URLs reversed once per process and office (`{% url %}` costs
20-40 µs each time); the people are filled into row templates (network/rows/affiliation*.html).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from html import escape
from typing import Any

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sozialraum.accounts.models import OfficeRole, Role
from sozialraum.lib.http import office_row_url, office_url
from sozialraum.lib.prepared import Prepared
from sozialraum.lib.row_templates import render_rows
from sozialraum.lib.templatetags.kern import localdate
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

CURRENT_ROW = "network/rows/affiliation.html"
FORMER_ROW = "network/rows/affiliation_former.html"

# What the page may do, checked once each: (context name, permission, on the office?).
_PERMISSIONS = (
    ("can_edit", "network.change_organisation", False),
    ("can_propose", "network.propose_change", False),
    ("can_delete", "network.delete_organisation", False),
    ("can_confirm", "network.confirm_organisation", False),
    ("can_invite", "network.invite_editor", False),
    ("can_review", "network.review_changes", True),
)


def _links(office_slug: str) -> Callable[[str], Callable[[int], str]]:
    """For each URL name, its URL per number, reversed once per process (lib.http)."""
    return lambda name: office_row_url(name, office_slug)


def organisation_page(org: Organisation, *, user: Any, office: Any) -> dict[str, Any]:
    """The page's context besides the organisation: the `can_*` permissions, `links`, `spaces`
    by name (each with its `url`), the `current` and `former` affiliations with their rows
    (`current_html`, `former_html`), `is_due`; for coordination and the organisation's own
    carrier editor the latest five `changes` (each with its `url`) and the `pending_change`
    among them, for coordination the carrier `editors`. Four queries at most."""
    can = {
        name: user.has_perm(perm, office if on_office else org)
        for name, perm, on_office in _PERMISSIONS
    }
    slug = office.slug
    link = _links(slug)
    change_url = link("network:change")
    changes: list[OrganisationChange] = []
    if user.has_perm("network.view_organisation_changes", org):
        changes = _CHANGES.all(org.pk)
        for change in changes:
            change.url = change_url(change.pk)  # type: ignore[attr-defined]
            change.submitted_on = _day(change.submitted_at)  # type: ignore[attr-defined]
    editors = _EDITORS.all(org.youth_office_id, org.pk) if can["can_invite"] else []
    spaces = sorted(_SPACES.all(org.pk), key=lambda s: s.name)
    space_url = link("regions:social_space")
    for space in spaces:
        space.url = space_url(space.pk)  # type: ignore[attr-defined]
    current, former = _affiliations(org, link("network:person"))
    return {
        **can,
        "links": {
            name: link(f"network:organisation_{name}")(org.pk)
            for name in ("edit", "propose", "invite_editor", "delete", "confirm")
        }
        | {"person_create": office_url("network:person_create", slug)},
        "spaces": spaces,
        "current": current,
        "current_html": _current_rows(current),
        "former": former,
        "former_html": _former_rows(former),
        "is_due": org.confirmed_at < confirmation_deadline(),
        "confirmed_on": _day(org.confirmed_at),
        "changes": changes,
        "pending_change": next((c for c in changes if c.status == ChangeStatus.PENDING), None),
        "editors": editors,
    }


def _day(moment: datetime) -> date:
    """The local day of `moment`: what `|localdate` shows of it, formatted as a plain date
    (cached per language by the filter; a datetime is formatted anew each time, ~30 µs)."""
    return timezone.localtime(moment).date()


def _affiliations(
    org: Organisation, person_url: Callable[[int], str]
) -> tuple[list[Affiliation], list[Affiliation]]:
    """(current, former) affiliations by the person's name, each with its `person_url`."""
    affiliations = _AFFILIATIONS.all(org.pk)
    for affiliation in affiliations:
        affiliation.person_url = person_url(affiliation.person_id)  # type: ignore[attr-defined]
    today = timezone.localdate()
    return (
        [a for a in affiliations if a.until is None or a.until >= today],
        [a for a in affiliations if a.until is not None and a.until < today],
    )


def _function(affiliation: Affiliation) -> SafeString | str:
    # The model's text fields are plain str: html.escape gives what format_html would,
    # without Django's lazy wrappers (lib/row_templates.py).
    return SafeString(f", {escape(affiliation.function)}") if affiliation.function else ""


def _current_rows(affiliations: list[Affiliation]) -> SafeString:
    """The `<li>`s of the current people as the former template loop wrote them."""
    contact = format_html(
        '<span class="kern-badge kern-badge--small kern-badge--success">'
        '<span class="kern-label">{}</span></span>',
        _("Ansprechperson"),
    )
    rows = []
    for affiliation in affiliations:
        person = affiliation.person
        details = ""
        if person.email or person.phone:
            address = escape(person.email)
            email = f'<a class="kern-link" href="mailto:{address}">{address}</a>' if address else ""
            phone = f"<span>{escape(person.phone)}</span>" if person.phone else ""
            details = SafeString(
                '\n            <span class="sr-people__contact">\n              '
                f"{email}\n              {phone}\n            </span>\n          "
            )
        rows.append(
            {
                "url": affiliation.person_url,  # type: ignore[attr-defined]
                "name": person.full_name,
                "function": _function(affiliation),
                "contact": contact if affiliation.is_contact else "",
                "details": details,
            }
        )
    return _loop(CURRENT_ROW, rows, "\n", "\n      ")


def _former_rows(affiliations: list[Affiliation]) -> SafeString:
    """The `<li>`s of the former people as the former template loop wrote them."""
    rows = [
        {
            "url": affiliation.person_url,  # type: ignore[attr-defined]
            "name": affiliation.person.full_name,
            "function": _function(affiliation),
            "until": SafeString(
                _("bis %(date)s") % {"date": format_html("{}", localdate(affiliation.until))}
            ),
        }
        for affiliation in affiliations
    ]
    return _loop(FORMER_ROW, rows, "\n          ", "\n        ")


def _loop(name: str, rows: list[dict[str, Any]], before: str, after: str) -> SafeString:
    """Each row's text between `before` and `after`: what a `{% for %}` loop wrote whose body
    was the row between those two whitespaces."""
    if not rows:
        return SafeString("")
    return SafeString(before + render_rows(name, rows, separator=after + before) + after)
