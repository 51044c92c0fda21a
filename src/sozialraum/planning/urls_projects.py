"""URLs of sozialraum.planning: projects (joined in planning/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern, path

from sozialraum.planning import evaluation_views, project_list_views, project_views

urlpatterns: list[URLPattern] = [
    path("planung/projekte/", project_list_views.project_list, name="projects"),
    path("planung/projekte/<int:pk>/", project_views.project, name="project"),
    path(
        "planung/projekte/<int:pk>/bericht/",
        project_views.project_note_add,
        name="project_note_add",
    ),
    path("planung/projekte/<int:pk>/evaluation/", evaluation_views.evaluation, name="evaluation"),
    path(
        "planung/projekte/<int:pk>/fortsetzen/",
        project_views.project_continue,
        name="project_continue",
    ),
    path(
        "planung/einstellungen/qualitaetskriterien/",
        evaluation_views.quality_criteria,
        name="quality_criteria",
    ),
]
