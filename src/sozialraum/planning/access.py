"""Access helpers of the planning: one per object, scoped to the request's youth office.

Each answers 404 for a row of another youth office (or none) and, given `perm`, 403 unless the
user has that permission on the row (rules in need_rules.py). A carrier editor asking for a
measure of another organisation gets 404: they do not see those measures at all.
"""

from __future__ import annotations

from functools import cache

from django.http import Http404

from sozialraum.lib.choice_fields import out_of_range
from sozialraum.lib.prepared import Prepared
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, get_prepared_for_user
from sozialraum.meetings.models import AgendaItem
from sozialraum.planning.measure_models import Measure
from sozialraum.planning.models import Need
from sozialraum.planning.selectors import own_carrier


def _check_pk(pk: int) -> None:
    """A number no primary key can be (too large for the column) is simply not found."""
    if out_of_range(Need._meta.pk, pk):  # type: ignore[arg-type]
        raise Http404


# A need by office and pk with what its pages show, compiled once per connection.
_NEED = Prepared(
    lambda office, pk: Need.objects.select_related(
        "youth_office", "team", "meeting", "agenda_item", "created_by"
    ).filter(youth_office_id=office, pk=pk),
    int,
    int,
)


def get_need_for_user(request: OfficeRequest, pk: int, *, perm: str | None = None) -> Need:
    return get_prepared_for_user(request, _NEED, pk, perm=perm)


# What a measure comes with; the measure's page joins its own (measure_views.MEASURE_PAGE_JOINS).
MEASURE_JOINS = ("youth_office", "carrier", "team", "created_by", "continued_from")


# The measure by office and pk, with the joins asked for, compiled once per connection
# (lib/prepared.py): for everyone, and for a carrier editor (their organisation's only).
@cache
def _measure_queries(joins: tuple[str, ...]) -> tuple[Prepared, Prepared]:
    def joined():
        return Measure.objects.select_related(*joins)

    return (
        Prepared(lambda office, pk: joined().filter(youth_office_id=office, pk=pk), int, int),
        Prepared(
            lambda office, pk, carrier: joined().filter(
                youth_office_id=office, pk=pk, carrier_id=carrier
            ),
            int,
            int,
            int,
        ),
    )


def get_measure_for_user(
    request: OfficeRequest,
    pk: int,
    *,
    perm: str | None = None,
    joins: tuple[str, ...] = MEASURE_JOINS,
) -> Measure:
    """The measure of the request's office that the user may see (404 otherwise); with
    `perm`, 403 unless the user has it on the measure. What `get_for_user` does with
    `visible_measures`, without compiling the query on every request."""
    everyone, own_only = _measure_queries(joins)
    restricted, carrier = own_carrier(request.youth_office, request.user)
    if restricted:
        return get_prepared_for_user(request, own_only, pk, carrier, perm=perm)
    return get_prepared_for_user(request, everyone, pk, perm=perm)


def get_agenda_item_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None
) -> AgendaItem:
    _check_pk(pk)
    queryset = AgendaItem.objects.select_related("meeting", "meeting__team", "youth_office")
    return get_for_user(request, queryset, pk=pk, perm=perm)
