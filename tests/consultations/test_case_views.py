"""The pages of the consultations (consultations/case_views.py): bringing a case with the guard
at work, reading it (logged), the conversation, the recommendation, closing."""

from __future__ import annotations

import pytest

from sozialraum.consultations import guard
from sozialraum.consultations.models import (
    Consultation,
    ConsultationMessage,
    ConsultationRead,
    ConsultationStatus,
    IdentifierDecision,
)
from sozialraum.consultations.screening import finding_key
from tests.consultations.world import QUESTION, bring, url
from tests.helpers import assert_queries_constant

MAIL = "familie.berger@example.org"


def form_data(cases, space, **extra) -> dict:
    return {
        "organisation": cases.school.pk,
        "social_space": space.pk,
        "choice": f"c{cases.asd.pk}",
        "question": QUESTION,
        "age_band": "6-9",
        "family_situation": "alleinerziehend",
        "situation": "Ein Kind im Grundschulalter fehlt oft.",
        "tried": "",
        "pseudonym": "",
        **extra,
    }


def test_it_shows_the_form_with_the_teachers_school(cases, teacher, office_a, client_for):
    response = client_for(teacher).get(url("create", office_a))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<option value="{cases.school.pk}" selected>' in body
    assert "Ines Fachmann, Beratungsstelle Heidekreis, dienstags vormittags" in body
    assert "Soltau/Wietzendorf: Jonas Albers" in body
    assert "Schulbesuch und Lernen" in body


def test_it_stops_a_finding_and_keeps_what_was_typed(cases, teacher, office_a, space_a, client_for):
    situation = f"Die Mutter schreibt uns von {MAIL} aus, sie komme nicht."
    response = client_for(teacher).post(
        url("create", office_a), form_data(cases, space_a, situation=situation)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<mark ") == 1 and 'id="fund-situation-1"' in body
    assert f"{situation}</textarea>" in body
    assert "Bitte prüfen Sie die markierten Stellen (1)" in body
    assert not Consultation.objects.exists()


def test_it_highlights_a_name_and_a_birth_date(
    cases, teacher, office_a, space_a, client_for, monkeypatch
):
    """With a guard that finds names and dates (the real one lands from the other branch)."""

    def fake(text, *, youth_office=None):
        found = []
        for word, kind in (("Lena", "name"), ("03.04.2018", "date")):
            start = text.find(word)
            if start >= 0:
                found.append(guard.Finding(start, start + len(word), kind, word, kind, "…"))
        return sorted(found, key=lambda f: f.start)

    monkeypatch.setattr(guard, "find_identifiers", fake)
    situation = "Lena, geboren am 03.04.2018, fehlt oft."
    client = client_for(teacher)
    response = client.post(url("create", office_a), form_data(cases, space_a, situation=situation))
    body = response.content.decode()
    assert body.count("<mark ") == 2
    assert "Stellen könnten das Kind erkennbar machen" in body
    # Generalised: it goes through.
    response = client.post(
        url("create", office_a),
        form_data(cases, space_a, situation="Ein Kind im Grundschulalter fehlt oft."),
    )
    assert response.status_code == 302
    assert Consultation.objects.count() == 1


def test_it_needs_a_reason_for_a_mark(cases, teacher, office_a, space_a, client_for):
    situation = f"Die Schule erreichen Sie unter {MAIL}."
    key = finding_key("situation", guard.find_identifiers(situation)[0])
    client = client_for(teacher)
    data = form_data(cases, space_a, situation=situation, **{f"ni-{key}": "1"})
    response = client.post(url("create", office_a), data)
    assert response.status_code == 200
    assert "warum diese Stelle nicht identifizierend ist" in response.content.decode()
    assert not Consultation.objects.exists()
    data[f"ni-{key}-grund"] = "Adresse des Sekretariats, nicht der Familie"
    response = client.post(url("create", office_a), data)
    assert response.status_code == 302
    decision = IdentifierDecision.objects.get()
    assert decision.reason == "Adresse des Sekretariats, nicht der Familie"
    assert decision.finding_text == MAIL


def test_it_refuses_50000_characters_with_a_message(cases, teacher, office_a, space_a, client_for):
    response = client_for(teacher).post(
        url("create", office_a), form_data(cases, space_a, situation="x" * 50_000)
    )
    assert response.status_code == 200
    assert "höchstens 5000 Zeichen (jetzt 50000)" in response.content.decode()
    assert not Consultation.objects.exists()


def test_it_refuses_a_consultant_of_another_office(
    cases, teacher, office_a, space_a, office_b, client_for
):
    response = client_for(teacher).post(
        url("create", office_a), form_data(cases, space_a, choice="c999999")
    )
    assert response.status_code == 200
    assert "Diese Auswahl gibt es nicht" in response.content.decode()
    assert not Consultation.objects.exists()


def test_it_escapes_html(cases, teacher, office_a, space_a, client_for):
    client = client_for(teacher)
    response = client.post(
        url("create", office_a),
        form_data(cases, space_a, question="<script>alert('x')</script> Was tun?"),
    )
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Was tun?" in body


def test_it_logs_a_partys_read(consultation, teacher, professional, client_for):
    office = consultation.youth_office
    response = client_for(professional).get(url("detail", office, consultation.pk))
    assert response.status_code == 200
    assert QUESTION in response.content.decode()
    response = client_for(teacher).get(url("detail", office, consultation.pk))
    body = response.content.decode()
    assert "Wer die Fallberatung gelesen hat" in body and "Jonas Albers" in body
    assert ConsultationRead.objects.filter(consultation=consultation).count() == 2


@pytest.mark.parametrize("persona", ["other_team_member", "coordinator", "reader", "operator"])
def test_it_answers_404_to_everybody_else(consultation, persona, request, client_for):
    user = request.getfixturevalue(persona)
    office = consultation.youth_office
    client = client_for(user)
    for name in ("detail", "recommend"):
        assert client.get(url(name, office, consultation.pk)).status_code == 404
    response = client.post(url("message", office, consultation.pk), {"text": "Ich auch."})
    assert response.status_code == 404
    assert not ConsultationMessage.objects.exists()
    assert not ConsultationRead.objects.exists()


def test_it_guards_the_conversation(consultation, teacher, client_for):
    office = consultation.youth_office
    client = client_for(teacher)
    text = f"Die Mutter hat jetzt {MAIL}."
    response = client.post(url("message", office, consultation.pk), {"text": text})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark " in body and f"{text}</textarea>" in body
    assert not ConsultationMessage.objects.exists()
    response = client.post(url("message", office, consultation.pk), {"text": "Danke!"})
    assert response.status_code == 302
    assert ConsultationMessage.objects.get().text == "Danke!"


def test_it_shows_the_consultants_recommendation_to_the_requester(
    consultation, teacher, professional, client_for
):
    office = consultation.youth_office
    consultant = client_for(professional)
    assert client_for(teacher).get(url("recommend", office, consultation.pk)).status_code == 403
    response = consultant.post(
        url("recommend", office, consultation.pk),
        {
            "recommendation": "Sprechen Sie die Mutter in Ruhe an.",
            "risk_assessment_recommended": "on",
            "version": consultation.version,
        },
    )
    assert response.status_code == 302
    body = client_for(teacher).get(url("detail", office, consultation.pk)).content.decode()
    assert "Sprechen Sie die Mutter in Ruhe an." in body
    assert "Sie entscheiden selbst" in body and "außerhalb der Plattform" in body
    # A stale version: the conflict is shown, nothing overwritten.
    response = consultant.post(
        url("recommend", office, consultation.pk),
        {"recommendation": "Etwas anderes.", "version": consultation.version},
    )
    assert response.status_code == 200
    consultation.refresh_from_db()
    assert consultation.recommendation == "Sprechen Sie die Mutter in Ruhe an."


def test_it_is_closed_by_a_party(consultation, teacher, client_for):
    office = consultation.youth_office
    client = client_for(teacher)
    response = client.post(url("close", office, consultation.pk), {"version": consultation.version})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED
    body = client.get(url("detail", office, consultation.pk)).content.decode()
    assert "Sie wird 6 Monate danach vollständig gelöscht" in body
    response = client.post(url("message", office, consultation.pk), {"text": "Noch was"})
    assert response.status_code == 403


def test_it_lists_ones_own_consultations_only(
    cases, teacher, professional, other_team_member, space_a, client_for
):
    bring(cases, teacher=teacher, space=space_a)
    office = space_a.youth_office
    assert QUESTION in client_for(professional).get(url("list", office)).content.decode()
    assert QUESTION in client_for(teacher).get(url("list", office)).content.decode()
    other = client_for(other_team_member).get(url("list", office)).content.decode()
    assert QUESTION not in other and "an keiner Fallberatung beteiligt" in other


def test_it_lists_with_a_constant_number_of_queries(cases, teacher, space_a, client_for):
    bring(cases, teacher=teacher, space=space_a)

    def grow():
        for _ in range(5):
            bring(cases, teacher=teacher, space=space_a, consultant=cases.insofa)

    assert_queries_constant(
        client_for(teacher), url("list", space_a.youth_office), grow, expected=5
    )
