"""Writes of the guard's vocabulary: the office's rare features, keyword-only, atomic, audited
(the audit entry bumps the office's data version, so the guard's cached vocabulary is rebuilt)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.consultations.models import RareFeature
from sozialraum.regions.models import YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

AUDITED = ["term", "reason"]


def term_taken(office: YouthOffice, term: str) -> bool:
    wanted = term.casefold()
    terms = RareFeature.objects.filter(youth_office=office).values_list("term", flat=True)
    return any(other.casefold() == wanted for other in terms)


@transaction.atomic
def add_rare_feature(
    *, office: YouthOffice, actor: User | None, term: str, reason: str = ""
) -> RareFeature:
    term = " ".join(term.split())
    if not term:
        raise ValueError(_("Bitte geben Sie einen Begriff ein."))
    if term_taken(office, term):
        raise ValueError(_("Den Begriff „%(term)s“ gibt es in der Liste schon.") % {"term": term})
    feature = RareFeature(youth_office=office, term=term, reason=reason.strip(), created_by=actor)
    try:
        with transaction.atomic():
            feature.save()
    except IntegrityError as error:  # a second tab added the same term just now
        raise ValueError(
            _("Den Begriff „%(term)s“ gibt es in der Liste schon.") % {"term": term}
        ) from error
    record(
        office=office,
        actor=actor,
        action=Action.CREATE,
        instance=feature,
        changes=diff({}, snapshot(feature, AUDITED)),
    )
    return feature


@transaction.atomic
def delete_rare_feature(*, feature: RareFeature, actor: User | None) -> None:
    office = feature.youth_office
    before = snapshot(feature, AUDITED)
    label = str(feature)
    record(
        office=office,
        actor=actor,
        action=Action.DELETE,
        instance=feature,
        changes=diff(before, {}),
        label=label,
    )
    feature.delete()
