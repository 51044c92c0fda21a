"""School holidays (Schulferien) the youth office enters; series skip them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.meetings import services
from sozialraum.meetings.access import get_holiday_for_user
from sozialraum.meetings.forms import SchoolHolidayForm
from sozialraum.meetings.models import SchoolHoliday
from sozialraum.meetings.series import subdivision


@office_view("meetings.view_holidays")
@submit_once
def holidays(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    may_manage = request.user.has_perm("meetings.manage_holidays", office)
    if request.method == "POST" and not may_manage:
        raise PermissionDenied
    form = SchoolHolidayForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            holiday = services.add_school_holiday(
                office=office, actor=request.user, data=form.cleaned_data
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("„%(name)s“ wurde eingetragen.") % {"name": holiday.name})
            return redirect("meetings:holidays", office_slug=office.slug)
    return render(
        request,
        "meetings/holidays.html",
        {
            "form": form,
            "may_manage": may_manage,
            "periods": list(SchoolHoliday.objects.in_office(office).order_by("first_day", "pk")),
            "land": subdivision(office.kreis_key),
        },
    )


@require_POST
@office_view("meetings.manage_holidays")
def holiday_delete(request: OfficeRequest, pk: int) -> HttpResponse:
    holiday = get_holiday_for_user(request, pk)
    services.delete_school_holiday(holiday=holiday, actor=request.user)
    messages.success(request, _("„%(name)s“ wurde gelöscht.") % {"name": holiday.name})
    return redirect("meetings:holidays", office_slug=request.youth_office.slug)
