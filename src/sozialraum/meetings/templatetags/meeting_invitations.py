"""{% invitations_block meeting %}: the invitations section of the meeting page (who is invited
and what they answered, the user's own answer form, the "Einladen" button)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sozialraum.lib.choices import labels_of
from sozialraum.lib.row_templates import render_rows
from sozialraum.meetings import invitation_list, invitations
from sozialraum.meetings.invitation_forms import AnswerForm, answer_initial
from sozialraum.meetings.invitation_list import Listed
from sozialraum.meetings.models import Answer, Invitation, MeetingStatus

register = template.Library()

ROW_TEMPLATE = "meetings/rows/invitation.html"


def invitation_rows(rows: list[Listed]) -> SafeString:
    """The rows of meetings/_invitation_rows.html's table body, as its former loop wrote them
    (each row on its own lines, a blank line between): filled from a row template. The texts
    that repeat from row to row are escaped once."""
    if not rows:
        return SafeString("")
    labels = labels_of(Invitation._meta.get_field("answer"))
    answers = {value: escape(str(label)) for value, label in labels.items()}
    answer_label, mail_label = escape(_("Antwort")), escape(_("E-Mail"))
    guest = format_html(' <span class="sr-muted">({})</span>', _("Gast"))
    unreachable = escape(_("nicht per E-Mail erreichbar"))
    sent, pending = escape(_("verschickt")), escape(_("wird verschickt"))
    filled = render_rows(
        ROW_TEMPLATE,
        (
            {
                "name": row.name,
                "guest": guest if row.is_guest else "",
                "answer_label": answer_label,
                "answer": answers.get(row.answer, row.answer),
                "substitute": f": {row.substitute}"
                if row.answer == Answer.SUBSTITUTE and row.substitute is not None
                else "",
                "mail_label": mail_label,
                "mail": unreachable if not row.has_email else sent if row.sent else pending,
            }
            for row in rows
        ),
        separator="\n      \n        ",
    )
    return SafeString("\n        " + filled + "\n      ")


@register.inclusion_tag("meetings/_invitations_section.html", takes_context=True)
def invitations_block(context: template.Context, meeting: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"meeting": meeting, "rows": [], "youth_office": meeting.youth_office}
    may_view = user.has_perm("meetings.view_invitations", meeting)
    may_send = user.has_perm("meetings.send_invitations", meeting)
    rows = invitation_list.listed(meeting) if may_view else []
    own_row = next((row for row in rows if row.user_id == user.pk), None)
    own = own_row.invitation(meeting) if own_row is not None else None
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
        "rows_html": invitation_rows(rows),
        "may_view": may_view,
        "may_send": may_send and is_open,
        "own": own,
        "form": form,
        "counts": counts,
        "may_manage_reminders": user.has_perm("meetings.manage_reminders", meeting.youth_office),
        "csrf_token": context.get("csrf_token"),
    }
