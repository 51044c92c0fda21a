"""Predicates of the minutes (django-rules). They take a `Minutes` row; where no minutes exist
yet, the meeting stands for a draft without a minute-taker."""

from __future__ import annotations

from typing import Any

import rules

from sozialraum.minutes.models import Minutes, MinutesStatus


def status_of(obj: Any) -> str:
    return obj.status if isinstance(obj, Minutes) else MinutesStatus.DRAFT


@rules.predicate
def is_approved(user: Any, obj: Any) -> bool:
    return status_of(obj) == MinutesStatus.APPROVED


@rules.predicate
def is_draft(user: Any, obj: Any) -> bool:
    return status_of(obj) == MinutesStatus.DRAFT


@rules.predicate
def is_in_review(user: Any, obj: Any) -> bool:
    return status_of(obj) == MinutesStatus.IN_REVIEW


@rules.predicate
def is_minute_taker(user: Any, obj: Any) -> bool:
    """The person taking these minutes is the user (through the network's `Person.user`)."""
    if not isinstance(obj, Minutes) or obj.minute_taker_id is None:
        return False
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache: dict[int, int | None] = user.__dict__.setdefault("_person_user", {})
    if obj.minute_taker_id not in cache:
        from sozialraum.network.models import Person

        cache[obj.minute_taker_id] = (
            Person.objects.filter(pk=obj.minute_taker_id).values_list("user_id", flat=True).first()
        )
    return cache[obj.minute_taker_id] == user.pk


@rules.predicate
def is_attendee(user: Any, obj: Any) -> bool:
    """The user was at the meeting (an attendance with their person record)."""
    meeting_id = getattr(obj, "meeting_id", None) if isinstance(obj, Minutes) else obj.pk
    if meeting_id is None or not getattr(user, "is_authenticated", False):
        return False
    cache: dict[int, bool] = user.__dict__.setdefault("_attended", {})
    if meeting_id not in cache:
        from sozialraum.meetings.models import Attendance

        cache[meeting_id] = Attendance.objects.filter(
            meeting_id=meeting_id, person__user=user
        ).exists()
    return cache[meeting_id]
