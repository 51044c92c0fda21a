"""The directory as a table for download, with the import's German headers (so an export can
be imported again, e.g. after corrections in Excel). The columns are the import's
(`import_columns.COLUMN_FIELDS`): header -> the organisation's field."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from sozialraum.network.import_columns import COLUMN_FIELDS
from sozialraum.network.models import Organisation

# Social spaces are joined with " | ": names may contain commas ("Ahlden, Rethem, Schwarmstedt").
SPACE_SEPARATOR = " | "


def cell(org: Organisation, field: str) -> str:
    """A field as the import reads it back: labels of choices, the AGS, joined space names."""
    if field == "kind":
        return str(org.get_kind_display())
    if field == "municipality":
        return org.municipality.ags if org.municipality else ""
    if field == "social_spaces":
        return SPACE_SEPARATOR.join(sorted(space.name for space in org.social_spaces.all()))
    return str(getattr(org, field))


def organisation_table(queryset: QuerySet[Organisation]) -> tuple[list[str], Iterator[list]]:
    """(headers, rows) for lib.exports.csv_response / xlsx_response. Rows are produced lazily,
    in chunks, with three queries per chunk of 2,000 organisations."""
    organisations = queryset.select_related("municipality").prefetch_related("social_spaces")
    fields = list(COLUMN_FIELDS.values())

    def rows() -> Iterator[list]:
        for org in organisations.iterator(chunk_size=2000):
            yield [cell(org, field) for field in fields]

    return list(COLUMN_FIELDS), rows()
