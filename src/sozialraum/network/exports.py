"""The directory as a table for download, with the import's German headers (so an export can
be imported again, e.g. after corrections in Excel)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from sozialraum.network.imports import HEADERS
from sozialraum.network.models import Organisation

# Social spaces are joined with " | ": names may contain commas ("Ahlden, Rethem, Schwarmstedt").
SPACE_SEPARATOR = " | "


def organisation_table(queryset: QuerySet[Organisation]) -> tuple[list[str], Iterator[list]]:
    """(headers, rows) for lib.exports.csv_response / xlsx_response. Rows are produced lazily,
    in chunks, with three queries per chunk of 2,000 organisations."""
    organisations = queryset.select_related("municipality").prefetch_related("social_spaces")

    def rows() -> Iterator[list]:
        for org in organisations.iterator(chunk_size=2000):
            yield [
                org.name,
                org.get_kind_display(),
                org.street,
                org.postcode,
                org.city,
                org.municipality.ags if org.municipality else "",
                org.phone,
                org.email,
                org.website,
                SPACE_SEPARATOR.join(sorted(space.name for space in org.social_spaces.all())),
                org.description,
                org.external_id,
            ]

    return list(HEADERS), rows()
