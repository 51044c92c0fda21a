"""Pages of invitations and answers: invite (coordination, Leitung), answer (the invitee,
logged in), answer from the mail link without login (rsvp), reminder settings (coordination)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from sozialraum.lib.errors import InvalidData
from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, office_view
from sozialraum.meetings import invitations, rsvp
from sozialraum.meetings.invitation_forms import (
    AnswerForm,
    GuestsForm,
    ReminderSettingsForm,
    answer_initial,
)
from sozialraum.meetings.models import Answer, Invitation, Meeting
from sozialraum.network import selectors as network_selectors

GUEST_HITS = 20


def get_meeting_for_user(request: OfficeRequest, pk: int, perm: str | None = None) -> Meeting:
    """A meeting of the request's office (404 otherwise), checked against `perm` (403)."""
    queryset = Meeting.objects.select_related("team", "youth_office")
    return get_for_user(request, queryset, perm=perm, pk=pk)


def meeting_page(meeting: Meeting, fallback: str = "meetings:invite") -> str:
    """The meeting's page (meetcore's), or `fallback` while that does not exist."""
    kwargs = {"office_slug": meeting.youth_office.slug, "pk": meeting.pk}
    try:
        return reverse("meetings:meeting", kwargs=kwargs)
    except NoReverseMatch:
        return reverse(fallback, kwargs=kwargs)


@office_view()
@submit_once
def invite(request: OfficeRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, perm="meetings.send_invitations")
    office = request.youth_office
    q = request.GET.get("q", "").strip()[:200]
    shown = list(network_selectors.people_directory(office, q=q)[:GUEST_HITS]) if q else []
    form = GuestsForm(posted(request), office=office, shown=shown)
    if request.method == "POST" and form.is_valid():
        try:
            result = invitations.send_invitations(
                meeting=meeting, actor=request.user, guests=form.cleaned_data["guests"]
            )
        except InvalidData as error:
            add_service_error(form, error)
        else:
            messages.success(request, sent_message(result))
            return redirect(meeting_page(meeting))
    members = invitations.current_memberships(meeting)
    invited = {i.person_id: i for i in invitations.overview(meeting)}
    return render(
        request,
        "meetings/invite.html",
        {
            "meeting": meeting,
            "form": form,
            "q": q,
            "shown": shown,
            "members": [(m, invited.get(m.person_id)) for m in members],
            "guests": [i for i in invited.values() if i.is_guest],
            "back_url": meeting_page(meeting),
        },
    )


def sent_message(result: invitations.SendResult) -> str:
    parts = [
        ngettext(
            "Die Einladung wird an %(count)d Person verschickt.",
            "Die Einladungen werden an %(count)d Personen verschickt.",
            result.mailed,
        )
        % {"count": result.mailed}
    ]
    if result.unreachable:
        parts.append(
            _("Nicht per E-Mail erreichbar: %(names)s.")
            % {"names": ", ".join(p.full_name for p in result.unreachable)}
        )
    if result.already:
        parts.append(
            ngettext(
                "%(count)d Person war schon eingeladen und bekommt keine zweite E-Mail.",
                "%(count)d Personen waren schon eingeladen und bekommen keine zweite E-Mail.",
                result.already,
            )
            % {"count": result.already}
        )
    return " ".join(parts)


@office_view()
def answer(request: OfficeRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk)
    invitation = invitations.invitation_of(meeting, request.user)
    if invitation is None or not request.user.has_perm("meetings.answer_invitation", invitation):
        raise PermissionDenied(_("Sie sind zu diesem Treffen nicht eingeladen."))
    substitutes = invitations.allowed_substitutes(invitation, own_only=False)
    form = AnswerForm(
        posted(request),
        initial=answer_initial(invitation),
        choices=invitations.answer_choices(invitation),
        substitutes=substitutes,
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitations.record_answer(
                invitation=invitation,
                answer=form.cleaned_data["answer"],
                substitute=form.chosen_substitute(),
                actor=request.user,
            )
        except InvalidData as error:
            add_service_error(form, error)
        else:
            invitation.refresh_from_db()
            messages.success(request, saved_message(invitation))
            return redirect(meeting_page(meeting, fallback="meetings:answer"))
    return render(
        request,
        "meetings/answer.html",
        {"meeting": meeting, "invitation": invitation, "form": form},
    )


def saved_message(invitation: Invitation) -> str:
    text = _("Ihre Antwort ist gespeichert: %(answer)s.") % {
        "answer": invitation.get_answer_display()
    }
    if invitation.answer == Answer.SUBSTITUTE and invitation.substitute_id:
        text += " " + _("Vertretung: %(name)s.") % {"name": invitation.substitute}
    return text


@never_cache
def rsvp_view(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
    """The answer link of the mail, without login. GET shows, POST (one button) records."""
    try:
        link = rsvp.check_link(token, office_slug=office_slug)
    except rsvp.LinkError as error:
        return render(
            request, "meetings/rsvp_invalid.html", {"reason": str(error)}, status=error.status
        )
    invitation = link.invitation
    user = request.user
    if user.is_authenticated and invitation.person.user_id != user.pk:
        return render(
            request,
            "meetings/rsvp_invalid.html",
            {
                "reason": _(
                    "Dieser Link gehört zu einer Einladung an eine andere Person. Sie sind mit "
                    "einem anderen Zugang angemeldet; es wurde nichts geändert."
                )
            },
            status=403,
        )
    form = AnswerForm(
        posted(request),
        initial=answer_initial(invitation, link.answer),
        choices=invitations.answer_choices(invitation),
        substitutes=invitations.allowed_substitutes(invitation, own_only=True),
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitations.record_answer(
                invitation=invitation,
                answer=form.cleaned_data["answer"],
                substitute=form.chosen_substitute(),
                actor=user if user.is_authenticated else None,
                own_substitutes_only=True,
            )
        except InvalidData as error:
            add_service_error(form, error)
        else:
            return render(
                request,
                "meetings/rsvp_done.html",
                {"invitation": invitation, "meeting": invitation.meeting},
            )
    return render(
        request,
        "meetings/rsvp.html",
        {"invitation": invitation, "meeting": invitation.meeting, "form": form},
    )


@office_view("meetings.manage_reminders")
def reminder_settings(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    current = invitations.reminder_settings(office)
    form = ReminderSettingsForm(posted(request), instance=current)
    if request.method == "POST" and form.is_valid():
        invitations.save_reminder_settings(
            office=office,
            actor=request.user,
            days_before=form.cleaned_data["days_before"],
            answer_days_before=form.cleaned_data["answer_days_before"],
        )
        messages.success(request, _("Die Einstellungen für Erinnerungen sind gespeichert."))
        return redirect("meetings:reminder_settings", office_slug=office.slug)
    return render(request, "meetings/reminder_settings.html", {"form": form})
