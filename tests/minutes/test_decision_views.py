"""The decisions register: visibility, filters, pagination, query counts, exports, and the status
change of a decision by the personas (audited, optimistic locking)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from sozialraum.audit.models import AuditEntry
from sozialraum.minutes.models import Decision, DecisionStatus, MinutesStatus
from sozialraum.teams.models import Membership, MembershipRole
from tests.helpers import assert_queries_constant
from tests.minutes.conftest import make_decision, make_meeting, make_minutes, person_of

pytestmark = pytest.mark.django_db


def register_url(office, **query) -> str:
    url = reverse("minutes:decisions", kwargs={"office_slug": office.slug})
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    return url


def decision_url(decision: Decision) -> str:
    return reverse(
        "minutes:decision", kwargs={"office_slug": decision.youth_office.slug, "pk": decision.pk}
    )


@pytest.fixture
def decisions(team_world):
    """Approved, draft and minute-less decisions of both teams."""
    w = team_world
    approved = make_minutes(make_meeting(w.team_a, date(2026, 2, 3)))
    draft = make_minutes(make_meeting(w.team_a, date(2026, 3, 3)), status=MinutesStatus.DRAFT)
    w.approved = make_decision(w.team_a, "Ferienprogramm wird geplant.", minutes=approved)
    w.draft = make_decision(w.team_a, "Entwurf: Spielplatzfest im Juni.", minutes=draft)
    w.walsrode = make_decision(
        w.team_a2, "Walsrode richtet eine Sprechstunde ein.", day=date(2025, 6, 1)
    )
    return w


def texts(response) -> list[str]:
    return [d["text"] for d in response.context["page"].object_list]


def test_it_shows_the_register_to_every_member_but_drafts_only_to_the_team(decisions, client_for):
    w = decisions
    everyone = {w.approved.text, w.walsrode.text}
    assert set(texts(client_for(w.coordinator).get(register_url(w.office_a)))) == {
        *everyone,
        w.draft.text,
    }
    assert set(texts(client_for(w.team_member).get(register_url(w.office_a)))) == {
        *everyone,
        w.draft.text,
    }
    for persona in (w.other_team_member, w.reader, w.professional):
        assert set(texts(client_for(persona).get(register_url(w.office_a)))) == everyone
    body = client_for(w.team_member).get(register_url(w.office_a)).content.decode()
    assert "Protokoll noch nicht freigegeben" in body
    assert "1/2026" in body and "1/2025" in body


def test_it_answers_404_to_another_office(decisions, client_for):
    assert (
        client_for(decisions.coordinator_b).get(register_url(decisions.office_a)).status_code == 404
    )
    url = reverse(
        "minutes:decision",
        kwargs={"office_slug": decisions.office_b.slug, "pk": decisions.approved.pk},
    )
    assert client_for(decisions.coordinator_b).get(url).status_code == 404


def test_it_filters_by_team_social_space_year_and_text(decisions, client_for):
    w = decisions
    client = client_for(w.coordinator)
    assert texts(client.get(register_url(w.office_a, team=w.team_a2.pk))) == [w.walsrode.text]
    assert texts(client.get(register_url(w.office_a, raum=w.space_a2.pk))) == [w.walsrode.text]
    assert set(texts(client.get(register_url(w.office_a, raum=w.space_a.pk)))) == {
        w.approved.text,
        w.draft.text,
    }
    assert texts(client.get(register_url(w.office_a, jahr=2025))) == [w.walsrode.text]
    assert texts(client.get(register_url(w.office_a, q="ferien"))) == [w.approved.text]
    assert texts(client.get(register_url(w.office_a, q="ferien", jahr=2025))) == []
    # Values that do not exist are ignored, never a 500.
    for bad in (
        {"team": "abc"},
        {"team": "99999999999999999999"},
        {"jahr": "1800"},
        {"raum": w.space_b.pk},
        {"seite": "x"},
        {"q": "x" * 5000},
    ):
        assert client.get(register_url(w.office_a, **bad)).status_code == 200


def test_it_marks_the_chosen_team_and_space_in_the_filter(decisions, client_for):
    from django.core.cache import cache

    w = decisions
    client = client_for(w.coordinator)
    cache.clear()
    for _ in range(2):  # the options read, then cached
        body = client.get(register_url(w.office_a, team=w.team_a2.pk, raum=w.space_a2.pk))
        html = body.content.decode()
        assert f'<option value="{w.team_a2.pk}" selected>{w.team_a2.name}</option>' in html
        assert f'<option value="{w.space_a2.pk}" selected>{w.space_a2.name}</option>' in html
        html = client.get(register_url(w.office_a)).content.decode()
        assert '<option value="" selected>Alle Teams</option>' in html
        assert f'<option value="{w.team_a2.pk}">{w.team_a2.name}</option>' in html
        assert f'<option value="{w.space_a2.pk}">{w.space_a2.name}</option>' in html


def test_it_says_why_a_search_without_letters_finds_nothing(decisions, client_for):
    body = client_for(decisions.coordinator).get(register_url(decisions.office_a, q="%%")).content
    assert "keine Buchstaben oder Ziffern" in body.decode()


def test_it_shows_the_newest_first_and_paginates(team_world, client_for):
    for number in range(1, 31):
        make_decision(
            team_world.team_a,
            f"Beschluss Nummer {number}",
            number=number,
            day=date(2026, 1, 1 + number % 28),
        )
    response = client_for(team_world.coordinator).get(register_url(team_world.office_a))
    page = response.context["page"]
    assert page.paginator.count == 30 and len(page.object_list) == 25
    dates = [d["date"] for d in page.object_list]
    assert dates == sorted(dates, reverse=True)
    second = client_for(team_world.coordinator).get(register_url(team_world.office_a, seite=2))
    assert len(second.context["page"].object_list) == 5


def test_it_keeps_its_query_count_when_the_register_grows(decisions, client_for):
    w = decisions

    grown = [0]

    def grow():
        for _ in range(12):
            grown[0] += 1
            day = date(2024, 1, 1 + grown[0] % 28)
            minutes = make_minutes(make_meeting(w.team_a2, day))
            make_decision(w.team_a2, f"Ferienbeschluss {grown[0]}", minutes=minutes, day=day)

    # 4 of every office page (session, user, youth office, roles) + the oldest decision's date,
    # the count, the page of decisions with team and minutes, the teams and the social spaces
    # of the filter.
    assert_queries_constant(client_for(w.coordinator), register_url(w.office_a), grow, expected=8)
    # A member who is no coordinator: the same (the user's teams are a subquery).
    assert_queries_constant(client_for(w.team_member), register_url(w.office_a), grow, expected=8)
    # Filtered by team and searched: + the chosen team (the form checks it exists).
    url = register_url(w.office_a, q="ferien", team=w.team_a2.pk)
    assert_queries_constant(client_for(w.coordinator), url, grow, expected=9)


def test_it_answers_htmx_with_the_results_only(decisions, client_for):
    response = client_for(decisions.coordinator).get(
        register_url(decisions.office_a, q="ferien"), HTTP_HX_REQUEST="true"
    )
    assert "minutes/decisions_results.html" in [t.name for t in response.templates]
    assert "minutes/decisions.html" not in [t.name for t in response.templates]


def test_it_exports_the_filtered_register_as_csv_and_xlsx(decisions, client_for):
    from openpyxl import load_workbook

    w = decisions
    make_decision(w.team_a2, '=HYPERLINK("http://böse.example")', day=date(2025, 7, 1))
    client = client_for(w.reader)
    url = reverse("minutes:decisions_csv", kwargs={"office_slug": w.office_a.slug})
    response = client.get(url + f"?team={w.team_a2.pk}")
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Nummer", "Datum", "Team", "Sozialräume", "Beschluss"]
    assert [row[4] for row in rows[1:]] == [
        '\'=HYPERLINK("http://böse.example")',
        "Walsrode richtet eine Sprechstunde ein.",
    ]
    assert rows[2][:4] == ["1/2025", "01.06.2025", "Sozialraumteam Walsrode", "Walsrode"]
    # The reader does not get the draft in an export either.
    everything = client.get(url).content.decode("utf-8-sig")
    assert "Spielplatzfest" not in everything and "Ferienprogramm" in everything
    xlsx_url = reverse("minutes:decisions_xlsx", kwargs={"office_slug": w.office_a.slug})
    sheet = load_workbook(io.BytesIO(client.get(xlsx_url + "?q=ferien").content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][4] == "Ferienprogramm wird geplant."
    assert values[1][7] == "03.02.2026"
    assert len(values) == 2


# The decision's page and its status -------------------------------------------------------------


def test_it_shows_a_decision_with_its_full_text(decisions, client_for):
    long_text = "Wortlaut " * 100
    decision = make_decision(
        decisions.team_a, long_text.strip(), minutes=decisions.approved.minutes
    )
    body = client_for(decisions.reader).get(decision_url(decision)).content.decode()
    assert long_text.strip() in body
    assert "Treffen am 03.02.2026" in body


def test_it_keeps_a_draft_decision_from_other_teams(decisions, client_for):
    url = decision_url(decisions.draft)
    assert client_for(decisions.team_member).get(url).status_code == 200
    assert client_for(decisions.coordinator).get(url).status_code == 200
    for persona in (decisions.other_team_member, decisions.reader, decisions.professional):
        assert client_for(persona).get(url).status_code == 403


def lead_of(team, user):
    Membership.objects.filter(team=team, person=person_of(user)).update(role=MembershipRole.LEAD)


def test_it_lets_coordination_and_the_team_lead_change_the_status(decisions, client_for):
    w = decisions
    url = decision_url(w.approved)
    for persona in (w.team_member, w.other_team_member, w.reader, w.professional):
        response = client_for(persona).post(url, {"status": "erledigt", "version": 1})
        assert response.status_code == 403
        assert "Status ändern" not in client_for(persona).get(url).content.decode()
    w.approved.refresh_from_db()
    assert w.approved.status == DecisionStatus.VALID
    lead_of(w.team_a, w.team_member)
    lead = client_for(w.team_member)
    assert "Als erledigt markieren" in lead.get(url).content.decode()
    response = lead.post(url, {"status": "erledigt", "version": 1, "note": "Umgesetzt."})
    assert response.status_code == 302
    w.approved.refresh_from_db()
    assert (w.approved.status, w.approved.status_note, w.approved.version) == (
        "erledigt",
        "Umgesetzt.",
        2,
    )
    entry = AuditEntry.objects.get(object_type="minutes.decision", object_id=str(w.approved.pk))
    assert entry.changes["status"] == {"old": "gilt", "new": "erledigt"}
    # The Leitung of team A is nobody special in team A2.
    assert (
        client_for(w.team_member)
        .post(decision_url(w.walsrode), {"status": "erledigt", "version": 1})
        .status_code
        == 403
    )
    response = client_for(w.coordinator).post(
        decision_url(w.walsrode), {"status": "aufgehoben", "version": 1, "note": "Ersetzt."}
    )
    assert response.status_code == 302


def test_it_wants_a_reason_to_revoke(decisions, client_for):
    url = decision_url(decisions.approved)
    response = client_for(decisions.coordinator).post(url, {"status": "aufgehoben", "version": 1})
    assert response.status_code == 200
    assert "warum der Beschluss aufgehoben wird" in response.content.decode()
    decisions.approved.refresh_from_db()
    assert decisions.approved.status == DecisionStatus.VALID


def test_it_refuses_bad_status_input_without_change(decisions, client_for):
    url = decision_url(decisions.approved)
    client = client_for(decisions.coordinator)
    for data in (
        {"status": "ungueltig", "version": 1},
        {"status": "erledigt"},
        {"status": "erledigt", "version": "abc"},
        {"status": "erledigt", "version": "99999999999999999999"},
        {"status": "erledigt", "version": 1, "note": "x" * 5000},
        {},
    ):
        response = client.post(url, data)
        assert response.status_code == 200, data
    decisions.approved.refresh_from_db()
    assert decisions.approved.version == 1


def test_it_shows_a_conflict_when_two_tabs_change_the_status(decisions, client_for):
    url = decision_url(decisions.approved)
    client = client_for(decisions.coordinator)
    assert client.post(url, {"status": "erledigt", "version": 1}).status_code == 302
    # The second tab still has version 1.
    response = client.post(url, {"status": "aufgehoben", "version": 1, "note": "Doppelt."})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Jemand anderes hat diesen Eintrag gespeichert" in body
    assert "Inzwischen gespeichert" in body
    decisions.approved.refresh_from_db()
    assert decisions.approved.status == "erledigt"
    assert response.context["form"].data["version"] == "2"
    # Saving again deliberately works.
    again = client.post(url, {"status": "aufgehoben", "version": 2, "note": "Doppelt."})
    assert again.status_code == 302


def test_it_links_the_decision_to_its_minutes(decisions, client_for):
    body = client_for(decisions.reader).get(register_url(decisions.office_a)).content.decode()
    meeting_id = decisions.approved.minutes.meeting_id
    assert f"/treffen/{meeting_id}/protokoll" in body
