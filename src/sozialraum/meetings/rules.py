"""Permissions of sozialraum.meetings (django-rules, autodiscovered)."""

from __future__ import annotations

# Invitations, answers, reminders, calendar feed.
from sozialraum.meetings import invitation_rules  # noqa: F401
