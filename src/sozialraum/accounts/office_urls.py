from django.urls import path

from sozialraum.accounts import views

app_name = "access"

urlpatterns = [
    path("zugaenge/", views.people, name="people"),
    path("zugaenge/<int:pk>/rolle/", views.change_role, name="change_role"),
    path("zugaenge/<int:pk>/entfernen/", views.remove_person, name="remove_person"),
    path(
        "zugaenge/einladungen/<int:pk>/zurueckziehen/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
]
