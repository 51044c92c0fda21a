"""URLs of sozialraum.consultations: guard (joined in consultations/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
