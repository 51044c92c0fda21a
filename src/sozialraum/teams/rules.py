"""Permissions of sozialraum.teams (django-rules, autodiscovered)."""

from __future__ import annotations
