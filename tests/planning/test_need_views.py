"""Pages of the needs: the list (filters, constant queries), a need's page, raising and editing
(also from an agenda item, stale version), status transitions, scores and the ranking."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.urls import reverse

from sozialraum.meetings.models import AgendaItem, Meeting, TimeSlot
from sozialraum.planning.models import Need, NeedScore, NeedStatus, NeedTransition, RaisedBy
from tests.helpers import assert_queries_constant
from tests.planning.needs_world import make_criteria, make_need

pytestmark = pytest.mark.django_db


def url(name: str, office, **kwargs) -> str:
    return reverse(f"planning:{name}", kwargs={"office_slug": office.slug, **kwargs})


def test_it_the_list_filters_by_status_space_and_team(
    client_for, office_a, space_a, space_a2, professional
):
    make_need(office_a, space_a, "Treffpunkt Wietzendorf", status=NeedStatus.ACCEPTED)
    make_need(office_a, space_a2, "Schulweg Walsrode")
    client = client_for(professional)
    page = client.get(url("needs", office_a)).content.decode()
    assert "Treffpunkt Wietzendorf" in page and "Schulweg Walsrode" in page
    page = client.get(url("needs", office_a), {"stand": "anerkannt"}).content.decode()
    assert "Treffpunkt Wietzendorf" in page and "Schulweg Walsrode" not in page
    page = client.get(url("needs", office_a), {"raum": space_a2.pk}).content.decode()
    assert "Treffpunkt Wietzendorf" not in page and "Schulweg Walsrode" in page
    # nonsense filters are ignored, never a 500
    assert client.get(url("needs", office_a), {"raum": "9" * 30, "stand": "x"}).status_code == 200


def test_it_the_list_runs_constant_queries(client_for, office_a, space_a, space_a2, professional):
    make_need(office_a, space_a)

    def grow() -> None:
        for n in range(30):
            need = make_need(office_a, space_a, f"Bedarf {n}")
            need.social_spaces.add(space_a2)

    assert_queries_constant(client_for(professional), url("needs", office_a), grow, expected=8)


def test_it_raise_a_need(client_for, office_a, space_a, professional):
    response = client_for(professional).post(
        url("need_add", office_a),
        {
            "title": "Ferienbetreuung",
            "definition": "Betreuung in den Sommerferien für Grundschulkinder.",
            "social_spaces": [space_a.pk],
            "raised_by": RaisedBy.PERSON,
            "age_from": "6",
            "age_to": "10",
        },
    )
    need = Need.objects.get(title="Ferienbetreuung")
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    assert need.created_by == professional and need.status == NeedStatus.RAISED
    assert NeedTransition.objects.filter(need=need, to_status=NeedStatus.RAISED).exists()


def test_it_bad_input_stays_at_the_field(client_for, office_a, space_b, professional):
    response = client_for(professional).post(
        url("need_add", office_a),
        {
            "title": "x" * 5000,
            "definition": "",
            "social_spaces": [space_b.pk],
            "age_from": "12",
            "age_to": "8",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "definition" in form.errors and "social_spaces" in form.errors
    assert "title" in form.errors and "age_to" in form.errors
    assert not Need.objects.exists()


def test_it_edit_with_a_stale_version_shows_the_conflict(
    client_for, office_a, space_a, professional
):
    need = make_need(office_a, space_a)
    Need.objects.filter(pk=need.pk).update(version=5, title="Inzwischen geändert")
    response = client_for(professional).post(
        url("need_edit", office_a, pk=need.pk),
        {
            "title": "Mein Titel",
            "definition": "Meine Begriffsbestimmung",
            "social_spaces": [space_a.pk],
            "raised_by": RaisedBy.TEAM,
            "version": "1",
        },
    )
    assert response.status_code == 200
    assert "Jemand anderes" in response.content.decode()
    assert "Mein Titel" in response.content.decode()  # nothing typed is lost
    need.refresh_from_db()
    assert need.title == "Inzwischen geändert"


def test_it_the_reader_cannot_raise_needs(client_for, office_a, reader):
    assert client_for(reader).get(url("need_add", office_a)).status_code == 403


def test_it_coordination_moves_the_status_and_a_rejection_needs_a_reason(
    client_for, office_a, space_a, coordinator
):
    need = make_need(office_a, space_a)
    client = client_for(coordinator)
    response = client.post(
        url("need_status", office_a, pk=need.pk), {"to": "geprueft", "version": need.version}
    )
    assert response.status_code == 302
    need.refresh_from_db()
    response = client.post(
        url("need_status", office_a, pk=need.pk),
        {"to": "abgelehnt", "reason": "", "version": need.version},
    )
    assert response.status_code == 200
    assert "Bitte begründen Sie" in response.content.decode()
    need.refresh_from_db()
    assert need.status == NeedStatus.ASSESSED
    client.post(
        url("need_status", office_a, pk=need.pk),
        {"to": "abgelehnt", "reason": "Gibt es schon.", "version": need.version},
    )
    need.refresh_from_db()
    assert (need.status, need.status_reason) == (NeedStatus.REJECTED, "Gibt es schon.")
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Gibt es schon." in page and "Verlauf" in page


def test_it_a_professional_cannot_move_the_status(client_for, office_a, space_a, professional):
    need = make_need(office_a, space_a)
    response = client_for(professional).post(
        url("need_status", office_a, pk=need.pk), {"to": "geprueft", "version": need.version}
    )
    assert response.status_code == 403


def test_it_scores_set_the_priority_and_the_ranking_shows_them(
    client_for, office_a, space_a, coordinator, reader
):
    urgency, children = make_criteria(office_a)
    need = make_need(office_a, space_a, "Jugendtreff", status=NeedStatus.ACCEPTED)
    other = make_need(office_a, space_a, "Schulweg", status=NeedStatus.ACCEPTED)
    response = client_for(coordinator).post(
        url("need_scores", office_a, pk=need.pk),
        {f"kriterium_{urgency.pk}": "4", f"kriterium_{children.pk}": "2"},
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.priority == 4 * 3 + 2 * 2
    page = client_for(reader).get(url("need_ranking", office_a)).content.decode()
    assert page.index("Jugendtreff") < page.index("Schulweg")
    assert "Dringlichkeit (Gewicht 3)" in page and ">16<" in page
    assert other.title in page and "nicht bewertet" in page


def test_it_a_score_above_the_maximum_is_refused(client_for, office_a, space_a, coordinator):
    urgency, _children = make_criteria(office_a)
    need = make_need(office_a, space_a, status=NeedStatus.ACCEPTED)
    response = client_for(coordinator).post(
        url("need_scores", office_a, pk=need.pk), {f"kriterium_{urgency.pk}": "9"}
    )
    assert response.status_code == 200 and "0 bis 5 Punkte" in response.content.decode()
    assert not NeedScore.objects.exists()


def test_it_the_ranking_runs_constant_queries(client_for, office_a, space_a, reader):
    criteria = make_criteria(office_a)
    make_need(office_a, space_a, "Erster", status=NeedStatus.ACCEPTED)

    def grow() -> None:
        for n in range(20):
            need = make_need(office_a, space_a, f"Bedarf {n}", status=NeedStatus.ACCEPTED)
            for criterion in criteria:
                NeedScore.objects.create(
                    youth_office=office_a, need=need, criterion=criterion, score=n % 5
                )

    assert_queries_constant(client_for(reader), url("need_ranking", office_a), grow, expected=8)


def test_it_raise_a_need_from_an_agenda_item(client_for, office_a, space_a, coordinator):
    from tests.conftest import build_team

    team = build_team(office_a, space_a, "Sozialraumteam Soltau")
    meeting = Meeting.objects.create(
        youth_office=office_a,
        team=team,
        date=date(2026, 3, 4),
        starts_at=time(9),
        ends_at=time(11),
        time_slot=TimeSlot.MORNING,
    )
    item = AgendaItem.objects.create(
        youth_office=office_a, meeting=meeting, title="Kein Treffpunkt am Nachmittag"
    )
    client = client_for(coordinator)
    form_page = client.get(url("need_from_item", office_a, pk=item.pk))
    assert form_page.status_code == 200
    assert form_page.context["form"].initial["team"] == team.pk
    response = client.post(
        url("need_from_item", office_a, pk=item.pk),
        {
            "title": "Kein Treffpunkt am Nachmittag",
            "definition": "Jugendliche haben nachmittags keinen Ort.",
            "social_spaces": [space_a.pk],
            "raised_by": RaisedBy.MEETING,
            "team": team.pk,
        },
    )
    need = Need.objects.get()
    assert response.status_code == 302
    assert (need.meeting, need.agenda_item, need.team) == (meeting, item, team)
    agenda = client.get(
        reverse("meetings:agenda", kwargs={"office_slug": office_a.slug, "pk": meeting.pk})
    )
    assert url("need_from_item", office_a, pk=item.pk) in agenda.content.decode()
