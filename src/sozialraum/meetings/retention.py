"""How long the meetings app keeps names in the attendance (templates/pages/privacy.html).

Five years after a meeting, who was there is no longer needed by name: the rows lose the person
and the guest's name (`erased`, shown as "gelöschte Person") and keep the organisation, so the
figures of earlier years stay true. Meetings themselves are kept like the minutes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from sozialraum.lib.retention import Rule
from sozialraum.meetings.models import Attendance

ATTENDANCE_NAMES = timedelta(days=5 * 365)


def anonymise_attendance(cutoff: datetime) -> int:
    day = timezone.localtime(cutoff).date()
    return (
        Attendance.objects.filter(meeting__date__lt=day)
        .filter(Q(person__isnull=False) | ~Q(guest_name=""))
        .update(person=None, guest_name="", erased=True)
    )


RULES = (Rule("attendance_names", ATTENDANCE_NAMES, anonymise_attendance),)
