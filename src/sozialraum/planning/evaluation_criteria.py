"""Writes of coordination's quality criteria (per level of the evaluation): keyword-only,
atomic, audited. Split from project_services.py, which re-exports them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import InvalidData
from sozialraum.planning.models import EvaluationLevel, QualityCriterion
from sozialraum.regions.models import YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

TEXT_MAX = 5000


def _check_criterion(name: str, description: str, level: str) -> dict[str, Any]:
    name, description = (name or "").strip(), (description or "").strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Bitte geben Sie das Kriterium ein.")]
    elif len(name) > 200:
        errors["name"] = [_("Höchstens 200 Zeichen.")]
    if len(description) > TEXT_MAX:
        errors["description"] = [_("Höchstens %(max)s Zeichen.") % {"max": TEXT_MAX}]
    if level not in EvaluationLevel.values:
        errors["level"] = [_("Bitte wählen Sie eine der vier Ebenen.")]
    if errors:
        raise InvalidData(errors, QualityCriterion)
    return {"name": name, "description": description, "level": level}


@transaction.atomic
def add_quality_criterion(
    *, office: YouthOffice, by: User | None, name: str, level: str, description: str = ""
) -> QualityCriterion:
    values = _check_criterion(name, description, level)
    if (
        QualityCriterion.objects.in_office(office)
        .filter(level=level, name__iexact=values["name"])
        .exists()
    ):
        raise InvalidData(
            {"name": [_("Dieses Kriterium gibt es auf dieser Ebene schon.")]}, QualityCriterion
        )
    last = QualityCriterion.objects.in_office(office).filter(level=level).order_by("-position")
    position = (last.values_list("position", flat=True).first() or 0) + 1
    criterion = QualityCriterion.objects.create(youth_office=office, position=position, **values)
    record(
        office=office,
        actor=by,
        action=Action.CREATE,
        instance=criterion,
        changes=diff({}, snapshot(criterion, ["name", "level", "description"])),
    )
    return criterion


@transaction.atomic
def update_quality_criterion(
    *, criterion: QualityCriterion, by: User | None, is_active: bool
) -> QualityCriterion:
    """Take a criterion out of use (its ratings in earlier evaluations stay) or back in."""
    current = QualityCriterion.objects.select_related("youth_office").get(pk=criterion.pk)
    if current.is_active == is_active:
        return current
    before = snapshot(current, ["is_active"])
    current.is_active = is_active
    current.save(update_fields=["is_active"])
    record(
        office=current.youth_office,
        actor=by,
        action=Action.UPDATE,
        instance=current,
        changes=diff(before, snapshot(current, ["is_active"])),
    )
    return current
