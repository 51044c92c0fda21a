"""Writes of the meetings app: single meetings, series, moving and cancelling, school holidays.

Keyword-only, atomic, audited. Invalid values raise `InvalidData` (German messages per field),
refusals of the whole action `ValueError`, a stale `version` `ConcurrentEditError`. Every move
and cancellation raises the meeting's iCalendar `sequence` and, when invitations were sent,
tells the invitees (`notify_change`).
"""

from __future__ import annotations

import copy
import logging
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot, stored_language
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.meetings.models import Meeting, MeetingSeries, MeetingStatus, SchoolHoliday
from sozialraum.meetings.series import (
    MAX_INTERVAL_WEEKS,
    MAX_YEARS,
    Calendar,
    Period,
    PlannedDate,
    SeriesRule,
    plan_series,
    slot_for,
)
from sozialraum.regions.models import YouthOffice
from sozialraum.teams.models import Team

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

logger = logging.getLogger(__name__)

TEXT_MAX = 2000  # notes and reasons of a cancellation
MEETING_AUDITED = [*Meeting.EDITABLE_FIELDS, "status", "cancel_reason"]
SERIES_FIELDS = (
    "first_date",
    "until",
    "interval_weeks",
    "alternate_slots",
    "first_slot",
    "morning_start",
    "morning_end",
    "afternoon_start",
    "afternoon_end",
    "place",
    "video_link",
    "skip_school_holidays",
)
HOLIDAY_FIELDS = ("name", "first_day", "last_day")
MAX_HOLIDAY_DAYS = 120


# Helpers --------------------------------------------------------------------------------------


def _full_clean(instance, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidData(
            {name: [str(m) for m in messages] for name, messages in error.message_dict.items()},
            type(instance),
        ) from None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _check_keys(data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(unknown)}")


def latest_date(today: date) -> date:
    """How far ahead meetings may be planned."""
    try:
        return today.replace(year=today.year + MAX_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + MAX_YEARS, day=28)


def notify_change(meeting: Meeting) -> None:
    """Tell the invitees about a moved or cancelled meeting, if invitations went out: the
    invitations module sends the update (same UID, higher SEQUENCE) or the cancellation
    (METHOD:CANCEL), after the commit."""
    if not meeting.invitations_sent_at:
        return
    # Imported here: the invitations module builds on these services.
    from sozialraum.meetings import invitations

    if meeting.status == MeetingStatus.CANCELLED:
        invitations.send_cancellation(meeting)
    else:
        invitations.send_update(meeting)


# Single meetings --------------------------------------------------------------------------------


def _apply_meeting_data(meeting: Meeting, data: dict[str, Any]) -> None:
    _check_keys(data, Meeting.EDITABLE_FIELDS)
    for name in ("place", "video_link", "note"):
        if name in data:
            setattr(meeting, name, _text(data[name]))
    for name in ("date", "starts_at", "ends_at"):
        if name in data:
            setattr(meeting, name, data[name])
    if "time_slot" in data or "starts_at" in data:
        slot = _text(data.get("time_slot"))
        if not slot and isinstance(meeting.starts_at, time):
            slot = slot_for(meeting.starts_at)
        meeting.time_slot = slot


def _validate_meeting(meeting: Meeting, *, today: date) -> None:
    errors: dict[str, list[str]] = {}
    if isinstance(meeting.date, date):
        if meeting.date < today:
            errors["date"] = [
                _(
                    "Das Datum liegt in der Vergangenheit. Bitte wählen Sie heute oder einen Tag "
                    "danach."
                )
            ]
        elif meeting.date > latest_date(today):
            errors["date"] = [
                _("Treffen lassen sich höchstens %(years)s Jahre im Voraus planen.")
                % {"years": MAX_YEARS}
            ]
    starts, ends = meeting.starts_at, meeting.ends_at
    if isinstance(starts, time) and isinstance(ends, time) and ends <= starts:
        errors["ends_at"] = [_("Das Ende muss nach dem Beginn liegen.")]
    if len(meeting.note) > TEXT_MAX:
        errors["note"] = [_("Bitte höchstens %(max)s Zeichen.") % {"max": f"{TEXT_MAX:n}"}]
    if errors:
        raise InvalidData(errors, Meeting)
    _full_clean(meeting, exclude=["youth_office", "team", "series", "uid"])


@transaction.atomic
def create_meeting(*, team: Team, actor: User | None, data: dict[str, Any]) -> Meeting:
    """One meeting of `team`; place and video link default to the team's."""
    meeting = Meeting(
        youth_office_id=team.youth_office_id,
        team=team,
        place=team.default_place,
        video_link=team.default_video_link,
    )
    values = dict(data)
    for name in ("place", "video_link"):
        if not _text(values.get(name)):
            values.pop(name, None)
    _apply_meeting_data(meeting, values)
    _validate_meeting(meeting, today=timezone.localdate())
    meeting.save()
    record(
        office=team.youth_office,
        actor=actor,
        action=Action.CREATE,
        instance=meeting,
        changes=diff({}, snapshot(meeting, MEETING_AUDITED)),
    )
    return meeting


def _refuse_if_over(meeting: Meeting, today: date) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValueError(_("Dieses Treffen ist abgesagt. Es lässt sich nicht mehr ändern."))
    if meeting.date < today:
        raise ValueError(
            _(
                "Dieses Treffen hat schon stattgefunden. Vergangene Treffen lassen sich nicht "
                "verschieben."
            )
        )


def _save_change(
    meeting: Meeting, candidate: Meeting, version: int, fields: list[str], actor: User | None
) -> Meeting:
    before = snapshot(meeting, MEETING_AUDITED)
    values = {name: getattr(candidate, name) for name in fields}
    updated = Meeting.objects.filter(pk=meeting.pk, version=version).update(
        **values,
        updated_at=timezone.now(),
        version=F("version") + 1,
        sequence=F("sequence") + 1,
    )
    if not updated:
        raise ConcurrentEditError
    saved = Meeting.objects.select_related("team", "youth_office", "series").get(pk=meeting.pk)
    record(
        office=saved.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=saved,
        changes=diff(before, snapshot(saved, MEETING_AUDITED)),
    )
    notify_change(saved)
    return saved


@transaction.atomic
def move_meeting(
    *, meeting: Meeting, actor: User | None, data: dict[str, Any], version: int | None = None
) -> Meeting:
    """Change date, times, place, video link or note of one meeting (also one of a series: it
    keeps its `series_date`). Raises the sequence and tells the invitees."""
    version = meeting.version if version is None else version
    if meeting.version != version:
        raise ConcurrentEditError
    today = timezone.localdate()
    _refuse_if_over(meeting, today)
    candidate = copy.copy(meeting)
    _apply_meeting_data(candidate, data)
    _validate_meeting(candidate, today=today)
    fields = [f for f in Meeting.EDITABLE_FIELDS if getattr(candidate, f) != getattr(meeting, f)]
    if not fields:
        return meeting
    return _save_change(meeting, candidate, version, fields, actor)


@transaction.atomic
def cancel_meeting(
    *, meeting: Meeting, actor: User | None, reason: str, version: int | None = None
) -> Meeting:
    """Cancel one meeting (the series goes on); the reason goes to the invitees."""
    version = meeting.version if version is None else version
    if meeting.version != version:
        raise ConcurrentEditError
    _refuse_if_over(meeting, timezone.localdate())
    reason = _text(reason)
    if not reason:
        raise InvalidData({"reason": [_("Bitte geben Sie einen Grund für die Absage an.")]})
    if len(reason) > TEXT_MAX:
        raise InvalidData(
            {"reason": [_("Bitte höchstens %(max)s Zeichen.") % {"max": f"{TEXT_MAX:n}"}]}
        )
    candidate = copy.copy(meeting)
    candidate.status = MeetingStatus.CANCELLED
    candidate.cancel_reason = reason
    return _save_change(meeting, candidate, version, ["status", "cancel_reason"], actor)


# Series -----------------------------------------------------------------------------------------


class SeriesChanged(ValueError):
    """The dates of the series differ from those the preview showed (holidays changed)."""


def school_periods(office: YouthOffice) -> list[Period]:
    rows = SchoolHoliday.objects.in_office(office).values_list("name", "first_day", "last_day")
    return [Period(name, first, last) for name, first, last in rows]


def _series(team: Team, data: dict[str, Any]) -> MeetingSeries:
    _check_keys(data, SERIES_FIELDS)
    series = MeetingSeries(
        youth_office_id=team.youth_office_id,
        team=team,
        place=team.default_place,
        video_link=team.default_video_link,
    )
    for name, value in data.items():
        if name in ("place", "video_link"):
            if _text(value):
                setattr(series, name, _text(value))
        else:
            setattr(series, name, value)
    return series


def _series_date_errors(series: MeetingSeries, today: date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    first, until = series.first_date, series.until
    if not isinstance(first, date):
        errors["first_date"] = [_("Bitte geben Sie das Datum des ersten Treffens an.")]
    elif first < today:
        errors["first_date"] = [
            _("Das erste Treffen liegt in der Vergangenheit. Bitte wählen Sie heute oder später.")
        ]
    elif first.weekday() >= 5:
        errors["first_date"] = [_("Bitte wählen Sie einen Werktag (Montag bis Freitag).")]
    if not isinstance(until, date):
        errors["until"] = [
            _("Bitte geben Sie an, wann die Serie endet. Eine Serie ohne Ende ist nicht möglich.")
        ]
    elif isinstance(first, date) and until < first:
        errors["until"] = [_("Das Ende der Serie liegt vor dem ersten Treffen.")]
    elif isinstance(first, date) and until > latest_date(first):
        errors["until"] = [
            _(
                "Eine Serie darf höchstens %(years)s Jahre dauern. Bitte wählen Sie ein "
                "früheres Ende."
            )
            % {"years": MAX_YEARS}
        ]
    return errors


def _validate_series(series: MeetingSeries, today: date) -> None:
    errors = _series_date_errors(series, today)
    interval = series.interval_weeks
    if not isinstance(interval, int) or not 1 <= interval <= MAX_INTERVAL_WEEKS:
        errors["interval_weeks"] = [
            _("Bitte geben Sie eine Zahl von 1 bis %(max)s an.") % {"max": MAX_INTERVAL_WEEKS}
        ]
    for start, end in (("morning_start", "morning_end"), ("afternoon_start", "afternoon_end")):
        begins, ends = getattr(series, start), getattr(series, end)
        if isinstance(begins, time) and isinstance(ends, time) and ends <= begins:
            errors[end] = [_("Das Ende muss nach dem Beginn liegen.")]
    if errors:
        raise InvalidData(errors, MeetingSeries)
    _full_clean(series, exclude=["youth_office", "team", "created_by"])


def plan_for(team: Team, data: dict[str, Any]) -> tuple[MeetingSeries, list[PlannedDate]]:
    """The series `data` describes and its dates (for the preview); raises InvalidData."""
    series = _series(team, data)
    _validate_series(series, timezone.localdate())
    rule = SeriesRule(
        first_date=series.first_date,
        until=series.until,
        interval_weeks=series.interval_weeks,
        alternate_slots=series.alternate_slots,
        first_slot=series.first_slot,
        skip_school_holidays=series.skip_school_holidays,
    )
    periods = school_periods(team.youth_office) if series.skip_school_holidays else []
    planned = plan_series(rule, kreis_key=team.youth_office.kreis_key, school_holidays=periods)
    if not any(p.date for p in planned):
        raise InvalidData({"until": [_("In diesem Zeitraum bleibt kein Termin übrig.")]})
    return series, planned


def blocked_reason(office: YouthOffice, day: date) -> str:
    """Why `day` is an unusual day for a meeting ("auf Ostermontag", "in die Schulferien …"),
    "" if it is not: a single meeting may still be planned then, the page says so."""
    return Calendar(office.kreis_key, day, day, school_periods(office)).blocked(day)


def _times(series: MeetingSeries, slot: str) -> tuple[time, time]:
    if slot == "vormittags":
        return series.morning_start, series.morning_end
    return series.afternoon_start, series.afternoon_end


@transaction.atomic
def create_series(
    *,
    team: Team,
    actor: User | None,
    data: dict[str, Any],
    expected: list[date] | None = None,
) -> MeetingSeries:
    """A series and all its meetings. `expected`: the dates the preview showed; if the dates
    are different now (somebody entered school holidays meanwhile), `SeriesChanged`."""
    series, planned = plan_for(team, data)
    dates = [p.date for p in planned if p.date is not None]
    if expected is not None and expected != dates:
        raise SeriesChanged(
            _(
                "Die Termine haben sich seit der Vorschau geändert, z. B. weil Schulferien "
                "eingetragen wurden. Bitte prüfen Sie die neue Vorschau."
            )
        )
    series.created_by = actor if actor is not None and actor.is_authenticated else None
    series.save()
    meetings = []
    for p in planned:
        if p.date is None:
            continue
        starts, ends = _times(series, p.slot)
        meetings.append(
            Meeting(
                youth_office_id=team.youth_office_id,
                team=team,
                series=series,
                series_date=p.series_date,
                date=p.date,
                starts_at=starts,
                ends_at=ends,
                time_slot=p.slot,
                place=series.place,
                video_link=series.video_link,
            )
        )
    Meeting.objects.bulk_create(meetings)
    changes = diff({}, snapshot(series, list(SERIES_FIELDS)))
    with stored_language():
        changes["meetings"] = {"old": "", "new": str(len(meetings))}
    record(
        office=team.youth_office,
        actor=actor,
        action=Action.CREATE,
        instance=series,
        changes=changes,
    )
    return series


# School holidays ----------------------------------------------------------------------------------


@transaction.atomic
def add_school_holiday(
    *, office: YouthOffice, actor: User | None, data: dict[str, Any]
) -> SchoolHoliday:
    """School holidays; reversed and overlapping periods are refused."""
    _check_keys(data, HOLIDAY_FIELDS)
    holiday = SchoolHoliday(
        youth_office=office,
        name=_text(data.get("name")),
        first_day=data["first_day"],
        last_day=data["last_day"],
    )
    first, last = holiday.first_day, holiday.last_day
    if isinstance(first, date) and isinstance(last, date):
        if last < first:
            raise InvalidData(
                {"last_day": [_("Der letzte Ferientag liegt vor dem ersten.")]}, SchoolHoliday
            )
        if last - first > timedelta(days=MAX_HOLIDAY_DAYS):
            raise InvalidData(
                {
                    "last_day": [
                        _("Ferien dauern höchstens %(days)s Tage. Bitte prüfen Sie die Daten.")
                        % {"days": MAX_HOLIDAY_DAYS}
                    ]
                },
                SchoolHoliday,
            )
        # Lock the office's row, so two coordinators cannot enter overlapping periods at once.
        YouthOffice.objects.select_for_update().filter(pk=office.pk).first()
        overlapping = (
            SchoolHoliday.objects.in_office(office)
            .filter(first_day__lte=last, last_day__gte=first)
            .first()
        )
        if overlapping is not None:
            raise InvalidData(
                {
                    "first_day": [
                        _(
                            "Dieser Zeitraum überschneidet sich mit „%(name)s“ "
                            "(%(first)s bis %(last)s)."
                        )
                        % {
                            "name": overlapping.name,
                            "first": overlapping.first_day.strftime("%d.%m.%Y"),
                            "last": overlapping.last_day.strftime("%d.%m.%Y"),
                        }
                    ]
                },
                SchoolHoliday,
            )
    _full_clean(holiday, exclude=["youth_office"])
    holiday.save()
    record(
        office=office,
        actor=actor,
        action=Action.CREATE,
        instance=holiday,
        changes=diff({}, snapshot(holiday, list(HOLIDAY_FIELDS))),
    )
    return holiday


@transaction.atomic
def delete_school_holiday(*, holiday: SchoolHoliday, actor: User | None) -> None:
    """Delete school holidays; meetings already planned stay where they are."""
    office = YouthOffice.objects.get(pk=holiday.youth_office_id)
    record(
        office=office,
        actor=actor,
        action=Action.DELETE,
        instance=holiday,
        changes=diff(snapshot(holiday, list(HOLIDAY_FIELDS)), {}),
    )
    SchoolHoliday.objects.filter(pk=holiday.pk).delete()
