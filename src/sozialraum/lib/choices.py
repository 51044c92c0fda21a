"""Display labels of choice fields, looked up in a table built once per field.

Django's `get_FOO_display()` rebuilds a dict of all choices on every call (`flatchoices` made
hashable), which costs tens of microseconds per row in long lists (issue 8). Models put
`_get_FIELD_display = choice_label` in their class body; Django's `get_FOO_display` methods then
use it. The table keeps the lazy labels, so each call still answers in the active language;
`label_texts` gives the same labels as text in the active language, for the rows of a list
(a lazy label looks its translation up again each time it is written).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_ATTRIBUTE = "_sozialraum_choice_labels"
_TEXTS = "_sozialraum_choice_texts"


def labels_of(field: models.Field) -> dict[Any, Any]:
    """The field's value -> label table (lazy labels), built on first use."""
    labels = field.__dict__.get(_ATTRIBUTE)
    if labels is None:
        labels = dict(make_hashable(field.flatchoices))
        setattr(field, _ATTRIBUTE, labels)
    return labels


def label_texts(field: models.Field) -> dict[Any, str]:
    """The field's value -> label table as text in the active language, built once per field
    and language."""
    by_language = field.__dict__.setdefault(_TEXTS, {})
    language = get_language()
    texts = by_language.get(language)
    if texts is None:
        texts = by_language[language] = {
            value: str(label) for value, label in labels_of(field).items()
        }
    return texts


def choice_label(instance: models.Model, field: models.Field) -> str:
    """What `get_FOO_display()` answers, without rebuilding the choices."""
    value = getattr(instance, field.attname)
    return force_str(labels_of(field).get(make_hashable(value), value), strings_only=True)
