from django.urls import path

from sozialraum.minutes import minutes_views, section_views

app_name = "minutes"

urlpatterns: list = []

# --- Minutes (helper "minutes") ----------------------------------------------------------------
urlpatterns += [
    path("treffen/<int:meeting_pk>/protokoll/", minutes_views.minutes_page, name="minutes"),
    path(
        "treffen/<int:meeting_pk>/protokoll/bearbeiten/",
        minutes_views.minutes_edit,
        name="minutes_edit",
    ),
    path("protokollvorlage/", section_views.sections, name="sections"),
]
