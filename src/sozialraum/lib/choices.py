"""Display labels of choice fields, looked up in a table built once per field.

Django's `get_FOO_display()` rebuilds a dict of all choices on every call (`flatchoices` made
hashable), which costs tens of microseconds per row in long lists (issue 8). Models put
`_get_FIELD_display = choice_label` in their class body; Django's `get_FOO_display` methods then
use it. The table keeps the lazy labels, so each call still answers in the active language.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_ATTRIBUTE = "_sozialraum_choice_labels"


def labels_of(field: models.Field) -> dict[Any, Any]:
    """The field's value -> label table (lazy labels), built on first use."""
    labels = field.__dict__.get(_ATTRIBUTE)
    if labels is None:
        labels = dict(make_hashable(field.flatchoices))
        setattr(field, _ATTRIBUTE, labels)
    return labels


def choice_label(instance: models.Model, field: models.Field) -> str:
    """What `get_FOO_display()` answers, without rebuilding the choices."""
    value = getattr(instance, field.attname)
    return force_str(labels_of(field).get(make_hashable(value), value), strings_only=True)
