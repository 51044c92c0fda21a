"""Writes for social spaces: keyword-only, atomic, audited, with optimistic locking."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import ConcurrentEditError, restricted_reason, unique_as_field_error
from sozialraum.lib.text import sort_key
from sozialraum.regions.models import (
    Municipality,
    SocialSpace,
    SocialSpaceMunicipality,
    YouthOffice,
)

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

_AUDITED = ["name", "description", "municipalities"]
_UNIQUE_NAME = "unique_social_space_name_per_office"


def name_taken_message() -> str:
    """The form's check and the database's constraint (a parallel save) say the same."""
    return _("Dieser Name ist schon vergeben. Bitte wählen Sie einen anderen.")


def _unique_name():
    return unique_as_field_error(SocialSpace, _UNIQUE_NAME, "name", name_taken_message)


class MunicipalityConflict(ValueError):
    def __init__(self, taken: dict[Municipality, SocialSpace]):
        self.taken = taken
        names = ", ".join(f"{m.short_name} ({s.name})" for m, s in taken.items())
        super().__init__(
            _("Diese Gemeinden gehören schon zu einem anderen Raum: %(names)s.") % {"names": names}
        )


def _check_municipalities(
    office: YouthOffice, municipalities: Iterable[Municipality], exclude: SocialSpace | None
) -> list[Municipality]:
    chosen = list(municipalities)
    wrong_kreis = [m for m in chosen if m.kreis_key != office.kreis_key]
    if wrong_kreis:
        raise ValueError(
            _("Diese Gemeinden liegen nicht im Kreis des Jugendamts: %(names)s.")
            % {"names": ", ".join(m.name for m in wrong_kreis)}
        )
    taken_qs = (
        SocialSpaceMunicipality.objects.in_office(office)
        .filter(municipality__in=chosen)
        .select_related("municipality", "social_space")
    )
    if exclude is not None:
        taken_qs = taken_qs.exclude(social_space=exclude)
    taken = {row.municipality: row.social_space for row in taken_qs}
    if taken:
        raise MunicipalityConflict(taken)
    return chosen


def _set_municipalities(space: SocialSpace, municipalities: list[Municipality]) -> None:
    SocialSpaceMunicipality.objects.filter(social_space=space).exclude(
        municipality__in=municipalities
    ).delete()
    existing = set(
        SocialSpaceMunicipality.objects.filter(social_space=space).values_list(
            "municipality_id", flat=True
        )
    )
    SocialSpaceMunicipality.objects.bulk_create(
        SocialSpaceMunicipality(
            youth_office_id=space.youth_office_id, social_space=space, municipality=m
        )
        for m in municipalities
        if m.pk not in existing
    )


@transaction.atomic
def create_social_space(
    *,
    office: YouthOffice,
    actor: User | None,
    name: str,
    description: str = "",
    municipalities: Iterable[Municipality] = (),
    is_demo: bool = False,
) -> SocialSpace:
    chosen = _check_municipalities(office, municipalities, exclude=None)
    with _unique_name():
        space = SocialSpace.objects.create(
            youth_office=office,
            name=name.strip(),
            description=description.strip(),
            is_demo=is_demo,
        )
    _set_municipalities(space, chosen)
    record(
        office=office,
        actor=actor,
        action=Action.CREATE,
        instance=space,
        changes=diff({}, snapshot(space, _AUDITED)),
    )
    return space


@transaction.atomic
def update_social_space(
    *,
    space: SocialSpace,
    actor: User | None,
    version: int,
    name: str,
    description: str,
    municipalities: Iterable[Municipality],
) -> SocialSpace:
    office = space.youth_office
    before = snapshot(space, _AUDITED)
    with _unique_name():
        updated = SocialSpace.objects.filter(pk=space.pk, version=version).update(
            name=name.strip(),
            sort_key=sort_key(name.strip()),
            description=description.strip(),
            version=F("version") + 1,
        )
    if not updated:
        raise ConcurrentEditError
    chosen = _check_municipalities(office, municipalities, exclude=space)
    _set_municipalities(space, chosen)
    space.refresh_from_db()
    changes = diff(before, snapshot(space, _AUDITED))
    if changes:
        record(office=office, actor=actor, action=Action.UPDATE, instance=space, changes=changes)
    return space


def organisations_losing(space: SocialSpace) -> list:
    """The organisations assigned to the social space (they stay, without it)."""
    return list(space.organisations.order_by("sort_key", "pk"))


class SocialSpaceInUse(Exception):
    """Records of a later app (budgets, needs ...) still refer to the social space."""


@transaction.atomic
def delete_social_space(*, space: SocialSpace, actor: User | None) -> None:
    """Delete the social space. Each organisation assigned to it keeps its entry and gets an
    audit entry of its own saying that the space was removed from it."""
    office = space.youth_office
    organisations = organisations_losing(space)
    record(
        office=office,
        actor=actor,
        action=Action.DELETE,
        instance=space,
        changes=diff(snapshot(space, _AUDITED), {}),
    )
    befores = [(org, snapshot(org, ["social_spaces"])) for org in organisations]
    try:
        with transaction.atomic():
            space.delete()
    except (ProtectedError, RestrictedError) as error:  # rows of a later app (budgets) name it
        raise SocialSpaceInUse(restricted_reason(error)) from None
    for organisation, before in befores:
        changes = diff(before, snapshot(organisation, ["social_spaces"]))
        if changes:
            record(
                office=office,
                actor=actor,
                action=Action.UPDATE,
                instance=organisation,
                changes=changes,
            )
