"""Writes of the approval levels (planning-needs): coordination decides up to `up_to`, above
it the persons named on the Fachbereichsleitung's level. Keyword-only, atomic, audited."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import InvalidData
from sozialraum.planning.models import ApprovalLevel, ApproverKind
from sozialraum.regions.models import YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

LEVEL_AUDITED = ["name", "kind", "up_to", "approvers"]


def office_users(office: YouthOffice) -> Any:
    """Who can be named as an approver: the office's coordination and professionals."""
    from sozialraum.accounts.models import Role, User

    return User.objects.filter(
        office_role_set__youth_office=office,
        office_role_set__role__in=(Role.COORDINATION, Role.PROFESSIONAL),
        is_active=True,
    ).order_by("name", "pk")


@transaction.atomic
def save_level(
    *,
    office: YouthOffice,
    by: User,
    name: str,
    kind: str,
    up_to: Decimal | None,
    approvers: Iterable[Any] = (),
    level: ApprovalLevel | None = None,
) -> ApprovalLevel:
    errors: dict[str, list[str]] = {}
    chosen = list(dict.fromkeys(approvers))
    if not name.strip():
        errors["name"] = [_("Bitte geben Sie eine Bezeichnung ein.")]
    if kind not in ApproverKind.values:
        errors["kind"] = [_("Bitte wählen Sie, wer auf dieser Stufe entscheidet.")]
    if up_to is not None and up_to < 0:
        errors["up_to"] = [_("Der Betrag darf nicht negativ sein.")]
    allowed = set(office_users(office).values_list("pk", flat=True))
    if any(user.pk not in allowed for user in chosen):
        errors["approvers"] = [_("Diese Person arbeitet nicht in diesem Jugendamt.")]
    if kind == ApproverKind.HEAD_OF_DEPARTMENT and not chosen:
        errors["approvers"] = [
            _("Bitte nennen Sie, wer als Fachbereichsleitung auf dieser Stufe entscheidet.")
        ]
    if errors:
        raise InvalidData(errors, ApprovalLevel)
    created = level is None
    row = level or ApprovalLevel(youth_office=office)
    before = {} if created else snapshot(row, LEVEL_AUDITED)
    row.name, row.kind, row.up_to = name.strip()[:100], kind, up_to
    row.save()
    row.approvers.set(chosen if kind == ApproverKind.HEAD_OF_DEPARTMENT else [])
    record(
        office=office,
        actor=by,
        action=Action.CREATE if created else Action.UPDATE,
        instance=row,
        changes=diff(before, snapshot(row, LEVEL_AUDITED)),
    )
    return row
