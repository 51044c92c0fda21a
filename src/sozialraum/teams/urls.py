from django.urls import path

from sozialraum.teams import membership_views, team_views

app_name = "teams"

urlpatterns = [
    path("teams/", team_views.team_list, name="list"),
    path("teams/neu/", team_views.team_create, name="create"),
    path("teams/<int:pk>/", team_views.team, name="team"),
    path("teams/<int:pk>/bearbeiten/", team_views.team_edit, name="edit"),
    path("teams/<int:pk>/mitglieder/", membership_views.members, name="members"),
    path(
        "mitgliedschaften/<int:pk>/bearbeiten/",
        membership_views.membership_edit,
        name="membership_edit",
    ),
    path(
        "mitgliedschaften/<int:pk>/ausscheiden/",
        membership_views.membership_leave,
        name="membership_leave",
    ),
]
