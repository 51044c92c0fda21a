"""The dates of a series (meetings/series.py): holidays of the Land from the Kreis key, school
holidays, moved and dropped dates, morning and afternoon alternating."""

from __future__ import annotations

from datetime import date

import pytest

from sozialraum.meetings.series import (
    LAND_SUBDIVISIONS,
    Period,
    SeriesRule,
    plan_series,
    public_holidays,
    slot_for,
    subdivision,
)

HEIDEKREIS = "03358"  # Niedersachsen
MUENCHEN_LAND = "09184"  # Bayern


def test_it_maps_every_land_code_to_a_subdivision_of_the_holidays_package():
    import holidays

    assert len(LAND_SUBDIVISIONS) == 16
    assert set(LAND_SUBDIVISIONS.values()) <= set(holidays.Germany.subdivisions)
    assert subdivision(HEIDEKREIS) == "NI"
    assert subdivision("01001") == "SH"
    assert subdivision("16051") == "TH"
    assert subdivision("99999") is None


def test_it_knows_the_holidays_of_niedersachsen_and_of_bayern():
    ni = public_holidays(HEIDEKREIS, date(2026, 1, 1), date(2026, 12, 31))
    by = public_holidays(MUENCHEN_LAND, date(2026, 1, 1), date(2026, 12, 31))
    assert ni[date(2026, 5, 14)] == "Christi Himmelfahrt"
    assert date(2026, 10, 31) in ni  # Reformationstag in Niedersachsen
    assert date(2026, 10, 31) not in by
    assert date(2026, 6, 4) in by  # Fronleichnam in Bayern
    assert date(2026, 6, 4) not in ni


def test_it_moves_a_date_on_a_public_holiday_to_the_next_free_working_day():
    # Every two weeks on Thursdays from 30.04.2026: 14.05. is Christi Himmelfahrt.
    rule = SeriesRule(first_date=date(2026, 4, 30), until=date(2026, 6, 30), interval_weeks=2)
    planned = plan_series(rule, kreis_key=HEIDEKREIS)
    ascension = next(p for p in planned if p.series_date == date(2026, 5, 14))
    assert ascension.date == date(2026, 5, 15)
    assert ascension.moved
    assert ascension.explanation() == (
        "14.05.2026 fällt auf Christi Himmelfahrt – verschoben auf 15.05.2026."
    )
    assert [p.date for p in planned if not p.moved] == [
        date(2026, 4, 30),
        date(2026, 5, 28),
        date(2026, 6, 11),
        date(2026, 6, 25),
    ]


def test_it_skips_the_holidays_of_the_offices_own_land_only():
    # Thursdays, weekly, around Fronleichnam (04.06.2026): a holiday in Bayern, not in NI.
    rule = SeriesRule(first_date=date(2026, 6, 4), until=date(2026, 6, 10), interval_weeks=1)
    assert plan_series(rule, kreis_key=HEIDEKREIS)[0].date == date(2026, 6, 4)
    bavarian = plan_series(rule, kreis_key=MUENCHEN_LAND)[0]
    assert bavarian.date == date(2026, 6, 5)
    assert "Fronleichnam" in bavarian.reason


def test_it_drops_a_date_when_no_working_day_is_free_before_the_next_one():
    summer = Period("Sommerferien", date(2026, 7, 2), date(2026, 8, 12))
    rule = SeriesRule(first_date=date(2026, 6, 25), until=date(2026, 8, 31), interval_weeks=1)
    planned = plan_series(rule, kreis_key=HEIDEKREIS, school_holidays=[summer])
    dropped = [p for p in planned if p.dropped]
    assert [p.series_date for p in dropped] == [
        date(2026, 7, 2) + (date(2026, 7, 9) - date(2026, 7, 2)) * n for n in range(6)
    ]
    assert "in die Schulferien „Sommerferien“" in dropped[0].explanation()
    assert "entfällt" in dropped[0].explanation()
    assert [p.date for p in planned if p.date] == [
        date(2026, 6, 25),
        date(2026, 8, 13),
        date(2026, 8, 20),
        date(2026, 8, 27),
    ]


def test_it_moves_a_date_out_of_short_school_holidays():
    autumn = Period("Herbstferien", date(2026, 10, 12), date(2026, 10, 16))
    rule = SeriesRule(first_date=date(2026, 10, 14), until=date(2026, 12, 31), interval_weeks=6)
    first = plan_series(rule, kreis_key=HEIDEKREIS, school_holidays=[autumn])[0]
    assert first.date == date(2026, 10, 19)  # the Monday after


def test_it_ignores_school_holidays_when_told_to():
    autumn = Period("Herbstferien", date(2026, 10, 12), date(2026, 10, 16))
    rule = SeriesRule(
        first_date=date(2026, 10, 14),
        until=date(2026, 10, 14),
        interval_weeks=6,
        skip_school_holidays=False,
    )
    assert plan_series(rule, kreis_key=HEIDEKREIS, school_holidays=[autumn])[0].date == date(
        2026, 10, 14
    )


def test_it_never_moves_a_date_past_the_end_of_the_series():
    rule = SeriesRule(first_date=date(2026, 5, 14), until=date(2026, 5, 14), interval_weeks=2)
    assert plan_series(rule, kreis_key=HEIDEKREIS)[0].dropped


def test_it_alternates_morning_and_afternoon_over_the_meetings_held():
    summer = Period("Sommerferien", date(2026, 7, 2), date(2026, 8, 12))
    rule = SeriesRule(first_date=date(2026, 6, 18), until=date(2026, 9, 10), interval_weeks=2)
    planned = list(plan_series(rule, kreis_key=HEIDEKREIS, school_holidays=[summer]))
    held = [(p.date, p.slot) for p in planned if p.date]
    assert held == [
        (date(2026, 6, 18), "vormittags"),
        (date(2026, 8, 13), "nachmittags"),
        (date(2026, 8, 27), "vormittags"),
        (date(2026, 9, 10), "nachmittags"),
    ]


def test_it_keeps_one_slot_without_alternation_and_starts_with_the_chosen_one():
    rule = SeriesRule(
        first_date=date(2026, 3, 12),
        until=date(2026, 4, 30),
        interval_weeks=3,
        alternate_slots=False,
        first_slot="nachmittags",
    )
    assert {p.slot for p in plan_series(rule, kreis_key=HEIDEKREIS)} == {"nachmittags"}


@pytest.mark.parametrize(
    ("hour", "slot"),
    [(8, "vormittags"), (11, "vormittags"), (12, "nachmittags"), (18, "nachmittags")],
)
def test_it_derives_the_time_slot_from_the_start(hour, slot):
    from datetime import time

    assert slot_for(time(hour, 59 if hour == 11 else 0)) == slot
