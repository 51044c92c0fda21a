"""The pages of a team's meetings: list, create a meeting or a series (with its preview), the
meeting page, moving and cancelling; who may do what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from sozialraum.meetings.models import Meeting, MeetingSeries, MeetingStatus
from tests.helpers import assert_queries_constant, count_queries
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db


def list_url(team) -> str:
    return reverse(
        "meetings:team_meetings", kwargs={"office_slug": "heidekreis", "team_pk": team.pk}
    )


def page_url(name: str, meeting) -> str:
    return reverse(f"meetings:{name}", kwargs={"office_slug": "heidekreis", "pk": meeting.pk})


SINGLE = {
    "art": "einzeln",
    "date": "12.03.2026",
    "starts_at": "14.30",
    "ends_at": "16 Uhr",
    "time_slot": "",
}
SERIES = {
    "art": "serie",
    "first_date": "30.04.2026",
    "until": "01.07.2026",
    "interval_weeks": "2",
    "alternate_slots": "on",
    "first_slot": "vormittags",
    "morning_start": "09:00",
    "morning_end": "11:00",
    "afternoon_start": "14:00",
    "afternoon_end": "16:00",
    "skip_school_holidays": "on",
}


def test_it_lists_upcoming_and_past_meetings_with_constant_queries(
    today, team_a, client_for, coordinator
):
    make_meeting(team_a, today + timedelta(days=7), place="Rathaus")
    make_meeting(team_a, today - timedelta(days=7))

    def grow():
        for n in range(30):
            make_meeting(team_a, today + timedelta(days=8 + n))
            make_meeting(team_a, today - timedelta(days=8 + n), status=MeetingStatus.CANCELLED)

    assert_queries_constant(client_for(coordinator), list_url(team_a), grow, expected=8)


def test_it_calls_upcoming_meetings_planned_and_past_ones_held(
    today, team_a, client_for, coordinator
):
    make_meeting(team_a, today + timedelta(days=7))
    body = client_for(coordinator).get(list_url(team_a)).content.decode()
    upcoming = body.split('id="kommend-caption"')[1].split("</table>")[0]
    assert "geplant" in upcoming and "hat stattgefunden" not in upcoming

    make_meeting(team_a, today - timedelta(days=7))  # with a past meeting in the context too
    body = client_for(coordinator).get(list_url(team_a)).content.decode()
    upcoming = body.split('id="kommend-caption"')[1].split("</table>")[0]
    past = body.split('id="frueher-caption"')[1].split("</table>")[0]
    assert "hat stattgefunden" not in upcoming
    assert "hat stattgefunden" in past


def test_it_shows_the_list_to_every_member_but_the_forms_to_managers(
    today, team_a, client_for, professional, team_member, team_lead, coordinator
):
    make_meeting(team_a, today + timedelta(days=7), place="Rathaus Soltau")
    for user, forms in (
        (professional, False),
        (team_member, False),
        (team_lead, True),
        (coordinator, True),
    ):
        body = client_for(user).get(list_url(team_a)).content.decode()
        assert "Rathaus Soltau" in body
        assert ("Vorschau der Termine" in body) is forms, user


def test_it_creates_a_single_meeting(today, team_a, client_for, team_lead):
    response = client_for(team_lead).post(list_url(team_a), SINGLE)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert (meeting.starts_at.hour, meeting.starts_at.minute, meeting.time_slot) == (
        14,
        30,
        "nachmittags",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "31.02.2027"}, "Den 31. Februar gibt es nicht."),
        ({"date": "09.03.2026"}, "in der Vergangenheit"),
        ({"ends_at": "13:00"}, "Das Ende muss nach dem Beginn liegen."),
        ({"starts_at": "25:00"}, "Die Uhrzeit 25:00 gibt es nicht."),
        ({"starts_at": "halb drei"}, "als SS:MM"),
        ({"note": "ä" * 5000}, "höchstens 2000 Zeichen"),
        ({"place": "x" * 5000}, "höchstens 300 Zeichen"),
    ],
)
def test_it_refuses_bad_input_with_a_german_message(
    today, team_a, client_for, coordinator, data, message
):
    response = client_for(coordinator).post(list_url(team_a), {**SINGLE, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_it_previews_a_series_and_creates_it_after_confirmation(
    today, team_a, client_for, coordinator
):
    client = client_for(coordinator)
    preview = client.post(list_url(team_a), {**SERIES, "aktion": "vorschau"})
    body = preview.content.decode()
    assert "14.05.2026 fällt auf Christi Himmelfahrt – verschoben auf 15.05.2026." in body
    assert "Serie mit 5 Treffen anlegen" in body
    assert not Meeting.objects.exists()
    shown = preview.context["preview_dates"]
    created = client.post(list_url(team_a), {**SERIES, "aktion": "anlegen", "termine": shown})
    assert created.status_code == 302
    assert MeetingSeries.objects.count() == 1 and Meeting.objects.count() == 5


def test_it_shows_a_new_preview_when_the_dates_changed(today, team_a, client_for, coordinator):
    response = client_for(coordinator).post(
        list_url(team_a), {**SERIES, "aktion": "anlegen", "termine": "2026-04-30"}
    )
    assert "haben sich seit der Vorschau geändert" in response.content.decode()
    assert not Meeting.objects.exists()


def test_it_refuses_a_series_without_an_end(today, team_a, client_for, coordinator):
    response = client_for(coordinator).post(
        list_url(team_a), {**SERIES, "until": "", "aktion": "anlegen"}
    )
    assert "Eine Serie ohne Ende ist nicht möglich." in response.content.decode()
    assert not Meeting.objects.exists()


def test_it_creates_a_series_once_when_sent_twice(today, team_a, client_for, coordinator):
    client = client_for(coordinator)
    data = {**SERIES, "aktion": "anlegen", "einmal": "t" * 32}
    data["termine"] = client.post(list_url(team_a), {**SERIES, "aktion": "vorschau"}).context[
        "preview_dates"
    ]
    client.post(list_url(team_a), data)
    again = client.post(list_url(team_a), data)
    assert again.status_code == 302
    assert Meeting.objects.count() == 5


@pytest.mark.parametrize("persona", ["team_member", "other_team_member", "professional", "reader"])
def test_it_lets_only_coordination_and_the_lead_plan(today, team_a, client_for, persona, request):
    user = request.getfixturevalue(persona)
    assert client_for(user).post(list_url(team_a), SINGLE).status_code == 403
    meeting = make_meeting(team_a, today + timedelta(days=3))
    assert client_for(user).get(page_url("meeting_edit", meeting)).status_code == 403
    assert (
        client_for(user).post(page_url("meeting_cancel", meeting), {"reason": "x"}).status_code
        == 403
    )
    assert not Meeting.objects.exclude(pk=meeting.pk).exists()


def test_it_shows_the_meeting_page_with_its_blocks(today, team_a, client_for, professional):
    meeting = make_meeting(
        team_a, today + timedelta(days=3), place="Rathaus", video_link="https://video.example/abc"
    )
    response = client_for(professional).get(page_url("meeting", meeting))
    body = response.content.decode()
    assert "Rathaus" in body and "https://video.example/abc" in body
    names = [t.name for t in response.templates]
    assert "meetings/_invitations_block.html" in names
    assert "minutes/_minutes_block.html" in names
    # The 4 of every office page, the meeting with its attendance count, the user's roles in
    # the team (2), their own invitation, the minutes.
    count_queries(client_for(professional), page_url("meeting", meeting), expected=8)


def test_it_shows_a_cancelled_meeting_clearly(today, team_a, client_for, professional):
    meeting = make_meeting(
        team_a, today + timedelta(days=3), status=MeetingStatus.CANCELLED, cancel_reason="Sturm"
    )
    body = client_for(professional).get(page_url("meeting", meeting)).content.decode()
    assert "Dieses Treffen ist abgesagt." in body and "Sturm" in body


def test_it_moves_a_meeting(today, team_a, client_for, team_lead):
    meeting = make_meeting(team_a, today + timedelta(days=3))
    response = client_for(team_lead).post(
        page_url("meeting_edit", meeting),
        {"date": "20.03.2026", "starts_at": "10:00", "ends_at": "12:00", "version": "1"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.date, meeting.sequence) == (date(2026, 3, 20), 1)


def test_it_shows_the_other_change_when_two_people_moved_it(
    today, team_a, client_for, coordinator, team_lead
):
    meeting = make_meeting(team_a, today + timedelta(days=3))
    data = {"date": "20.03.2026", "starts_at": "10:00", "ends_at": "12:00", "version": "1"}
    client_for(coordinator).post(page_url("meeting_edit", meeting), data)
    response = client_for(team_lead).post(
        page_url("meeting_edit", meeting), {**data, "date": "21.03.2026"}
    )
    assert response.status_code == 200
    assert "Jemand anderes hat diesen Eintrag gespeichert" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.date == date(2026, 3, 20)


def test_it_refuses_to_move_or_cancel_a_past_meeting(today, team_a, client_for, coordinator):
    meeting = make_meeting(team_a, today - timedelta(days=1))
    client = client_for(coordinator)
    edit = client.post(
        page_url("meeting_edit", meeting),
        {"date": "20.03.2026", "starts_at": "10", "ends_at": "11", "version": "1"},
    )
    assert "Vergangene Treffen lassen sich nicht verschieben." in edit.content.decode()
    cancel = client.post(page_url("meeting_cancel", meeting), {"reason": "x", "version": "1"})
    assert cancel.status_code == 200
    meeting.refresh_from_db()
    assert (meeting.date, meeting.status) == (today - timedelta(days=1), MeetingStatus.PLANNED)


def test_it_cancels_with_a_reason(today, team_a, client_for, coordinator):
    meeting = make_meeting(team_a, today + timedelta(days=3))
    client = client_for(coordinator)
    assert (
        "Bitte geben Sie einen Grund"
        in client.post(page_url("meeting_cancel", meeting), {"version": "1"}).content.decode()
    )
    assert (
        client.post(
            page_url("meeting_cancel", meeting), {"reason": "Krankheit", "version": "1"}
        ).status_code
        == 302
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_it_hides_another_offices_meeting(today, team_a, client_for, coordinator_b):
    meeting = make_meeting(team_a, today + timedelta(days=3))
    assert (
        client_for(coordinator_b)
        .get(page_url("meeting", meeting).replace("heidekreis", "verden"))
        .status_code
        == 404
    )


def test_it_warns_about_a_single_meeting_on_a_holiday(today, team_a, client_for, coordinator):
    response = client_for(coordinator).post(
        list_url(team_a), {**SINGLE, "date": "14.05.2026"}, follow=True
    )
    assert "Der 14.05.2026 fällt auf Christi Himmelfahrt." in response.content.decode()


def test_it_lets_the_slot_follow_a_new_start_time(today, team_a, client_for, coordinator):
    meeting = make_meeting(team_a, today + timedelta(days=3))
    client = client_for(coordinator)
    form = client.get(page_url("meeting_edit", meeting)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(starts_at="14:00", ends_at="16:00", date="13.03.2026")
    assert client.post(page_url("meeting_edit", meeting), data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.time_slot == "nachmittags"


def test_it_links_the_meetings_stylesheet_in_the_head(today, team_a, client_for, coordinator):
    item = make_meeting(team_a, today + timedelta(days=7))
    for url in (list_url(team_a), page_url("meeting", item), page_url("attendance", item)):
        html = client_for(coordinator).get(url).content.decode()
        head, body = html.split("</head>", 1)
        assert "css/meetings" in head and "css/meetings" not in body, url


@pytest.mark.parametrize("pk", ["99999999999999999999", "0"])
def test_it_finds_no_meeting_or_team_under_a_number_no_row_can_have(client_for, coordinator, pk):
    client = client_for(coordinator)
    assert client.get(f"/heidekreis/treffen/{pk}/").status_code == 404
    assert client.get(f"/heidekreis/teams/{pk}/teilnahme/").status_code == 404


def test_it_reverses_the_office_urls_as_the_url_tag_does(team_a):
    from django.template import Context, Template

    meeting = make_meeting(team_a, date(2026, 3, 12))
    template = Template(
        "{% load meeting_tags %}"
        "{% office_url 'meetings:agenda' slug pk=meeting.pk %} "
        "{% office_url 'meetings:participation' slug team_pk=meeting.team_id %} "
        "{% office_url 'minutes:minutes' slug meeting_pk=meeting.pk %} "
        "{% office_url 'meetings:reminder_settings' slug %}"
    )
    for _again in range(2):  # reversed once, then from the halves kept
        assert template.render(Context({"slug": "heidekreis", "meeting": meeting})) == " ".join(
            [
                page_url("agenda", meeting),
                reverse(
                    "meetings:participation",
                    kwargs={"office_slug": "heidekreis", "team_pk": team_a.pk},
                ),
                reverse(
                    "minutes:minutes",
                    kwargs={"office_slug": "heidekreis", "meeting_pk": meeting.pk},
                ),
                reverse("meetings:reminder_settings", kwargs={"office_slug": "heidekreis"}),
            ]
        )
