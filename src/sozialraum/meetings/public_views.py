"""Announcing a meeting on the public pages of the team's social spaces (POST only)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.meetings import public_services
from sozialraum.meetings.access import get_meeting_for_user


@require_POST
@office_view("meetings.view_meeting")
def meeting_public(request: OfficeRequest, pk: int) -> HttpResponse:
    """`is_public` "1" or "0" and the `version` the page showed."""
    meeting = get_meeting_for_user(request, pk, perm="meetings.publish_meeting")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    public = request.POST.get("is_public") == "1"
    try:
        public_services.set_meeting_public(
            meeting=meeting, actor=request.user, version=version, is_public=public
        )
    except ConcurrentEditError:
        messages.error(
            request,
            _(
                "Das Treffen wurde inzwischen geändert. Bitte prüfen Sie den aktuellen Stand "
                "und entscheiden Sie dann noch einmal."
            ),
        )
    except ValueError as error:
        messages.error(request, str(error))
    else:
        if public:
            messages.success(request, _("Das Treffen ist jetzt öffentlich angekündigt."))
        else:
            messages.success(request, _("Das Treffen ist nicht mehr öffentlich angekündigt."))
    return redirect(meeting.get_absolute_url())
