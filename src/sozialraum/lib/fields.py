"""Model fields shared by the apps, and how fields are described for people."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from sozialraum.lib.text import SORT_KEY_LENGTH


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


class SortKeyField(models.CharField):
    """The stored German sort key of a row (lib.text.sort_key), compared byte by byte.

    The key holds only lower-case letters, digits, "-" and " "; its order is meant to be the
    plain byte order. SQLite compares text that way (BINARY); on PostgreSQL the column gets the
    "C" collation, so that a database created with a locale (de_DE, en_US) does not ignore the
    spaces and hyphens that separate surname, first name and words.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", SORT_KEY_LENGTH)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        parameters = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            parameters["collation"] = "C"
        return parameters
