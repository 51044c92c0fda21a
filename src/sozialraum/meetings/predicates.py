"""Predicates of the meetings app (django-rules), composed with those of accounts and teams."""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone


@rules.predicate
def is_meeting_day(user: Any, meeting: Any) -> bool:
    """Today is the day of the meeting (in the youth office's time zone)."""
    day = getattr(meeting, "date", None)
    return day is not None and day == timezone.localdate()
