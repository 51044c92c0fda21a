"""Forms of the meetings app: they only clean input; the services write."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.lib.forms import GermanDateField
from sozialraum.meetings.attendance import Changes, CheckIn
from sozialraum.meetings.models import Meeting, TimeSlot
from sozialraum.meetings.series import MAX_INTERVAL_WEEKS, slot_for
from sozialraum.meetings.services import TEXT_MAX

# 9, 9:30, 09.30, 0930, 9 Uhr, 9:30 Uhr
_TIME = re.compile(r"(\d{1,2})(?:[:.]?(\d{2}))?(?:\s*uhr)?", re.ASCII | re.IGNORECASE)


class TimeInput(forms.TextInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "size": "5",
                "maxlength": "10",
                **(attrs or {}),
            }
        )

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, time):
            return value.strftime("%H:%M")
        return super().format_value(value)


class GermanTimeField(forms.TimeField):
    """A time typed as HH:MM (also 9, 9.30, 0930, "14 Uhr"), with a German message."""

    widget = TimeInput
    FORMAT_MESSAGE = gettext_lazy("Bitte geben Sie die Uhrzeit als SS:MM ein, z. B. 14:30.")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", gettext_lazy("Im Format SS:MM, z. B. 09:30."))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> time | None:
        if value in self.empty_values:
            return None
        if isinstance(value, time):
            return value
        match = _TIME.fullmatch(str(value).strip())
        if not match:
            raise forms.ValidationError(self.FORMAT_MESSAGE, code="invalid")
        hour, minute = int(match[1]), int(match[2] or 0)
        if hour > 23 or minute > 59:
            raise forms.ValidationError(
                _("Die Uhrzeit %(value)s gibt es nicht. %(format)s"),
                code="invalid_time",
                params={"value": str(value).strip()[:10], "format": self.FORMAT_MESSAGE},
            )
        return time(hour, minute)


def _note_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": gettext_lazy("Bitte höchstens %(limit_value)s Zeichen.")},
    )


def _place_fields(team_place: str, team_video: str) -> dict[str, forms.Field]:
    place_hint = (
        gettext_lazy("Leer lassen für den üblichen Treffpunkt des Teams: %(place)s")
        % {"place": team_place}
        if team_place
        else ""
    )
    return {
        "place": forms.CharField(
            label=gettext_lazy("Ort"), required=False, max_length=300, help_text=place_hint
        ),
        "video_link": forms.URLField(
            label=gettext_lazy("Videokonferenz-Link"),
            required=False,
            max_length=200,
            assume_scheme="https",
            help_text=gettext_lazy("Für Treffen per Video oder hybrid, z. B. https://…"),
        ),
    }


class MeetingForm(forms.Form):
    """One meeting: to create it, or to move (edit) it."""

    date = GermanDateField(label=gettext_lazy("Datum"), min_year=2000)
    starts_at = GermanTimeField(label=gettext_lazy("Beginn"))
    ends_at = GermanTimeField(label=gettext_lazy("Ende"))
    time_slot = forms.ChoiceField(
        label=gettext_lazy("Tageszeit"),
        required=False,
        choices=[("", gettext_lazy("nach der Uhrzeit (vor 12 Uhr vormittags)")), *TimeSlot.choices],
    )
    note = _note_field(gettext_lazy("Hinweis für die Eingeladenen"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, team_place: str = "", team_video: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields.update(_place_fields(team_place, team_video))
        order = ["date", "starts_at", "ends_at", "time_slot", "place", "video_link", "note"]
        self.order_fields([*order, "version"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Das Ende muss nach dem Beginn liegen."))
        return data

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in Meeting.EDITABLE_FIELDS}


def meeting_initial(meeting: Meeting) -> dict[str, Any]:
    initial = {name: getattr(meeting, name) for name in Meeting.EDITABLE_FIELDS}
    if meeting.time_slot == slot_for(meeting.starts_at):
        initial["time_slot"] = ""  # follows the start time when the meeting is moved
    initial["version"] = meeting.version
    return initial


class SeriesForm(forms.Form):
    """A series: every N weeks from a first date until an end date."""

    first_date = GermanDateField(label=gettext_lazy("Erstes Treffen am"), min_year=2000)
    until = GermanDateField(
        label=gettext_lazy("Serie endet am"),
        min_year=2000,
        help_text=gettext_lazy("Höchstens drei Jahre nach dem ersten Treffen."),
        error_messages={
            "required": gettext_lazy(
                "Bitte geben Sie an, wann die Serie endet. Eine Serie ohne Ende ist nicht möglich."
            )
        },
    )
    interval_weeks = forms.IntegerField(
        label=gettext_lazy("Abstand in Wochen"),
        min_value=1,
        max_value=MAX_INTERVAL_WEEKS,
        initial=6,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "min_value": gettext_lazy("Bitte geben Sie mindestens 1 Woche an."),
            "max_value": gettext_lazy("Bitte höchstens %(limit_value)s Wochen."),
        },
    )
    alternate_slots = forms.BooleanField(
        label=gettext_lazy("abwechselnd vormittags und nachmittags"), required=False, initial=True
    )
    first_slot = forms.ChoiceField(
        label=gettext_lazy("Das erste Treffen ist"),
        choices=TimeSlot.choices,
        initial=TimeSlot.MORNING,
        widget=forms.RadioSelect,
    )
    morning_start = GermanTimeField(label=gettext_lazy("Beginn vormittags"), initial=time(9))
    morning_end = GermanTimeField(label=gettext_lazy("Ende vormittags"), initial=time(11))
    afternoon_start = GermanTimeField(label=gettext_lazy("Beginn nachmittags"), initial=time(14))
    afternoon_end = GermanTimeField(label=gettext_lazy("Ende nachmittags"), initial=time(16))
    skip_school_holidays = forms.BooleanField(
        label=gettext_lazy("Schulferien auslassen"),
        required=False,
        initial=True,
        help_text=gettext_lazy("Gesetzliche Feiertage des Bundeslands werden immer ausgelassen."),
    )

    def __init__(self, *args: Any, team_place: str = "", team_video: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields.update(_place_fields(team_place, team_video))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for start, end in (("morning_start", "morning_end"), ("afternoon_start", "afternoon_end")):
            if data.get(start) and data.get(end) and data[end] <= data[start]:
                self.add_error(end, _("Das Ende muss nach dem Beginn liegen."))
        return data

    def data_for_service(self) -> dict[str, Any]:
        from sozialraum.meetings.services import SERIES_FIELDS

        return {name: self.cleaned_data.get(name) for name in SERIES_FIELDS}


def parse_dates(text: str) -> list[date] | None:
    """The dates a preview showed (hidden field, ISO dates separated by commas)."""
    try:
        return [date.fromisoformat(part) for part in text.split(",") if part][:400]
    except ValueError:
        return None


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Grund der Absage"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Die Eingeladenen erhalten ihn mit der Absage."),
        error_messages={
            "required": gettext_lazy("Bitte geben Sie einen Grund für die Absage an."),
            "max_length": gettext_lazy("Bitte höchstens %(limit_value)s Zeichen."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SchoolHolidayForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Bezeichnung"),
        max_length=100,
        help_text=gettext_lazy("Zum Beispiel „Sommerferien 2026“."),
    )
    first_day = GermanDateField(label=gettext_lazy("Erster Ferientag"), min_year=2000)
    last_day = GermanDateField(label=gettext_lazy("Letzter Ferientag"), min_year=2000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("Der letzte Ferientag liegt vor dem ersten."))
        return data


NEW_GUESTS = 2


class AttendanceForm(forms.Form):
    """The check-in list's input. Field names: `anwesend` / `war_anwesend` (membership ids
    ticked now / when the form was shown), `vertretung_<id>` / `war_vertretung_<id>`,
    `eintrag` / `war_eintrag` (other recorded rows), `gast_name_<n>` / `gast_org_<n>`."""

    def __init__(self, *args: Any, check_in: CheckIn, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.check_in = check_in
        members = [(str(row.pk), str(row.pk)) for row in check_in.rows]
        others = [(str(a.pk), str(a.pk)) for a in check_in.others]
        for name, choices in (("anwesend", members), ("eintrag", others)):
            for prefix in ("", "war_"):
                self.fields[prefix + name] = forms.MultipleChoiceField(
                    choices=choices, required=False, widget=forms.MultipleHiddenInput
                )
        for row in check_in.rows:
            options = [("", "")] + [(str(pk), str(pk)) for pk in sorted(row.option_ids())]
            for prefix in ("", "war_"):
                self.fields[f"{prefix}vertretung_{row.pk}"] = forms.ChoiceField(
                    choices=options, required=False, label=_("Vertreten durch")
                )
        for number in range(1, NEW_GUESTS + 1):
            self.fields[f"gast_name_{number}"] = forms.CharField(
                label=_("Name"), required=False, max_length=200
            )
            self.fields[f"gast_org_{number}"] = forms.CharField(
                label=_("Organisation"), required=False, max_length=250
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for number in range(1, NEW_GUESTS + 1):
            if (
                data.get(f"gast_org_{number}", "").strip()
                and not data.get(f"gast_name_{number}", "").strip()
            ):
                self.add_error(
                    f"gast_name_{number}", _("Bitte geben Sie auch den Namen des Gasts an.")
                )
        return data

    def changes(self) -> Changes:
        data = self.cleaned_data
        ticked, shown = set(map(int, data["anwesend"])), set(map(int, data["war_anwesend"]))
        kept, listed = set(map(int, data["eintrag"])), set(map(int, data["war_eintrag"]))
        changes = Changes(arrived=ticked - shown, left=shown - ticked, removed=listed - kept)
        for row in self.check_in.rows:
            now = data.get(f"vertretung_{row.pk}") or ""
            before = data.get(f"war_vertretung_{row.pk}") or ""
            if now != before:
                changes.substitutes[row.pk] = int(now) if now else None
                changes.replaced[row.pk] = int(before) if before else None
        for number in range(1, NEW_GUESTS + 1):
            name = data.get(f"gast_name_{number}", "").strip()
            if name:
                changes.guests.append((name, data.get(f"gast_org_{number}", "").strip()))
        return changes

    def guest_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"gast_name_{n}"], self[f"gast_org_{n}"]) for n in range(1, NEW_GUESTS + 1)]
