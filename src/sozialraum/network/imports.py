"""Import of organisations from CSV or XLSX (DESIGN.md §4).

`parse_organisations` reads and validates the whole file and plans every row ("neu" or
"aktualisieren") without writing anything. `apply_import` writes the plan, all or nothing, with
bulk operations and one audit entry for the whole import. If the directory changed since the
preview, it plans again inside its transaction, so an entry made meanwhile is never duplicated.
Re-importing an unchanged entry confirms it as current. Row validation: network.import_rows.

Matching: by `Kennung` (external id) first, else by name (German-aware key) and PLZ. Columns that
are in the file overwrite the stored values (an empty cell empties the field), columns that are
not in the file leave them alone; an empty `Kennung` never removes a stored one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import record, stored_language
from sozialraum.lib.imports import ImportFileError, RowError, read_table
from sozialraum.network.import_rows import (
    COLUMNS,
    HEADERS,
    ImportPreview,
    ImportResult,
    PlannedRow,
    Planner,
    field_of,
)
from sozialraum.network.models import Organisation, PendingImport
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

__all__ = [
    "COLUMNS",
    "HEADERS",
    "ImportPreview",
    "ImportResult",
    "PlannedRow",
    "apply_import",
    "apply_pending_import",
    "create_pending_import",
    "directory_fingerprint",
    "parse_organisations",
    "pending_preview",
]

BATCH = 500
# A stored plan keeps every planned row (the import needs them) but only the first errors and
# hints (the preview shows no more); the rest are counted.
STORED_ERRORS = 500
STORED_WARNINGS = 100
# Raised whenever the stored form of a plan changes: an older plan is then made again.
PLAN_FORMAT = 1


# Parsing and validation -----------------------------------------------------------------------


def parse_organisations(*, data: bytes, filename: str, office: YouthOffice) -> ImportPreview:
    """Read, validate and plan the import. Never raises for bad input: file-level problems
    become `file_error` (and one error with line 0), row problems become RowErrors."""
    preview = ImportPreview(filename=filename, data=data, office_id=office.pk)
    try:
        table = read_table(data, filename, COLUMNS)
    except ImportFileError as error:
        preview.file_error = str(error)
        preview.errors.append(RowError(0, "", str(error)))
        return preview
    preview.columns = table.columns
    preview.unknown_columns = table.unknown_columns
    preview.errors.extend(table.errors)
    if not table.rows and not table.errors:
        message = _("Die Datei enthält nur die Kopfzeile, aber keine Organisationen.")
        preview.file_error = message
        preview.errors.append(RowError(0, "", message))
        return preview
    if any(c.required and c.name not in table.columns for c in COLUMNS):
        return preview  # the missing column is reported once, not in every row
    preview.fingerprint = directory_fingerprint(office)
    Planner(office, table.columns).plan(table.rows, preview)
    preview.errors.sort(
        key=lambda e: (e.line, HEADERS.index(e.column) if e.column in HEADERS else -1)
    )
    return preview


# The plan, stored once per upload ------------------------------------------------------------


def create_pending_import(
    *, office: YouthOffice, actor, filename: str, data: bytes
) -> PendingImport:
    """Store an upload with its plan: the file is read and validated here, once."""
    preview = parse_organisations(data=data, filename=filename, office=office)
    return PendingImport.objects.create(
        youth_office=office,
        created_by=actor,
        filename=filename,
        data=data,
        plan=plan_to_json(preview),
    )


def pending_preview(pending: PendingImport) -> ImportPreview:
    """The preview of an upload from its stored plan (no parsing, no query of the directory).
    A plan in an older format is made again from the file."""
    preview = preview_from_json(pending.plan)
    if preview is None:
        preview = parse_organisations(
            data=bytes(pending.data), filename=pending.filename, office=pending.youth_office
        )
        pending.plan = plan_to_json(preview)
        pending.save(update_fields=["plan"])
    preview.filename = pending.filename
    preview.office_id = pending.youth_office_id
    return preview


def apply_pending_import(*, pending: PendingImport, office: YouthOffice, actor) -> ImportResult:
    """Apply the stored plan (apply_import plans again if the directory changed meanwhile)."""
    preview = pending_preview(pending)
    preview.data = bytes(pending.data)
    return apply_import(preview=preview, office=office, actor=actor)


def plan_to_json(preview: ImportPreview) -> dict[str, Any]:
    def error(row_error: RowError) -> list:
        return [row_error.line, row_error.column, row_error.message]

    return {
        "format": PLAN_FORMAT,
        "fingerprint": list(preview.fingerprint),
        "file_error": preview.file_error,
        "columns": preview.columns,
        "unknown_columns": preview.unknown_columns,
        "errors": [error(e) for e in preview.errors[:STORED_ERRORS]],
        "error_count": preview.error_count,
        "warnings": [error(w) for w in preview.duplicate_warnings[:STORED_WARNINGS]],
        "warning_count": preview.warning_count,
        "rows": [
            {
                "line": row.line,
                "action": row.action,
                "values": {
                    name: value.pk if isinstance(value, Municipality) else value
                    for name, value in row.values.items()
                },
                "spaces": None
                if row.social_spaces is None
                else [[space.pk, space.name] for space in row.social_spaces],
                "organisation": row.organisation_id,
                "changes": [str(change) for change in row.changes],
            }
            for row in preview.rows
        ],
    }


def preview_from_json(plan: dict[str, Any] | None) -> ImportPreview | None:
    """None if there is no plan in the current format."""
    if not plan or plan.get("format") != PLAN_FORMAT:
        return None
    errors = [RowError(*e) for e in plan["errors"]]
    warnings = [RowError(*w) for w in plan["warnings"]]
    # One stand-in per municipality and social space (they carry only pk and name): a model
    # instance costs tens of microseconds, and 20,000 rows name the same few dozen.
    municipalities: dict[int, Municipality] = {}
    spaces_by_pk: dict[int, SocialSpace] = {}
    rows = []
    for row in plan["rows"]:
        values = dict(row["values"])
        if values.get("municipality") is not None:
            pk = values["municipality"]
            if pk not in municipalities:
                municipalities[pk] = Municipality(pk=pk)
            values["municipality"] = municipalities[pk]
        spaces = row["spaces"]
        if spaces is not None:
            for pk, name in spaces:
                if pk not in spaces_by_pk:
                    spaces_by_pk[pk] = SocialSpace(pk=pk, name=name)
        rows.append(
            PlannedRow(
                line=row["line"],
                action=row["action"],
                values=values,
                social_spaces=None if spaces is None else [spaces_by_pk[pk] for pk, _ in spaces],
                organisation_id=row["organisation"],
                changes=row["changes"],
            )
        )
    return ImportPreview(
        filename="",
        rows=rows,
        errors=errors,
        duplicate_warnings=warnings,
        unknown_columns=plan["unknown_columns"],
        columns=plan["columns"],
        file_error=plan["file_error"],
        fingerprint=tuple(plan["fingerprint"]),
        hidden_errors=plan["error_count"] - len(errors),
        hidden_warnings=plan["warning_count"] - len(warnings),
    )


# Applying -------------------------------------------------------------------------------------


def directory_fingerprint(office: YouthOffice) -> tuple:
    """Changes whenever an organisation or social space of the office is added, changed or
    deleted (every write raises a `version`)."""
    organisations = Organisation.objects.in_office(office).aggregate(
        n=Count("id"), last=Max("id"), versions=Sum("version")
    )
    spaces = SocialSpace.objects.in_office(office).aggregate(
        n=Count("id"), last=Max("id"), versions=Sum("version")
    )
    return (*organisations.values(), *spaces.values())


@transaction.atomic
def apply_import(
    *, preview: ImportPreview, office: YouthOffice, actor: User | None
) -> ImportResult:
    """Write the planned rows, all or nothing. If the directory changed since the preview was
    made, it plans again (inside the transaction, with the office's organisations locked on
    PostgreSQL), so the result never duplicates an entry made meanwhile. ValueError if the
    file has errors or no longer fits."""
    if preview.office_id != office.pk:
        raise ValueError("The preview was made for another youth office.")
    if not preview.is_valid:
        raise ValueError(
            _("Die Datei enthält Fehler. Es wurde nichts übernommen. Bitte korrigieren Sie sie.")
        )
    list(Organisation.objects.in_office(office).select_for_update().values_list("pk", flat=True))
    plan = preview
    # The plan holds while nothing in the directory changed (every write raises a version);
    # else the file is planned again, against the directory as it is now.
    if directory_fingerprint(office) != tuple(preview.fingerprint):
        if not preview.data:
            raise ValueError("The directory changed and the preview has no file to plan again.")
        plan = parse_organisations(data=preview.data, filename=preview.filename, office=office)
        if not plan.is_valid:
            raise ValueError(
                _(
                    "Das Verzeichnis hat sich seit der Vorschau geändert; die Datei passt nicht "
                    "mehr dazu. Es wurde nichts übernommen. Bitte laden Sie die Datei erneut hoch."
                )
            )
    now = timezone.now()
    new_rows = [row for row in plan.rows if row.action == "neu"]
    changed_rows = [row for row in plan.rows if row.action == "aktualisieren" and row.changes]
    unchanged_ids = [row.organisation_id for row in plan.rows if row.is_unchanged]
    through = Organisation.social_spaces.through

    created = Organisation.objects.bulk_create(
        [_new_organisation(office, row.values, now) for row in new_rows], batch_size=BATCH
    )
    links = [
        through(organisation_id=org.pk, socialspace_id=space.pk)
        for org, row in zip(created, new_rows, strict=True)
        for space in row.social_spaces or []
    ]
    if changed_rows:
        _update_organisations(changed_rows, now)
        respaced = [row.organisation_id for row in changed_rows if row.social_spaces is not None]
        for chunk in _chunks(respaced):
            through.objects.filter(organisation_id__in=chunk).delete()
        links += [
            through(organisation_id=row.organisation_id, socialspace_id=space.pk)
            for row in changed_rows
            if row.social_spaces is not None
            for space in row.social_spaces
        ]
    through.objects.bulk_create(links, batch_size=BATCH)
    # Re-importing an unchanged entry confirms it as current.
    for chunk in _chunks(unchanged_ids):
        Organisation.objects.filter(pk__in=chunk).update(confirmed_at=now)

    result = ImportResult(
        created=len(created), updated=len(changed_rows), unchanged=len(unchanged_ids)
    )
    with stored_language():
        label = _("Import aus „%(file)s“") % {"file": preview.filename}
        summary = _("%(created)s neu, %(updated)s aktualisiert, %(unchanged)s unverändert") % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
    record(
        office=office,
        actor=actor,
        action=Action.IMPORT,
        instance=Organisation(youth_office=office),
        label=label,
        changes={"import": {"old": "", "new": summary}},
    )
    return result


def _chunks(ids: list) -> Iterator[list]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _update_organisations(rows: list[PlannedRow], now) -> None:
    """One UPDATE statement per row, sent with executemany: far faster than bulk_update's
    CASE expressions for thousands of rows with different values."""
    current = {}
    for chunk in _chunks([row.organisation_id for row in rows]):
        current.update(Organisation.objects.in_bulk(chunk))
    names = sorted({name for row in rows for name in row.values})
    fields = [field_of(name) for name in names]
    fields += [
        field_of(name)
        for name in (*Organisation().computed_keys(), "version", "confirmed_at", "updated_at")
    ]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    table = quote(Organisation._meta.db_table)
    # Only table and column names from the model go into the text; values are parameters.
    sql = f"UPDATE {table} SET {assignments} WHERE {quote('id')} = %s"  # noqa: S608
    params = []
    for row in rows:
        org = current[row.organisation_id]
        for name, value in row.values.items():
            setattr(org, name, value)
        org.set_keys()
        org.version += 1
        org.confirmed_at = now
        org.updated_at = now
        params.append(
            [f.get_db_prep_save(getattr(org, f.attname), connection) for f in fields] + [org.pk]
        )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _new_organisation(office: YouthOffice, values: dict[str, Any], now) -> Organisation:
    org = Organisation(youth_office=office, confirmed_at=now, created_at=now, updated_at=now)
    for name, value in values.items():
        setattr(org, name, value)
    org.set_keys()
    return org
