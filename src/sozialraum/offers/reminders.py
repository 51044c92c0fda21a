"""Offers not confirmed for 12 months: a reminder to the provider, then out of the guide.

`sozialraum remind_offers` (daily, like `cleanup`) mails each provider once per due period:
to its carrier editors, else to the organisation's published e-mail address, else to the youth
office's contact address. The offer stays public for GRACE_PERIOD (4 weeks) after it fell due;
after that `Offer.objects.public` leaves it out until somebody confirms it (the offer page's
"Angaben sind aktuell", or any edit by coordination/Fachkräfte through the page).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone, translation

from sozialraum.accounts.models import OfficeRole, Role
from sozialraum.lib.mail import send_mail_task
from sozialraum.offers.models import GRACE_PERIOD, Offer, OfferStatus


def _recipients(offer: Offer, editors: dict[int, list[str]]) -> list[str]:
    return (
        editors.get(offer.organisation_id)
        or [address for address in (offer.organisation.email,) if address]
        or [address for address in (offer.youth_office.contact_email,) if address]
    )


def remind_due_offers(now: datetime | None = None) -> int:
    """Mail the providers of published offers that fell due and were not reminded since;
    returns the number of mails."""
    now = now or timezone.now()
    due = list(
        Offer.objects.filter(status=OfferStatus.PUBLISHED)
        .due_for_check(now)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=F("confirmed_at")))
        .select_related("organisation", "youth_office")
    )
    if not due:
        return 0
    editors: dict[int, list[str]] = defaultdict(list)
    for role in OfficeRole.objects.filter(
        role=Role.CARRIER_EDITOR, organisation_id__in={offer.organisation_id for offer in due}
    ).select_related("user"):
        if role.user.is_active and role.user.email:
            editors[role.organisation_id].append(role.user.email)
    grouped: dict[tuple[str, ...], list[Offer]] = defaultdict(list)
    for offer in due:
        recipients = tuple(sorted(set(_recipients(offer, editors))))
        if recipients:
            grouped[recipients].append(offer)
    with translation.override(settings.LANGUAGE_CODE):
        for recipients, offers in grouped.items():
            send_mail_task.enqueue(
                subject="Bitte prüfen Sie Ihre Angebote im Familienwegweiser",
                body=_body(offers, now),
                to=list(recipients),
            )
    Offer.objects.filter(pk__in=[offer.pk for offer in due]).update(reminded_at=now)
    return len(grouped)


def _body(offers: list[Offer], now: datetime) -> str:
    until = formats.date_format(timezone.localtime(now + GRACE_PERIOD), "SHORT_DATE_FORMAT")
    lines = [
        "Guten Tag,",
        "",
        "diese Angebote im Familienwegweiser wurden seit einem Jahr nicht bestätigt:",
        "",
    ]
    for offer in offers:
        url = settings.SITE_URL + reverse(
            "offers:offer", kwargs={"office_slug": offer.youth_office.slug, "pk": offer.pk}
        )
        lines += [f"- {offer.title}", f"  {url}"]
    lines += [
        "",
        "Bitte prüfen Sie die Angaben. Wenn alles stimmt, klicken Sie auf der Seite des Angebots "
        "auf „Angaben sind aktuell“. Wenn sich etwas geändert hat, schlagen Sie die Änderung "
        "dort vor.",
        "",
        f"Ohne Bestätigung erscheinen die Angebote ab dem {until} nicht mehr im "
        "öffentlichen Familienwegweiser.",
        "",
        "Vielen Dank!",
        "Ihr Jugendamt",
    ]
    return "\n".join(lines)
