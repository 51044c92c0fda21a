"""Pages of a team's meetings: the list with the forms for a meeting or a series, one meeting,
moving and cancelling it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import PAGE_SIZE, add_service_error, posted, with_detail_urls
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.meetings import services
from sozialraum.meetings.access import get_meeting_for_user, get_team_for_user
from sozialraum.meetings.forms import (
    CancelForm,
    MeetingForm,
    SeriesForm,
    meeting_initial,
    parse_dates,
)
from sozialraum.meetings.models import Meeting, MeetingStatus
from sozialraum.meetings.series import PlannedDate, subdivision
from sozialraum.teams.models import Team

SERIES = "serie"
SINGLE = "einzeln"


def _team_forms(request: OfficeRequest, team: Team) -> dict[str, Any]:
    places = {"team_place": team.default_place, "team_video": team.default_video_link}
    kind = request.POST.get("art") if request.method == "POST" else None
    return {
        # Two forms on one page: their ids must differ (labels point at them).
        "single_form": MeetingForm(
            posted(request) if kind == SINGLE else None, auto_id="einzeln_%s", **places
        ),
        "series_form": SeriesForm(
            posted(request) if kind == SERIES else None, auto_id="serie_%s", **places
        ),
        "kind": kind,
    }


def _warn_if_blocked(request: OfficeRequest, meeting: Meeting) -> None:
    reason = services.blocked_reason(request.youth_office, meeting.date)
    if reason:
        messages.warning(
            request,
            _("Bitte beachten Sie: Der %(date)s fällt %(reason)s.")
            % {"date": date_format(meeting.date, "SHORT_DATE_FORMAT"), "reason": reason},
        )


def _create_single(request: OfficeRequest, team: Team, form: MeetingForm) -> Meeting | None:
    try:
        return services.create_meeting(team=team, actor=request.user, data=form.data_for_service())
    except ValueError as error:
        add_service_error(form, error)
    return None


def _series_step(
    request: OfficeRequest, team: Team, form: SeriesForm
) -> tuple[Any, list[PlannedDate]]:
    """Preview, or create when the user confirmed the dates the preview showed. Returns the
    created series (or None) and the planned dates to show."""
    data = form.data_for_service()
    confirmed = request.POST.get("aktion") == "anlegen"
    expected = parse_dates(request.POST.get("termine", "")) if confirmed else None
    try:
        if confirmed and expected is not None:
            return services.create_series(
                team=team, actor=request.user, data=data, expected=expected
            ), []
        _series, planned = services.plan_for(team, data)
        return None, planned
    except services.SeriesChanged as error:
        form.add_error(None, str(error))
        try:
            return None, services.plan_for(team, data)[1]
        except ValueError:
            return None, []
    except ValueError as error:
        add_service_error(form, error)
    return None, []


@office_view("meetings.view_meeting")
@submit_once
def team_meetings(request: OfficeRequest, team_pk: int) -> HttpResponse:
    team = get_team_for_user(request, team_pk, perm="meetings.view_meeting")
    may_manage = request.user.has_perm("meetings.manage_meetings", team)
    if request.method == "POST" and not may_manage:
        raise PermissionDenied
    context = _team_forms(request, team)
    preview: list[PlannedDate] = []
    if context["kind"] == SINGLE and context["single_form"].is_valid():
        meeting = _create_single(request, team, context["single_form"])
        if meeting is not None:
            messages.success(request, _("Das Treffen wurde angelegt."))
            _warn_if_blocked(request, meeting)
            return redirect(meeting)
    elif context["kind"] == SERIES and context["series_form"].is_valid():
        series, preview = _series_step(request, team, context["series_form"])
        if series is not None:
            count = series.meetings.count()
            messages.success(
                request,
                ngettext(
                    "Die Serie mit %(count)s Treffen wurde angelegt.",
                    "Die Serie mit %(count)s Treffen wurde angelegt.",
                    count,
                )
                % {"count": count},
            )
            return redirect(
                "meetings:team_meetings", office_slug=team.youth_office.slug, team_pk=team.pk
            )
    today = timezone.localdate()
    meetings = Meeting.objects.filter(team=team).select_related("series")
    upcoming = Paginator(
        meetings.filter(date__gte=today).order_by("date", "starts_at", "pk"), PAGE_SIZE
    ).get_page(request.GET.get("seite"))
    past = Paginator(
        meetings.filter(date__lt=today).order_by("-date", "-starts_at", "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("seite_frueher"))
    slug = request.youth_office.slug
    upcoming.object_list = with_detail_urls(
        upcoming.object_list, "meetings:meeting", office_slug=slug
    )
    past.object_list = with_detail_urls(past.object_list, "meetings:meeting", office_slug=slug)
    held = [p for p in preview if p.date is not None]
    return render(
        request,
        "meetings/team_meetings.html",
        {
            **context,
            "team": team,
            "may_manage": may_manage,
            "upcoming": upcoming,
            "past": past,
            "preview": preview,
            "preview_held": held,
            "preview_changed": [p for p in preview if p.moved or p.dropped],
            "preview_dates": ",".join(p.date.isoformat() for p in held if p.date),
            "has_land": subdivision(request.youth_office.kreis_key) is not None,
        },
    )


@office_view("meetings.view_meeting")
def meeting(request: OfficeRequest, pk: int) -> HttpResponse:
    item = get_meeting_for_user(request, pk, perm="meetings.view_meeting", with_present=True)
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": item,
            "team": item.team,
            "present": item.present,  # type: ignore[attr-defined]  # annotated
            "is_past": item.date < timezone.localdate(),
            "is_cancelled": item.status == MeetingStatus.CANCELLED,
        },
    )


def _over(item: Meeting) -> str:
    if item.status == MeetingStatus.CANCELLED:
        return _("Dieses Treffen ist abgesagt. Es lässt sich nicht mehr ändern.")
    if item.date < timezone.localdate():
        return _(
            "Dieses Treffen hat schon stattgefunden. Vergangene Treffen lassen sich nicht "
            "verschieben."
        )
    return ""


@office_view("meetings.view_meeting")
def meeting_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    item = get_meeting_for_user(request, pk, perm="meetings.manage_meetings")
    team = item.team
    form = MeetingForm(
        posted(request),
        initial=meeting_initial(item),
        team_place=team.default_place,
        team_video=team.default_video_link,
    )
    over = _over(item)
    if request.method == "POST" and not over and form.is_valid():
        try:
            saved = services.move_meeting(
                meeting=item,
                actor=request.user,
                data=form.data_for_service(),
                version=form.cleaned_data["version"] or 0,
            )
        except ConcurrentEditError:
            current = Meeting.objects.get(pk=item.pk)
            show_conflict(form, meeting_initial(current), current.version)
        except ValueError as error:
            add_service_error(form, error)
        else:
            if saved.version == item.version:
                messages.info(request, _("Sie haben nichts geändert."))
            else:
                messages.success(request, _("Das Treffen wurde geändert."))
                _warn_if_blocked(request, saved)
                if saved.invitations_sent_at:
                    messages.info(request, _("Die Eingeladenen erhalten die Änderung per E-Mail."))
            return redirect(saved)
    return render(
        request,
        "meetings/meeting_form.html",
        {"meeting": item, "team": team, "form": form, "over": over},
    )


@office_view("meetings.view_meeting")
def meeting_cancel(request: OfficeRequest, pk: int) -> HttpResponse:
    item = get_meeting_for_user(request, pk, perm="meetings.manage_meetings")
    form = CancelForm(posted(request), initial={"version": item.version})
    over = _over(item)
    if request.method == "POST" and not over and form.is_valid():
        try:
            saved = services.cancel_meeting(
                meeting=item,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"] or 0,
            )
        except ConcurrentEditError:
            form.add_error(
                None,
                _(
                    "Jemand anderes hat das Treffen inzwischen geändert. Bitte prüfen Sie es und "
                    "sagen Sie es dann erneut ab."
                ),
            )
            fresh = request.POST.copy()
            fresh["version"] = str(Meeting.objects.get(pk=item.pk).version)
            form.data = fresh
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Das Treffen wurde abgesagt."))
            if saved.invitations_sent_at:
                messages.info(request, _("Die Eingeladenen erhalten die Absage per E-Mail."))
            return redirect(saved)
    return render(
        request,
        "meetings/meeting_cancel.html",
        {"meeting": item, "team": item.team, "form": form, "over": over},
    )
