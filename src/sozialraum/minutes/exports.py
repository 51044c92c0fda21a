"""The decisions register as a table for download (lib.exports: CSV and XLSX, safe against
formula injection): the filtered register, every row with its full text."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from sozialraum.minutes.models import Decision

# Social spaces are joined with " | ": names may contain commas.
SPACE_SEPARATOR = " | "


def decision_headers() -> list[str]:
    return [
        _("Nummer"),
        _("Datum"),
        _("Team"),
        _("Sozialräume"),
        _("Beschluss"),
        _("Status"),
        _("Vermerk zum Status"),
        _("Protokoll vom"),
    ]


def decision_row(decision: Decision) -> list[object]:
    minutes = decision.minutes
    return [
        decision.label,
        decision.date,
        decision.team.name,
        SPACE_SEPARATOR.join(sorted(space.name for space in decision.team.social_spaces.all())),
        decision.text,
        decision.get_status_display(),
        decision.status_note,
        minutes.meeting.date if minutes is not None else None,
    ]


def decision_table(queryset: QuerySet[Decision]) -> tuple[list[str], Iterator[list[object]]]:
    """(headers, rows) for lib.exports.csv_response / xlsx_response, produced lazily in chunks
    (three queries per chunk of 2,000 decisions)."""
    decisions = queryset.select_related("team", "minutes", "minutes__meeting").prefetch_related(
        "team__social_spaces"
    )

    def rows() -> Iterator[list[object]]:
        for decision in decisions.iterator(chunk_size=2000):
            yield decision_row(decision)

    return decision_headers(), rows()
