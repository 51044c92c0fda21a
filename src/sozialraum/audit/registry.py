"""Which records the audit trail knows, and how its stable keys are shown.

An entry stores `object_type` as "app_label.model_name" and its changes keyed by field name
(e.g. {"phone": {"old": "", "new": "05191 1234"}}); both are turned into labels in the
reader's language only when the trail is shown. Each app registers the models it audits in
its `AppConfig.ready()`, with labels for keys that are not model fields (a note, a count):

    register(Organisation, labels={"affiliations": _("Zugehörigkeiten")})

The registered models are also the choices of the trail's type filter, so the filter never
has to read the whole log to find out which types exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language


@dataclass(frozen=True)
class AuditedType:
    model: type[models.Model]
    # Labels of keys that are not fields of `model` (e.g. "affiliations", "import").
    labels: dict[str, Promise | str] = field(default_factory=dict)
    # Further models whose field labels apply (a proposal's changes are the organisation's).
    fields_of: tuple[type[models.Model], ...] = ()

    @property
    def key(self) -> str:
        return type_key(self.model)

    @property
    def verbose_name(self) -> str:
        return str(capfirst(self.model._meta.verbose_name))

    def field_label(self, key: str) -> str | None:
        for model in (self.model, *self.fields_of):
            try:
                model_field = model._meta.get_field(key)
            except FieldDoesNotExist:
                continue
            return str(getattr(model_field, "verbose_name", key))
        label = self.labels.get(key)
        return None if label is None else str(label)


_registry: dict[str, AuditedType] = {}
# known_types() per language: the registry only changes while the apps load.
_known_types: dict[str | None, list[tuple[str, str]]] = {}


def type_key(model: type[models.Model] | models.Model) -> str:
    """The stable identity of a model in the trail: "network.organisation"."""
    return model._meta.label_lower


def register(
    model: type[models.Model],
    *,
    labels: dict[str, Promise | str] | None = None,
    fields_of: tuple[type[models.Model], ...] = (),
) -> None:
    """Declare that `model` is audited (called from the app's `AppConfig.ready()`)."""
    audited = AuditedType(model=model, labels=dict(labels or {}), fields_of=fields_of)
    _registry[audited.key] = audited
    _known_types.clear()


def get(object_type: str) -> AuditedType | None:
    return _registry.get(object_type)


def known_types() -> list[tuple[str, str]]:
    """[(object_type, label in the current language)], sorted by label: the filter's choices
    (sorted once per language)."""
    language = get_language()
    known = _known_types.get(language)
    if known is None:
        known = sorted(
            ((key, audited.verbose_name) for key, audited in _registry.items()),
            key=lambda choice: choice[1].casefold(),
        )
        _known_types[language] = known
    return list(known)


def type_label(object_type: str) -> str:
    """The type's name in the current language; unknown (old) types show as stored."""
    audited = _registry.get(object_type)
    return audited.verbose_name if audited else object_type


def field_label(object_type: str, key: str) -> str:
    """The label of a change's key in the current language; unknown keys show as stored."""
    audited = _registry.get(object_type)
    label = audited.field_label(key) if audited else None
    return key if label is None else label
