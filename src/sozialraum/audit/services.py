"""Writing the audit trail. Services call `record` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action, AuditEntry
from sozialraum.lib.text import sort_key
from sozialraum.regions.models import YouthOffice


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, str]:
    """The displayable values of `fields` (verbose name -> text), to diff before/after."""
    values: dict[str, str] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        label = str(getattr(field, "verbose_name", name))
        if field.many_to_many:
            value = ", ".join(
                sorted((str(obj) for obj in getattr(instance, name).all()), key=sort_key)
            )
        elif getattr(field, "choices", None):
            value = str(getattr(instance, f"get_{name}_display")())
        else:
            raw = getattr(instance, name)
            if isinstance(raw, bool):
                value = _("ja") if raw else _("nein")
            else:
                value = "" if raw is None else str(raw)
        values[label] = value
    return values


def diff(before: dict[str, str], after: dict[str, str]) -> dict[str, dict[str, str]]:
    return {
        key: {"old": before.get(key, ""), "new": after.get(key, "")}
        for key in sorted(set(before) | set(after))
        if before.get(key, "") != after.get(key, "")
    }


def record(
    *,
    office: YouthOffice,
    actor: Any,
    action: Action | str,
    instance: models.Model,
    changes: dict[str, dict[str, str]] | None = None,
    label: str | None = None,
) -> AuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    # Every audited write changes the office's data: summaries cached under the old version
    # (e.g. the county overview) are no longer used.
    YouthOffice.objects.filter(pk=office.pk).update(data_version=F("data_version") + 1)
    return AuditEntry.objects.create(
        youth_office=office,
        actor=user,
        action=action,
        object_type=str(instance._meta.verbose_name),
        object_id=str(instance.pk or ""),
        object_repr=(label or str(instance))[:300],
        changes=changes or {},
    )
