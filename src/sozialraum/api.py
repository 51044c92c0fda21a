"""The JSON API under /api/v1/ (OpenAPI at /api/v1/docs). Session login; scoped per youth office."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from sozialraum.lib.tenancy import AuthenticatedRequest, resolve_office
from sozialraum.offers.api import router as offers_router
from sozialraum.regions.models import SocialSpace, YouthOffice

api = NinjaAPI(
    title="Sozialraum API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_url="/docs",
)


# The Familienwegweiser's public read API (without login): /api/v1/offers/
api.add_router("/offers", offers_router)


class MunicipalityOut(Schema):
    ags: str
    name: str


class SocialSpaceOut(Schema):
    id: int
    name: str
    description: str
    municipalities: list[MunicipalityOut]


class YouthOfficeOut(Schema):
    name: str
    slug: str
    kreis_key: str
    social_space_label: str


def office_for(request: HttpRequest, slug: str, perm: str = "regions.view_office") -> YouthOffice:
    """The same resolution as `office_view`: 404 without a role there, 403 without `perm`."""
    office, _role = resolve_office(request, slug)
    if not request.user.has_perm(perm, office):
        raise PermissionDenied
    return office


@api.get("/youth-offices", response=list[YouthOfficeOut], summary="Meine Jugendämter")
def list_youth_offices(request: AuthenticatedRequest) -> list[YouthOffice]:
    return list(request.user.youth_offices())


@api.get(
    "/youth-offices/{slug}/social-spaces",
    response=list[SocialSpaceOut],
    summary="Sozialräume eines Jugendamts",
)
def list_social_spaces(request: HttpRequest, slug: str) -> list[SocialSpace]:
    office = office_for(request, slug)
    return list(SocialSpace.objects.in_office(office).prefetch_related("municipalities"))


# Teams, meetings and decisions of the user's youth office (sozialraum.minutes.api).
from sozialraum.minutes.api import router as minutes_router  # noqa: E402

api.add_router("", minutes_router)

# Needs and measures of the user's youth office (sozialraum.planning.api).
from sozialraum.planning.api import router as planning_router  # noqa: E402

api.add_router("", planning_router)
# Budgets of the user's youth office (sozialraum.planning.budget_api, planning-budgets).
from sozialraum.planning.budget_api import router as budget_router  # noqa: E402

api.add_router("", budget_router)
# The identifier guard of the anonymous case consultation (sozialraum.consultations.api).
from sozialraum.consultations.api import router as consultations_router  # noqa: E402

api.add_router("/consultations", consultations_router)
