"""URLs of the search helper's part of the offers app (included by offers/urls.py)."""

from django.urls import path

from sozialraum.offers import export_views, import_views, search_rules, synonym_views

assert search_rules  # registers the permissions of these pages

urlpatterns = [
    path("angebote/import/", import_views.import_upload, name="import"),
    path("angebote/import/vorlage.xlsx", import_views.import_template, name="import_template"),
    path("angebote/import/<int:pk>/", import_views.import_preview, name="import_preview"),
    path("angebote/import/<int:pk>/ausfuehren/", import_views.import_apply, name="import_apply"),
    path("angebote/import/<int:pk>/verwerfen/", import_views.import_discard, name="import_discard"),
    path("angebote/synonyme/", synonym_views.synonyms, name="synonyms"),
    path(
        "angebote/synonyme/<int:pk>/loeschen/", synonym_views.synonym_delete, name="synonym_delete"
    ),
    path(
        "wegweiser/export.<str:file_format>",
        export_views.guide_export,
        name="guide_export",
    ),
]
