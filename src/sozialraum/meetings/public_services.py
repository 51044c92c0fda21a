"""Announcing a meeting publicly: the public pages of the team's social spaces in the
Familienwegweiser list its upcoming public meetings (offers/selectors.py). Keyword-only,
atomic, audited, with optimistic locking like meetings.services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record
from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.meetings.models import Meeting, MeetingStatus

if TYPE_CHECKING:
    from sozialraum.accounts.models import User


@transaction.atomic
def set_meeting_public(
    *, meeting: Meeting, actor: User | None, version: int, is_public: bool
) -> Meeting:
    """Announce the meeting publicly or withdraw the announcement. A cancelled or past meeting
    cannot be announced (withdrawing always works)."""
    current = Meeting.objects.select_related("youth_office", "team").get(pk=meeting.pk)
    if current.version != version:
        raise ConcurrentEditError
    if is_public and (
        current.status == MeetingStatus.CANCELLED or current.date < timezone.localdate()
    ):
        raise ValueError(_("Ein abgesagtes oder vergangenes Treffen kann nicht öffentlich sein."))
    if current.is_public == is_public:
        return current
    updated = Meeting.objects.filter(pk=current.pk, version=version).update(
        is_public=is_public, updated_at=timezone.now(), version=F("version") + 1
    )
    if not updated:
        raise ConcurrentEditError
    saved = Meeting.objects.select_related("youth_office", "team").get(pk=current.pk)
    record(
        office=saved.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=saved,
        changes=diff({"is_public": str(current.is_public)}, {"is_public": str(is_public)}),
        label=_("Treffen am %(date)s, %(team)s")
        % {"date": saved.date.strftime("%d.%m.%Y"), "team": saved.team},
    )
    return saved
