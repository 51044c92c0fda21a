"""Team pages: the list of teams, a team's page (members grouped by organisation kind, next
meeting, open tasks, recent decisions, former members), creating and editing a team."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.meetings.models import MeetingStatus
from sozialraum.minutes.models import Decision, Task, TaskStatus
from sozialraum.network.models import OrganisationKind
from sozialraum.teams.models import Membership, Team, TeamKind
from tests.helpers import assert_queries_constant
from tests.teams.conftest import meeting, member, organisation, person_at, team_url

pytestmark = pytest.mark.django_db


def list_url(office) -> str:
    return reverse("teams:list", kwargs={"office_slug": office.slug})


def test_it_lists_the_teams_with_members_and_next_meeting(
    client_for, professional, team_a, team_a2, team_member, other_team_member
):
    meeting(team_a, timezone.localdate() + timedelta(days=10))
    meeting(team_a, timezone.localdate() - timedelta(days=10))
    meeting(team_a2, timezone.localdate() + timedelta(days=3), status=MeetingStatus.CANCELLED)
    response = client_for(professional).get(list_url(team_a.youth_office))
    # Plain rows (teams/rows.py): dicts of the shown columns.
    rows = {team["name"]: team for team in response.context["page"].object_list}
    assert rows["Sozialraumteam Soltau/Wietzendorf"]["member_count"] == 1
    assert rows["Sozialraumteam Soltau/Wietzendorf"][
        "next_meeting"
    ] == timezone.localdate() + timedelta(days=10)
    assert rows["Sozialraumteam Walsrode"]["next_meeting"] is None
    content = response.content.decode()
    assert "keins geplant" in content
    assert "Team anlegen" not in content


def test_it_runs_the_same_queries_however_many_teams(
    client_for, coordinator, office_a, space_a, team_a, team_member
):
    def grow():
        for number in range(30):
            team = Team.objects.create(youth_office=office_a, name=f"AG {number:02d}")
            team.social_spaces.add(space_a)
            person = person_at(office_a, None, "P", f"Person {number}")
            member(team, person)
            meeting(team, timezone.localdate() + timedelta(days=number + 1))

    # 7 queries: the 4 of every office page (session, user, youth office, roles) + the count of
    # the page, the teams with members and next meeting, their social spaces.
    assert_queries_constant(client_for(coordinator), list_url(office_a), grow, expected=6)


def test_it_shows_members_grouped_by_organisation_kind(
    client_for, reader, team_a, office_a, team_member
):
    kita = organisation(office_a, "Kita Pusteblume", OrganisationKind.KITA)
    person = person_at(office_a, kita, "Sören", "Janßen")
    substitute = person_at(office_a, kita, "Ina", "Imke")
    membership = member(team_a, person, kita, role="leitung")
    membership.substitutes.add(substitute)
    former = member(
        team_a,
        person_at(office_a, None, "Paul", "Früher"),
        joined=date(2020, 1, 1),
        left=date(2022, 5, 31),
    )
    response = client_for(reader).get(team_url("team", team_a))
    page = response.context["page"]
    assert [group.label for group in page.groups] == ["Schule", "Kindertagesstätte"]
    assert [row.pk for row in page.former] == [former.pk]  # plain rows (selectors.team_members)
    content = response.content.decode()
    assert "Ehemalige Mitglieder" in content and "Paul Früher" in content
    assert "Vertretung:" in content and "Ina Imke" in content
    assert "Leitung/Organisation" in content
    assert "Mitglieder verwalten" not in content  # the reader manages nothing


def test_it_shows_next_meeting_open_tasks_and_recent_decisions(
    client_for, coordinator, team_a, office_a
):
    today = timezone.localdate()
    soon = meeting(team_a, today + timedelta(days=7), place="Rathaus Soltau")
    meeting(team_a, today + timedelta(days=2), status=MeetingStatus.CANCELLED)
    person = person_at(office_a, None, "Anna", "Arndt")
    Task.objects.create(
        youth_office=office_a,
        team=team_a,
        title="Elternbrief",
        responsible=person,
        due=today - timedelta(days=1),
    )
    Task.objects.create(
        youth_office=office_a,
        team=team_a,
        title="Erledigt",
        responsible=person,
        status=TaskStatus.DONE,
    )
    for number in range(1, 8):
        Decision.objects.create(
            youth_office=office_a,
            team=team_a,
            year=2026,
            number=number,
            date=today,
            text=f"Beschluss Nummer {number}",
        )
    response = client_for(coordinator).get(team_url("team", team_a))
    page = response.context["page"]
    assert page.next_meeting == soon
    assert [t.title for t in page.open_tasks] == ["Elternbrief"]
    assert page.open_tasks[0].is_overdue
    assert [d.number for d in page.decisions] == [7, 6, 5, 4, 3]
    content = response.content.decode()
    assert "überfällig" in content and "Rathaus Soltau" in content


def test_it_runs_the_same_queries_however_big_the_team(
    client_for, coordinator, team_a, office_a, team_member
):
    today = timezone.localdate()

    def grow():
        for number in range(20):
            org = organisation(office_a, f"Org {number}", OrganisationKind.values[number % 11])
            person = person_at(office_a, org, "P", f"Person {number}")
            membership = member(team_a, person, org)
            membership.substitutes.add(person_at(office_a, org, "S", f"Sub {number}"))
            member(
                team_a,
                person_at(office_a, None, "F", f"Former {number}"),
                joined=date(2020, 1, 1),
                left=date(2021, 1, 1),
            )
            Task.objects.create(
                youth_office=office_a,
                team=team_a,
                title=f"T{number}",
                responsible=person,
                due=today,
            )
            Decision.objects.create(
                youth_office=office_a,
                team=team_a,
                year=2025,
                number=number + 1,
                date=today,
                text="B",
            )
            meeting(team_a, today + timedelta(days=number + 1))

    # 11 queries: the 4 of every office page + the team, its memberships with people and
    # organisations, their substitutes, the next meeting, the first open tasks with their
    # count, the last decisions, the social spaces.
    assert_queries_constant(client_for(coordinator), team_url("team", team_a), grow, expected=10)


def test_it_shows_a_planned_meeting_of_today_as_the_next_and_none_of_yesterday(
    client_for, coordinator, team_a
):
    today = timezone.localdate()
    meeting(team_a, today - timedelta(days=1))
    assert (
        client_for(coordinator).get(team_url("team", team_a)).context["page"].next_meeting is None
    )
    held_today = meeting(team_a, today)
    meeting(team_a, today + timedelta(days=1))
    page = client_for(coordinator).get(team_url("team", team_a)).context["page"]
    assert page.next_meeting == held_today


def test_it_answers_404_to_a_number_no_team_can_have(client_for, coordinator, team_a):
    url = reverse(
        "teams:team", kwargs={"office_slug": team_a.youth_office.slug, "pk": 99999999999999999999}
    )
    assert client_for(coordinator).get(url).status_code == 404


def test_it_answers_404_to_another_office(client_for, coordinator_b, team_a):
    response = client_for(coordinator_b).get(team_url("team", team_a))
    assert response.status_code == 404
    assert team_a.name not in response.content.decode()
    foreign = reverse("teams:team", kwargs={"office_slug": "verden", "pk": team_a.pk})
    assert client_for(coordinator_b).get(foreign).status_code == 404


def test_it_links_the_team_page_to_topics_and_participation_for_the_team(
    client_for, team_a, team_member, other_team_member
):
    topics = reverse("meetings:topics", kwargs={"office_slug": "heidekreis", "team_pk": team_a.pk})
    new_topic = reverse(
        "meetings:topic_create", kwargs={"office_slug": "heidekreis", "team_pk": team_a.pk}
    )
    review = reverse(
        "meetings:participation", kwargs={"office_slug": "heidekreis", "team_pk": team_a.pk}
    )
    own = client_for(team_member).get(team_url("team", team_a)).content.decode()
    assert all(f'href="{url}"' in own for url in (topics, new_topic, review))
    other = client_for(other_team_member).get(team_url("team", team_a)).content.decode()
    assert not any(f'href="{url}"' in other for url in (topics, new_topic, review))


@pytest.mark.parametrize(
    "view",
    ["teams:list", "minutes:decisions", "minutes:my_tasks", "meetings:calendar_feed_settings"],
)
def test_it_offers_the_teams_area_navigation_on_each_of_its_pages(client_for, professional, view):
    body = client_for(professional).get(reverse(view, kwargs={"office_slug": "heidekreis"}))
    html = body.content.decode()
    assert 'aria-label="Bereich Teams"' in html
    for target in ("minutes:decisions", "minutes:my_tasks", "meetings:calendar_feed_settings"):
        assert f'href="{reverse(target, kwargs={"office_slug": "heidekreis"})}"' in html
    assert 'aria-current="page"' in html.split('aria-label="Bereich Teams"')[1].split("</nav>")[0]


# Create and edit ----------------------------------------------------------------------------------


def form_data(space=None, **overrides) -> dict:
    data = {
        "name": "AG nach § 78 Hilfen zur Erziehung",
        "kind": TeamKind.WORKING_GROUP_78,
        "description": "Öffentliche und freie Träger",
        "default_place": "Kreishaus, Raum 114",
        "default_video_link": "",
    }
    if space is not None:
        data["social_spaces"] = [space.pk]
    data.update(overrides)
    return data


def test_it_creates_a_team_and_goes_on_to_its_members(client_for, coordinator, office_a, space_a):
    response = client_for(coordinator).post(
        reverse("teams:create", kwargs={"office_slug": office_a.slug}), form_data(space_a)
    )
    team = Team.objects.get(name="AG nach § 78 Hilfen zur Erziehung")
    assert response.status_code == 302
    assert response["Location"] == team_url("members", team)
    assert list(team.social_spaces.all()) == [space_a]


def test_it_refuses_a_duplicate_name_with_a_clear_message(
    client_for, coordinator, office_a, team_a
):
    response = client_for(coordinator).post(
        reverse("teams:create", kwargs={"office_slug": office_a.slug}),
        form_data(name=" Sozialraumteam SOLTAU/Wietzendorf "),
    )
    assert response.status_code == 200
    assert "gibt es in diesem Jugendamt schon" in response.content.decode()
    assert Team.objects.filter(youth_office=office_a).count() == 1


def test_it_refuses_bad_input_without_a_500(client_for, coordinator, office_a, space_b):
    url = reverse("teams:create", kwargs={"office_slug": office_a.slug})
    response = client_for(coordinator).post(
        url,
        form_data(
            name="x" * 5000,
            kind="unsinn",
            default_video_link="javascript:alert(1)",
            social_spaces=[space_b.pk, "99999999999999999999999"],
        ),
    )
    assert response.status_code == 200
    assert not Team.objects.filter(youth_office=office_a).exists()
    content = response.content.decode()
    assert "Diesen Raum gibt es in diesem Jugendamt nicht." in content


def test_it_lets_the_lead_edit_and_shows_a_conflict(client_for, team_lead, team_a):
    client = client_for(team_lead)
    url = team_url("edit", team_a)
    assert client.get(url).status_code == 200
    Team.objects.filter(pk=team_a.pk).update(description="Von jemand anderem", version=2)
    response = client.post(url, {**form_data(name=team_a.name, kind=team_a.kind), "version": 1})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Jemand anderes hat diesen Eintrag gespeichert" in content
    assert "Von jemand anderem" in content
    assert Team.objects.get(pk=team_a.pk).description == "Von jemand anderem"
    response = client.post(url, {**form_data(name=team_a.name, kind=team_a.kind), "version": 2})
    assert response.status_code == 302
    assert Team.objects.get(pk=team_a.pk).description == "Öffentliche und freie Träger"


def test_it_refuses_the_edit_to_members_and_other_teams(
    client_for, team_member, other_team_member, lead_of_other_team, team_a
):
    for user in (team_member, other_team_member, lead_of_other_team):
        assert client_for(user).get(team_url("edit", team_a)).status_code == 403
        assert client_for(user).post(team_url("edit", team_a), form_data()).status_code == 403
    assert Team.objects.get(pk=team_a.pk).name == "Sozialraumteam Soltau/Wietzendorf"


def test_it_has_a_teams_entry_in_the_main_navigation(client_for, reader, office_a):
    content = (
        client_for(reader)
        .get(reverse("regions:office", kwargs={"office_slug": office_a.slug}))
        .content.decode()
    )
    assert f'href="{list_url(office_a)}"' in content


def test_it_shows_memberships_on_the_network_pages(
    client_for, reader, team_a, team_member, team_org, office_a
):
    person = Membership.objects.get(person__user=team_member).person
    member(
        team_a,
        person_at(office_a, team_org, "Ex", "Früher"),
        team_org,
        joined=date(2020, 1, 1),
        left=date(2021, 1, 1),
    )
    client = client_for(reader)
    org_page = client.get(
        reverse("network:organisation", kwargs={"office_slug": office_a.slug, "pk": team_org.pk})
    ).content.decode()
    assert "Sozialraumteam Soltau/Wietzendorf" in org_page and "Sabine Hartmann" in org_page
    assert "Frühere Mitgliedschaften" in org_page
    person_page = client.get(
        reverse("network:person", kwargs={"office_slug": office_a.slug, "pk": person.pk})
    ).content.decode()
    assert "Sozialraumteam Soltau/Wietzendorf" in person_page
