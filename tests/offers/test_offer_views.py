"""Internal pages of the offers: list, create, edit, propose, review, publish, confirm, and
bad input (age range, 5,000 characters, stale version, double submit, another office's ids)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.network.models import ChangeStatus
from sozialraum.offers.models import Offer, OfferChange, OfferStatus
from tests.helpers import assert_queries_constant
from tests.offers.conftest import make_offer, topic

pytestmark = pytest.mark.django_db


def url(name: str, office, **kwargs) -> str:
    return reverse(f"offers:{name}", kwargs={"office_slug": office.slug, **kwargs})


def valid_data(provider, **extra) -> dict:
    return {
        "title": "Eltern-Kind-Gruppe Lindenhof",
        "description": "Spielen, singen, Fragen stellen.",
        "organisation": provider.pk,
        "target_groups": ["eltern", "kinder"],
        "languages": ["de"],
        "age_from": "1",
        "age_until": "3",
        "dates": "14.03.2027 9:30\n21.03.2027",
        "latitude": "52,9866",
        "longitude": "9,843",
        **extra,
    }


def test_it_creates_a_draft_from_the_form(client_for, professional, office_a, provider_a):
    response = client_for(professional).post(url("create", office_a), valid_data(provider_a))
    offer = Offer.objects.get()
    assert response.status_code == 302 and response["Location"] == offer.get_absolute_url()
    assert offer.status == OfferStatus.DRAFT
    assert str(offer.latitude) == "52.986600"
    assert [timezone.localtime(d.starts_at).hour for d in offer.dates.all()] == [9, 0]


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"age_from": "6", "age_until": "3"}, "age_until", "darf nicht kleiner sein"),
        ({"age_from": "99"}, "age_from", ""),
        ({"description": "x" * 5001}, "description", ""),
        ({"title": "x" * 5000}, "title", ""),
        ({"dates": "31.02.2027 9:00"}, "dates", "Den 31. Februar gibt es nicht"),
        ({"dates": "morgen früh"}, "dates", "TT.MM.JJJJ"),
        ({"latitude": "52,9", "longitude": ""}, "longitude", "zusammen"),
        ({"latitude": "abc", "longitude": "9"}, "latitude", "Zahl"),
        ({"valid_from": "01.03.2027", "valid_until": "01.02.2027"}, "valid_until", "nicht vor"),
        ({"topics": ["999999999999999999999999999"]}, "topics", ""),
        ({"organisation": "-5"}, "organisation", ""),
    ],
)
def test_it_refuses_bad_input_at_the_field(
    client_for, professional, office_a, provider_a, extra, field, message
):
    response = client_for(professional).post(
        url("create", office_a), valid_data(provider_a, **extra)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert not Offer.objects.exists()


def test_it_refuses_another_offices_provider_and_topic(
    client_for, professional, office_a, office_b, provider_a, provider_b
):
    client = client_for(professional)
    response = client.post(url("create", office_a), valid_data(provider_b))
    assert "organisation" in response.context["form"].errors
    other_topic = topic(office_b, "Beratung")
    response = client.post(url("create", office_a), valid_data(provider_a, topics=[other_topic.pk]))
    assert "topics" in response.context["form"].errors
    assert not Offer.objects.exists()


def test_it_saves_a_create_form_sent_twice_once(client_for, professional, office_a, provider_a):
    client = client_for(professional)
    page = client.get(url("create", office_a)).content.decode()
    token = re.search(r'name="einmal" value="([^"]+)"', page).group(1)
    data = {**valid_data(provider_a), "einmal": token}
    first = client.post(url("create", office_a), data)
    second = client.post(url("create", office_a), data)
    assert Offer.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_it_shows_a_conflict_instead_of_overwriting(
    client_for, professional, coordinator, office_a, offer_a
):
    edit = url("edit", office_a, pk=offer_a.pk)
    data = {**valid_data(offer_a.organisation, title="Meine Fassung"), "version": "1"}
    client_for(coordinator).post(edit, {**data, "title": "Fassung der Koordination"})
    response = client_for(professional).post(edit, data)
    assert response.status_code == 200
    assert "Jemand anderes hat diesen Eintrag gespeichert" in response.content.decode()
    assert Offer.objects.get(pk=offer_a.pk).title == "Fassung der Koordination"
    # The second "Speichern" keeps the user's values knowingly.
    response = client_for(professional).post(edit, {**data, "version": "2"})
    assert response.status_code == 302
    assert Offer.objects.get(pk=offer_a.pk).title == "Meine Fassung"


def test_it_lets_the_carrier_editor_propose_and_coordination_approve(
    client_for, carrier_editor, coordinator, office_a, own_offer
):
    editor = client_for(carrier_editor)
    assert editor.get(url("edit", office_a, pk=own_offer.pk)).status_code == 403
    data = {
        "title": own_offer.title,
        "description": own_offer.description,
        "phone": own_offer.phone,
        "schedule": "mittwochs 15 Uhr",
    }
    response = editor.post(url("propose", office_a, pk=own_offer.pk), data)
    assert response.status_code == 302
    change = OfferChange.objects.get()
    assert change.proposed == {"schedule": "mittwochs 15 Uhr"}
    assert Offer.objects.get(pk=own_offer.pk).schedule == ""
    # The public page still shows the old values.
    public = client_for(None).get(own_offer.get_public_url()).content.decode()
    assert "mittwochs 15 Uhr" not in public
    coordination = client_for(coordinator)
    page = coordination.get(url("change", office_a, pk=change.pk)).content.decode()
    assert "mittwochs 15 Uhr" in page
    response = coordination.post(
        url("change_approve", office_a, pk=change.pk), {"felder": ["schedule"]}
    )
    assert response.status_code == 302
    assert Offer.objects.get(pk=own_offer.pk).schedule == "mittwochs 15 Uhr"
    # A second click on "übernehmen": already decided, nothing happens twice.
    response = coordination.post(
        url("change_approve", office_a, pk=change.pk), {"felder": ["schedule"]}
    )
    assert response.status_code == 302
    assert OfferChange.objects.get().status == ChangeStatus.APPROVED


def test_it_lets_the_carrier_editor_create_only_for_the_own_organisation(
    client_for, carrier_editor, office_a, org_a, provider_a
):
    client = client_for(carrier_editor)
    response = client.post(url("create", office_a), valid_data(provider_a))
    assert "organisation" in response.context["form"].errors
    response = client.post(url("create", office_a), valid_data(org_a))
    assert response.status_code == 302
    assert Offer.objects.get().status == OfferStatus.DRAFT


def test_it_publishes_hides_and_confirms_by_coordination(
    client_for, coordinator, reader, office_a, provider_a
):
    offer = make_offer(office_a, coordinator, "Kurs", provider_a, status=OfferStatus.DRAFT)
    assert client_for(reader).post(url("publish", office_a, pk=offer.pk)).status_code == 403
    client = client_for(coordinator)
    client.post(url("publish", office_a, pk=offer.pk))
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PUBLISHED
    client.post(url("hide", office_a, pk=offer.pk))
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.HIDDEN
    response = client.post(url("confirm", office_a, pk=offer.pk), {"next": "https://evil.example/"})
    assert response["Location"] == offer.get_absolute_url()


def test_it_gives_another_offices_offer_a_404(
    client_for, coordinator_b, office_a, office_b, offer_a
):
    client = client_for(coordinator_b)
    assert client.get(url("offer", office_b, pk=offer_a.pk)).status_code == 404
    assert client.post(url("publish", office_b, pk=offer_a.pk)).status_code == 404
    assert client.get(url("offer", office_b, pk=10**30)).status_code == 404


def test_it_writes_the_public_page_of_a_social_space(client_for, coordinator, office_a, space_a):
    client = client_for(coordinator)
    edit = url("space_page_edit", office_a, pk=space_a.pk)
    response = client.post(
        edit, {"is_public": "on", "public_description": "Wir sind da.", "version": "1"}
    )
    assert response.status_code == 302
    public = reverse("offers:public_space", kwargs={"office_slug": office_a.slug, "pk": space_a.pk})
    assert "Wir sind da." in client_for(None).get(public).content.decode()
    stale = client.post(edit, {"public_description": "Alt", "version": "1"})
    assert stale.status_code == 200 and "Jemand anderes" in stale.content.decode()


def test_it_loads_the_list_with_constant_queries(
    client_for, professional, office_a, coordinator, provider_a
):
    make_offer(office_a, coordinator, "Erstes", provider_a)

    def grow():
        for n in range(30):
            make_offer(
                office_a,
                coordinator,
                f"Angebot {n}",
                provider_a,
                topics=[topic(office_a, "Bildung")],
            )

    # session, user, roles, office; the topics' defaults check; count, page, pending proposals of
    # the page; the topic filter
    assert_queries_constant(client_for(professional), url("list", office_a), grow, expected=8)


def test_it_loads_the_review_list_with_constant_queries(
    client_for, coordinator, carrier_editor, office_a, own_offer
):
    from sozialraum.offers import proposals

    proposals.propose_offer_change(offer=own_offer, actor=carrier_editor, data={"schedule": "x"})

    def grow():
        for n in range(5):
            offer = make_offer(office_a, coordinator, f"Angebot {n}", own_offer.organisation)
            proposals.propose_offer_change(
                offer=offer, actor=carrier_editor, data={"schedule": f"{n}"}
            )

    # session, user with roles, office; count, page of pending proposals, the last decided ones
    assert_queries_constant(client_for(coordinator), url("changes", office_a), grow, expected=6)


def test_it_the_sub_navigation_links_import_and_synonyms_for_coordination(
    client_for, coordinator, professional, office_a
):
    url = reverse("offers:list", kwargs={"office_slug": office_a.slug})
    links = (
        reverse("offers:import", kwargs={"office_slug": office_a.slug}),
        reverse("offers:synonyms", kwargs={"office_slug": office_a.slug}),
    )
    body = client_for(coordinator).get(url).content.decode()
    for link in links:
        assert f'href="{link}"' in body
    body = client_for(professional).get(url).content.decode()
    for link in links:
        assert f'href="{link}"' not in body
    synonyms = client_for(coordinator).get(links[1]).content.decode()
    assert f'href="{links[1]}" aria-current="page"' in synonyms
