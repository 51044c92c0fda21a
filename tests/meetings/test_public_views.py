"""Announcing a meeting publicly (meeting_public, public_services.set_meeting_public): who may,
not cancelled or past ones, optimistic locking, audited, and what the visitor then sees."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.audit.models import AuditEntry
from sozialraum.meetings.models import MeetingStatus
from sozialraum.offers import services as offer_services
from tests.minutes.conftest import make_meeting
from tests.minutes.test_decision_views import lead_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(world, team_a, team_member, other_team_member):
    w = world
    w.team_a, w.team_member, w.other_team_member = team_a, team_member, other_team_member
    today = timezone.localdate()
    w.next = make_meeting(w.team_a, today + timedelta(days=7), place="Rathaus Soltau, Saal 2")
    w.later = make_meeting(w.team_a, today + timedelta(days=35), place="Geheimer Ort")
    w.past = make_meeting(w.team_a, today - timedelta(days=7), place="Alter Ort")
    return w


def publish_url(meeting) -> str:
    return reverse(
        "meetings:meeting_public",
        kwargs={"office_slug": meeting.youth_office.slug, "pk": meeting.pk},
    )


def space_body(w, client) -> str:
    from sozialraum.offers.models import PublicSpacePage

    if not PublicSpacePage.objects.filter(social_space=w.space_a, is_public=True).exists():
        offer_services.save_space_page(
            social_space=w.space_a,
            actor=w.coordinator,
            version=1,
            is_public=True,
            public_description="Wir sind für Familien da.",
        )
    url = reverse(
        "offers:public_space", kwargs={"office_slug": w.office_a.slug, "pk": w.space_a.pk}
    )
    return client.get(url).content.decode()


def test_it_coordination_announces_a_meeting_and_the_visitor_sees_only_that(
    meetings, client, client_for
):
    w = meetings
    coordination = client_for(w.coordinator)
    assert "Nächste öffentliche Treffen" not in space_body(w, client)  # nothing by default
    page = coordination.get(w.next.get_absolute_url()).content.decode()
    assert "Treffen öffentlich ankündigen" in page
    response = coordination.post(publish_url(w.next), {"is_public": "1", "version": "1"})
    assert response.status_code == 302
    w.next.refresh_from_db()
    assert w.next.is_public and w.next.version == 2
    assert AuditEntry.objects.filter(
        object_type="meetings.meeting", object_id=str(w.next.pk)
    ).exists()
    body = space_body(w, client)
    assert "Nächste öffentliche Treffen" in body and "Rathaus Soltau, Saal 2" in body
    assert "Geheimer Ort" not in body and "Alter Ort" not in body


def test_it_a_cancelled_or_past_meeting_is_not_announced(meetings, client, client_for):
    w = meetings
    coordination = client_for(w.coordinator)
    coordination.post(publish_url(w.past), {"is_public": "1", "version": "1"})
    w.past.refresh_from_db()
    assert not w.past.is_public
    coordination.post(publish_url(w.next), {"is_public": "1", "version": "1"})
    type(w.next).objects.filter(pk=w.next.pk).update(status=MeetingStatus.CANCELLED)
    assert "Rathaus Soltau, Saal 2" not in space_body(w, client)


def test_it_the_team_lead_may_and_nobody_else(meetings, client_for):
    w = meetings
    for persona in (w.team_member, w.other_team_member, w.reader, w.professional):
        response = client_for(persona).post(publish_url(w.next), {"is_public": "1", "version": "1"})
        assert response.status_code == 403
    lead_of(w.team_a, w.team_member)
    response = client_for(w.team_member).post(
        publish_url(w.next), {"is_public": "1", "version": "1"}
    )
    assert response.status_code == 302
    w.next.refresh_from_db()
    assert w.next.is_public


@pytest.mark.parametrize("version", ["2", "", "x"])
def test_it_a_stale_version_changes_nothing(meetings, client_for, version):
    client = client_for(meetings.coordinator)
    client.post(publish_url(meetings.next), {"is_public": "1", "version": version})
    meetings.next.refresh_from_db()
    assert not meetings.next.is_public
    assert "inzwischen geändert" in client.get(meetings.next.get_absolute_url()).content.decode()
