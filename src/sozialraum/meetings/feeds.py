"""The personal calendar feed: its secret URL (create, renew, revoke) and what it lists.

Only the nonce and the token's hash are stored (`CalendarFeed`); the token is an HMAC of the
nonce with the SECRET_KEY, so the settings page can show the URL again while a database dump
gives no working one. Renewing replaces the nonce: the old URL stops working at once.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from sozialraum.meetings.invitation_models import CalendarFeed, hash_token
from sozialraum.meetings.models import Meeting
from sozialraum.teams.models import Membership

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

# The feed lists the meetings of the last year and everything ahead.
PAST_DAYS = 365
TOKEN_MAX_LENGTH = 100


def feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


@transaction.atomic
def renew_feed(*, user: User) -> CalendarFeed:
    """Create the user's feed, or give it a new secret URL (the old one stops working)."""
    nonce = CalendarFeed.new_nonce()
    values = {"nonce": nonce, "token_hash": hash_token(CalendarFeed(nonce=nonce).token)}
    if CalendarFeed.objects.filter(user=user).update(**values, last_used_at=None) == 0:
        try:
            with transaction.atomic():
                return CalendarFeed.objects.create(user=user, **values)
        except IntegrityError:  # created in another tab meanwhile
            CalendarFeed.objects.filter(user=user).update(**values, last_used_at=None)
    return CalendarFeed.objects.get(user=user)


@transaction.atomic
def revoke_feed(*, user: User) -> bool:
    deleted, _by_model = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def find_feed(token: str) -> CalendarFeed | None:
    """The active feed of a token, with its user; None for anything else."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=hash_token(token), user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    now = timezone.now()
    if feed.last_used_at is None or feed.last_used_at < now - timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed


def feed_meetings(user: User) -> QuerySet[Meeting]:
    """Every meeting (the last year's and all ahead) of every team the user belongs to today,
    as a member or a named substitute, in the youth offices where the user still has a role."""
    offices = list(user.roles_by_office())
    teams = (
        Membership.objects.current()
        .filter(youth_office_id__in=offices)
        .filter(Q(person__user=user) | Q(substitutes__user=user))
        .values("team_id")
    )
    since = timezone.localdate() - timedelta(days=PAST_DAYS)
    return (
        Meeting.objects.filter(team_id__in=teams, youth_office_id__in=offices, date__gte=since)
        .select_related("team", "youth_office")
        .order_by("date", "starts_at", "id")
    )
