from django.urls import path

from sozialraum.regions import views

app_name = "regions"

urlpatterns = [
    path("", views.office, name="office"),
    path("raeume/neu/", views.social_space_create, name="social_space_create"),
    path("raeume/<int:pk>/", views.social_space, name="social_space"),
    path("raeume/<int:pk>/bearbeiten/", views.social_space_edit, name="social_space_edit"),
    path("raeume/<int:pk>/loeschen/", views.social_space_delete, name="social_space_delete"),
]
