"""URLs of sozialraum.planning: needs (joined in planning/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
