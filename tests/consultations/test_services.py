"""The writes of the consultations (consultations/services.py): the guard refuses, decisions are
recorded, counts are written, the round table gets an anonymous topic."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from sozialraum.consultations import guard, services
from sozialraum.consultations.models import (
    Consultant,
    ConsultantKind,
    Consultation,
    ConsultationCount,
    ConsultationStatus,
    IdentifierDecision,
)
from sozialraum.consultations.screening import GuardRefused, finding_key
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.meetings.models import Meeting, TopicStatus
from tests.conftest import make_user
from tests.consultations.world import bring

MAIL = "eltern.mueller@example.org"


def test_it_brings_a_case_and_counts_it(cases, teacher, space_a):
    consultation = bring(cases, teacher=teacher, space=space_a)
    assert consultation.status == ConsultationStatus.OPEN
    assert consultation.consultant_user == cases.asd.user
    assert consultation.organisation_kind == "schule"
    row = ConsultationCount.objects.get(youth_office=space_a.youth_office)
    assert (row.social_space, row.organisation_kind, row.count) == (space_a, "schule", 1)
    bring(cases, teacher=teacher, space=space_a, consultant=cases.insofa)
    row.refresh_from_db()
    assert row.count == 2


def test_it_refuses_a_text_with_a_finding(cases, teacher, space_a):
    with pytest.raises(GuardRefused) as refused:
        bring(cases, teacher=teacher, space=space_a, situation=f"Die Eltern schreiben von {MAIL}.")
    items = refused.value.screening.blocking
    assert [(item.field, item.finding.text) for item in items] == [("situation", MAIL)]
    assert not Consultation.objects.exists()
    assert not ConsultationCount.objects.exists()


def test_it_refuses_a_mark_without_reason(cases, teacher, space_a):
    text = f"Kontakt über {MAIL}."
    finding = guard.find_identifiers(text)[0]
    key = finding_key("situation", finding)
    with pytest.raises(GuardRefused) as refused:
        bring(cases, teacher=teacher, space=space_a, situation=text, decisions={key: "  "[:0]})
    assert refused.value.screening.blocking[0].error.startswith("Bitte schreiben Sie dazu")
    assert not Consultation.objects.exists()


def test_it_records_a_mark_with_reason(cases, teacher, space_a):
    text = f"Die Schule ist über {MAIL} erreichbar."
    key = finding_key("situation", guard.find_identifiers(text)[0])
    consultation = bring(
        cases,
        teacher=teacher,
        space=space_a,
        situation=text,
        decisions={key: "Funktionsadresse der Schule, nicht der Familie"},
    )
    decision = IdentifierDecision.objects.get(consultation=consultation)
    assert (decision.field, decision.kind, decision.finding_text) == ("situation", "email", MAIL)
    assert decision.reason == "Funktionsadresse der Schule, nicht der Familie"
    assert decision.decided_by == teacher


def test_it_guards_with_the_office(cases, teacher, space_a, monkeypatch):
    """The guard is asked with the youth office (its names, schools, rare features)."""
    seen = []

    def fake(text, *, youth_office=None):
        seen.append(youth_office)
        return []

    monkeypatch.setattr(guard, "find_identifiers", fake)
    bring(cases, teacher=teacher, space=space_a)
    assert seen and all(office == space_a.youth_office for office in seen)


def test_it_refuses_a_consultant_of_another_office(cases, teacher, space_a, office_b, space_b):
    other = make_user("asd@verden.example", "Vera Verden", office=office_b, role="fachkraft")
    foreign = Consultant.objects.create(
        youth_office=office_b, kind=ConsultantKind.ASD, user=other, social_space=space_b
    )
    with pytest.raises(InvalidData) as error:
        bring(cases, teacher=teacher, space=space_a, consultant=foreign)
    assert "gehört nicht zu diesem Jugendamt" in str(error.value)
    assert not Consultation.objects.exists()


def test_it_refuses_the_asd_of_another_social_space(cases, teacher, space_a2):
    with pytest.raises(InvalidData) as error:
        bring(cases, teacher=teacher, space=space_a2)
    assert "anderen Sozialraumbezirk" in str(error.value)


def test_it_refuses_50000_characters(cases, teacher, space_a):
    with pytest.raises(InvalidData) as error:
        bring(cases, teacher=teacher, space=space_a, situation="a" * 50_000)
    assert "höchstens 5000 Zeichen" in str(error.value)


def test_it_puts_a_round_table_case_on_the_next_agenda(cases, teacher, space_a, team_a):
    meeting = Meeting.objects.create(
        youth_office=team_a.youth_office,
        team=team_a,
        date=timezone.localdate() + timedelta(days=7),
        starts_at=time(9),
        ends_at=time(11),
    )
    consultation = bring(cases, teacher=teacher, space=space_a, team=team_a)
    topic = consultation.topic
    assert topic is not None and topic.team == team_a
    assert topic.title == "Anonyme Fallberatung (Schule, 6–9 Jahre)"
    assert topic.status == TopicStatus.SCHEDULED and topic.meeting == meeting
    item = meeting.agenda_items.get(topic=topic)
    assert "Fehltage" not in item.title + item.description
    assert consultation.route == "runder_tisch"


def test_it_puts_a_round_table_case_in_the_backlog_without_a_meeting(
    cases, teacher, space_a, team_a
):
    consultation = bring(cases, teacher=teacher, space=space_a, team=team_a)
    assert consultation.topic.status == TopicStatus.SUBMITTED


def test_it_starts_the_consultation_with_the_consultants_answer(
    consultation, professional, teacher
):
    services.post_message(consultation=consultation, actor=teacher, text="Noch eine Ergänzung.")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN
    services.post_message(consultation=consultation, actor=professional, text="Gern, ich berate.")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.IN_CONSULTATION
    assert consultation.messages.count() == 2


def test_it_guards_a_message(consultation, teacher):
    with pytest.raises(GuardRefused):
        services.post_message(consultation=consultation, actor=teacher, text=f"Mail: {MAIL}")
    assert not consultation.messages.exists()


def test_it_records_the_recommendation_and_closes(consultation, professional, teacher):
    saved = services.record_recommendation(
        consultation=consultation,
        actor=professional,
        version=consultation.version,
        recommendation="Ein Gespräch mit der Mutter, danach die Schulsozialarbeit einbeziehen.",
        risk_assessment_recommended=True,
    )
    assert saved.risk_assessment_recommended and saved.recommended_by == professional
    with pytest.raises(ConcurrentEditError):
        services.close_consultation(consultation=saved, actor=teacher, version=consultation.version)
    closed = services.close_consultation(consultation=saved, actor=teacher, version=saved.version)
    assert closed.status == ConsultationStatus.CLOSED and closed.closed_at is not None
    with pytest.raises(InvalidData):
        services.post_message(consultation=closed, actor=teacher, text="Noch etwas.")


def test_it_counts_per_quarter(cases, teacher, space_a):
    import time_machine

    with time_machine.travel(date(2026, 3, 31), tick=False):
        bring(cases, teacher=teacher, space=space_a)
    with time_machine.travel(date(2026, 4, 2), tick=False):
        bring(cases, teacher=teacher, space=space_a)
    quarters = sorted(ConsultationCount.objects.values_list("year", "quarter", "count"))
    assert quarters == [(2026, 1, 1), (2026, 2, 1)]


def test_it_lets_coordination_keep_the_lists(
    office_a, coordinator, professional, space_a, office_b
):
    added = services.add_consultant(
        office=office_a, actor=coordinator, kind="asd", user=professional, social_space=space_a
    )
    assert added.active
    with pytest.raises(InvalidData):
        services.add_consultant(
            office=office_a, actor=coordinator, kind="asd", user=professional, social_space=space_a
        )
    services.remove_consultant(consultant=added, actor=coordinator)
    again = services.add_consultant(
        office=office_a, actor=coordinator, kind="asd", user=professional, social_space=space_a
    )
    assert again.pk == added.pk and again.active
    outsider = make_user("x@verden.example", "Xaver", office=office_b, role="fachkraft")
    with pytest.raises(InvalidData):
        services.add_consultant(office=office_a, actor=coordinator, kind="insofa", user=outsider)
    concern = services.add_concern_area(office=office_a, actor=coordinator, name=" Schlaf ")
    assert concern.name == "Schlaf"
    with pytest.raises(InvalidData):
        services.add_concern_area(office=office_a, actor=coordinator, name="schlaf")
