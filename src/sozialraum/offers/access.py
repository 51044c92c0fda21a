"""Access helpers of the Familienwegweiser: one per object, scoped to the request's office.

Each answers 404 for a row of another youth office (or none) and, given `perm`, 403 unless the
user has that permission on the row (offers/rules.py). The public guide has its own reads
(selectors.public_offer), which never need a user.
"""

from __future__ import annotations

from django.db.models import QuerySet

from sozialraum.lib.tenancy import OfficeRequest, get_for_user
from sozialraum.network.models import Organisation
from sozialraum.network.predicates import own_organisation_id
from sozialraum.offers.models import Offer, OfferChange
from sozialraum.regions.models import SocialSpace


def get_offer_for_user(request: OfficeRequest, pk: int, *, perm: str | None = None) -> Offer:
    queryset = Offer.objects.select_related("organisation", "municipality", "youth_office")
    return get_for_user(request, queryset, pk=pk, perm=perm)


def get_offer_change_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None
) -> OfferChange:
    queryset = OfferChange.objects.select_related(
        "offer", "offer__organisation", "offer__youth_office", "offer__municipality", "submitted_by"
    )
    return get_for_user(request, queryset, pk=pk, perm=perm)


def get_social_space_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None
) -> SocialSpace:
    return get_for_user(
        request, SocialSpace.objects.select_related("youth_office"), pk=pk, perm=perm
    )


def providers_for_user(request: OfficeRequest) -> QuerySet[Organisation]:
    """The organisations the user may name as provider: all of the office for those who edit
    offers directly, else (carrier editor) their own organisation."""
    organisations = Organisation.objects.in_office(request.youth_office)
    if request.user.has_perm("network.edit_directory", request.youth_office):
        return organisations
    return organisations.filter(pk=own_organisation_id(request.user, request.youth_office))
