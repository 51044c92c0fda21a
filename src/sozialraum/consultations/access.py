"""Access helpers of the consultations: one per object, scoped to the request's youth office.

A consultation is answered with 404 to everybody who is not a party (also inside the office:
coordination and other members learn nothing, not even that it exists); given `perm`, 403
unless the party may do that (answer a closed consultation, ...). `log=True` records the read
in the access log the parties see.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from sozialraum.consultations.models import ConcernArea, Consultant, Consultation, ConsultationRead
from sozialraum.lib.tenancy import OfficeRequest, get_for_user


def get_consultation_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None, log: bool = False
) -> Consultation:
    queryset = Consultation.objects.select_related(
        "youth_office", "requester", "organisation", "social_space", "consultant_user", "team"
    )
    consultation = get_for_user(request, queryset, pk=pk)
    if not request.user.has_perm("consultations.view_consultation", consultation):
        raise Http404(_("Diese Fallberatung gibt es nicht, oder Sie sind nicht beteiligt."))
    if perm is not None and not request.user.has_perm(perm, consultation):
        raise PermissionDenied
    if log:
        ConsultationRead.objects.create(
            youth_office_id=consultation.youth_office_id,
            consultation=consultation,
            user=request.user,
        )
    return consultation


def get_consultant_for_user(request: OfficeRequest, pk: int) -> Consultant:
    consultant = get_for_user(request, Consultant.objects.select_related("user"), pk=pk)
    if not request.user.has_perm("consultations.manage_lists", request.youth_office):
        raise PermissionDenied
    return consultant


def get_concern_for_user(request: OfficeRequest, pk: int) -> ConcernArea:
    concern = get_for_user(request, ConcernArea, pk=pk)
    if not request.user.has_perm("consultations.manage_lists", request.youth_office):
        raise PermissionDenied
    return concern
