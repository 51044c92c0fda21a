"""Predicates of the minutes (django-rules). They take a `Minutes` row; where no minutes exist
yet, the meeting stands for a draft without a minute-taker."""

from __future__ import annotations

from collections.abc import Iterable
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
    if obj.minute_taker_id not in cache and Minutes.minute_taker.field.is_cached(obj):
        # Read with the minutes (select_related): its user is known without a query.
        taker = obj.minute_taker
        if taker is not None and taker.pk == obj.minute_taker_id:
            cache[obj.minute_taker_id] = taker.user_id
    if obj.minute_taker_id not in cache:
        from sozialraum.network.models import Person

        cache[obj.minute_taker_id] = (
            Person.objects.filter(pk=obj.minute_taker_id).values_list("user_id", flat=True).first()
        )
    return cache[obj.minute_taker_id] == user.pk


_ATTENDED = "_attended"  # per user: meeting id -> whether they were there


def remember_attendance(user: Any, meeting_id: int, user_ids: Iterable[int | None]) -> None:
    """Tell `is_attendee` whether `user` was at the meeting, from the user ids of the people
    of its whole attendance (a page that reads the attendance anyway spares the query)."""
    if getattr(user, "is_authenticated", False):
        user.__dict__.setdefault(_ATTENDED, {})[meeting_id] = user.pk in set(user_ids)


@rules.predicate
def is_attendee(user: Any, obj: Any) -> bool:
    """The user was at the meeting (an attendance with their person record)."""
    meeting_id = getattr(obj, "meeting_id", None) if isinstance(obj, Minutes) else obj.pk
    if meeting_id is None or not getattr(user, "is_authenticated", False):
        return False
    cache: dict[int, bool] = user.__dict__.setdefault(_ATTENDED, {})
    if meeting_id not in cache:
        from sozialraum.meetings.models import Attendance

        cache[meeting_id] = Attendance.objects.filter(
            meeting_id=meeting_id, person__user=user
        ).exists()
    return cache[meeting_id]
