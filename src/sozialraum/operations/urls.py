from django.urls import path

from sozialraum.operations import views

app_name = "operations"

urlpatterns = [
    path("", views.index, name="index"),
    path("jugendaemter/neu/", views.office_create, name="office_create"),
    path("personen/", views.users, name="users"),
    path("personen/<int:pk>/sperren/", views.user_deactivate, name="user_deactivate"),
    path("personen/<int:pk>/freigeben/", views.user_reactivate, name="user_reactivate"),
]
