"""URLs of invitations, answers, reminder settings and the calendar feed's settings (joined
into meetings/urls.py, namespace "meetings"). The feed itself is at the root: /kalender/…"""

from __future__ import annotations

from django.urls import path

from sozialraum.meetings import feed_views, invitation_views

urlpatterns = [
    path("treffen/<int:pk>/einladen/", invitation_views.invite, name="invite"),
    path("treffen/<int:pk>/antwort/", invitation_views.answer, name="answer"),
    path("antwort/<str:token>/", invitation_views.rsvp_view, name="rsvp"),
    path("erinnerungen/", invitation_views.reminder_settings, name="reminder_settings"),
    path("kalender/", feed_views.calendar_feed_settings, name="calendar_feed_settings"),
]
