"""The evaluation page (drafts, completion, bad input, two tabs) and the quality criteria."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sozialraum.planning.measure_models import Goal
from sozialraum.planning.models import NeedStatus, NeedTransition, QualityCriterion
from sozialraum.planning.project_models import Evaluation, NeedOutcome, ProjectStatus
from tests.conftest import build_carrier_editor, build_org_a
from tests.planning.project_fixtures import make_criteria, make_project, project_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def url(project) -> str:
    return reverse(
        "planning:evaluation", kwargs={"office_slug": project.youth_office.slug, "pk": project.pk}
    )


def criteria_url(office) -> str:
    return reverse("planning:quality_criteria", kwargs={"office_slug": office.slug})


def form_data(project, criteria=(), *, value="18", **extra) -> dict[str, str]:
    data = {"version": "0", "participants_reached": "25", "what_worked": "Offene Türen."}
    for goal in Goal.objects.filter(measure=project.measure):
        data[f"result_{goal.pk}"] = value
    for criterion in criteria:
        data[f"rating_{criterion.pk}"] = "3"
    data.update(extra)
    return data


def test_it_the_page_shows_goals_levels_and_criteria(client_for, coordinator, project, office_a):
    make_criteria(office_a)
    body = client_for(coordinator).get(url(project)).content.decode()
    assert "Indikator 1" in body and "Ziel: 20 Familien" in body
    for level in ("Struktur", "Prozess", "Ergebnis", "Qualität"):
        assert level in body
    assert "Räume sind barrierefrei" in body
    assert "Entwurf speichern" in body and "Evaluation abschließen" in body


def test_it_a_draft_is_saved_and_shown_again(client_for, coordinator, project, office_a):
    criteria = make_criteria(office_a)
    client = client_for(coordinator)
    response = client.post(
        url(project), {**form_data(project, criteria, value="12,5"), "aktion": "entwurf"}
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(project=project)
    assert evaluation.completed_at is None and evaluation.participants_reached == 25
    body = client.get(url(project)).content.decode()
    assert 'value="12,5"' in body
    project.refresh_from_db()
    assert project.status == ProjectStatus.RUNNING


def test_it_completing_feeds_back_and_locks_the_evaluation(client_for, coordinator, project):
    client = client_for(coordinator)
    data = {**form_data(project, need_outcome=NeedOutcome.NOT_MET), "aktion": "abschliessen"}
    response = client.post(url(project), data, follow=True)
    assert "Die Evaluation ist abgeschlossen." in response.content.decode()
    project.refresh_from_db()
    assert project.status == ProjectStatus.EVALUATED
    need = project.measure.needs.get()
    assert need.status == NeedStatus.ACCEPTED  # back into the ranking
    # completing twice: the page is read-only, a second POST changes nothing
    again = client.post(url(project), {**data, "what_worked": "Geändert"})
    assert again.status_code == 200
    assert "Geändert" not in again.content.decode()
    assert Evaluation.objects.get(project=project).what_worked == "Offene Türen."
    # ACCEPTED -> ACCEPTED: the transition records what the evaluation said
    transition = NeedTransition.objects.get()
    assert transition.to_status == NeedStatus.ACCEPTED and "nicht gedeckt" in transition.reason
    body = client.get(project.get_absolute_url()).content.decode()
    assert "Abgeschlossen am" in body and "nicht gedeckt" in body


def test_it_completing_records_the_need_transition(client_for, coordinator, project):
    data = {**form_data(project, need_outcome=NeedOutcome.MET), "aktion": "abschliessen"}
    client_for(coordinator).post(url(project), data)
    transition = NeedTransition.objects.get()
    assert (transition.from_status, transition.to_status) == (NeedStatus.ACCEPTED, NeedStatus.MET)


def test_it_completing_without_outcome_shows_the_field_and_saves_nothing(
    client_for, coordinator, project
):
    response = client_for(coordinator).post(
        url(project), {**form_data(project), "aktion": "abschliessen"}
    )
    assert response.status_code == 200
    assert "Bitte geben Sie an, ob der Bedarf gedeckt ist" in response.content.decode()
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-3", "Der erreichte Wert darf nicht negativ sein."),
        ("zwölf", "Bitte geben Sie eine Zahl ein"),
        ("9" * 40, "Bitte geben Sie eine Zahl ein"),
    ],
)
def test_it_bad_achieved_values_are_refused_at_the_field(
    client_for, coordinator, project, value, message
):
    response = client_for(coordinator).post(
        url(project), {**form_data(project, value=value), "aktion": "entwurf"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert value in body  # what was typed stays in the field
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("participants_reached", "-1"),
        ("participants_reached", "viele"),
        ("what_worked", "x" * 6000),
    ],
)
def test_it_other_bad_input(client_for, coordinator, project, field, value):
    response = client_for(coordinator).post(url(project), {**form_data(project), field: value})
    assert response.status_code == 200
    assert not Evaluation.objects.exists()


def test_it_two_tabs_show_the_conflict_and_keep_the_input(client_for, coordinator, project):
    client = client_for(coordinator)
    client.post(url(project), {**form_data(project, what_worked="Erster Tab"), "aktion": "entwurf"})
    stale = {**form_data(project, what_worked="Zweiter Tab"), "version": "0", "aktion": "entwurf"}
    response = client.post(url(project), stale)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Jemand anderes hat diesen Eintrag gespeichert" in body
    assert "Zweiter Tab" in body and "Erster Tab" in body
    assert Evaluation.objects.get(project=project).what_worked == "Erster Tab"
    # the hidden version moved on: saving again keeps the second tab's text knowingly
    stale["version"] = "1"
    assert client.post(url(project), stale).status_code == 302
    assert Evaluation.objects.get(project=project).what_worked == "Zweiter Tab"


def test_it_who_may_evaluate(client_for, office_a, coordinator, professional, space_a):
    org = build_org_a(office_a, coordinator, space_a)
    editor = build_carrier_editor(office_a, org)
    own = make_project(office_a, spaces=[space_a], carrier=org)
    assert client_for(editor).get(url(own)).status_code == 200
    assert client_for(professional).get(url(own)).status_code == 403


def test_it_the_project_of_another_office_is_404(client_for, coordinator_b, project):
    response = client_for(coordinator_b).post(url(project), form_data(project))
    assert response.status_code == 404
    assert not Evaluation.objects.exists()


# Quality criteria ------------------------------------------------------------------------------


def test_it_coordination_adds_and_rests_criteria(client_for, coordinator, office_a):
    client = client_for(coordinator)
    response = client.post(
        criteria_url(office_a),
        {"aktion": "neu", "name": "Beteiligung der Kinder", "level": "prozess"},
        follow=True,
    )
    assert (
        "Das Qualitätskriterium „Beteiligung der Kinder“ wurde angelegt."
        in response.content.decode()
    )
    criterion = QualityCriterion.objects.get()
    client.post(criteria_url(office_a), {"aktion": "ruht", "kriterium": str(criterion.pk)})
    criterion.refresh_from_db()
    assert not criterion.is_active
    body = client.get(criteria_url(office_a)).content.decode()
    assert "wieder verwenden" in body


@pytest.mark.parametrize(
    "data",
    [
        {"aktion": "neu", "name": "", "level": "prozess"},
        {"aktion": "neu", "name": "x", "level": "unbekannt"},
        {"aktion": "neu", "name": "x" * 300, "level": "prozess"},
        {"aktion": "ruht", "kriterium": "abc"},
        {"aktion": "ruht", "kriterium": "99999999999999999999"},
    ],
)
def test_it_bad_criteria_input(client_for, coordinator, office_a, data):
    response = client_for(coordinator).post(criteria_url(office_a), data)
    assert response.status_code in (200, 302)
    assert not QualityCriterion.objects.exists()


def test_it_a_criterion_of_another_office_is_404(client_for, coordinator, office_a, office_b):
    foreign = make_criteria(office_b)[0]
    response = client_for(coordinator).post(
        criteria_url(office_a), {"aktion": "ruht", "kriterium": str(foreign.pk)}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_active


def test_it_only_coordination_manages_criteria(client_for, professional, office_a):
    assert client_for(professional).get(criteria_url(office_a)).status_code == 403
