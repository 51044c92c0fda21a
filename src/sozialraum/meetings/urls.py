from django.urls import path

from sozialraum.meetings import agenda_views, topic_views

app_name = "meetings"

urlpatterns: list = []

# --- Topics and agenda (helper "minutes") ------------------------------------------------------
urlpatterns += [
    path("teams/<int:team_pk>/themen/", topic_views.topic_list, name="topics"),
    path("teams/<int:team_pk>/themen/neu/", topic_views.topic_create, name="topic_create"),
    path("themen/<int:pk>/", topic_views.topic_detail, name="topic"),
    path("treffen/<int:pk>/tagesordnung/", agenda_views.agenda, name="agenda"),
]
