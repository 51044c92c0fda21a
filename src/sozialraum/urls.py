from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from sozialraum.api import api
from sozialraum.meetings import feed_views
from sozialraum.pages import views as page_views

handler403 = "sozialraum.pages.views.permission_denied"
handler404 = "sozialraum.pages.views.page_not_found"
handler500 = "sozialraum.pages.views.server_error"

urlpatterns = [
    path("healthz", page_views.healthz, name="healthz"),
    # The Django admin stays for emergencies; the operator works in /betrieb/ (operations).
    path("betrieb/admin/", admin.site.urls),
    path("betrieb/", include("sozialraum.operations.urls")),
    path("api/v1/", api.urls),
    path("sprache/", set_language, name="set_language"),
    path("konto/", include("sozialraum.accounts.urls")),
    # The personal calendar feed: a secret URL, no session (meetings/feed_views.py).
    path("kalender/<str:token>.ics", feed_views.calendar_feed, name="calendar_feed"),
    path("", include("sozialraum.pages.urls")),
    # Everything below belongs to one youth office: /<slug>/...
    path("<slug:office_slug>/", include("sozialraum.regions.urls")),
    path("<slug:office_slug>/", include("sozialraum.accounts.office_urls")),
    path("<slug:office_slug>/", include("sozialraum.audit.urls")),
    path("<slug:office_slug>/", include("sozialraum.network.urls")),
    path("<slug:office_slug>/", include("sozialraum.teams.urls")),
    path("<slug:office_slug>/", include("sozialraum.meetings.urls")),
    path("<slug:office_slug>/", include("sozialraum.minutes.urls")),
    path("<slug:office_slug>/", include("sozialraum.offers.urls")),
    path("<slug:office_slug>/", include("sozialraum.planning.urls")),
    path("<slug:office_slug>/", include("sozialraum.consultations.urls")),
]
