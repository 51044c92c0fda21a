from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone

from sozialraum.accounts.models import Invitation, Role, hash_token

pytestmark = pytest.mark.django_db


def _invitation(office, token, **fields):
    return Invitation.objects.create(
        youth_office=office,
        email=f"{token}@example.org",
        role=Role.PROFESSIONAL,
        token_hash=hash_token(token),
        **fields,
    )


def test_it_deletes_old_login_records_and_used_invitations(office_a):
    office = office_a
    now = timezone.now()
    old = AccessAttempt.objects.create(
        username="a@example.org", ip_address="127.0.0.1", failures_since_start=1
    )
    AccessAttempt.objects.filter(pk=old.pk).update(attempt_time=now - timedelta(days=91))
    recent = AccessAttempt.objects.create(
        username="b@example.org", ip_address="127.0.0.1", failures_since_start=1
    )
    stale = _invitation(office, "stale", expires_at=now - timedelta(days=100))
    pending = _invitation(office, "pending", expires_at=now + timedelta(days=5))
    accepted_long_ago = _invitation(
        office, "accepted", expires_at=now + timedelta(days=1), accepted_at=now - timedelta(days=95)
    )

    call_command("cleanup", stdout=StringIO())

    assert not AccessAttempt.objects.filter(pk=old.pk).exists()
    assert AccessAttempt.objects.filter(pk=recent.pk).exists()
    remaining = set(Invitation.objects.values_list("pk", flat=True))
    assert pending.pk in remaining
    assert stale.pk not in remaining
    assert accepted_long_ago.pk not in remaining
