"""URLs of sozialraum.planning: needs, prioritisation, measures, cost calculations, approval
and the settings (joined in planning/urls.py; helper planning-needs)."""

from __future__ import annotations

from django.urls import URLPattern, path

from sozialraum.planning import (
    cost_views,
    document_views,
    measure_views,
    need_views,
    settings_views,
)

P = "planung/"

urlpatterns: list[URLPattern] = [
    path(f"{P}bedarfe/", need_views.needs, name="needs"),
    path(f"{P}bedarfe/rangfolge/", need_views.need_ranking, name="need_ranking"),
    path(f"{P}bedarfe/neu/", need_views.need_add, name="need_add"),
    path(f"{P}bedarfe/<int:pk>/", need_views.need, name="need"),
    path(f"{P}bedarfe/<int:pk>/bearbeiten/", need_views.need_edit, name="need_edit"),
    path(f"{P}bedarfe/<int:pk>/stand/", need_views.need_status, name="need_status"),
    path(f"{P}bedarfe/<int:pk>/bewertung/", need_views.need_scores, name="need_scores"),
    path(f"{P}tagesordnung/<int:pk>/bedarf/", need_views.need_from_item, name="need_from_item"),
    path(f"{P}massnahmen/", measure_views.measures, name="measures"),
    path(f"{P}massnahmen/neu/", measure_views.measure_add, name="measure_add"),
    path(f"{P}massnahmen/<int:pk>/", measure_views.measure, name="measure"),
    path(f"{P}massnahmen/<int:pk>/bearbeiten/", measure_views.measure_edit, name="measure_edit"),
    path(f"{P}massnahmen/<int:pk>/kosten/", cost_views.measure_costs, name="measure_costs"),
    path(
        f"{P}massnahmen/<int:pk>/einreichen/", measure_views.measure_submit, name="measure_submit"
    ),
    path(
        f"{P}massnahmen/<int:pk>/entscheiden/", measure_views.measure_decide, name="measure_decide"
    ),
    path(f"{P}massnahmen/<int:pk>/massnahme.pdf", document_views.measure_pdf, name="measure_pdf"),
    path(
        f"{P}massnahmen/<int:pk>/massnahme.docx", document_views.measure_docx, name="measure_docx"
    ),
    path(f"{P}einstellungen/", settings_views.settings_page, name="settings"),
    path(
        f"{P}einstellungen/entgeltgruppen/neu/",
        settings_views.pay_group_add,
        name="settings_pay_group_add",
    ),
    path(
        f"{P}einstellungen/entgeltgruppen/<int:pk>/",
        settings_views.pay_group_edit,
        name="settings_pay_group",
    ),
    path(
        f"{P}einstellungen/kriterien/neu/",
        settings_views.criterion_add,
        name="settings_criterion_add",
    ),
    path(
        f"{P}einstellungen/kriterien/<int:pk>/",
        settings_views.criterion_edit,
        name="settings_criterion",
    ),
    path(f"{P}einstellungen/stufen/neu/", settings_views.level_add, name="settings_level_add"),
    path(f"{P}einstellungen/stufen/<int:pk>/", settings_views.level_edit, name="settings_level"),
]
