from django.urls import path

from sozialraum.network import (
    import_views,
    organisation_views,
    overview_views,
    person_views,
    proposal_views,
)

app_name = "network"

urlpatterns = [
    # Directory of organisations
    path("akteure/", organisation_views.directory, name="directory"),
    path("akteure/export.csv", organisation_views.directory_csv, name="directory_csv"),
    path("akteure/export.xlsx", organisation_views.directory_xlsx, name="directory_xlsx"),
    path("akteure/neu/", organisation_views.organisation_create, name="organisation_create"),
    path("akteure/<int:pk>/", organisation_views.organisation, name="organisation"),
    path(
        "akteure/<int:pk>/bearbeiten/",
        organisation_views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "akteure/<int:pk>/vorschlagen/",
        organisation_views.organisation_propose,
        name="organisation_propose",
    ),
    path(
        "akteure/<int:pk>/loeschen/",
        organisation_views.organisation_delete,
        name="organisation_delete",
    ),
    path(
        "akteure/<int:pk>/bestaetigen/",
        organisation_views.organisation_confirm,
        name="organisation_confirm",
    ),
    path(
        "akteure/<int:pk>/redaktion-einladen/",
        organisation_views.organisation_invite_editor,
        name="organisation_invite_editor",
    ),
    # People and their affiliations
    path("personen/", person_views.people, name="people"),
    path("personen/neu/", person_views.person_create, name="person_create"),
    path("personen/<int:pk>/", person_views.person, name="person"),
    path("personen/<int:pk>/bearbeiten/", person_views.person_edit, name="person_edit"),
    path("personen/<int:pk>/bestaetigen/", person_views.person_confirm, name="person_confirm"),
    path("personen/<int:pk>/auskunft/", person_views.person_export, name="person_export"),
    path("personen/<int:pk>/loeschen/", person_views.person_erase, name="person_erase"),
    path(
        "personen/<int:pk>/taetigkeiten/neu/",
        person_views.affiliation_create,
        name="affiliation_create",
    ),
    path(
        "taetigkeiten/<int:pk>/bearbeiten/", person_views.affiliation_edit, name="affiliation_edit"
    ),
    path("taetigkeiten/<int:pk>/beenden/", person_views.affiliation_end, name="affiliation_end"),
    path(
        "taetigkeiten/<int:pk>/entfernen/",
        person_views.affiliation_delete,
        name="affiliation_delete",
    ),
    # Coordination's overview
    path("akteure/uebersicht/", overview_views.overview, name="overview"),
    path("akteure/checkliste/", overview_views.expected_kinds_edit, name="expected_kinds"),
    path("akteure/zu-pruefen/", overview_views.due, name="due"),
    path("akteure/dubletten/", overview_views.duplicates, name="duplicates"),
    # Review of the carrier editors' proposals
    path("akteure/vorschlaege/", proposal_views.changes, name="changes"),
    path("akteure/vorschlaege/<int:pk>/", proposal_views.change_detail, name="change"),
    path(
        "akteure/vorschlaege/<int:pk>/uebernehmen/",
        proposal_views.change_approve,
        name="change_approve",
    ),
    path(
        "akteure/vorschlaege/<int:pk>/ablehnen/",
        proposal_views.change_reject,
        name="change_reject",
    ),
    # Import
    path("akteure/import/", import_views.import_upload, name="import"),
    path("akteure/import/vorlage.xlsx", import_views.import_template, name="import_template"),
    path("akteure/import/<int:pk>/", import_views.import_preview, name="import_preview"),
    path("akteure/import/<int:pk>/ausfuehren/", import_views.import_apply, name="import_apply"),
    path("akteure/import/<int:pk>/verwerfen/", import_views.import_discard, name="import_discard"),
]
