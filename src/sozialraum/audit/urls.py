from django.urls import path

from sozialraum.audit import views

app_name = "audit"

urlpatterns = [path("aenderungen/", views.trail, name="trail")]
