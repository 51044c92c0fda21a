"""The dates of a meeting series: every N weeks from a first date until an end date, skipping
public holidays of the youth office's federal state and the school holidays it entered.

Pure functions without the database, so the preview, the service and the tests compute the
same list. The rule (docs/architecture.md, "Series and holidays"):

- The regular dates are the first date plus k × N weeks, up to and including the end date.
- A regular date on a public holiday or in school holidays moves to the next working day
  (Monday to Friday) that is free, but only if that day is still before the next regular date
  and not after the end date; otherwise the date is dropped. So a series never gets two
  meetings in one interval, and a moved meeting stays close to its regular date.
- Morning and afternoon alternate over the meetings that take place (a dropped date does not
  count), so the circle of people who can only come in the afternoon still gets every second
  meeting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sozialraum.meetings.models import TimeSlot

# The first two digits of a Kreis key are the Land (Amtlicher Gemeindeschlüssel), in the
# subdivision codes of the `holidays` package.
LAND_SUBDIVISIONS = {
    "01": "SH",
    "02": "HH",
    "03": "NI",
    "04": "HB",
    "05": "NW",
    "06": "HE",
    "07": "RP",
    "08": "BW",
    "09": "BY",
    "10": "SL",
    "11": "BE",
    "12": "BB",
    "13": "MV",
    "14": "SN",
    "15": "ST",
    "16": "TH",
}

MAX_YEARS = 3  # a series may run at most this long
MAX_INTERVAL_WEEKS = 26
NOON = time(12, 0)


def subdivision(kreis_key: str) -> str | None:
    """The `holidays` subdivision of a Kreis key ("03358" -> "NI"); None if unknown."""
    return LAND_SUBDIVISIONS.get((kreis_key or "")[:2])


@lru_cache(maxsize=64)
def _public_holidays(subdiv: str | None, year: int, language: str) -> dict[date, str]:
    import holidays

    found = holidays.country_holidays("DE", subdiv=subdiv, years=year, language=language)
    return dict(found.items())


def public_holidays(kreis_key: str, first: date, last: date) -> dict[date, str]:
    """The public holidays of the Land of `kreis_key` between two dates, with their names in
    the active language (German or English)."""
    language = "en_US" if (get_language() or "de").startswith("en") else "de"
    subdiv = subdivision(kreis_key)
    found: dict[date, str] = {}
    for year in range(first.year, last.year + 1):
        for day, name in _public_holidays(subdiv, year, language).items():
            if first <= day <= last:
                found[day] = name
    return found


@dataclass(frozen=True)
class Period:
    """School holidays: a name and the first and last day (both included)."""

    name: str
    first_day: date
    last_day: date


def slot_for(start: time) -> str:
    """The time slot a start time belongs to: before 12:00 vormittags, else nachmittags."""
    return TimeSlot.MORNING if start < NOON else TimeSlot.AFTERNOON


@dataclass(frozen=True)
class PlannedDate:
    """One date of a series as planned: `series_date` the regular one, `date` where it takes
    place (None: dropped), `reason` why it was moved or dropped."""

    series_date: date
    date: date | None
    slot: str
    reason: str = ""

    @property
    def moved(self) -> bool:
        return self.date is not None and self.date != self.series_date

    @property
    def dropped(self) -> bool:
        return self.date is None

    def explanation(self) -> str:
        """The sentence the preview shows ("12.05.2026 fällt auf … – verschoben auf …")."""
        regular = date_format(self.series_date, "SHORT_DATE_FORMAT")
        if self.date is None:
            message = _(
                "%(date)s fällt %(reason)s – entfällt, weil bis zum nächsten Termin kein "
                "Werktag frei ist."
            )
            return message % {
                "date": regular,
                "reason": self.reason,
            }
        if self.moved:
            return _("%(date)s fällt %(reason)s – verschoben auf %(new)s.") % {
                "date": regular,
                "reason": self.reason,
                "new": date_format(self.date, "SHORT_DATE_FORMAT"),
            }
        return ""


@dataclass(frozen=True)
class SeriesRule:
    first_date: date
    until: date
    interval_weeks: int
    alternate_slots: bool = True
    first_slot: str = TimeSlot.MORNING
    skip_school_holidays: bool = True


class Calendar:
    """Which days are not free: public holidays of the Land and the school holidays."""

    def __init__(
        self, kreis_key: str, first: date, last: date, school_holidays: Iterable[Period] = ()
    ) -> None:
        self.holidays = public_holidays(kreis_key, first, last)
        self.school = [p for p in school_holidays if p.last_day >= first and p.first_day <= last]

    def blocked(self, day: date, *, school: bool = True) -> str:
        """Why `day` is no day for a meeting, as the end of "… fällt …" ("auf Ostermontag");
        "" if it is free."""
        if day in self.holidays:
            return _("auf %(holiday)s") % {"holiday": self.holidays[day]}
        if school:
            for period in self.school:
                if period.first_day <= day <= period.last_day:
                    return _("in die Schulferien „%(name)s“") % {"name": period.name}
        if day.weekday() >= 5:
            return _("auf ein Wochenende")
        return ""


def regular_dates(rule: SeriesRule) -> list[date]:
    step = timedelta(weeks=rule.interval_weeks)
    dates, day = [], rule.first_date
    while day <= rule.until:
        dates.append(day)
        day += step
    return dates


def plan_series(
    rule: SeriesRule, *, kreis_key: str, school_holidays: Iterable[Period] = ()
) -> list[PlannedDate]:
    """Every regular date of the series, where it takes place and why it moved (see above)."""
    step = timedelta(weeks=rule.interval_weeks)
    horizon = rule.until + step
    calendar = Calendar(kreis_key, rule.first_date, horizon, school_holidays)
    other = TimeSlot.AFTERNOON if rule.first_slot == TimeSlot.MORNING else TimeSlot.MORNING
    planned: list[PlannedDate] = []
    held = 0
    for regular in regular_dates(rule):
        slot = rule.first_slot if not rule.alternate_slots or held % 2 == 0 else other
        reason = calendar.blocked(regular, school=rule.skip_school_holidays)
        if not reason:
            planned.append(PlannedDate(series_date=regular, date=regular, slot=slot))
            held += 1
            continue
        day = regular + timedelta(days=1)
        limit = min(regular + step - timedelta(days=1), rule.until)
        while day <= limit and calendar.blocked(day, school=rule.skip_school_holidays):
            day += timedelta(days=1)
        if day <= limit:
            planned.append(PlannedDate(series_date=regular, date=day, slot=slot, reason=reason))
            held += 1
        else:
            planned.append(PlannedDate(series_date=regular, date=None, slot=slot, reason=reason))
    return planned
