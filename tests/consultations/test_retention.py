"""Retention of the consultations (consultations/retention.py): deleted, not archived, six
months after closing; the count stays; the deletion is logged without content."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from sozialraum.audit.models import AuditEntry
from sozialraum.consultations import services
from sozialraum.consultations.models import (
    Consultation,
    ConsultationCount,
    ConsultationMessage,
    ConsultationRead,
)
from sozialraum.consultations.retention import delete_closed, months_before
from sozialraum.lib import retention
from tests.consultations.world import QUESTION, bring

BERLIN = ZoneInfo("Europe/Berlin")


def test_it_counts_calendar_months():
    moment = datetime(2026, 8, 31, 12, tzinfo=BERLIN)
    assert months_before(moment, 6) == datetime(2026, 2, 28, 12, tzinfo=BERLIN)
    assert months_before(datetime(2026, 1, 15, tzinfo=BERLIN), 1) == datetime(
        2025, 12, 15, tzinfo=BERLIN
    )


def test_it_registers_the_rule():
    assert "consultations" in {rule.name for rule in retention.rules()}


def test_it_deletes_six_months_after_closing(cases, teacher, professional, space_a, caplog):
    start = datetime(2026, 3, 2, 10, tzinfo=BERLIN)
    with time_machine.travel(start, tick=False):
        consultation = bring(cases, teacher=teacher, space=space_a)
        services.post_message(consultation=consultation, actor=professional, text="Gern.")
        ConsultationRead.objects.create(
            youth_office=consultation.youth_office, consultation=consultation, user=teacher
        )
        still_open = bring(cases, teacher=teacher, space=space_a)
        consultation.refresh_from_db()
        services.close_consultation(
            consultation=consultation, actor=teacher, version=consultation.version
        )
    with time_machine.travel(start + timedelta(days=180), tick=False):
        assert delete_closed(timezone.now()) == 0
        assert Consultation.objects.filter(pk=consultation.pk).exists()
    with time_machine.travel(datetime(2026, 9, 2, 10, 1, tzinfo=BERLIN), tick=False):
        call_command("cleanup", verbosity=0)
    assert not Consultation.objects.filter(pk=consultation.pk).exists()
    assert not ConsultationMessage.objects.exists()
    assert not ConsultationRead.objects.filter(consultation_id=consultation.pk).exists()
    assert Consultation.objects.filter(pk=still_open.pk).exists()
    # What remains is the anonymous count.
    assert ConsultationCount.objects.get().count == 2
    entry = AuditEntry.objects.get(object_type="consultations.consultation", action="delete")
    assert entry.object_repr == f"Fallberatung Nr. {consultation.pk}"
    assert entry.changes == {} and QUESTION not in str(entry.__dict__)
    assert QUESTION not in caplog.text


@override_settings(CONSULTATION_RETENTION_MONTHS=1)
def test_it_takes_the_period_from_the_settings(cases, teacher, space_a):
    start = datetime(2026, 3, 2, 10, tzinfo=BERLIN)
    with time_machine.travel(start, tick=False):
        consultation = bring(cases, teacher=teacher, space=space_a)
        services.close_consultation(
            consultation=consultation, actor=teacher, version=consultation.version
        )
    assert delete_closed(datetime(2026, 4, 3, tzinfo=BERLIN)) == 1


def test_it_explains_the_period_in_the_privacy_statement(client, db):
    from django.urls import reverse

    body = client.get(reverse("pages:privacy")).content.decode()
    assert "Anonyme Fallberatungen: 6 Monate nach dem Abschluss löschen wir sie" in body
    with override_settings(CONSULTATION_RETENTION_MONTHS=1):
        body = client.get(reverse("pages:privacy")).content.decode()
    assert "Einen Monat nach dem Abschluss löschen wir sie" in body
