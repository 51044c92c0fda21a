"""Describing model fields for people: labels and displayable values."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models


def field_label(model: type[models.Model] | models.Model, name: str) -> str:
    """The field's verbose name (translated), or "" if `model` has no such field."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    return str(getattr(field, "verbose_name", name))


def display_value(value: Any) -> str:
    """A stored value as text for people: booleans as ja/nein, nothing as ""."""
    from django.utils.translation import gettext as _

    if value is None:
        return ""
    if value is True:
        return _("ja")
    if value is False:
        return _("nein")
    return str(value)
