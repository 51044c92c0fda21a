"""Project pages: the list (filters, carrier editors, constant queries), a project's page,
progress notes, continuing a project."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.planning.measure_models import Measure
from sozialraum.planning.project_models import Evaluation, ProgressNote, ProjectStatus
from tests.conftest import build_carrier_editor, build_org_a
from tests.helpers import assert_queries_constant
from tests.planning.project_fixtures import (
    allocate,
    make_carrier,
    make_project,
    project_fixture,  # noqa: F401
)

pytestmark = pytest.mark.django_db


def list_url(office, query: str = "") -> str:
    return reverse("planning:projects", kwargs={"office_slug": office.slug}) + query


def url(name: str, project) -> str:
    return reverse(name, kwargs={"office_slug": project.youth_office.slug, "pk": project.pk})


def test_it_the_list_shows_projects_with_their_state(client_for, reader, office_a, space_a):
    today = timezone.localdate()
    running = make_project(
        office_a, spaces=[space_a], title="Läuft noch", start=today, end=today + timedelta(30)
    )
    ended = make_project(office_a, spaces=[space_a], title="Ist vorbei")
    evaluated = make_project(office_a, spaces=[space_a], title="Ist ausgewertet")
    evaluated.status = ProjectStatus.EVALUATED
    evaluated.save()
    client = client_for(reader)
    page = client.get(list_url(office_a)).content.decode()
    for title in ("Läuft noch", "Ist vorbei", "Ist ausgewertet"):
        assert title in page
    assert "beendet, Evaluation offen" in page
    only = {
        "laufend": running,
        "beendet": ended,
        "evaluiert": evaluated,
    }
    for state, expected in only.items():
        body = client.get(list_url(office_a, f"?stand={state}")).content.decode()
        shown = [p.measure.title for p in (running, ended, evaluated) if p.measure.title in body]
        assert shown == [expected.measure.title], state


def test_it_the_list_filters_by_space_and_year(client_for, reader, office_a, space_a, space_a2):
    make_project(office_a, spaces=[space_a], title="In Soltau 2025")
    make_project(
        office_a,
        spaces=[space_a2],
        title="In Walsrode 2023",
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
    )
    client = client_for(reader)
    body = client.get(list_url(office_a, f"?raum={space_a2.pk}")).content.decode()
    assert "In Walsrode 2023" in body and "In Soltau 2025" not in body
    body = client.get(list_url(office_a, "?jahr=2025")).content.decode()
    assert "In Soltau 2025" in body and "In Walsrode 2023" not in body


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?jahr=abc", "Bitte geben Sie ein Jahr ein, z. B. 2026."),
        ("?jahr=99999999999999", "Bitte geben Sie ein Jahr bis 2100 ein."),
        ("?raum=x", "Diesen Raum gibt es in diesem Jugendamt nicht."),
        ("?raum=99999999999999999999", "Diesen Raum gibt es in diesem Jugendamt nicht."),
        ("?stand=zu", "Stand:"),
    ],
)
def test_it_bad_filters_show_a_message(client_for, reader, office_a, space_a, query, message):
    make_project(office_a, spaces=[space_a])
    response = client_for(reader).get(list_url(office_a, query))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Elterncafé am Nachmittag" in body  # the list is shown unfiltered


def test_it_a_carrier_editor_sees_the_projects_of_their_organisation(
    client_for, office_a, coordinator, space_a
):
    org = build_org_a(office_a, coordinator, space_a)
    editor = build_carrier_editor(office_a, org)
    own = make_project(office_a, spaces=[space_a], carrier=org, title="Eigenes Projekt")
    other = make_project(
        office_a,
        spaces=[space_a],
        carrier=make_carrier(office_a, "Anderer Träger e. V."),
        title="Fremdes Projekt",
    )
    client = client_for(editor)
    body = client.get(list_url(office_a)).content.decode()
    assert "Eigenes Projekt" in body and "Fremdes Projekt" not in body
    assert client.get(url("planning:project", own)).status_code == 200
    assert client.get(url("planning:project", other)).status_code == 404


def test_it_the_list_runs_a_constant_number_of_queries(
    client_for, reader, office_a, space_a, space_a2
):
    make_project(office_a, spaces=[space_a, space_a2])

    def grow() -> None:
        for number in range(8):
            project = make_project(office_a, spaces=[space_a, space_a2], title=f"Projekt {number}")
            Evaluation.objects.create(youth_office=office_a, project=project)

    # session, user, roles; count, rows (measure, carrier, evaluation), social spaces;
    # the filter's social spaces
    assert_queries_constant(client_for(reader), list_url(office_a), grow, expected=7)


def test_it_the_page_shows_goals_costs_and_shares(client_for, reader, project, space_a, space_a2):
    allocate(project, [(space_a, Decimal("2000.00")), (space_a2, Decimal("2250.00"))])
    body = client_for(reader).get(url("planning:project", project)).content.decode()
    assert "Indikator 1" in body and "20 Familien" in body
    assert "4.750,00 €" in body and "4.250,00 €" in body
    assert "Soltau/Wietzendorf 2025: 2.000,00 €" in body
    assert "Walsrode 2025: 2.250,00 €" in body
    assert "Das Projekt ist beendet. Die Evaluation steht noch aus." in body
    # a reader may neither report, evaluate nor continue
    assert "Neuer Bericht" not in body and "Evaluation beginnen" not in body
    assert "fortsetzen" not in body


def test_it_the_page_runs_a_constant_number_of_queries(client_for, coordinator, project, space_a):
    allocate(project, [(space_a, Decimal("4250.00"))])

    def grow() -> None:
        for day in range(1, 20):
            ProgressNote.objects.create(
                youth_office=project.youth_office,
                project=project,
                date=date(2025, 3, day),
                text="Bericht",
                created_by=coordinator,
            )

    assert_queries_constant(
        client_for(coordinator), url("planning:project", project), grow, expected=11
    )


def test_it_a_team_member_writes_a_progress_note(
    client_for, office_a, team_a, team_member, space_a
):
    project = make_project(office_a, spaces=[space_a], team=team_a)
    client = client_for(team_member)
    response = client.post(
        url("planning:project_note_add", project),
        {"date": "01.03.2025", "text": "Zwölf Familien kamen zum ersten Café."},
    )
    assert response.status_code == 302
    note = ProgressNote.objects.get(project=project)
    assert note.created_by == team_member and note.date == date(2025, 3, 1)
    assert "Zwölf Familien" in client.get(url("planning:project", project)).content.decode()


def test_it_a_professional_outside_the_team_may_not_write_notes(client_for, professional, project):
    response = client_for(professional).post(
        url("planning:project_note_add", project), {"date": "01.03.2025", "text": "x"}
    )
    assert response.status_code == 403
    assert not ProgressNote.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "31.02.2025", "text": "x"}, "Den 31. Februar gibt es nicht."),
        ({"date": "01.01.2020", "text": "x"}, "Das Projekt hat erst am"),
        ({"date": "01.03.2025", "text": ""}, "Bitte schreiben Sie, was es Neues gibt."),
        ({"date": "01.03.2025", "text": "x" * 6000}, "höchstens 5000 Zeichen"),
    ],
)
def test_it_bad_notes_are_refused_at_the_field(client_for, coordinator, project, data, message):
    response = client_for(coordinator).post(url("planning:project_note_add", project), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressNote.objects.exists()


def test_it_continue_creates_a_draft_once(client_for, professional, project):
    client = client_for(professional)
    response = client.post(url("planning:project_continue", project))
    assert response.status_code == 302
    new = Measure.objects.get(continued_from=project.measure)
    assert new.created_by == professional
    again = client.post(url("planning:project_continue", project), follow=True)
    assert "schon fortgesetzt" in again.content.decode()
    assert Measure.objects.filter(continued_from=project.measure).count() == 1
    body = client.get(url("planning:project", project)).content.decode()
    assert "Fortgesetzt als" in body


def test_it_continue_is_post_only_and_needs_permission(client_for, reader, project):
    client = client_for(reader)
    assert client.get(url("planning:project_continue", project)).status_code == 405
    assert client.post(url("planning:project_continue", project)).status_code == 403


def test_it_a_project_of_another_office_is_404(client_for, coordinator_b, project):
    client = client_for(coordinator_b)
    for name in ("planning:project", "planning:project_note_add", "planning:evaluation"):
        assert client.get(url(name, project)).status_code == 404


def test_it_the_empty_note_form_is_rendered_as_its_field_groups():
    from django.template import engines

    from sozialraum.planning.project_forms import ProgressNoteForm
    from sozialraum.planning.project_views import empty_note_fields

    form = ProgressNoteForm()
    expected = engines["django"].from_string(
        "{{ form.date.as_field_group }}\n      {{ form.text.as_field_group }}"
    )
    assert empty_note_fields(form) == expected.render({"form": form})
    assert empty_note_fields(ProgressNoteForm()) is empty_note_fields(form)
