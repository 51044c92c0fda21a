"""Permissions of sozialraum.minutes (django-rules, autodiscovered)."""

from __future__ import annotations
