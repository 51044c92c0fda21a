"""The errors services raise and views show: shared by every app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

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


def violates_unique(error: IntegrityError, model: type[models.Model], constraint_name: str) -> bool:
    """True if `error` is the violation of this UniqueConstraint of `model`.

    PostgreSQL (psycopg) names the constraint in the error's diagnostics; SQLite names the
    columns only ("UNIQUE constraint failed: regions_socialspace.youth_office_id, …").
    """
    diag = getattr(error.__cause__, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name is not None:
        return name == constraint_name
    constraint = next(
        c for c in model._meta.constraints if getattr(c, "name", None) == constraint_name
    )
    table = model._meta.db_table
    fields = [model._meta.get_field(name) for name in getattr(constraint, "fields", ())]
    columns = ", ".join(f"{table}.{getattr(field, 'column', field.name)}" for field in fields)
    message = str(error)
    return constraint_name in message or message.endswith(f"failed: {columns}")


@contextmanager
def unique_as_field_error(
    model: type[models.Model], constraint_name: str, field: str, message: Callable[[], str]
) -> Iterator[None]:
    """Turn the violation of a unique constraint inside the block into InvalidData at `field`,
    with the same German message as the form's own check (which a parallel request can pass
    in between). The block runs in a savepoint, so the transaction stays usable."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        if violates_unique(error, model, constraint_name):
            raise InvalidData({field: [message()]}, model) from None
        raise


def restricted_reason(error: RestrictedError | ProtectedError) -> str:
    """The German reason for a deletion the database refused (RESTRICT or PROTECT): what still
    refers to the record, counted by kind ("Angebote: 2"), so a lower app can say it without
    knowing the apps built on it."""
    counts: dict[str, int] = {}
    if isinstance(error, RestrictedError):
        referring = error.restricted_objects
    else:
        referring = error.protected_objects
    for obj in referring:
        label = str(obj._meta.verbose_name_plural)
        counts[label] = counts.get(label, 0) + 1
    things = ", ".join(f"{label}: {count}" for label, count in sorted(counts.items()))
    return _(
        "Das kann noch nicht gelöscht werden, weil noch Einträge darauf verweisen "
        "(%(things)s). Bitte ordnen Sie diese zuerst anders zu oder löschen Sie sie."
    ) % {"things": things}
