"""URLs of sozialraum.consultations: cases (joined in consultations/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern, path

from sozialraum.consultations import case_views, office_views

urlpatterns: list[URLPattern] = [
    path("fallberatung/", case_views.consultation_list, name="list"),
    path("fallberatung/neu/", case_views.consultation_create, name="create"),
    path("fallberatung/<int:pk>/", case_views.consultation_detail, name="detail"),
    path("fallberatung/<int:pk>/nachricht/", case_views.message_create, name="message"),
    path("fallberatung/<int:pk>/empfehlung/", case_views.recommend, name="recommend"),
    path("fallberatung/<int:pk>/abschliessen/", case_views.close, name="close"),
    path("fallberatung/zahlen/", office_views.counts, name="counts"),
    path("fallberatung/beratende/", office_views.consultants, name="consultants"),
    path(
        "fallberatung/beratende/<int:pk>/entfernen/",
        office_views.consultant_remove,
        name="consultant_remove",
    ),
    path("fallberatung/anliegen/", office_views.concerns, name="concerns"),
    path(
        "fallberatung/anliegen/<int:pk>/entfernen/",
        office_views.concern_remove,
        name="concern_remove",
    ),
]
