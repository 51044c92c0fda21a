"""Internal pages of the offers: the list, an offer's page, create, edit, propose, publish,
hide, confirm (under /<office>/angebote/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import (
    PAGE_SIZE,
    add_service_error,
    next_url,
    posted,
    query_without,
    with_detail_urls,
)
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.network.models import ChangeStatus, confirmation_deadline
from sozialraum.offers import proposals, selectors, services
from sozialraum.offers.access import get_offer_for_user, providers_for_user
from sozialraum.offers.forms import OfferFilterForm, OfferForm, offer_initial
from sozialraum.offers.models import Offer, OfferChange, OfferStatus, hidden_after_deadline

VIEW = "offers.view_offers"


@office_view(VIEW)
def offer_list(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = OfferFilterForm(request.GET, office=office)
    filters = form.filters()
    offers = selectors.office_offers(office, **filters)
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("seite"))
    rows = with_detail_urls(page.object_list, "offers:offer", office_slug=office.slug)
    pending = selectors.pending_offer_ids(rows)
    for row in rows:
        row.has_pending = row.pk in pending
    page.object_list = rows
    return render(
        request,
        "offers/offer_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without(request, "seite"),
            "filtered": any(filters.values()),
            "pending_count": OfferChange.objects.in_office(office)
            .filter(status=ChangeStatus.PENDING)
            .count()
            if request.user.has_perm("offers.review_offer_changes", office)
            else 0,
        },
    )


@office_view(VIEW)
def offer_detail(request: OfficeRequest, pk: int) -> HttpResponse:
    offer = get_offer_for_user(request, pk, perm="offers.view_offer")
    changes = []
    if request.user.has_perm("offers.review_offer_changes", request.youth_office) or (
        request.user.has_perm("offers.propose_offer_change", offer)
    ):
        changes = list(
            OfferChange.objects.filter(offer=offer)
            .select_related("submitted_by", "reviewed_by")
            .order_by("-submitted_at")[:5]
        )
    return render(
        request,
        "offers/offer_detail.html",
        {
            "offer": offer,
            "topics": list(offer.topics.all()),
            "spaces": list(offer.social_spaces.all()),
            "target_groups": [
                row.get_target_group_display() for row in offer.target_group_rows.all()
            ],
            "languages": [row.get_language_display() for row in offer.language_rows.all()],
            "dates": list(offer.dates.all()),
            "changes": changes,
            "pending_change": next((c for c in changes if c.status == ChangeStatus.PENDING), None),
            "is_due": offer.confirmed_at < confirmation_deadline(),
            "is_expired_check": offer.confirmed_at < hidden_after_deadline(),
            "is_public": offer.is_public_now(),
        },
    )


def _saved(request: OfficeRequest, form: OfferForm, offer: Offer | None) -> Offer | None:
    try:
        if offer is None:
            return services.create_offer(
                office=request.youth_office, actor=request.user, data=form.data_for_service()
            )
        return services.update_offer(
            offer=offer,
            actor=request.user,
            version=form.cleaned_data["version"] or 0,
            data=form.data_for_service(),
        )
    except ConcurrentEditError:
        assert offer is not None
        saved = Offer.objects.get(pk=offer.pk)
        show_conflict(form, offer_initial(saved), saved.version)
    except ValueError as error:
        add_service_error(form, error)
    return None


@office_view("offers.add_offer")
@submit_once
def offer_create(request: OfficeRequest) -> HttpResponse:
    providers = providers_for_user(request)
    initial = {}
    if providers.count() == 1:
        initial["organisation"] = providers.first()
    form = OfferForm(
        posted(request), office=request.youth_office, providers=providers, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        offer = _saved(request, form, None)
        if offer is not None:
            messages.success(
                request,
                _(
                    "„%(title)s“ ist als Entwurf angelegt. Öffentlich wird es erst nach der "
                    "Freigabe."
                )
                % {"title": offer.title},
            )
            return redirect(offer)
    return render(request, "offers/offer_form.html", {"form": form, "offer": None})


@office_view(VIEW)
def offer_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    offer = get_offer_for_user(request, pk, perm="offers.change_offer")
    form = OfferForm(
        posted(request),
        office=request.youth_office,
        providers=providers_for_user(request),
        instance=offer,
    )
    if request.method == "POST" and form.is_valid():
        saved = _saved(request, form, offer)
        if saved is not None:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(saved)
    return render(request, "offers/offer_form.html", {"form": form, "offer": offer})


@office_view(VIEW)
def offer_propose(request: OfficeRequest, pk: int) -> HttpResponse:
    """A carrier editor proposes a change of an own offer; coordination reviews it."""
    offer = get_offer_for_user(request, pk, perm="offers.propose_offer_change")
    pending = proposals.pending_change(offer)
    form = OfferForm(
        posted(request),
        office=request.youth_office,
        providers=providers_for_user(request),
        instance=offer,
        proposal=True,
        **({"initial": proposals.proposal_initial(offer, pending)} if pending else {}),
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposals.propose_offer_change(
                offer=offer, actor=request.user, data=form.data_for_service()
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Vielen Dank! Ihr Vorschlag ist bei der Koordination. Sobald er geprüft ist, "
                    "erscheint er im Wegweiser."
                ),
            )
            return redirect(offer)
    return render(
        request,
        "offers/offer_form.html",
        {"form": form, "offer": offer, "proposal": True, "pending": pending},
    )


def _status_view(request: OfficeRequest, pk: int, status: str, message: str) -> HttpResponse:
    offer = get_offer_for_user(request, pk, perm="offers.publish_offer")
    services.set_offer_status(offer=offer, actor=request.user, status=status)
    messages.success(request, message % {"title": offer.title})
    return redirect(next_url(request, offer.get_absolute_url()))


@require_POST
@office_view(VIEW)
def offer_publish(request: OfficeRequest, pk: int) -> HttpResponse:
    return _status_view(
        request,
        pk,
        OfferStatus.PUBLISHED,
        _("„%(title)s“ ist veröffentlicht und im Familienwegweiser zu finden."),
    )


@require_POST
@office_view(VIEW)
def offer_hide(request: OfficeRequest, pk: int) -> HttpResponse:
    return _status_view(
        request, pk, OfferStatus.HIDDEN, _("„%(title)s“ ist verborgen und nicht mehr öffentlich.")
    )


@require_POST
@office_view(VIEW)
def offer_confirm(request: OfficeRequest, pk: int) -> HttpResponse:
    offer = get_offer_for_user(request, pk, perm="offers.confirm_offer")
    services.confirm_offer(offer=offer, actor=request.user)
    messages.success(
        request, _("Danke! „%(title)s“ ist als aktuell bestätigt.") % {"title": offer.title}
    )
    return redirect(next_url(request, offer.get_absolute_url()))
