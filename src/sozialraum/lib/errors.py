"""The errors services raise and views show: shared by every app."""

from __future__ import annotations

from typing import Any

from sozialraum.lib.fields import field_label


class ConcurrentEditError(Exception):
    """Somebody else saved the record since this form was opened (optimistic locking)."""


class InvalidData(ValueError):
    """Field values that do not pass validation. `errors`: field name -> German messages."""

    def __init__(self, errors: dict[str, list[str]], model: Any = None):
        self.errors = errors
        labels = []
        for name, messages in errors.items():
            label = name if model is None else field_label(model, name)
            text = " ".join(messages)
            labels.append(f"{label}: {text}" if label else text)
        super().__init__(" ".join(labels))
