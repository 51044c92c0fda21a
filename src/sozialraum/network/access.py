"""Access helpers of the network: one per object, scoped to the request's youth office.

Each answers 404 for a row of another youth office (or none) and, given `perm`, 403 unless the
user has that permission on the row (rules in `network/rules.py`). Views call them first and
never check access themselves.
"""

from __future__ import annotations

from django.db.models import QuerySet

from sozialraum.lib.prepared import Prepared
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, get_prepared_for_user
from sozialraum.network.models import (
    Affiliation,
    Organisation,
    OrganisationChange,
    PendingImport,
    Person,
)
from sozialraum.network.predicates import own_organisation_id

# An organisation by office and pk with its municipality and office, compiled once per
# connection (lib/prepared.py): the organisation's pages look it up on every request.
_ORGANISATION = Prepared(
    lambda office, pk: Organisation.objects.select_related("municipality", "youth_office").filter(
        youth_office_id=office, pk=pk
    ),
    int,
    int,
)


def get_organisation_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None
) -> Organisation:
    return get_prepared_for_user(request, _ORGANISATION, pk, perm=perm)


def get_person_for_user(request: OfficeRequest, pk: int, *, perm: str | None = None) -> Person:
    return get_for_user(request, Person.objects.select_related("youth_office"), pk=pk, perm=perm)


def get_affiliation_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None
) -> Affiliation:
    queryset = Affiliation.objects.select_related("person", "organisation", "youth_office")
    return get_for_user(request, queryset, pk=pk, perm=perm)


def get_change_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None
) -> OrganisationChange:
    queryset = OrganisationChange.objects.select_related(
        "organisation", "organisation__municipality", "organisation__youth_office", "submitted_by"
    )
    return get_for_user(request, queryset, pk=pk, perm=perm)


def get_pending_import_for_user(request: OfficeRequest, pk: int) -> PendingImport:
    """Only the person who uploaded the file sees its preview (the file itself is read only
    when the import has to be planned again)."""
    queryset = PendingImport.objects.defer("data")
    return get_for_user(request, queryset, pk=pk, created_by=request.user)


def organisations_for_affiliations(request: OfficeRequest) -> QuerySet[Organisation]:
    """The organisations the user may give a person an affiliation with: all of the office
    for those who edit the whole directory, else (carrier editor) their own organisation."""
    organisations = Organisation.objects.in_office(request.youth_office)
    if request.user.has_perm("network.edit_directory", request.youth_office):
        return organisations
    return organisations.filter(pk=own_organisation_id(request.user, request.youth_office))
