"""Pages of the measures: list (constant queries, carrier editors see their own), a measure's
page, creating and editing with goals (bad input at the field, stale version), submitting and
deciding, the documents."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sozialraum.planning.measure_models import Goal, Measure, MeasureStatus, MeasureTransition
from sozialraum.planning.models import NeedStatus
from sozialraum.planning.project_models import Project
from tests.helpers import assert_queries_constant
from tests.planning.needs_world import make_levels, make_measure, make_need, submitted_by

pytestmark = pytest.mark.django_db


def url(name: str, office, **kwargs) -> str:
    return reverse(f"planning:{name}", kwargs={"office_slug": office.slug, **kwargs})


def measure_data(carrier, **extra) -> dict:
    data = {
        "title": "Jugendtreff am Nachmittag",
        "carrier": carrier.pk,
        "period_start": "01.02.2026",
        "period_end": "31.12.2026",
        "ziele-TOTAL_FORMS": "2",
        "ziele-INITIAL_FORMS": "0",
        "ziele-0-description": "Jugendliche kommen regelmäßig",
        "ziele-0-indicator": "Besuche pro Woche",
        "ziele-0-target_value": "20",
        "ziele-0-unit": "Besuche",
    }
    data.update(extra)
    return data


def test_it_create_a_measure_with_goals(client_for, office_a, space_a, carrier, professional):
    need = make_need(office_a, space_a)
    response = client_for(professional).post(
        url("measure_add", office_a),
        measure_data(
            carrier,
            needs=[need.pk],
            social_spaces=[space_a.pk],
            **{
                "ziele-1-description": "Eltern wissen Bescheid",
                "ziele-1-indicator": "Elternabende",
                "ziele-1-target_value": "2,5",
                "ziele-1-unit": "Abende",
            },
        ),
    )
    measure = Measure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("measure_costs", office_a, pk=measure.pk)
    assert list(measure.needs.all()) == [need]
    goals = list(Goal.objects.filter(measure=measure).values_list("indicator", "target_value"))
    assert [(g, str(v)) for g, v in goals] == [
        ("Besuche pro Woche", "20.00"),
        ("Elternabende", "2.50"),
    ]


def test_it_a_goal_without_indicator_is_refused_at_the_field(
    client_for, office_a, carrier, professional
):
    response = client_for(professional).post(
        url("measure_add", office_a), measure_data(carrier, **{"ziele-0-indicator": ""})
    )
    assert response.status_code == 200
    goal_form = response.context["goals"].forms[0]
    assert "Indikator" in goal_form.errors["indicator"][0]
    assert not Measure.objects.exists()


def test_it_period_end_before_start_is_refused(client_for, office_a, carrier, professional):
    response = client_for(professional).post(
        url("measure_add", office_a),
        measure_data(carrier, period_start="01.12.2026", period_end="31.02.2026"),
    )
    assert response.status_code == 200
    assert "period_end" in response.context["form"].errors
    assert not Measure.objects.exists()


def test_it_a_carrier_of_another_office_is_refused_at_the_field(
    client_for, office_a, carrier_b, professional
):
    response = client_for(professional).post(url("measure_add", office_a), measure_data(carrier_b))
    assert response.status_code == 200
    assert "Träger" in response.context["form"].errors["carrier"][0]
    assert not Measure.objects.exists()


def test_it_carrier_editors_draft_for_their_own_organisation_only(
    client_for, office_a, office_b, coordinator, carrier, carrier_editor
):
    from sozialraum.network.models import Organisation, OrganisationKind

    other = Organisation.objects.create(
        youth_office=office_a, name="Andere Initiative", kind=OrganisationKind.FREE_CARRIER
    )
    client = client_for(carrier_editor)
    response = client.post(url("measure_add", office_a), measure_data(other))
    assert response.status_code == 200 and "carrier" in response.context["form"].errors
    response = client.post(url("measure_add", office_a), measure_data(carrier))
    assert response.status_code == 302
    theirs = make_measure(office_a, other, "Fremde Maßnahme")
    page = client.get(url("measures", office_a)).content.decode()
    assert "Jugendtreff am Nachmittag" in page and "Fremde Maßnahme" not in page
    assert client.get(url("measure", office_a, pk=theirs.pk)).status_code == 404
    own = Measure.objects.get(youth_office=office_a, carrier=carrier)
    assert client.get(url("measure", office_a, pk=own.pk)).status_code == 200
    # Coordination sees both; under another office's address neither is found.
    coordination = client_for(coordinator)
    assert coordination.get(url("measure", office_a, pk=theirs.pk)).status_code == 200
    assert coordination.get(url("measure", office_b, pk=theirs.pk)).status_code == 404


def test_it_edit_with_a_stale_version_shows_the_conflict(
    client_for, office_a, carrier, professional
):
    measure = make_measure(office_a, carrier)
    Measure.objects.filter(pk=measure.pk).update(version=7, title="Inzwischen anders")
    response = client_for(professional).post(
        url("measure_edit", office_a, pk=measure.pk),
        measure_data(carrier, title="Mein Titel", version="1"),
    )
    assert response.status_code == 200
    assert "Jemand anderes" in response.content.decode()
    measure.refresh_from_db()
    assert measure.title == "Inzwischen anders"


def test_it_the_list_runs_constant_queries(client_for, office_a, space_a, carrier, reader):
    make_measure(office_a, carrier)

    def grow() -> None:
        for n in range(25):
            measure = make_measure(office_a, carrier, f"Maßnahme {n}")
            measure.social_spaces.add(space_a)

    assert_queries_constant(client_for(reader), url("measures", office_a), grow, expected=5)


def test_it_the_page_shows_goals_costs_and_the_submit_button(
    client_for, office_a, carrier, professional
):
    measure = make_measure(office_a, carrier, requested="1234.50")
    page = client_for(professional).get(url("measure", office_a, pk=measure.pk)).content.decode()
    assert "Besuche pro Woche" in page
    assert "1.234,50 €" in page
    assert url("measure_submit", office_a, pk=measure.pk) in page


def test_it_submit_and_double_submit(client_for, office_a, carrier, professional):
    measure = make_measure(office_a, carrier)
    client = client_for(professional)
    data = {"version": measure.version}
    assert client.post(url("measure_submit", office_a, pk=measure.pk), data).status_code == 302
    response = client.post(url("measure_submit", office_a, pk=measure.pk), data, follow=True)
    assert "inzwischen geändert" in response.content.decode()
    assert MeasureTransition.objects.filter(measure=measure).count() == 1


def test_it_coordination_approves_and_the_project_starts(
    client_for, office_a, carrier, professional, coordinator
):
    make_levels(office_a, coordinator)
    measure = submitted_by(make_measure(office_a, carrier), professional)
    client = client_for(coordinator)
    page = client.get(url("measure", office_a, pk=measure.pk)).content.decode()
    assert url("measure_decide", office_a, pk=measure.pk) in page
    response = client.post(
        url("measure_decide", office_a, pk=measure.pk), {"action": "bewilligen", "comment": ""}
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.APPROVED and Project.objects.filter(measure=measure)


def test_it_returning_needs_a_comment(client_for, office_a, carrier, professional, coordinator):
    measure = submitted_by(make_measure(office_a, carrier), professional)
    response = client_for(coordinator).post(
        url("measure_decide", office_a, pk=measure.pk), {"action": "zurueckgeben", "comment": ""}
    )
    assert response.status_code == 200
    assert "Bitte begründen Sie" in response.content.decode()
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.SUBMITTED


def test_it_nobody_decides_their_own_submission(client_for, office_a, carrier, coordinator):
    measure = submitted_by(make_measure(office_a, carrier), coordinator)
    client = client_for(coordinator)
    page = client.get(url("measure", office_a, pk=measure.pk)).content.decode()
    assert "eigene Einreichung" in page
    response = client.post(
        url("measure_decide", office_a, pk=measure.pk), {"action": "bewilligen"}, follow=True
    )
    assert "eigene Einreichung" in response.content.decode()
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.SUBMITTED


def test_it_an_approved_measure_cannot_be_edited(client_for, office_a, carrier, professional):
    measure = make_measure(office_a, carrier, status=MeasureStatus.APPROVED)
    client = client_for(professional)
    response = client.get(url("measure_edit", office_a, pk=measure.pk), follow=True)
    assert "bewilligt" in response.content.decode()
    assert response.redirect_chain[-1][0] == url("measure", office_a, pk=measure.pk)


def test_it_the_documents(client_for, office_a, carrier, reader):
    measure = make_measure(office_a, carrier, period_start=date(2026, 3, 1))
    client = client_for(reader)
    pdf = client.get(url("measure_pdf", office_a, pk=measure.pk))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(url("measure_docx", office_a, pk=measure.pk))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_it_the_form_offers_open_needs_only(client_for, office_a, space_a, professional):
    make_need(office_a, space_a, "Offener Bedarf", status=NeedStatus.ACCEPTED)
    make_need(office_a, space_a, "Abgelehnter Bedarf", status=NeedStatus.REJECTED)
    page = client_for(professional).get(url("measure_add", office_a)).content.decode()
    assert "Offener Bedarf" in page and "Abgelehnter Bedarf" not in page


def test_it_finds_a_measure_only_in_its_own_office(rf, office_a, office_b, carrier, coordinator):
    """get_measure_for_user filters by the request's office itself, whoever asks."""
    from django.http import Http404

    from sozialraum.planning.access import get_measure_for_user

    measure = make_measure(office_a, carrier)
    request = rf.get("/")
    request.user = coordinator
    request.youth_office = office_a
    assert get_measure_for_user(request, measure.pk).pk == measure.pk
    request.youth_office = office_b
    with pytest.raises(Http404):
        get_measure_for_user(request, measure.pk)
