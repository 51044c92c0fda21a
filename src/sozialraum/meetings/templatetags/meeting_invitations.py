"""{% invitations_block meeting %}: the invitations section of the meeting page (who is invited
and what they answered, the user's own answer form, the "Einladen" button)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from sozialraum.meetings import invitations
from sozialraum.meetings.invitation_forms import AnswerForm, answer_initial
from sozialraum.meetings.models import Answer, MeetingStatus

register = template.Library()


@register.inclusion_tag("meetings/_invitations_section.html", takes_context=True)
def invitations_block(context: template.Context, meeting: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"meeting": meeting, "rows": [], "youth_office": meeting.youth_office}
    may_view = user.has_perm("meetings.view_invitations", meeting)
    may_send = user.has_perm("meetings.send_invitations", meeting)
    rows = invitations.overview(meeting) if may_view else []
    own = next((row for row in rows if row.person.user_id == user.pk), None)
    if own is None and not may_view:
        own = invitations.invitation_of(meeting, user)
    if own is not None:
        own.meeting = meeting
        if not user.has_perm("meetings.answer_invitation", own):
            own = None
    # Nobody is invited to, or answers for, a cancelled meeting or one that is over.
    is_open = meeting.status != MeetingStatus.CANCELLED and meeting.date >= timezone.localdate()
    form = None
    if own is not None and is_open:
        form = AnswerForm(
            initial=answer_initial(own),
            choices=invitations.answer_choices(own),
            substitutes=invitations.allowed_substitutes(own, own_only=False),
            auto_id="antwort_%s",
        )
    counts = dict.fromkeys(Answer.values, 0)
    for row in rows:
        counts[row.answer] += 1
    return {
        "request": request,
        "user": user,
        "meeting": meeting,
        "youth_office": meeting.youth_office,
        "rows": rows,
        "may_view": may_view,
        "may_send": may_send and is_open,
        "own": own,
        "form": form,
        "counts": counts,
        "may_manage_reminders": user.has_perm("meetings.manage_reminders", meeting.youth_office),
        "csrf_token": context.get("csrf_token"),
    }
