"""How long the consultations are kept (templates/pages/privacy.html, docs/privacy-notes.md).

A consultation is deleted, not archived, `settings.CONSULTATION_RETENTION_MONTHS` calendar
months (default 6) after it was closed, with its messages, its recorded decisions and its
access log. What remains is the anonymous count (`ConsultationCount`, written when the case was
brought). Each deletion is logged without content: the number of the consultation and its
office, in the server log and in the office's audit trail ("Fallberatung Nr. 12", no text).
Open consultations are never deleted by this rule.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sozialraum.audit.models import Action
from sozialraum.audit.services import record
from sozialraum.consultations.models import Consultation, ConsultationStatus
from sozialraum.lib.retention import Rule

logger = logging.getLogger("sozialraum.consultations")


def months_before(moment: datetime, months: int) -> datetime:
    """The same moment `months` calendar months earlier (the last day of a shorter month)."""
    import calendar

    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def delete_closed(cutoff: datetime) -> int:
    """Delete the consultations closed more than the retention period before `cutoff`."""
    # Calendar months in local time (a period across the change to summer time stays whole).
    limit = months_before(timezone.localtime(cutoff), settings.CONSULTATION_RETENTION_MONTHS)
    expired = Consultation.objects.filter(
        status=ConsultationStatus.CLOSED, closed_at__lt=limit
    ).select_related("youth_office")
    deleted = 0
    for consultation in expired.iterator():
        with transaction.atomic():
            record(
                office=consultation.youth_office,
                actor=None,
                action=Action.DELETE,
                instance=consultation,
                label=str(consultation),
            )
            number, office = consultation.pk, consultation.youth_office.slug
            consultation.delete()
        logger.info("consultation %s of %s deleted after its retention period", number, office)
        deleted += 1
    return deleted


# The months are counted in `delete_closed` (calendar months from settings), so the rule itself
# hands over the moment of the run unchanged.
RULES = (Rule("consultations", timedelta(0), delete_closed),)
