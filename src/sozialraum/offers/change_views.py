"""Review of the changes carrier editors propose for their offers (coordination)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.network.models import ChangeStatus
from sozialraum.offers import proposals
from sozialraum.offers.access import get_offer_change_for_user
from sozialraum.offers.forms import RejectChangeForm
from sozialraum.offers.models import OfferChange

PERM = "offers.review_offer_changes"


@office_view(PERM)
def changes(request: OfficeRequest) -> HttpResponse:
    base = OfferChange.objects.in_office(request.youth_office).select_related(
        "offer", "offer__organisation", "submitted_by", "reviewed_by"
    )
    pending = Paginator(base.filter(status=ChangeStatus.PENDING), 50).get_page(
        request.GET.get("seite")
    )
    decided = base.exclude(status=ChangeStatus.PENDING).order_by("-reviewed_at")[:20]
    return render(request, "offers/changes.html", {"page": pending, "decided": decided})


@office_view(PERM)
def change_detail(request: OfficeRequest, pk: int) -> HttpResponse:
    return _render_change(request, get_offer_change_for_user(request, pk), RejectChangeForm())


def _render_change(
    request: OfficeRequest, change: OfferChange, reject_form: RejectChangeForm
) -> HttpResponse:
    rows = [row for row in proposals.compare(change) if row.proposed_here]
    return render(
        request,
        "offers/change_detail.html",
        {
            "change": change,
            "offer": change.offer,
            "rows": rows,
            "reject_form": reject_form,
            "is_pending": change.status == ChangeStatus.PENDING,
            "has_conflict": any(row.conflict for row in rows),
        },
    )


@require_POST
@office_view(PERM)
def change_approve(request: OfficeRequest, pk: int) -> HttpResponse:
    change = get_offer_change_for_user(request, pk)
    office = request.youth_office
    if change.status != ChangeStatus.PENDING:
        messages.info(request, _("Über diesen Vorschlag ist schon entschieden."))
        return redirect("offers:changes", office_slug=office.slug)
    try:
        proposals.approve_change(
            change=change, actor=request.user, fields=request.POST.getlist("felder")
        )
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("offers:change", office_slug=office.slug, pk=pk)
    messages.success(
        request,
        _("Der Vorschlag ist übernommen. „%(title)s“ zeigt jetzt die neuen Angaben.")
        % {"title": change.offer.title},
    )
    return redirect("offers:changes", office_slug=office.slug)


@require_POST
@office_view(PERM)
def change_reject(request: OfficeRequest, pk: int) -> HttpResponse:
    change = get_offer_change_for_user(request, pk)
    office = request.youth_office
    if change.status != ChangeStatus.PENDING:
        messages.info(request, _("Über diesen Vorschlag ist schon entschieden."))
        return redirect("offers:changes", office_slug=office.slug)
    form = RejectChangeForm(request.POST)
    if not form.is_valid():
        return _render_change(request, change, form)
    proposals.reject_change(change=change, actor=request.user, note=form.cleaned_data["note"])
    messages.success(request, _("Der Vorschlag ist abgelehnt. Die Redaktion sieht Ihre Anmerkung."))
    return redirect("offers:changes", office_slug=office.slug)
