"""Choice fields over models that refuse ids outside the database's integer range.

Django's ModelMultipleChoiceField filters with `pk__in=[…]`; on SQLite a 30-digit id raises
OverflowError when the query runs (Python int too large for SQLite INTEGER), on PostgreSQL the
driver raises an error too: a 500 from one typed number. These fields check each value against
the primary key's range (`connection.ops.integer_field_range`) first and answer with the field's
own "invalid_choice" message, like any other id that is not on the list.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, models

from sozialraum.lib.widgets import Select


def _integer_range(field: models.Field) -> tuple[int | None, int | None] | None:
    if not isinstance(field, (models.IntegerField, models.AutoField)):
        return None
    return connection.ops.integer_field_range(field.get_internal_type())


def out_of_range(model_field: models.Field, value: Any) -> bool:
    """True if `value` cannot be an integer of this column (not a number, or too large)."""
    bounds = _integer_range(model_field)
    if bounds is None:
        return False
    text = str(value).strip()
    # isdigit() also accepts "²"; only ASCII digits with an optional sign are numbers here.
    if not text.lstrip("-+").isascii() or not text.lstrip("-+").isdigit():
        return True
    number = int(text)
    low, high = bounds
    return (low is not None and number < low) or (high is not None and number > high)


class BoundedModelChoiceMixin:
    queryset: Any
    to_field_name: str | None
    error_messages: dict[str, Any]

    def _key_field(self) -> models.Field:
        meta = self.queryset.model._meta
        return meta.get_field(self.to_field_name) if self.to_field_name else meta.pk

    def _refuse(self, value: Any) -> None:
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class BoundedModelChoiceField(BoundedModelChoiceMixin, forms.ModelChoiceField):
    widget = Select  # rendered in Python (lib.widgets)

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and out_of_range(self._key_field(), value):
            self._refuse(value)
        return super().to_python(value)


class BoundedModelMultipleChoiceField(BoundedModelChoiceMixin, forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            key_field = self._key_field()
            for item in value:
                if out_of_range(key_field, item):
                    self._refuse(item)
        return super()._check_values(value)  # type: ignore[misc]  # private in django-stubs
