"""The check-in list of a meeting and the participation review of a team (with exports)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import ngettext

from sozialraum.lib import exports as lib_exports
from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.meetings import participation as review
from sozialraum.meetings import participation_rows as rows
from sozialraum.meetings.access import get_meeting_for_user, get_team_for_user
from sozialraum.meetings.attendance import check_in, refusal, save_attendance
from sozialraum.meetings.forms import AttendanceForm


@office_view("meetings.view_meeting")
def attendance(request: OfficeRequest, pk: int) -> HttpResponse:
    item = get_meeting_for_user(request, pk, perm="meetings.view_attendance")
    may_take = request.user.has_perm("meetings.take_attendance", item)
    if request.method == "POST" and not may_take:
        raise PermissionDenied
    listing = check_in(item)
    form = AttendanceForm(posted(request), check_in=listing)
    closed = refusal(item)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            count = save_attendance(meeting=item, actor=request.user, changes=form.changes())
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Gespeichert: %(count)s Person anwesend.",
                    "Gespeichert: %(count)s Personen anwesend.",
                    count,
                )
                % {"count": count},
            )
            return redirect(
                "meetings:attendance", office_slug=request.youth_office.slug, pk=item.pk
            )
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": item,
            "team": item.team,
            "listing": listing,
            "form": form,
            "may_take": may_take and not closed,
            "closed": closed,
            "new_guests": form.guest_fields(),
        },
    )


@office_view("meetings.view_meeting")
def participation(request: OfficeRequest, team_pk: int) -> HttpResponse:
    team = get_team_for_user(request, team_pk, perm="meetings.view_participation")
    result = review.review(team)
    return render(
        request,
        "meetings/participation.html",
        {
            "team": team,
            "review": result,
            "figure_rows": rows.figure_rows(result.organisations),
            "bar_rows": rows.bar_rows(review.chart_bars(result.organisations)),
            "absentee_rows": rows.absentee_rows(result.absentees),
            "missing_rows": rows.missing_rows(result.missing_kinds),
        },
    )


def _export(request: OfficeRequest, team_pk: int, fmt: str) -> HttpResponse:
    team = get_team_for_user(request, team_pk, perm="meetings.view_participation")
    headers, rows = review.export_rows(review.review(team))
    filename = f"teilnahme-{team.sort_key or team.pk}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return lib_exports.csv_response(filename, headers, rows)
    return lib_exports.xlsx_response(filename, headers, rows)


@office_view("meetings.view_meeting")
def participation_csv(request: OfficeRequest, team_pk: int) -> HttpResponse:
    return _export(request, team_pk, "csv")


@office_view("meetings.view_meeting")
def participation_xlsx(request: OfficeRequest, team_pk: int) -> HttpResponse:
    return _export(request, team_pk, "xlsx")
