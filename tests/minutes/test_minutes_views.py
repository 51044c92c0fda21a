"""The minutes pages: start with the suggested minute-taker, the editor with decisions and
tasks inline, two people saving the same minutes, review comments, approval, the lock and
corrections as visible versions, the template's sections."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.meetings import agenda
from sozialraum.minutes import services
from sozialraum.minutes.models import Decision, Minutes, MinutesSection, MinutesStatus, Task
from tests.minutes.world import attend, make_meeting, person_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(team_a, coordinator, team_member, lead):
    """Yesterday's meeting of team_a with two agenda items; the member and the lead came."""
    meeting = make_meeting(team_a, days=-1)
    agenda.add_item(meeting=meeting, actor=coordinator, data={"title": "Ferienprogramm"})
    agenda.add_item(meeting=meeting, actor=coordinator, data={"title": "Spielplatz"})
    attend(meeting, person_of(team_member), person_of(lead))
    return meeting


def url(name: str, meeting) -> str:
    return reverse(name, kwargs={"office_slug": "heidekreis", "meeting_pk": meeting.pk})


def editor_data(minutes: Minutes, **values) -> dict:
    data = {"version": minutes.version, "minute_taker": minutes.minute_taker_id or ""}
    for item in minutes.items.all():
        data[f"item_{item.pk}_discussion"] = item.discussion
    data.update(values)
    return data


def test_it_suggests_the_minute_taker_with_the_rule_and_lets_coordination_override(
    client_for, held, coordinator, team_member, lead
):
    client = client_for(coordinator)
    page = client.get(url("minutes:minutes", held)).content.decode()
    assert "Vorschlag für das Protokoll: Sabine Hartmann." in page  # both never: by name
    assert "am längsten kein Protokoll für dieses Team geführt hat" in page
    response = client.post(
        url("minutes:minutes", held),
        {"aktion": "beginnen", "minute_taker": person_of(team_member).pk},
    )
    assert response["Location"] == url("minutes:minutes_edit", held)
    minutes = Minutes.objects.get(meeting=held)
    assert minutes.minute_taker == person_of(team_member)
    assert [item.title for item in minutes.items.order_by("position")] == [
        "Ferienprogramm",
        "Spielplatz",
    ]


def test_it_saves_discussion_decision_and_task_inline(client_for, held, lead, team_member):
    minutes = services.start_minutes(meeting=held, actor=lead, minute_taker=person_of(team_member))
    first = minutes.items.order_by("position").first()
    client = client_for(team_member)
    assert client.get(url("minutes:minutes_edit", held)).status_code == 200
    response = client.post(
        url("minutes:minutes_edit", held),
        editor_data(
            minutes,
            **{
                f"item_{first.pk}_discussion": "Das Ferienprogramm läuft gut.",
                f"item_{first.pk}_carry_over": "on",
                f"item_{first.pk}_decision": "Das Team bezuschusst den Ausflug.",
                f"item_{first.pk}_task_title": "Bus bestellen",
                f"item_{first.pk}_task_responsible": person_of(lead).pk,
                f"item_{first.pk}_task_due": "15.08.2026",
            },
        ),
    )
    assert response.status_code == 302
    page = client.get(url("minutes:minutes", held)).content.decode()
    year = held.date.year
    assert "Das Ferienprogramm läuft gut." in page
    assert f"Beschluss 1/{year}:" in page and "Das Team bezuschusst den Ausflug." in page
    assert "Bus bestellen – Lea Leitner, fällig am 15.08.2026" in page
    assert "wird beim nächsten Treffen fortgesetzt" in page
    task = Task.objects.get()
    assert (task.responsible, task.item) == (person_of(lead), first)


def test_it_links_decisions_tasks_and_the_next_meeting(client_for, held, lead, team_member):
    minutes = services.start_minutes(meeting=held, actor=lead, minute_taker=person_of(team_member))
    first = minutes.items.order_by("position").first()
    following = make_meeting(held.team, days=20)
    client = client_for(team_member)
    client.post(
        url("minutes:minutes_edit", held),
        editor_data(
            minutes,
            **{
                f"item_{first.pk}_decision": "Das Team bezuschusst den Ausflug.",
                f"item_{first.pk}_task_title": "Bus bestellen",
                f"item_{first.pk}_task_responsible": person_of(lead).pk,
            },
        ),
    )
    page = client.get(url("minutes:minutes", held)).content.decode()
    office = {"office_slug": "heidekreis"}
    for target, pk in [
        ("minutes:decision", Decision.objects.get().pk),
        ("minutes:task", Task.objects.get().pk),
        ("meetings:meeting", following.pk),
    ]:
        assert f'href="{reverse(target, kwargs={**office, "pk": pk})}"' in page, target


def test_it_refuses_a_task_without_responsible_person_and_keeps_the_text(
    client_for, held, lead, team_member
):
    minutes = services.start_minutes(meeting=held, actor=lead, minute_taker=person_of(team_member))
    first = minutes.items.order_by("position").first()
    response = client_for(team_member).post(
        url("minutes:minutes_edit", held),
        editor_data(
            minutes,
            **{
                f"item_{first.pk}_discussion": "x" * 5000,
                f"item_{first.pk}_task_title": "Bus bestellen",
            },
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bitte wählen Sie aus, wer für die Aufgabe zuständig ist." in body
    assert "x" * 5000 in body and "Bus bestellen" in body
    first.refresh_from_db()
    assert first.discussion == "" and not Task.objects.exists()


def test_it_shows_the_other_persons_text_next_to_ones_own_when_both_save(
    client_for, held, lead, team_member
):
    minutes = services.start_minutes(meeting=held, actor=lead, minute_taker=person_of(team_member))
    first = minutes.items.order_by("position").first()
    field = f"item_{first.pk}_discussion"
    lead_client, member_client = client_for(lead), client_for(team_member)
    assert (
        lead_client.post(
            url("minutes:minutes_edit", held), editor_data(minutes, **{field: "Text der Leitung."})
        ).status_code
        == 302
    )
    second = member_client.post(
        url("minutes:minutes_edit", held),
        editor_data(minutes, **{field: "Text der Protokollführung."}),
    )
    body = second.content.decode()
    assert "Jemand anderes hat diesen Eintrag gespeichert" in body
    assert "Text der Leitung." in body and "Text der Protokollführung." in body
    first.refresh_from_db()
    assert first.discussion == "Text der Leitung."
    # Saving again, knowingly, with the version the conflict gave.
    minutes.refresh_from_db()
    again = member_client.post(
        url("minutes:minutes_edit", held),
        editor_data(minutes, **{field: "Text der Protokollführung."}),
    )
    assert again.status_code == 302
    first.refresh_from_db()
    assert first.discussion == "Text der Protokollführung."


def test_it_runs_review_comments_approval_and_locks(
    client_for, held, lead, team_member, coordinator, reader
):
    minutes = services.start_minutes(meeting=held, actor=lead, minute_taker=person_of(team_member))
    first = minutes.items.order_by("position").first()
    member = client_for(team_member)
    member.post(url("minutes:minutes", held), {"aktion": "abstimmung", "version": minutes.version})
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.IN_REVIEW
    assert client_for(reader).get(url("minutes:minutes", held)).status_code == 403
    member.post(
        url("minutes:minutes", held),
        {"aktion": "anmerken", "punkt": first.pk, "text": "Bitte den Termin ergänzen."},
    )
    page = client_for(lead).get(url("minutes:minutes", held)).content.decode()
    assert "Bitte den Termin ergänzen." in page
    # Double click on "freigeben": the second one is refused with a message, nothing breaks.
    lead_client = client_for(lead)
    data = {"aktion": "freigeben", "version": minutes.version}
    assert lead_client.post(url("minutes:minutes", held), data).status_code == 302
    repeat = lead_client.post(url("minutes:minutes", held), data)
    assert repeat.status_code == 403
    assert "ist freigegeben und kann nicht mehr geändert werden" in repeat.content.decode()
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED
    assert client_for(reader).get(url("minutes:minutes", held)).status_code == 200

    refused = member.post(url("minutes:minutes_edit", held), editor_data(minutes))
    assert refused.status_code == 403
    assert "ist freigegeben und kann nicht mehr geändert werden" in refused.content.decode()
    assert member.get(url("minutes:minutes_edit", held)).status_code == 403


def test_it_corrects_approved_minutes_as_a_new_visible_version(
    client_for, held, lead, coordinator, team_member
):
    minutes = services.start_minutes(meeting=held, actor=lead, minute_taker=person_of(team_member))
    minutes = services.submit_for_review(minutes=minutes, actor=lead, version=minutes.version)
    minutes = services.approve_minutes(minutes=minutes, actor=lead, version=minutes.version)
    first = minutes.items.order_by("position").first()
    client = client_for(coordinator)
    form = client.get(url("minutes:minutes_edit", held)).content.decode()
    assert "Ihre Korrektur wird Fassung 2" in form
    no_reason = client.post(
        url("minutes:minutes_edit", held),
        editor_data(minutes, **{f"item_{first.pk}_discussion": "Korrigiert."}),
    )
    assert "Bitte geben Sie an, warum das Protokoll korrigiert wird." in no_reason.content.decode()
    done = client.post(
        url("minutes:minutes_edit", held),
        editor_data(
            minutes,
            reason="Der Ausflug ist im August, nicht im Juli.",
            **{f"item_{first.pk}_discussion": "Korrigiert."},
        ),
    )
    assert done.status_code == 302
    page = client_for(team_member).get(url("minutes:minutes", held)).content.decode()
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert (
        f"Fassung 2, korrigiert am {today} von Katrin Meyer: "
        "Der Ausflug ist im August, nicht im Juli." in page
    )
    assert "Frühere Fassungen" in page and "Fassung 1" in page


def test_it_lets_coordination_configure_the_sections(client_for, coordinator, held, lead):
    client = client_for(coordinator)
    sections_url = reverse("minutes:sections", kwargs={"office_slug": "heidekreis"})
    page = client.get(sections_url).content.decode()
    for title in ("Anwesenheit", "Tagesordnungspunkte mit Besprechung", "Nächstes Treffen"):
        assert title in page
    assert not MinutesSection.objects.exists()  # the defaults, shown, not stored
    data = {}
    for position, kind in enumerate(
        ("anwesenheit", "tagesordnung", "beschluesse", "aufgaben", "naechstes_treffen"), 1
    ):
        data[f"abschnitt_{kind}_titel"] = "Wer war da?" if kind == "anwesenheit" else ""
        data[f"abschnitt_{kind}_position"] = str(position)
        if kind != "naechstes_treffen":
            data[f"abschnitt_{kind}_an"] = "1"
    data["neuer_abschnitt"] = "Berichte aus den Einrichtungen"
    assert client.post(sections_url, data).status_code == 302
    assert MinutesSection.objects.count() == 6
    assert not MinutesSection.objects.get(kind="naechstes_treffen").is_enabled
    services.start_minutes(meeting=held, actor=lead, minute_taker=None)
    minutes_page = client.get(url("minutes:minutes", held)).content.decode()
    assert "Wer war da?" in minutes_page and "Berichte aus den Einrichtungen" in minutes_page
    assert "Nächstes Treffen" not in minutes_page
    assert client_for(lead).get(sections_url).status_code == 403


def test_it_saves_a_comment_sent_twice_once(client_for, held, lead, team_member):
    import re

    from sozialraum.minutes.models import MinutesComment

    minutes = services.start_minutes(meeting=held, actor=lead, minute_taker=person_of(team_member))
    services.submit_for_review(minutes=minutes, actor=lead, version=minutes.version)
    client = client_for(team_member)
    page = client.get(url("minutes:minutes", held)).content.decode()
    token = re.search(r'name="einmal" value="([^"]+)"', page)
    assert token
    data = {"aktion": "anmerken", "text": "Einmal bitte.", "einmal": token.group(1)}
    client.post(url("minutes:minutes", held), data)
    again = client.post(url("minutes:minutes", held), data, follow=True)
    assert "Das wurde schon gespeichert." in again.content.decode()
    assert MinutesComment.objects.count() == 1


def test_it_shows_minutes_and_agenda_in_constant_queries(
    client_for, held, lead, team_member, coordinator
):
    from tests.helpers import assert_queries_constant, count_queries

    minutes = services.start_minutes(meeting=held, actor=lead, minute_taker=person_of(team_member))
    client = client_for(team_member)
    agenda_url = reverse("meetings:agenda", kwargs={"office_slug": "heidekreis", "pk": held.pk})
    count_queries(client, agenda_url, expected=10)

    def grow():
        for number in range(10):
            item = agenda.add_item(meeting=held, actor=coordinator, data={"title": f"P {number}"})
            minutes_item = minutes.items.get(agenda_item=item)
            services.create_decision(
                minutes=minutes, actor=coordinator, text=f"B {number}", item=minutes_item
            )
            services.create_task(
                minutes=minutes,
                actor=coordinator,
                title=f"A {number}",
                responsible=person_of(team_member),
                item=minutes_item,
            )

    # 14: the meeting with its minutes in one query, the minute-taker's user known from it and
    # no revisions to read before a correction (minutes.revision < 2).
    assert_queries_constant(client, url("minutes:minutes", held), grow, expected=13)
    count_queries(client, agenda_url, expected=10)
