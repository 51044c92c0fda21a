"""Publishing a decision on the public pages of the team's social spaces (decision_public,
register_services.set_decision_public): who may, only approved minutes, optimistic locking,
audited, and what the anonymous visitor then sees."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sozialraum.audit.models import AuditEntry
from sozialraum.minutes.models import Decision, MinutesStatus
from sozialraum.offers import services as offer_services
from tests.minutes.conftest import make_decision, make_meeting, make_minutes
from tests.minutes.test_decision_views import decision_url, lead_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(team_world):
    w = team_world
    approved = make_minutes(make_meeting(w.team_a, date(2026, 2, 3)))
    draft = make_minutes(make_meeting(w.team_a, date(2026, 3, 3)), status=MinutesStatus.DRAFT)
    w.approved = make_decision(w.team_a, "Das Ferienprogramm wird fortgesetzt.", minutes=approved)
    w.draft = make_decision(w.team_a, "Entwurf: Spielplatzfest im Juni.", minutes=draft)
    w.internal = make_decision(w.team_a, "Intern: Raumfrage im Rathaus.", minutes=approved)
    return w


def publish_url(decision: Decision) -> str:
    return reverse(
        "minutes:decision_public",
        kwargs={"office_slug": decision.youth_office.slug, "pk": decision.pk},
    )


def space_url(w) -> str:
    from sozialraum.offers.models import PublicSpacePage

    if not PublicSpacePage.objects.filter(social_space=w.space_a, is_public=True).exists():
        offer_services.save_space_page(
            social_space=w.space_a,
            actor=w.coordinator,
            version=1,
            is_public=True,
            public_description="Wir sind für Familien da.",
        )
    return reverse(
        "offers:public_space", kwargs={"office_slug": w.office_a.slug, "pk": w.space_a.pk}
    )


def test_it_nothing_is_public_by_default(news, client):
    assert not Decision.objects.filter(is_public=True).exists()
    body = client.get(space_url(news)).content.decode()
    assert "Beschlüsse und Ergebnisse" not in body
    assert news.approved.text not in body


def test_it_coordination_publishes_and_the_visitor_sees_only_that(news, client, client_for):
    w = news
    coordination = client_for(w.coordinator)
    assert (
        "Beschluss veröffentlichen" in coordination.get(decision_url(w.approved)).content.decode()
    )
    response = coordination.post(publish_url(w.approved), {"is_public": "1", "version": "1"})
    assert response.status_code == 302
    w.approved.refresh_from_db()
    assert w.approved.is_public and w.approved.version == 2
    entry = AuditEntry.objects.get(object_type="minutes.decision", object_id=str(w.approved.pk))
    assert entry.changes["is_public"] == {"old": "False", "new": "True"}
    body = client.get(space_url(w)).content.decode()
    assert "Beschlüsse und Ergebnisse" in body and w.approved.text in body
    assert w.internal.text not in body and w.draft.text not in body
    coordination.post(publish_url(w.approved), {"is_public": "0", "version": "2"})
    w.approved.refresh_from_db()
    assert not w.approved.is_public
    assert w.approved.text not in client.get(space_url(w)).content.decode()


def test_it_the_team_lead_may_and_nobody_else(news, client_for):
    w = news
    for persona in (w.team_member, w.other_team_member, w.reader, w.professional):
        response = client_for(persona).post(
            publish_url(w.approved), {"is_public": "1", "version": "1"}
        )
        assert response.status_code == 403
        assert (
            "Beschluss veröffentlichen"
            not in client_for(persona).get(decision_url(w.approved)).content.decode()
        )
    lead_of(w.team_a, w.team_member)
    response = client_for(w.team_member).post(
        publish_url(w.approved), {"is_public": "1", "version": "1"}
    )
    assert response.status_code == 302
    w.approved.refresh_from_db()
    assert w.approved.is_public


def test_it_a_decision_of_draft_minutes_cannot_be_published(news, client_for):
    response = client_for(news.coordinator).post(
        publish_url(news.draft), {"is_public": "1", "version": "1"}
    )
    assert response.status_code == 403
    news.draft.refresh_from_db()
    assert not news.draft.is_public


@pytest.mark.parametrize("version", ["7", "", "abc", "-1", "9" * 30])
def test_it_a_stale_or_broken_version_changes_nothing(news, client_for, version):
    client = client_for(news.coordinator)
    response = client.post(publish_url(news.approved), {"is_public": "1", "version": version})
    assert response.status_code == 302
    news.approved.refresh_from_db()
    assert not news.approved.is_public
    body = client.get(decision_url(news.approved)).content.decode()
    assert "inzwischen geändert" in body


def test_it_answers_get_with_405_and_another_office_with_404(news, client_for):
    assert client_for(news.coordinator).get(publish_url(news.approved)).status_code == 405
    response = client_for(news.coordinator_b).post(
        publish_url(news.approved), {"is_public": "1", "version": "1"}
    )
    assert response.status_code == 404
