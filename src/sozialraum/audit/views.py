from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import dateformat, formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from sozialraum.audit import registry
from sozialraum.audit.forms import TrailFilterForm
from sozialraum.audit.models import AuditEntry
from sozialraum.lib.row_templates import render_rows
from sozialraum.lib.tenancy import OfficeRequest, office_view

# The whitespace of the template's former loop over the changes (the markup is unchanged).
_NL = "\n"
_SP20, _SP22, _SP24, _SP26 = (_NL + " " * n for n in (20, 22, 24, 26))


def _value(value: str) -> str:
    """`{{ value|default:"–"|linebreaksbr }}`."""
    return escape(normalize_newlines(value)).replace("\n", "<br>") if value else "–"


def changes_html(entry: AuditEntry, changes: list[tuple[str, str, str]]) -> SafeString:
    """The <dt>/<dd> pairs of an entry's changes ("vorher:"/"nachher:" for an update), built
    here rather than in the template: 50 rows with several changes each are the trail's
    largest cost (issue 8)."""
    both = entry.action in ("update", "role")
    before, after = _("vorher:"), _("nachher:")
    parts = []
    for field, old, new in changes:
        parts.append(f"{_SP22}<dt>{escape(field)}</dt>{_SP22}<dd>{_SP24}")
        if old or both:
            parts.append(
                f'{_SP26}<span class="sr-muted">{escape(before)}</span> {_value(old)}<br>'
                f'{_SP26}<span class="sr-muted">{escape(after)}</span> {_value(new)}{_SP24}'
            )
        else:
            parts.append(f"{_SP26}{_value(new)}{_SP24}")
        parts.append(f"{_SP22}</dd>{_SP20}")
    return SafeString("".join(parts))


class _Labels:
    """The registry's labels in the reader's language, looked up once per page (a trail page
    shows 50 entries of a handful of types and fields)."""

    def __init__(self) -> None:
        self.types: dict[str, str] = {}
        self.fields: dict[tuple[str, str], str] = {}
        self.datetime_format = formats.get_format("SHORT_DATETIME_FORMAT")

    def type_label(self, object_type: str) -> str:
        if object_type not in self.types:
            self.types[object_type] = str(registry.type_label(object_type))
        return self.types[object_type]

    def field_label(self, object_type: str, key: str) -> str:
        if (object_type, key) not in self.fields:
            self.fields[object_type, key] = str(registry.field_label(object_type, key))
        return self.fields[object_type, key]


def _row(entry: AuditEntry, deleted_actor: str, labels: _Labels) -> dict[str, object]:
    """One entry as the trail shows it (audit/rows/entry.html): the time formatted once,
    labels in the reader's language."""
    created = timezone.localtime(entry.created_at)
    changes = entry.change_rows(labels.field_label)
    return {
        "when": dateformat.format(created, labels.datetime_format),
        "when_iso": created.isoformat(),
        "actor": str(entry.actor) if entry.actor_id else deleted_actor,
        "action": entry.get_action_display(),
        "type_label": labels.type_label(entry.object_type),
        "object_repr": entry.object_repr,
        "changes": format_html('<dl class="sr-changes">{}</dl>', changes_html(entry, changes))
        if changes
        else SafeString('<span class="sr-muted">–</span>'),
    }


@office_view("audit.view_trail")
def trail(request: OfficeRequest) -> HttpResponse:
    form = TrailFilterForm(request.GET)
    filters = form.filters()
    entries = AuditEntry.objects.in_office(request.youth_office).select_related("actor")
    if filters["object_type"]:
        entries = entries.filter(object_type=filters["object_type"])
    if filters["action"]:
        entries = entries.filter(action=filters["action"])
    page = Paginator(entries, 50).get_page(request.GET.get("seite"))
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
