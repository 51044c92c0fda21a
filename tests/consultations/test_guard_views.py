"""Coordination's list of rare features: members read, coordination adds and removes; the
guard sees a new term at once (the office's data version changes)."""

from __future__ import annotations

from django.urls import reverse

from sozialraum.consultations.guard import find_identifiers
from sozialraum.consultations.models import RareFeature
from sozialraum.regions.models import YouthOffice
from tests.conftest import log_in_client
from tests.helpers import assert_queries_constant

QUERIES = 4  # session, user with roles, office, the terms


def url(name, office, **kwargs):
    return reverse(f"consultations:{name}", kwargs={"office_slug": office.slug, **kwargs})


def test_it_coordination_adds_and_removes_a_term(client, coordinator, office_a):
    log_in_client(client, coordinator)
    assert find_identifiers("Das Kind hat Mukoviszidose.", youth_office=office_a) == []
    response = client.post(
        url("rare_feature_add", office_a), {"term": " Mukoviszidose ", "reason": "Sehr selten."}
    )
    assert response.status_code == 302
    feature = RareFeature.objects.get(youth_office=office_a)
    assert feature.term == "Mukoviszidose" and feature.created_by == coordinator
    office = YouthOffice.objects.get(pk=office_a.pk)
    findings = find_identifiers("Das Kind hat Mukoviszidose.", youth_office=office)
    assert [(f.kind, f.text) for f in findings] == [("rare_feature", "Mukoviszidose")]
    page = client.get(url("rare_features", office_a))
    assert "Mukoviszidose" in page.content.decode() and "Sehr selten." in page.content.decode()

    again = client.post(url("rare_feature_add", office_a), {"term": "mukoviszidose"})
    assert again.status_code == 200
    assert "gibt es in der Liste schon" in again.content.decode()
    assert RareFeature.objects.count() == 1

    assert client.get(url("rare_feature_delete", office_a, pk=feature.pk)).status_code == 200
    assert client.post(url("rare_feature_delete", office_a, pk=feature.pk)).status_code == 302
    assert not RareFeature.objects.exists()


def test_it_empty_term_is_refused_at_the_field(client, coordinator, office_a):
    log_in_client(client, coordinator)
    response = client.post(url("rare_feature_add", office_a), {"term": "   "})
    assert response.status_code == 200
    assert not RareFeature.objects.exists()


def test_it_members_read_only(client, professional, office_a, office_b):
    feature = RareFeature.objects.create(youth_office=office_a, term="Tourette")
    log_in_client(client, professional)
    page = client.get(url("rare_features", office_a)).content.decode()
    assert "Tourette" in page and "Begriff hinzufügen" not in page
    assert client.post(url("rare_feature_add", office_a), {"term": "x"}).status_code == 403
    other = RareFeature.objects.create(youth_office=office_b, term="Anderes")
    assert client.get(url("rare_feature_delete", office_a, pk=other.pk)).status_code == 403
    assert RareFeature.objects.filter(pk=feature.pk).exists()


def test_it_another_office_term_is_404(client, coordinator, office_b):
    from sozialraum.consultations.models import RareFeature as Model

    other = Model.objects.create(youth_office=office_b, term="Anderes")
    log_in_client(client, coordinator)
    office_a = coordinator.youth_offices().get(slug="heidekreis")
    assert client.get(url("rare_feature_delete", office_a, pk=other.pk)).status_code == 404


def test_it_the_list_runs_constant_queries(client, coordinator, office_a):
    log_in_client(client, coordinator)

    def grow():
        RareFeature.objects.bulk_create(
            RareFeature(youth_office=office_a, term=f"Merkmal {n}") for n in range(30)
        )

    assert_queries_constant(client, url("rare_features", office_a), grow, expected=QUERIES)


def test_it_trying_the_guard_shows_the_findings_and_stores_nothing(client, professional, office_a):
    log_in_client(client, professional)
    page = client.get(url("guard_check", office_a))
    assert page.status_code == 200
    response = client.post(
        url("guard_check", office_a), {"text": "<script>x()</script> Lena ist 7 Jahre alt."}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<mark class="sr-guard-mark"') == 2
    assert "&lt;script&gt;x()&lt;/script&gt;" in html and "<script>x()" not in html
    clean = client.post(url("guard_check", office_a), {"text": "Ein Kind im Grundschulalter."})
    assert "nichts gefunden" in clean.content.decode()
    too_long = client.post(url("guard_check", office_a), {"text": "x" * 50_001})
    assert too_long.status_code == 200 and "höchstens" in too_long.content.decode()
