from django.urls import path

from sozialraum.offers import change_views, guide_views, offer_views, search_urls, space_views

app_name = "offers"

urlpatterns = [
    # Internal pages (members of the office)
    path("angebote/", offer_views.offer_list, name="list"),
    path("angebote/neu/", offer_views.offer_create, name="create"),
    path("angebote/<int:pk>/", offer_views.offer_detail, name="offer"),
    path("angebote/<int:pk>/bearbeiten/", offer_views.offer_edit, name="edit"),
    path("angebote/<int:pk>/vorschlagen/", offer_views.offer_propose, name="propose"),
    path("angebote/<int:pk>/veroeffentlichen/", offer_views.offer_publish, name="publish"),
    path("angebote/<int:pk>/verbergen/", offer_views.offer_hide, name="hide"),
    path("angebote/<int:pk>/bestaetigen/", offer_views.offer_confirm, name="confirm"),
    path("angebote/vorschlaege/", change_views.changes, name="changes"),
    path("angebote/vorschlaege/<int:pk>/", change_views.change_detail, name="change"),
    path(
        "angebote/vorschlaege/<int:pk>/uebernehmen/",
        change_views.change_approve,
        name="change_approve",
    ),
    path(
        "angebote/vorschlaege/<int:pk>/ablehnen/", change_views.change_reject, name="change_reject"
    ),
    path("angebote/raeume/", space_views.space_pages, name="space_pages"),
    path("angebote/raeume/<int:pk>/", space_views.space_page_edit, name="space_page_edit"),
    # The public guide (no login)
    path("wegweiser/", guide_views.guide, name="guide"),
    path("wegweiser/leichte-sprache/", guide_views.easy_language, name="easy_language"),
    path("wegweiser/<int:pk>/", guide_views.guide_offer, name="public_offer"),
    path("wegweiser/raeume/<int:pk>/", guide_views.space_page, name="public_space"),
]

# Import, synonyms and export (the search helper's part: offers/search_urls.py).
urlpatterns += search_urls.urlpatterns
