"""Services of the meetings app: creating, moving and cancelling meetings and series."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.utils import timezone

from sozialraum.audit.models import AuditEntry
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.meetings import invitations, services
from sozialraum.meetings.models import Meeting, MeetingSeries, MeetingStatus, SchoolHoliday
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db

SINGLE = {
    "date": date(2026, 3, 12),
    "starts_at": time(14, 30),
    "ends_at": time(16),
    "time_slot": "",
    "place": "",
    "video_link": "",
    "note": "",
}

SERIES = {
    "first_date": date(2026, 4, 30),
    "until": date(2026, 7, 1),
    "interval_weeks": 2,
    "alternate_slots": True,
    "first_slot": "vormittags",
    "morning_start": time(9),
    "morning_end": time(11),
    "afternoon_start": time(14),
    "afternoon_end": time(16),
    "place": "",
    "video_link": "",
    "skip_school_holidays": True,
}


def test_it_creates_a_meeting_with_the_teams_place_and_a_derived_slot(today, team_a, coordinator):
    team_a.default_place = "Rathaus Soltau"
    team_a.save()
    meeting = services.create_meeting(team=team_a, actor=coordinator, data=SINGLE)
    assert meeting.time_slot == "nachmittags"
    assert meeting.place == "Rathaus Soltau"
    assert AuditEntry.objects.filter(object_type="meetings.meeting").count() == 1


def test_it_keeps_a_slot_chosen_against_the_clock(today, team_a, coordinator):
    meeting = services.create_meeting(
        team=team_a, actor=coordinator, data={**SINGLE, "time_slot": "vormittags"}
    )
    assert meeting.time_slot == "vormittags"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"date": date(2026, 3, 9)}, "date", "Vergangenheit"),
        ({"date": date(2029, 3, 11)}, "date", "höchstens 3 Jahre"),
        ({"ends_at": time(14)}, "ends_at", "Ende muss nach dem Beginn"),
        ({"note": "x" * 5000}, "note", "höchstens"),
        ({"video_link": "kein Link"}, "video_link", ""),
    ],
)
def test_it_refuses_bad_meetings(today, team_a, coordinator, data, field, message):
    with pytest.raises(InvalidData) as refused:
        services.create_meeting(team=team_a, actor=coordinator, data={**SINGLE, **data})
    assert field in refused.value.errors
    assert message in " ".join(refused.value.errors[field])
    assert not Meeting.objects.exists()


def test_it_allows_a_meeting_later_today(today, team_a, coordinator):
    services.create_meeting(team=team_a, actor=coordinator, data={**SINGLE, "date": today})


def test_it_moves_a_meeting_of_a_series_and_keeps_its_series_date(today, team_a, coordinator):
    series = services.create_series(team=team_a, actor=coordinator, data=SERIES)
    meeting = series.meetings.order_by("date").first()
    assert meeting.series_date == date(2026, 4, 30)
    moved = services.move_meeting(
        meeting=meeting, actor=coordinator, data={"date": date(2026, 5, 5)}, version=1
    )
    assert (moved.date, moved.series_date, moved.sequence, moved.version) == (
        date(2026, 5, 5),
        date(2026, 4, 30),
        1,
        2,
    )
    assert series.meetings.count() == 5


def test_it_changes_nothing_when_nothing_changed(today, team_a, coordinator):
    meeting = make_meeting(team_a, date(2026, 3, 12))
    same = services.move_meeting(meeting=meeting, actor=coordinator, data={"place": ""})
    assert same.sequence == 0


def test_it_refuses_to_move_a_past_meeting_or_into_the_past(today, team_a, coordinator):
    past = make_meeting(team_a, date(2026, 3, 3))
    with pytest.raises(ValueError, match="schon stattgefunden"):
        services.move_meeting(meeting=past, actor=coordinator, data={"date": date(2026, 3, 20)})
    upcoming = make_meeting(team_a, date(2026, 3, 20))
    with pytest.raises(InvalidData):
        services.move_meeting(meeting=upcoming, actor=coordinator, data={"date": date(2026, 3, 1)})
    upcoming.refresh_from_db()
    assert upcoming.date == date(2026, 3, 20)


def test_it_refuses_a_stale_version(today, team_a, coordinator):
    meeting = make_meeting(team_a, date(2026, 3, 20))
    services.move_meeting(meeting=meeting, actor=coordinator, data={"place": "A"}, version=1)
    stale = Meeting.objects.get(pk=meeting.pk)
    stale.version = 1
    with pytest.raises(ConcurrentEditError):
        services.move_meeting(meeting=stale, actor=coordinator, data={"place": "B"}, version=1)
    with pytest.raises(ConcurrentEditError):
        services.cancel_meeting(meeting=stale, actor=coordinator, reason="x", version=1)


def test_it_cancels_one_meeting_with_a_reason(today, team_a, coordinator):
    series = services.create_series(team=team_a, actor=coordinator, data=SERIES)
    meeting = series.meetings.order_by("date").first()
    with pytest.raises(InvalidData):
        services.cancel_meeting(meeting=meeting, actor=coordinator, reason="  ")
    cancelled = services.cancel_meeting(meeting=meeting, actor=coordinator, reason="Krankheit")
    assert (cancelled.status, cancelled.cancel_reason, cancelled.sequence) == (
        MeetingStatus.CANCELLED,
        "Krankheit",
        1,
    )
    assert series.meetings.filter(status=MeetingStatus.PLANNED).count() == 4
    with pytest.raises(ValueError, match="abgesagt"):
        services.cancel_meeting(meeting=cancelled, actor=coordinator, reason="noch mal")


def test_it_tells_the_invitees_only_when_invitations_were_sent(
    today, team_a, coordinator, monkeypatch
):
    calls = []
    monkeypatch.setattr(
        invitations, "send_update", lambda meeting: calls.append(("update", meeting.sequence))
    )
    monkeypatch.setattr(
        invitations,
        "send_cancellation",
        lambda meeting: calls.append(("cancel", meeting.sequence)),
    )
    quiet = make_meeting(team_a, date(2026, 3, 20))
    services.move_meeting(meeting=quiet, actor=coordinator, data={"place": "A"})
    assert calls == []
    sent = make_meeting(team_a, date(2026, 3, 27), invitations_sent_at=timezone.now())
    sent = services.move_meeting(meeting=sent, actor=coordinator, data={"place": "A"})
    services.cancel_meeting(meeting=sent, actor=coordinator, reason="Krank")
    assert calls == [("update", 1), ("cancel", 2)]


def test_it_creates_a_series_with_its_meetings(today, team_a, coordinator):
    series = services.create_series(team=team_a, actor=coordinator, data=SERIES)
    meetings = list(series.meetings.order_by("date"))
    assert [(m.date, m.time_slot, m.starts_at) for m in meetings] == [
        (date(2026, 4, 30), "vormittags", time(9)),
        (date(2026, 5, 15), "nachmittags", time(14)),  # 14.05. Christi Himmelfahrt
        (date(2026, 5, 28), "vormittags", time(9)),
        (date(2026, 6, 11), "nachmittags", time(14)),
        (date(2026, 6, 25), "vormittags", time(9)),
    ]
    assert meetings[1].series_date == date(2026, 5, 14)
    assert len({m.uid for m in meetings}) == 5


def test_it_refuses_a_series_whose_dates_changed_since_the_preview(today, team_a, coordinator):
    _series, planned = services.plan_for(team_a, SERIES)
    shown = [p.date for p in planned if p.date]
    SchoolHoliday.objects.create(
        youth_office=team_a.youth_office,
        name="Pfingstferien",
        first_day=date(2026, 5, 26),
        last_day=date(2026, 5, 29),
    )
    with pytest.raises(services.SeriesChanged):
        services.create_series(team=team_a, actor=coordinator, data=SERIES, expected=shown)
    assert not MeetingSeries.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"until": None}, "until", "ohne Ende"),
        ({"until": date(2029, 5, 1)}, "until", "höchstens 3 Jahre"),
        ({"until": date(2026, 4, 1)}, "until", "vor dem ersten"),
        ({"first_date": date(2026, 3, 1)}, "first_date", "Vergangenheit"),
        ({"first_date": date(2026, 5, 2)}, "first_date", "Werktag"),
        ({"interval_weeks": 0}, "interval_weeks", "1 bis 26"),
        ({"morning_end": time(8)}, "morning_end", "Ende muss nach dem Beginn"),
    ],
)
def test_it_refuses_bad_series(today, team_a, coordinator, data, field, message):
    with pytest.raises(InvalidData) as refused:
        services.create_series(team=team_a, actor=coordinator, data={**SERIES, **data})
    assert message in " ".join(refused.value.errors[field])
    assert not Meeting.objects.exists()


def test_it_refuses_overlapping_and_reversed_school_holidays(today, office_a, coordinator):
    def add(name, first, last):
        return services.add_school_holiday(
            office=office_a,
            actor=coordinator,
            data={"name": name, "first_day": first, "last_day": last},
        )

    summer = add("Sommerferien", date(2026, 7, 2), date(2026, 8, 12))
    with pytest.raises(InvalidData, match="überschneidet sich mit „Sommerferien“"):
        add("Zu früh", date(2026, 6, 20), date(2026, 7, 2))
    with pytest.raises(InvalidData, match="vor dem ersten"):
        add("Verdreht", date(2026, 10, 20), date(2026, 10, 10))
    with pytest.raises(InvalidData, match="höchstens 120 Tage"):
        add("Zu lang", date(2027, 1, 1), date(2027, 12, 31))
    add("Herbstferien", date(2026, 10, 12), date(2026, 10, 23))
    services.delete_school_holiday(holiday=summer, actor=coordinator)
    assert list(SchoolHoliday.objects.values_list("name", flat=True)) == ["Herbstferien"]


def test_it_tells_today_from_yesterday_at_awkward_moments(frozen_now, team_a, coordinator):
    from datetime import timedelta

    from sozialraum.meetings.participation import review, year_before

    today = timezone.localdate()
    assert today == frozen_now.date()
    services.create_meeting(team=team_a, actor=coordinator, data={**SINGLE, "date": today})
    with pytest.raises(InvalidData):
        services.create_meeting(
            team=team_a, actor=coordinator, data={**SINGLE, "date": today - timedelta(days=1)}
        )
    assert review(team_a).since == year_before(today)
