"""The public guide as an anonymous visitor against ALL demo data: every page of every demo
office shows exactly the public offers of that office, never a draft, a hidden, expired or
stale offer, a pending proposal or another office's offer."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from sozialraum.demo.offers_data import (
    CARRIER_PROPOSAL,
    HEIDEKREIS_EXPIRED,
    HEIDEKREIS_NOT_PUBLIC,
    HEIDEKREIS_STALE,
    VERDEN_DRAFT,
)
from sozialraum.network.models import ChangeStatus
from sozialraum.offers.models import Offer, OfferChange, PublicSpacePage
from sozialraum.regions.models import YouthOffice

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'class="kern-title sr-card-title"[^>]*><a [^>]*>([^<]+)</a>')


@pytest.fixture
def demo(municipalities, monkeypatch):
    monkeypatch.setenv("SOZIALRAUM_DEMO_PASSWORD", "Demo-Passwort-2026")
    call_command("demo", verbosity=0)


def guide_titles(client, office) -> tuple[set[str], str]:
    """Every card title on every page of the office's guide, and all the HTML seen."""
    seen, html, number = set(), "", 1
    while True:
        url = reverse("offers:guide", kwargs={"office_slug": office.slug}) + f"?seite={number}"
        body = client.get(url).content.decode()
        html += body
        seen |= {unescape(title) for title in CARD_TITLE.findall(body)}
        if 'rel="next"' not in body and "Nächste Seite" not in body:
            return seen, html
        number += 1


def test_it_shows_anonymous_visitors_only_what_is_public(demo, client):
    not_public = {title for title, _, _ in HEIDEKREIS_NOT_PUBLIC}
    not_public |= {HEIDEKREIS_EXPIRED, HEIDEKREIS_STALE, VERDEN_DRAFT[0]}
    pending = OfferChange.objects.filter(status=ChangeStatus.PENDING)
    assert pending.exists(), "the demo has a carrier editor's change waiting"
    proposed = [str(value) for change in pending for value in change.proposed.values()]
    assert CARRIER_PROPOSAL["schedule"] in proposed
    for office in YouthOffice.objects.all():
        public = {offer.title for offer in Offer.objects.public(office)}
        others = set(Offer.objects.exclude(youth_office=office).values_list("title", flat=True))
        shown, html = guide_titles(client, office)
        assert shown == public, office.slug
        for offer in Offer.objects.in_office(office):
            response = client.get(offer.get_public_url())
            if offer.title in public:
                assert response.status_code == 200, offer.title
                html += response.content.decode()
            else:
                assert response.status_code == 404, offer.title
        for page in PublicSpacePage.objects.in_office(office):
            url = reverse(
                "offers:public_space",
                kwargs={"office_slug": office.slug, "pk": page.social_space_id},
            )
            response = client.get(url)
            assert response.status_code == (200 if page.is_public else 404)
            html += response.content.decode()
        text = unescape(html)
        for title in not_public | (others - public):
            assert title not in text, (office.slug, title)
        for value in proposed:
            assert value not in text, (office.slug, value)
    assert Offer.objects.public(YouthOffice.objects.get(slug="heidekreis")).count() >= 18


def test_it_space_pages_show_only_the_published_decisions_and_meetings(demo, client):
    from sozialraum.meetings.models import Meeting
    from sozialraum.minutes.models import Decision

    public_decisions = Decision.objects.filter(is_public=True)
    assert public_decisions.count() == 1, "the demo publishes one decision"
    assert Decision.objects.filter(is_public=False).exists()
    assert Meeting.objects.filter(is_public=True).count() == 1
    html = ""
    for office in YouthOffice.objects.all():
        for page in PublicSpacePage.objects.in_office(office).filter(is_public=True):
            url = reverse(
                "offers:public_space",
                kwargs={"office_slug": office.slug, "pk": page.social_space_id},
            )
            html += client.get(url).content.decode()
        html += guide_titles(client, office)[1]
    text = unescape(html)
    shown = {decision.text for decision in public_decisions}
    for text_shown in shown:
        assert text_shown in text
    hidden = set(Decision.objects.filter(is_public=False).values_list("text", flat=True)) - shown
    assert hidden
    for secret in hidden:
        assert secret not in text
    assert "Nächste öffentliche Treffen" in text
