"""URLs of sozialraum.consultations: guard (joined in consultations/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern, path

from sozialraum.consultations import guard_views

urlpatterns: list[URLPattern] = [
    path("fallberatung/merkmale/", guard_views.rare_features, name="rare_features"),
    path("fallberatung/merkmale/pruefen/", guard_views.guard_check, name="guard_check"),
    path("fallberatung/merkmale/neu/", guard_views.rare_feature_add, name="rare_feature_add"),
    path(
        "fallberatung/merkmale/<int:pk>/entfernen/",
        guard_views.rare_feature_delete,
        name="rare_feature_delete",
    ),
]
