"""Teams in a real browser: the team page and the members page through axe-core at 1280 and
320 px, and adding a member with the search as you type."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from sozialraum.meetings.models import Meeting, TimeSlot
from sozialraum.minutes.models import Decision, Task
from sozialraum.network.models import Affiliation, Organisation, OrganisationKind, Person
from sozialraum.teams.models import Membership, MembershipRole
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COORDINATOR = "koordination@heidekreis.example"
H = "/heidekreis"


@pytest.fixture
def team(world, team_a, team_member, team_org):
    office = world.office_a
    today = timezone.localdate()
    kita = Organisation.objects.create(
        youth_office=office, name="Kita Pusteblume", kind=OrganisationKind.KITA
    )
    town = Organisation.objects.create(
        youth_office=office, name="Stadt Soltau", kind=OrganisationKind.MUNICIPAL
    )

    def person(first, last, org):
        p = Person.objects.create(youth_office=office, first_name=first, last_name=last)
        Affiliation.objects.create(youth_office=office, person=p, organisation=org)
        return p

    lead = person("Katrin", "Meyer", town)
    lead.user = world.coordinator
    lead.save()
    Membership.objects.create(
        youth_office=office, team=team_a, person=lead, organisation=town, role=MembershipRole.LEAD
    )
    janssen = person("Sören", "Janßen", kita)
    m = Membership.objects.create(
        youth_office=office, team=team_a, person=janssen, organisation=kita, joined=date(2023, 8, 1)
    )
    m.substitutes.add(person("Ina", "Imke", kita))
    Membership.objects.create(
        youth_office=office,
        team=team_a,
        person=person("Paul", "Früher", kita),
        organisation=kita,
        joined=date(2021, 1, 1),
        left=date(2023, 7, 31),
    )
    person("Greta", "Neumann", kita)  # in the network, not yet in the team
    Meeting.objects.create(
        youth_office=office,
        team=team_a,
        date=today + timedelta(days=9),
        starts_at=time(14),
        ends_at=time(16),
        time_slot=TimeSlot.AFTERNOON,
        place="Rathaus Soltau, Sitzungsraum 1",
    )
    Task.objects.create(
        youth_office=office,
        team=team_a,
        title="Elternbrief zum Übergang Kita – Grundschule entwerfen",
        responsible=janssen,
        due=today - timedelta(days=3),
    )
    Decision.objects.create(
        youth_office=office,
        team=team_a,
        year=today.year,
        number=1,
        date=today - timedelta(days=20),
        text="Das Team richtet eine Arbeitsgruppe zur Ferienbetreuung ein.",
    )
    return team_a


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("team list", lambda t: f"{H}/teams/"),
        ("team", lambda t: f"{H}/teams/{t.pk}/"),
        ("team form", lambda t: f"{H}/teams/{t.pk}/bearbeiten/"),
        ("members", lambda t: f"{H}/teams/{t.pk}/mitglieder/?q=neumann"),
        (
            "membership form",
            lambda t: (
                f"{H}/mitgliedschaften/{t.memberships.filter(person__last_name='Janßen').get().pk}/bearbeiten/"
            ),
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_it_has_no_serious_accessibility_violation(name, path, team, new_page):
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, COORDINATOR)
        response = page.goto(path(team))
        assert response is not None and response.status == 200, f"{name}: {response.status}"
        assert_page_accessible(page, f"teams {name}")


def test_it_adds_a_member_found_while_typing(team, new_page):
    page = new_page(NARROW)
    log_in(page, COORDINATOR)
    page.goto(f"{H}/teams/{team.pk}/mitglieder/")
    page.get_by_label("Person im Netzwerk suchen").fill("neum")
    page.locator("#gefunden").get_by_role("link", name=re.compile("Neumann, Greta")).click()
    page.get_by_label("Mitglied", exact=True).check()
    page.get_by_label("Ina Imke").check()  # a colleague of the same organisation
    page.get_by_role("button", name="Ins Team aufnehmen").click()
    page.get_by_text("Greta Neumann ist jetzt Mitglied im Team.").wait_for()
    added = Membership.objects.get(team=team, person__last_name="Neumann")
    assert [p.last_name for p in added.substitutes.all()] == ["Imke"]
    assert_page_accessible(page, "teams members after adding")
