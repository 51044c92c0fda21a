"""Writing the audit trail. Services call `record` inside their transaction.

Entries are written in the platform's language (settings.LANGUAGE_CODE) whatever the
session's language is: the object type as "app_label.model_name", changes keyed by field name
(or a key registered in audit.registry) with the values as German display text. Labels are
rendered in the reader's language when the trail is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from sozialraum.audit.models import Action, AuditEntry
from sozialraum.audit.registry import type_key
from sozialraum.lib.text import sort_key
from sozialraum.regions.models import YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User


def stored_language() -> AbstractContextManager[None]:
    """The language audit entries are written in: wrap the computation of texts for `record`
    (labels, notes, choices) in it, so an English session writes the same rows."""
    return translation.override(settings.LANGUAGE_CODE)


def as_text(value: Any) -> str:
    """A value as the trail shows it: dates in the platform's format, booleans as ja/nein.
    Call inside `stored_language()`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nein")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, str]:
    """The displayable values of `fields` (field name -> German text), to diff before/after."""
    values: dict[str, str] = {}
    with stored_language():
        for name in fields:
            field = instance._meta.get_field(name)
            if field.many_to_many:
                value = ", ".join(
                    sorted((str(obj) for obj in getattr(instance, name).all()), key=sort_key)
                )
            elif getattr(field, "choices", None):
                value = str(getattr(instance, f"get_{name}_display")())
            else:
                value = as_text(getattr(instance, name))
            values[name] = value
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
    actor: User | None,
    action: Action | str,
    instance: models.Model,
    changes: Mapping[str, Mapping[str, Any]] | None = None,
    label: str | None = None,
) -> AuditEntry:
    """One entry about `instance`. `changes`: {field name or registered key: {"old", "new"}};
    values that are not plain text yet (lazy translations, dates, booleans) are written as
    German text here."""
    user = actor if actor is not None and actor.is_authenticated else None
    with stored_language():
        stored = {
            str(key): {part: as_text(values.get(part)) for part in ("old", "new")}
            for key, values in (changes or {}).items()
        }
        object_repr = str(label or instance)[:300]
    # Every audited write changes the office's data: summaries cached under the old version
    # (e.g. the county overview) are no longer used.
    YouthOffice.objects.filter(pk=office.pk).update(data_version=F("data_version") + 1)
    return AuditEntry.objects.create(
        youth_office=office,
        actor=user,
        action=action,
        object_type=type_key(instance),
        object_id=str(instance.pk or ""),
        object_repr=object_repr,
        changes=stored,
    )
