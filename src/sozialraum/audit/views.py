from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sozialraum.audit import registry
from sozialraum.audit.forms import TrailFilterForm
from sozialraum.audit.models import AuditEntry, change_rows
from sozialraum.lib.choices import labels_of
from sozialraum.lib.row_templates import render_rows
from sozialraum.lib.tenancy import OfficeRequest, office_view

# The whitespace of the template's former loop over the changes (the markup is unchanged).
_NL = "\n"
_SP20, _SP22, _SP24, _SP26 = (_NL + " " * n for n in (20, 22, 24, 26))

# What the trail reads of an entry: plain values, no model instances (issue 8). The page's
# entries are named tuples, so `entry.action`, `entry.object_repr` read as on the model.
_FIELDS = (
    "pk",
    "youth_office_id",
    "actor_id",
    "actor__name",
    "actor__email",
    "action",
    "object_type",
    "object_repr",
    "changes",
    "created_at",
)

# Django's date format characters that strftime writes the same way (digits only, so the
# locale of the C library does not matter).
_STRFTIME = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y", "H": "%H", "i": "%M", "s": "%S"}


def _value(value: str) -> str:
    """`{{ value|default:"–"|linebreaksbr }}`."""
    if not value:
        return "–"
    if "\r" in value:  # normalize_newlines
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return html.escape(value).replace("\n", "<br>")


def _changes_html(
    both: bool, changes: Iterable[tuple[str, str, str]], before: str, after: str
) -> str:
    parts = []
    for field, old, new in changes:
        parts.append(f"{_SP22}<dt>{html.escape(field)}</dt>{_SP22}<dd>{_SP24}")
        if old or both:
            parts.append(
                f'{_SP26}<span class="sr-muted">{before}</span> {_value(old)}<br>'
                f'{_SP26}<span class="sr-muted">{after}</span> {_value(new)}{_SP24}'
            )
        else:
            parts.append(f"{_SP26}{_value(new)}{_SP24}")
        parts.append(f"{_SP22}</dd>{_SP20}")
    return "".join(parts)


def _shows_both(action: str) -> bool:
    return action in ("update", "role")


def changes_html(entry: Any, changes: list[tuple[str, str, str]]) -> SafeString:
    """The <dt>/<dd> pairs of an entry's changes ("vorher:"/"nachher:" for an update), built
    here rather than in the template: 50 rows with several changes each are the trail's
    largest cost (issue 8). `entry` is anything with the entry's `action`."""
    before, after = html.escape(_("vorher:")), html.escape(_("nachher:"))
    return SafeString(_changes_html(_shows_both(entry.action), changes, before, after))


def datetime_formatter(format_string: str) -> Callable[[datetime], str]:
    """`dateformat.format(value, format_string)` as a function; a format of digits and
    punctuation only (German "d.m.Y H:i") is written by strftime, a hundred times faster."""
    if all(c in _STRFTIME or not (c.isalpha() or c in "\\%") for c in format_string):
        pattern = "".join(_STRFTIME.get(c, c) for c in format_string)
        return lambda value: value.strftime(pattern)
    return lambda value: dateformat.format(value, format_string)


class _Labels:
    """The registry's labels in the reader's language, looked up once per page (a trail page
    shows 50 entries of a handful of types and fields)."""

    def __init__(self) -> None:
        self.types: dict[str, str] = {}
        self.fields: dict[tuple[str, str], str] = {}
        self.actions: dict[str, str] = {}
        self.action_labels = labels_of(AuditEntry._meta.get_field("action"))
        self.format_datetime = datetime_formatter(formats.get_format("SHORT_DATETIME_FORMAT"))
        self.timezone = timezone.get_current_timezone()
        self.before = html.escape(_("vorher:"))
        self.after = html.escape(_("nachher:"))

    def type_label(self, object_type: str) -> str:
        if object_type not in self.types:
            self.types[object_type] = str(registry.type_label(object_type))
        return self.types[object_type]

    def field_label(self, object_type: str, key: str) -> str:
        if (object_type, key) not in self.fields:
            self.fields[object_type, key] = str(registry.field_label(object_type, key))
        return self.fields[object_type, key]

    def action_label(self, action: str) -> str:
        if action not in self.actions:
            self.actions[action] = str(self.action_labels.get(action, action))
        return self.actions[action]


def _row(entry: Any, deleted_actor: str, labels: _Labels) -> dict[str, object]:
    """One entry as the trail shows it (audit/rows/entry.html): the time formatted once,
    labels in the reader's language, every value escaped here (the row template takes them
    as they are)."""
    created = entry.created_at.astimezone(labels.timezone)
    changes = change_rows(entry.object_type, entry.changes, labels.field_label)
    if changes:
        both = _shows_both(entry.action)
        changes_markup = SafeString(
            '<dl class="sr-changes">'
            + _changes_html(both, changes, labels.before, labels.after)
            + "</dl>"
        )
    else:
        changes_markup = SafeString('<span class="sr-muted">–</span>')
    actor = entry.actor__name or entry.actor__email
    return {
        "when": labels.format_datetime(created),
        "when_iso": created.isoformat(),
        "actor": actor if entry.actor_id else deleted_actor,
        "action": labels.action_label(entry.action),
        "type_label": labels.type_label(entry.object_type),
        "object_repr": entry.object_repr,
        "changes": changes_markup,
    }


@office_view("audit.view_trail")
def trail(request: OfficeRequest) -> HttpResponse:
    form = TrailFilterForm(request.GET)
    filters = form.filters()
    entries = AuditEntry.objects.in_office(request.youth_office)
    if filters["object_type"]:
        entries = entries.filter(object_type=filters["object_type"])
    if filters["action"]:
        entries = entries.filter(action=filters["action"])
    page = Paginator(entries, 50).get_page(request.GET.get("seite"))
    # The count on the entries alone (a values() query would count over the join with the
    # actors, 17 ms at 10,000 entries), the page's rows as plain values.
    page.object_list = cast(QuerySet, page.object_list).values_list(*_FIELDS, named=True)
    deleted = format_html('<span class="sr-muted">{}</span>', _("gelöschter Zugang"))
    labels = _Labels()
    rows = [_row(entry, deleted, labels) for entry in page]
    return render(
        request,
        "audit/trail.html",
        {
            "page": page,
            "rows": rows,
            "rows_html": render_rows("audit/rows/entry.html", rows),
            "form": form,
            "filtered": bool(filters["object_type"] or filters["action"]),
        },
    )
