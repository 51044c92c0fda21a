"""Mails of the minutes, sent in the background with ids only: the attendees are asked to
read the minutes and comment when they go into review."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from sozialraum.meetings.models import Attendance
from sozialraum.minutes.models import Minutes, MinutesStatus


def review_recipients(minutes: Minutes, *, except_user_id: int | None) -> list[str]:
    """The e-mail addresses of those present (their account's, else the person's)."""
    addresses: dict[str, None] = {}
    present = Attendance.objects.filter(meeting_id=minutes.meeting_id, person__isnull=False)
    for attendance in present.select_related("person__user").order_by("pk"):
        person = attendance.person
        assert person is not None
        if person.user_id is not None and person.user_id == except_user_id:
            continue
        address = (person.user.email if person.user else "") or person.email
        if address:
            addresses.setdefault(address.lower(), None)
    return list(addresses)


@task()
def send_review_request(*, minutes_id: int, actor_id: int | None) -> None:
    minutes = (
        Minutes.objects.select_related("meeting", "meeting__team", "youth_office", "minute_taker")
        .filter(pk=minutes_id, status=MinutesStatus.IN_REVIEW)
        .first()
    )
    if minutes is None:
        return  # approved or gone meanwhile
    url = settings.SITE_URL + reverse(
        "minutes:minutes",
        kwargs={"office_slug": minutes.youth_office.slug, "meeting_pk": minutes.meeting_id},
    )
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "minutes/email/review_request.txt", {"minutes": minutes, "url": url}
        )
        subject = _("Protokoll zur Abstimmung: %(team)s, %(date)s") % {
            "team": minutes.meeting.team.name,
            "date": minutes.meeting.date.strftime("%d.%m.%Y"),
        }
    for address in review_recipients(minutes, except_user_id=actor_id):
        EmailMessage(subject=subject, body=body, to=[address]).send()
