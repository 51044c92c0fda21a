"""Writes of the Familienwegweiser: keyword-only, atomic, audited, with optimistic locking.

`data` holds python values of `values.FIELDS` (offers/values.py). Tenancy is checked here:
provider, municipality, topics and social spaces must belong to the offer's youth office
(ValueError with a German message otherwise); invalid values raise `InvalidData` at the field;
a stale `version` raises ConcurrentEditError.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, stored_language
from sozialraum.lib.errors import ConcurrentEditError, InvalidData, unique_as_field_error
from sozialraum.lib.text import sort_key
from sozialraum.offers import values as offer_values
from sozialraum.offers.models import (
    Language,
    Offer,
    OfferDate,
    OfferLanguage,
    OfferStatus,
    OfferTargetGroup,
    OfferTopic,
    PublicSpacePage,
    TargetGroup,
)
from sozialraum.regions.models import SocialSpace, YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

MAX_DATES = 50


# Validation -----------------------------------------------------------------------------------


def _check_keys(data: dict[str, Any]) -> None:
    unknown = sorted(set(data) - set(offer_values.FIELDS))
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(unknown)}")


def apply_offer_data(offer: Offer, data: dict[str, Any]) -> dict[str, Any]:
    """Set the plain fields of `data` on `offer`; return the many parts of `data`."""
    _check_keys(data)
    many = {}
    for name, value in data.items():
        if name in Offer.MANY_FIELDS:
            many[name] = list(value or [])
            continue
        if isinstance(value, str):
            value = value.strip()
        if name in offer_values.BOOL_FIELDS:
            value = bool(value)
        if value is None and not getattr(Offer._meta.get_field(name), "null", False):
            value = ""
        setattr(offer, name, value)
    return many


def _foreign(office: YouthOffice, rows: Iterable[Any]) -> list[str]:
    return [str(row) for row in rows if row.youth_office_id != office.pk]


def _field_errors(office: YouthOffice, offer: Offer) -> dict[str, list[str]]:
    """The model's own validation and the checks between fields, as messages per field."""
    errors: dict[str, list[str]] = {}
    try:
        offer.full_clean(
            exclude=["youth_office", "sort_key", "organisation", "municipality"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        errors.update({k: [str(m) for m in v] for k, v in error.message_dict.items()})
    if offer.organisation_id is None:
        errors.setdefault("organisation", []).append(_("Bitte wählen Sie den Anbieter."))
    ages = (offer.age_from, offer.age_until)
    if None not in ages and ages[0] > ages[1]:  # type: ignore[operator]
        errors.setdefault("age_until", []).append(
            _("„Alter bis“ darf nicht kleiner sein als „Alter von“.")
        )
    if offer.valid_from and offer.valid_until and offer.valid_from > offer.valid_until:
        errors.setdefault("valid_until", []).append(
            _("„gültig bis“ darf nicht vor „gültig ab“ liegen.")
        )
    if (offer.latitude is None) != (offer.longitude is None):
        errors.setdefault("longitude", []).append(
            _("Bitte geben Sie Breiten- und Längengrad zusammen an, oder keinen von beiden.")
        )
    if offer.external_id:
        message = external_id_taken(office, offer)
        if message:
            errors.setdefault("external_id", []).append(message)
    return errors


def _check_tenancy(office: YouthOffice, offer: Offer, many: dict[str, Any]) -> None:
    """Provider, municipality, topics and social spaces of this office; known codes only."""
    if offer.organisation_id is not None and offer.organisation.youth_office_id != office.pk:
        raise ValueError(_("Dieser Anbieter gehört nicht zu diesem Jugendamt."))
    if offer.municipality is not None and offer.municipality.kreis_key != office.kreis_key:
        raise ValueError(
            _("Die Gemeinde %(name)s liegt nicht im Kreis des Jugendamts.")
            % {"name": offer.municipality.name}
        )
    foreign = _foreign(office, [*many.get("topics", []), *many.get("social_spaces", [])])
    if foreign:
        raise ValueError(
            _("Das gehört nicht zu diesem Jugendamt: %(names)s.") % {"names": ", ".join(foreign)}
        )
    if set(many.get("target_groups", [])) - set(TargetGroup.values):
        raise ValueError(_("Unbekannte Zielgruppe."))
    if set(many.get("languages", [])) - set(Language.values):
        raise ValueError(_("Unbekannte Sprache."))


def validate_offer(office: YouthOffice, offer: Offer, many: dict[str, Any]) -> None:
    _check_tenancy(office, offer, many)
    errors = _field_errors(office, offer)
    if len(many.get("dates", [])) > MAX_DATES:
        errors.setdefault("dates", []).append(
            _("Bitte nennen Sie höchstens %(count)s Termine.") % {"count": MAX_DATES}
        )
    if errors:
        raise InvalidData(errors, Offer)


def external_id_taken(office: YouthOffice, offer: Offer) -> str:
    taken = (
        Offer.objects.in_office(office)
        .filter(external_id=offer.external_id)
        .exclude(pk=offer.pk)
        .first()
    )
    if taken is None:
        return ""
    return _("Diese Kennung hat schon „%(title)s“.") % {"title": taken.title}


def _unique_external_id(office: YouthOffice, offer: Offer):
    return unique_as_field_error(
        Offer,
        "unique_offer_external_id_per_office",
        "external_id",
        lambda: external_id_taken(office, offer) or _("Diese Kennung ist schon vergeben."),
    )


# The many parts -------------------------------------------------------------------------------


def set_many(offer: Offer, many: dict[str, Any]) -> None:
    if "topics" in many:
        offer.topics.set(many["topics"])
    if "social_spaces" in many:
        offer.social_spaces.set(many["social_spaces"])
    if "target_groups" in many:
        OfferTargetGroup.objects.filter(offer=offer).delete()
        OfferTargetGroup.objects.bulk_create(
            [
                OfferTargetGroup(offer=offer, target_group=c)
                for c in sorted(set(many["target_groups"]))
            ]
        )
    if "languages" in many:
        OfferLanguage.objects.filter(offer=offer).delete()
        OfferLanguage.objects.bulk_create(
            [OfferLanguage(offer=offer, language=c) for c in sorted(set(many["languages"]))]
        )
    if "dates" in many:
        OfferDate.objects.filter(offer=offer).delete()
        OfferDate.objects.bulk_create(
            [OfferDate(offer=offer, starts_at=moment) for moment in sorted(set(many["dates"]))]
        )


def audit_text(office: YouthOffice, offer: Offer) -> dict[str, str]:
    """Every edited field of the offer as German display text (for diffs in the trail)."""
    json = offer_values.to_json(offer_values.offer_values(offer))
    names = offer_values.row_names(office, json)
    with stored_language():
        return {name: offer_values.display(name, value, names) for name, value in json.items()}


# Offers ---------------------------------------------------------------------------------------


@transaction.atomic
def create_offer(
    *,
    office: YouthOffice,
    actor: User | None,
    data: dict[str, Any],
    status: str = OfferStatus.DRAFT,
) -> Offer:
    """A new offer; a draft unless `status` says otherwise (coordination's own import)."""
    offer = Offer(youth_office=office, status=status)
    many = apply_offer_data(offer, data)
    validate_offer(office, offer, many)
    if status == OfferStatus.PUBLISHED:
        offer.published_at = timezone.now()
    if actor is not None and actor.is_authenticated:
        offer.created_by = actor
    with _unique_external_id(office, offer):
        offer.save()
    set_many(offer, many)
    after = audit_text(office, offer)
    with stored_language():
        after["status"] = str(offer.get_status_display())
    record(
        office=office, actor=actor, action=Action.CREATE, instance=offer, changes=diff({}, after)
    )
    return offer


def save_offer(*, current: Offer, actor: User | None, version: int, data: dict[str, Any]) -> Offer:
    """The update itself (inside the caller's transaction): check, conditional UPDATE, audit."""
    office = current.youth_office
    if current.version != version:
        raise ConcurrentEditError
    before = audit_text(office, current)
    candidate = copy.copy(current)
    many = apply_offer_data(candidate, data)
    validate_offer(office, candidate, many)
    plain = {name: getattr(candidate, name) for name in data if name in Offer.EDITABLE_FIELDS}
    if "organisation" in plain:
        plain["organisation_id"] = plain.pop("organisation").pk
    if "municipality" in plain:
        municipality = plain.pop("municipality")
        plain["municipality_id"] = municipality.pk if municipality else None
    if "title" in plain:
        plain["sort_key"] = sort_key(candidate.title)
    now = timezone.now()
    with _unique_external_id(office, candidate):
        updated = Offer.objects.filter(pk=current.pk, version=version).update(
            **plain, updated_at=now, version=F("version") + 1
        )
    if not updated:
        raise ConcurrentEditError
    offer = Offer.objects.select_related("youth_office", "organisation", "municipality").get(
        pk=current.pk
    )
    set_many(offer, many)
    changes = diff(before, audit_text(office, offer))
    if changes:
        record(office=office, actor=actor, action=Action.UPDATE, instance=offer, changes=changes)
    return offer


@transaction.atomic
def update_offer(*, offer: Offer, actor: User | None, version: int, data: dict[str, Any]) -> Offer:
    current = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("youth_office", "organisation", "municipality")
        .get(pk=offer.pk)
    )
    return save_offer(current=current, actor=actor, version=version, data=data)


@transaction.atomic
def set_offer_status(*, offer: Offer, actor: User | None, status: str) -> Offer:
    """Publish or hide (or back to draft). Publishing confirms the offer as current."""
    if status not in OfferStatus.values:
        raise ValueError(_("Unbekannter Status."))
    current = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("youth_office")
        .get(pk=offer.pk)
    )
    if current.status == status:
        return current
    old = current.get_status_display()
    now = timezone.now()
    fields: dict[str, Any] = {"status": status, "updated_at": now}
    if status == OfferStatus.PUBLISHED:
        fields.update(published_at=now, confirmed_at=now, reminded_at=None)
    Offer.objects.filter(pk=current.pk).update(**fields, version=F("version") + 1)
    current.refresh_from_db()
    record(
        office=current.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=current,
        changes={"status": {"old": old, "new": current.get_status_display()}},
    )
    return current


@transaction.atomic
def confirm_offer(*, offer: Offer, actor: User | None) -> None:
    """The offer was checked and is current (resets the 12-month check and the reminder)."""
    old = offer.confirmed_at
    offer.confirmed_at = timezone.now()
    offer.reminded_at = None
    Offer.objects.filter(pk=offer.pk).update(confirmed_at=offer.confirmed_at, reminded_at=None)
    record(
        office=offer.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=offer,
        changes={"confirmed_at": {"old": old, "new": offer.confirmed_at}},
    )


def topics_for(office: YouthOffice):
    """The office's topic vocabulary, with the defaults created on first use."""
    OfferTopic.ensure_defaults(office)
    return OfferTopic.objects.in_office(office)


# Public pages of the social spaces ------------------------------------------------------------


def space_page(social_space: SocialSpace) -> PublicSpacePage:
    """The social space's public page record (not saved if it does not exist yet)."""
    page = PublicSpacePage.objects.filter(social_space=social_space).first()
    return page or PublicSpacePage(
        youth_office_id=social_space.youth_office_id, social_space=social_space
    )


@transaction.atomic
def save_space_page(
    *,
    social_space: SocialSpace,
    actor: User | None,
    version: int,
    is_public: bool,
    public_description: str,
) -> PublicSpacePage:
    office = social_space.youth_office
    page, created = PublicSpacePage.objects.select_for_update().get_or_create(
        social_space=social_space, defaults={"youth_office": office}
    )
    if page.version != version:
        raise ConcurrentEditError
    description = (public_description or "").strip()
    page.is_public = bool(is_public)
    page.public_description = description
    try:
        page.full_clean(exclude=["youth_office", "social_space"], validate_unique=False)
    except ValidationError as error:
        raise InvalidData(
            {k: [str(m) for m in v] for k, v in error.message_dict.items()}, PublicSpacePage
        ) from None
    old = PublicSpacePage.objects.filter(pk=page.pk).values("is_public", "public_description")[0]
    updated = PublicSpacePage.objects.filter(pk=page.pk, version=version).update(
        is_public=page.is_public,
        public_description=description,
        updated_at=timezone.now(),
        version=F("version") + 1,
    )
    if not updated:
        raise ConcurrentEditError
    page.refresh_from_db()
    changes = {
        name: {"old": "" if created else old[name], "new": getattr(page, name)}
        for name in ("is_public", "public_description")
        if created or old[name] != getattr(page, name)
    }
    if changes:
        record(office=office, actor=actor, action=Action.UPDATE, instance=page, changes=changes)
    return page
