"""The main navigation of an office's pages (`{% main_navigation %}` in base.html).

Written in Python instead of template nodes (issue 8): six `{% url %}`, six `{% translate %}` and
the `{% if %}` chains of every entry cost about as much as two health checks on every page. The
permissions are asked on every request (`user.has_perm`, django-rules); the markup is kept per
(language, office, current view, answers), so a page pays only the questions.

A new capability adds one `NavEntry` to `ENTRIES`, in the order it appears.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    url_name: str  # reversed with office_slug; aria-current="page" on this view
    label: Any
    perm: str = ""  # asked with the youth office as object; "" = every member
    namespaces: tuple[str, ...] = ()  # aria-current="true" on the views of these namespaces


ENTRIES: tuple[NavEntry, ...] = (
    NavEntry("regions:office", _("Übersicht"), namespaces=("regions",)),
    NavEntry("network:directory", _("Akteure"), namespaces=("network",)),
    NavEntry("teams:list", _("Teams"), "teams.view_team", ("teams", "meetings", "minutes")),
    NavEntry("offers:list", _("Angebote"), "offers.view_offers", ("offers",)),
    NavEntry("planning:needs", _("Planung"), "planning.view_planning", ("planning",)),
    NavEntry(
        "consultations:list", _("Fallberatung"), "consultations.view_area", ("consultations",)
    ),
    NavEntry("access:list", _("Zugänge"), "accounts.manage_access", ("access",)),
    NavEntry("audit:trail", _("Änderungsprotokoll"), "audit.view_trail"),
)

_RENDERED: dict[tuple, SafeString] = {}
_LIMIT = 2000  # bounded: the key holds the office and the view name


def _item(entry: NavEntry, slug: str, view_name: str, namespace: str) -> str:
    if view_name == entry.url_name:
        current = SafeString(' aria-current="page"')
    elif namespace and namespace in entry.namespaces:
        current = SafeString(' aria-current="true"')
    else:
        current = SafeString("")
    return format_html(
        '          <li>\n            <a class="sr-nav__link" href="{}"{}>{}</a>\n          </li>\n',
        reverse(entry.url_name, kwargs={"office_slug": slug}),
        current,
        entry.label,
    )


def main_navigation(request: Any, user: Any, office: Any) -> SafeString:
    """The `<nav>` of the office's areas the user may see, the current one marked."""
    match = getattr(request, "resolver_match", None)
    view_name = (match.view_name if match else "") or ""
    namespace = (match.namespace if match else "") or ""
    allowed = tuple(not entry.perm or user.has_perm(entry.perm, office) for entry in ENTRIES)
    key = (get_language(), office.pk, office.slug, view_name, namespace, allowed)
    found = _RENDERED.get(key)
    if found is None:
        items = "".join(
            _item(entry, office.slug, view_name, namespace)
            for entry, shown in zip(ENTRIES, allowed, strict=True)
            if shown
        )
        found = SafeString(
            format_html(
                '<nav class="sr-nav" aria-label="{}">\n'
                '      <div class="kern-container">\n'
                '        <ul class="sr-nav__list">\n',
                _("Hauptnavigation"),
            )
            + items
            + "        </ul>\n      </div>\n    </nav>"
        )
        if len(_RENDERED) >= _LIMIT:
            _RENDERED.clear()
        _RENDERED[key] = found
    return found
