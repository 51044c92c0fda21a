"""The organisation's page as the view builds it (network/organisation_page.py): the people's
rows, the proposals' local days, links and breadcrumbs kept per process, numbers no
organisation can have."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.network import proposals, services
from sozialraum.network.models import Organisation, OrganisationChange
from tests.network.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db


def page_of(client, org: Organisation) -> str:
    path = reverse(
        "network:organisation", kwargs={"office_slug": org.youth_office.slug, "pk": org.pk}
    )
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_current_and_former_people_as_the_template_loop_did(
    client_for, coordinator, office_a, org_a
):
    contact = make_person(
        office_a, coordinator, "Müller", "Anna", email="anna@example.org", phone="05191 1"
    )
    plain = make_person(office_a, coordinator, "Berg <b>", "Ben")
    former = make_person(office_a, coordinator, "Alt", "Clara")
    services.add_affiliation(
        person=contact,
        organisation=org_a,
        actor=coordinator,
        function="Leitung & Co",
        is_contact=True,
    )
    services.add_affiliation(person=plain, organisation=org_a, actor=coordinator)
    services.add_affiliation(
        person=former,
        organisation=org_a,
        actor=coordinator,
        function="Fachkraft",
        since=timezone.localdate() - timedelta(days=400),
        until=timezone.localdate() - timedelta(days=30),
    )
    content = page_of(client_for(coordinator), org_a)
    person = "/heidekreis/personen/{}/"
    until = (timezone.localdate() - timedelta(days=30)).strftime("%d.%m.%Y")
    assert (
        '    <ul class="sr-people">\n      \n        <li>\n'
        f'          <a class="kern-link" href="{person.format(plain.pk)}">Ben Berg &lt;b&gt;</a>\n'
        "          \n          \n        </li>\n      \n        <li>\n"
        f'          <a class="kern-link" href="{person.format(contact.pk)}">Anna Müller</a>'
        ", Leitung &amp; Co\n"
        '          <span class="kern-badge kern-badge--small kern-badge--success">'
        '<span class="kern-label">Ansprechperson</span></span>\n'
        '          \n            <span class="sr-people__contact">\n'
        '              <a class="kern-link" href="mailto:anna@example.org">anna@example.org</a>\n'
        "              <span>05191 1</span>\n            </span>\n          \n"
        "        </li>\n      \n    </ul>"
    ) in content
    assert (
        "<summary>1 frühere Person</summary>\n"
        '      <ul class="sr-people">\n        \n'
        f'          <li><a class="kern-link" href="{person.format(former.pk)}">Clara Alt</a>'
        f', Fachkraft <span class="sr-muted">(bis {until})</span></li>\n        \n      </ul>'
    ) in content


def test_it_dates_a_proposal_by_its_local_day(client_for, coordinator, carrier_editor, org_a):
    change = proposals.propose_organisation_change(
        organisation=org_a, actor=carrier_editor, data={"phone": "05191 9"}, social_spaces=None
    )
    # 23:30 UTC is already the next day in Germany.
    OrganisationChange.objects.filter(pk=change.pk).update(
        submitted_at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    )
    content = page_of(client_for(coordinator), org_a)
    assert "Vorschlag vom 02.03.2026</a>:" in content
    own = page_of(client_for(carrier_editor), org_a)
    assert "Ihr Änderungsvorschlag vom 02.03.2026 wartet" in own
    assert "Vorschlag vom 02.03.2026:" in own  # no link: the carrier editor does not review


def test_it_shows_each_organisation_its_own_name_and_links(
    client_for, coordinator, office_a, org_a
):
    client = client_for(coordinator)
    other = make_organisation(office_a, coordinator, "Kita <Regenbogen> & Hort")
    first, second = page_of(client, org_a), page_of(client, other)
    assert f'<li aria-current="page">{org_a.name}</li>' in first
    assert '<li aria-current="page">Kita &lt;Regenbogen&gt; &amp; Hort</li>' in second
    assert f'href="/heidekreis/akteure/{other.pk}/bearbeiten/"' in second
    assert f'href="/heidekreis/akteure/{org_a.pk}/bearbeiten/"' not in second
    assert f'action="/heidekreis/akteure/{other.pk}/bestaetigen/"' in second


@pytest.mark.parametrize("pk", ["99999999999999999999", "0"])
def test_it_finds_no_organisation_for_a_number_none_can_have(client_for, coordinator, pk):
    response = client_for(coordinator).get(f"/heidekreis/akteure/{pk}/")
    assert response.status_code == 404
