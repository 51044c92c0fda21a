"""Access helpers of the planning: one per object, scoped to the request's youth office.

Each answers 404 for a row of another youth office (or none) and, given `perm`, 403 unless the
user has that permission on the row (rules in need_rules.py). A carrier editor asking for a
measure of another organisation gets 404: they do not see those measures at all.
"""

from __future__ import annotations

from django.http import Http404

from sozialraum.lib.choice_fields import out_of_range
from sozialraum.lib.tenancy import OfficeRequest, get_for_user
from sozialraum.meetings.models import AgendaItem
from sozialraum.planning.measure_models import Measure
from sozialraum.planning.models import Need
from sozialraum.planning.selectors import visible_measures


def _check_pk(pk: int) -> None:
    """A number no primary key can be (too large for the column) is simply not found."""
    if out_of_range(Need._meta.pk, pk):  # type: ignore[arg-type]
        raise Http404


def get_need_for_user(request: OfficeRequest, pk: int, *, perm: str | None = None) -> Need:
    _check_pk(pk)
    queryset = Need.objects.select_related(
        "youth_office", "team", "meeting", "agenda_item", "created_by"
    )
    return get_for_user(request, queryset, pk=pk, perm=perm)


# What a measure comes with; the measure's page joins its own (measure_views.MEASURE_PAGE_JOINS).
MEASURE_JOINS = ("youth_office", "carrier", "team", "created_by", "continued_from")


def get_measure_for_user(
    request: OfficeRequest,
    pk: int,
    *,
    perm: str | None = None,
    joins: tuple[str, ...] = MEASURE_JOINS,
) -> Measure:
    _check_pk(pk)
    queryset = Measure.objects.select_related(*joins).filter(
        visible_measures(request.youth_office, request.user)
    )
    return get_for_user(request, queryset, pk=pk, perm=perm)


def get_agenda_item_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None
) -> AgendaItem:
    _check_pk(pk)
    queryset = AgendaItem.objects.select_related("meeting", "meeting__team", "youth_office")
    return get_for_user(request, queryset, pk=pk, perm=perm)
