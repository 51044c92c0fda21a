"""Coordination's pages (consultations/office_views.py): counts without contents, cells under 3
suppressed; the list of consultants and the vocabulary of areas of concern."""

from __future__ import annotations

from sozialraum.consultations.models import ConcernArea, Consultant
from tests.consultations.world import QUESTION, bring, url
from tests.helpers import assert_queries_constant


def test_it_shows_coordination_counts_never_contents(
    cases, teacher, space_a, coordinator, client_for
):
    office = space_a.youth_office
    client = client_for(coordinator)
    for _ in range(2):
        bring(cases, teacher=teacher, space=space_a)
    body = client.get(url("counts", office)).content.decode()
    few = '<span class="sr-muted">unter 3</span>'
    assert few in body and QUESTION not in body
    bring(cases, teacher=teacher, space=space_a)
    body = client.get(url("counts", office)).content.decode()
    assert few not in body
    assert '<td class="kern-table__cell sr-number" data-label="Anzahl">3</td>' in body
    assert "Soltau/Wietzendorf" in body and "Schule" in body
    assert QUESTION not in client.get(url("list", office)).content.decode()


def test_it_counts_with_a_constant_number_of_queries(
    cases, teacher, space_a, space_a2, coordinator, client_for
):
    bring(cases, teacher=teacher, space=space_a)

    def grow():
        for _ in range(3):
            bring(cases, teacher=teacher, space=space_a, consultant=cases.insofa)
            bring(cases, teacher=teacher, space=space_a2, consultant=cases.insofa)

    assert_queries_constant(
        client_for(coordinator), url("counts", space_a.youth_office), grow, expected=4
    )


def test_it_lets_coordination_add_and_remove_a_consultant(
    office_a, space_a, coordinator, professional, client_for
):
    client = client_for(coordinator)
    response = client.post(
        url("consultants", office_a),
        {"kind": "asd", "user": professional.pk, "social_space": space_a.pk, "availability": ""},
    )
    assert response.status_code == 302
    consultant = Consultant.objects.get()
    assert "Jonas Albers" in client.get(url("consultants", office_a)).content.decode()
    response = client.post(url("consultant_remove", office_a, consultant.pk))
    assert response.status_code == 302
    consultant.refresh_from_db()
    assert not consultant.active


def test_it_needs_a_social_space_for_an_asd_consultant(
    office_a, coordinator, professional, client_for
):
    response = client_for(coordinator).post(
        url("consultants", office_a), {"kind": "asd", "user": professional.pk}
    )
    assert response.status_code == 200
    assert "für welchen Sozialraum" in response.content.decode()
    assert not Consultant.objects.exists()


def test_it_refuses_a_person_of_another_office(office_a, coordinator, coordinator_b, client_for):
    response = client_for(coordinator).post(
        url("consultants", office_a), {"kind": "insofa", "user": coordinator_b.pk}
    )
    assert response.status_code == 200
    assert not Consultant.objects.exists()


def test_it_lets_coordination_keep_the_vocabulary(office_a, coordinator, client_for):
    client = client_for(coordinator)
    body = client.get(url("concerns", office_a)).content.decode()
    assert "Schulbesuch und Lernen" in body
    response = client.post(url("concerns", office_a), {"name": "Mediennutzung"})
    assert response.status_code == 302
    concern = ConcernArea.objects.get(name="Mediennutzung")
    response = client.post(url("concerns", office_a), {"name": "mediennutzung"})
    assert "steht schon in der Liste" in response.content.decode()
    response = client.post(url("concern_remove", office_a, concern.pk))
    assert response.status_code == 302
    assert not ConcernArea.objects.filter(pk=concern.pk).exists()
