"""`sozialraum remind_offers`: one reminder per due period to the provider; after the grace
period the offer leaves the public guide until somebody confirms it."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sozialraum.offers import services
from sozialraum.offers.models import GRACE_PERIOD, Offer, OfferStatus
from sozialraum.offers.reminders import remind_due_offers
from tests.offers.conftest import make_offer

pytestmark = pytest.mark.django_db


def age(offer: Offer, days: int) -> None:
    Offer.objects.filter(pk=offer.pk).update(confirmed_at=timezone.now() - timedelta(days=days))


def test_it_reminds_the_carrier_editor_once_per_period(
    office_a, coordinator, own_offer, carrier_editor
):
    age(own_offer, 370)
    out = StringIO()
    call_command("remind_offers", stdout=out)
    assert "1 Erinnerung(en) verschickt." in out.getvalue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [carrier_editor.email]
    assert "Elterncafé Heideblick" in message.body and "Angaben sind aktuell" in message.body
    assert remind_due_offers() == 0  # not again in the same period
    services.confirm_offer(offer=Offer.objects.get(pk=own_offer.pk), actor=carrier_editor)
    age(own_offer, 370)
    assert remind_due_offers() == 1  # a new period after the confirmation


def test_it_writes_to_the_organisation_without_an_editor(office_a, coordinator, provider_a):
    offer = make_offer(office_a, coordinator, "Krabbelgruppe", provider_a)
    draft = make_offer(office_a, coordinator, "Entwurf", provider_a, status=OfferStatus.DRAFT)
    age(offer, 400)
    age(draft, 400)
    provider_a.email = "info@lindenhof.example"
    provider_a.save(update_fields=["email"])
    assert remind_due_offers() == 1
    assert mail.outbox[0].to == ["info@lindenhof.example"]
    assert "Entwurf" not in mail.outbox[0].body


def test_it_hides_a_due_offer_after_the_grace_period(office_a, coordinator, provider_a, client):
    offer = make_offer(office_a, coordinator, "Krabbelgruppe", provider_a)
    age(offer, 366)
    assert offer in Offer.objects.public(office_a)
    age(offer, 366 + GRACE_PERIOD.days + 1)
    assert offer not in Offer.objects.public(office_a)
    assert client.get(offer.get_public_url()).status_code == 404
    services.confirm_offer(offer=offer, actor=coordinator)
    assert offer in Offer.objects.public(office_a)


def test_it_explains_itself_in_german(capsys):
    with pytest.raises(SystemExit):
        call_command("remind_offers", "--help")
    assert "Erinnert die Anbieter" in capsys.readouterr().out
