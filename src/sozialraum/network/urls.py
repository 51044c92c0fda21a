from django.urls import path

from sozialraum.network import coordination, people_views, views

app_name = "network"

urlpatterns = [
    # Directory of organisations
    path("akteure/", views.directory, name="directory"),
    path("akteure/export.csv", views.directory_csv, name="directory_csv"),
    path("akteure/export.xlsx", views.directory_xlsx, name="directory_xlsx"),
    path("akteure/neu/", views.organisation_create, name="organisation_create"),
    path("akteure/<int:pk>/", views.organisation, name="organisation"),
    path("akteure/<int:pk>/bearbeiten/", views.organisation_edit, name="organisation_edit"),
    path("akteure/<int:pk>/vorschlagen/", views.organisation_propose, name="organisation_propose"),
    path("akteure/<int:pk>/loeschen/", views.organisation_delete, name="organisation_delete"),
    path("akteure/<int:pk>/bestaetigen/", views.organisation_confirm, name="organisation_confirm"),
    path(
        "akteure/<int:pk>/redaktion-einladen/",
        views.organisation_invite_editor,
        name="organisation_invite_editor",
    ),
    # People and their affiliations
    path("personen/", people_views.people, name="people"),
    path("personen/neu/", people_views.person_create, name="person_create"),
    path("personen/<int:pk>/", people_views.person, name="person"),
    path("personen/<int:pk>/bearbeiten/", people_views.person_edit, name="person_edit"),
    path("personen/<int:pk>/bestaetigen/", people_views.person_confirm, name="person_confirm"),
    path("personen/<int:pk>/auskunft/", people_views.person_export, name="person_export"),
    path("personen/<int:pk>/loeschen/", people_views.person_erase, name="person_erase"),
    path(
        "personen/<int:pk>/taetigkeiten/neu/",
        people_views.affiliation_create,
        name="affiliation_create",
    ),
    path(
        "taetigkeiten/<int:pk>/bearbeiten/", people_views.affiliation_edit, name="affiliation_edit"
    ),
    path("taetigkeiten/<int:pk>/beenden/", people_views.affiliation_end, name="affiliation_end"),
    path(
        "taetigkeiten/<int:pk>/entfernen/",
        people_views.affiliation_delete,
        name="affiliation_delete",
    ),
    # Coordination
    path("akteure/uebersicht/", coordination.overview, name="overview"),
    path("akteure/checkliste/", coordination.expected_kinds_edit, name="expected_kinds"),
    path("akteure/vorschlaege/", coordination.changes, name="changes"),
    path("akteure/vorschlaege/<int:pk>/", coordination.change_detail, name="change"),
    path(
        "akteure/vorschlaege/<int:pk>/uebernehmen/",
        coordination.change_approve,
        name="change_approve",
    ),
    path(
        "akteure/vorschlaege/<int:pk>/ablehnen/", coordination.change_reject, name="change_reject"
    ),
    path("akteure/zu-pruefen/", coordination.due, name="due"),
    path("akteure/dubletten/", coordination.duplicates, name="duplicates"),
    path("akteure/import/", coordination.import_upload, name="import"),
    path("akteure/import/vorlage.xlsx", coordination.import_template, name="import_template"),
    path("akteure/import/<int:pk>/", coordination.import_preview, name="import_preview"),
    path("akteure/import/<int:pk>/ausfuehren/", coordination.import_apply, name="import_apply"),
    path("akteure/import/<int:pk>/verwerfen/", coordination.import_discard, name="import_discard"),
]
