from django.urls import path

from sozialraum.meetings import (
    agenda_views,
    attendance_views,
    holiday_views,
    meeting_views,
    public_views,
    topic_views,
)

app_name = "meetings"

urlpatterns: list = [
    path("teams/<int:team_pk>/treffen/", meeting_views.team_meetings, name="team_meetings"),
    path("treffen/<int:pk>/", meeting_views.meeting, name="meeting"),
    path("treffen/<int:pk>/bearbeiten/", meeting_views.meeting_edit, name="meeting_edit"),
    path("treffen/<int:pk>/absagen/", meeting_views.meeting_cancel, name="meeting_cancel"),
    path("treffen/<int:pk>/oeffentlich/", public_views.meeting_public, name="meeting_public"),
    path("treffen/<int:pk>/anwesenheit/", attendance_views.attendance, name="attendance"),
    path("teams/<int:team_pk>/teilnahme/", attendance_views.participation, name="participation"),
    path(
        "teams/<int:team_pk>/teilnahme.csv",
        attendance_views.participation_csv,
        name="participation_csv",
    ),
    path(
        "teams/<int:team_pk>/teilnahme.xlsx",
        attendance_views.participation_xlsx,
        name="participation_xlsx",
    ),
    path("schulferien/", holiday_views.holidays, name="holidays"),
    path("schulferien/<int:pk>/loeschen/", holiday_views.holiday_delete, name="holiday_delete"),
]

# Invitations, answers, reminders, the calendar feed's settings.
from sozialraum.meetings.invitation_urls import urlpatterns as invitation_patterns  # noqa: E402

urlpatterns += invitation_patterns

# --- Topics and agenda (helper "minutes") ------------------------------------------------------
urlpatterns += [
    path("teams/<int:team_pk>/themen/", topic_views.topic_list, name="topics"),
    path("teams/<int:team_pk>/themen/neu/", topic_views.topic_create, name="topic_create"),
    path("themen/<int:pk>/", topic_views.topic_detail, name="topic"),
    path("treffen/<int:pk>/tagesordnung/", agenda_views.agenda, name="agenda"),
]
