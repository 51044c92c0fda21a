from django.urls import path  # noqa: F401

app_name = "meetings"

urlpatterns: list = []

# Invitations, answers, reminders, the calendar feed's settings.
from sozialraum.meetings.invitation_urls import urlpatterns as invitation_patterns  # noqa: E402

urlpatterns += invitation_patterns
