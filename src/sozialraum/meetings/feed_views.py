"""The personal calendar feed: its settings page (logged in) and the feed (secret URL, no
session)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.meetings import feeds, ical
from sozialraum.meetings.invitation_mails import meeting_url, site_url


def feed_url(token: str) -> str:
    return site_url(reverse("calendar_feed", kwargs={"token": token}))


@office_view("meetings.use_calendar_feed")
def calendar_feed_settings(request: OfficeRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        action = request.POST.get("aktion")
        if action == "erneuern":
            had_one = feeds.feed_of(user) is not None
            feeds.renew_feed(user=user)
            messages.success(
                request,
                _("Ihre Kalender-Adresse ist erneuert. Die bisherige Adresse gilt nicht mehr.")
                if had_one
                else _("Ihre Kalender-Adresse ist angelegt."),
            )
        elif action == "widerrufen":
            if feeds.revoke_feed(user=user):
                messages.success(
                    request,
                    _("Ihre Kalender-Adresse ist gelöscht. Kein Kalender kann sie mehr abrufen."),
                )
        else:
            messages.error(request, _("Bitte wählen Sie eine der Schaltflächen."))
        return redirect("meetings:calendar_feed_settings", office_slug=request.youth_office.slug)
    feed = feeds.feed_of(user)
    return render(
        request,
        "meetings/calendar_feed_settings.html",
        {"feed": feed, "feed_url": feed_url(feed.token) if feed else ""},
    )


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """/kalender/<token>.ics: every meeting of the feed's user, METHOD:PUBLISH; no session."""
    feed = feeds.find_feed(token)
    if feed is None:
        raise Http404(_("Dieses Kalender-Abonnement gibt es nicht oder nicht mehr."))
    meetings = list(feeds.feed_meetings(feed.user))
    urls = {meeting.pk: meeting_url(meeting) for meeting in meetings}
    body = ical.feed_ics(meetings, url_for=urls, name=_("Sozialraum: meine Treffen"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sozialraum.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
