"""Reads of the operator area, each with a constant number of queries."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from sozialraum.accounts.models import Invitation, OfficeRole, User
from sozialraum.operations.models import OperatorEvent
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice
from sozialraum.regions.naming import Kreis


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT per youth office (no join that would multiply the other counts)."""
    counted = (
        queryset.filter(youth_office=OuterRef("pk"))
        .order_by()
        .values("youth_office")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def youth_offices() -> QuerySet[YouthOffice]:
    """Every youth office with its numbers of social spaces, users and pending invitations."""
    return YouthOffice.objects.annotate(
        space_count=_count(SocialSpace.objects.all()),
        user_count=_count(OfficeRole.objects.all()),
        invitation_count=_count(Invitation.objects.pending()),
    ).order_by("name")


def users(q: str = "") -> QuerySet[User]:
    """Users matching the words of `q` in name or e-mail, with their roles per youth office."""
    found = User.objects.all()
    for word in q.split():
        found = found.filter(Q(name__icontains=word) | Q(email__icontains=word))
    roles = OfficeRole.objects.select_related("youth_office", "organisation").order_by(
        "youth_office__name"
    )
    return found.prefetch_related(Prefetch("office_role_set", queryset=roles)).order_by(
        "name", "email"
    )


def recent_events(limit: int = 10) -> list[OperatorEvent]:
    return list(OperatorEvent.objects.select_related("actor")[:limit])


def kreise() -> list[Kreis]:
    """Every Kreis and kreisfreie Stadt of the municipality reference list, by key (1 query)."""
    grouped: dict[str, list[str]] = {}
    for key, name in Municipality.objects.order_by("kreis_key", "name").values_list(
        "kreis_key", "name"
    ):
        grouped.setdefault(key, []).append(name)
    return [Kreis(key=key, municipalities=tuple(names)) for key, names in grouped.items()]


def kreis(key: str) -> Kreis | None:
    names = tuple(
        Municipality.objects.filter(kreis_key=key).order_by("name").values_list("name", flat=True)
    )
    return Kreis(key=key, municipalities=names) if names else None
