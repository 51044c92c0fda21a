from django.urls import path

from sozialraum.accounts import views

app_name = "access"

urlpatterns = [
    path("zugaenge/", views.access_list, name="list"),
    path("zugaenge/<int:pk>/rolle/", views.change_role, name="change_role"),
    path("zugaenge/<int:pk>/entfernen/", views.remove_access, name="remove_access"),
    path(
        "zugaenge/einladungen/<int:pk>/zurueckziehen/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
]
