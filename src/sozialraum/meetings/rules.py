"""Permissions of sozialraum.meetings (django-rules, autodiscovered)."""

from __future__ import annotations
