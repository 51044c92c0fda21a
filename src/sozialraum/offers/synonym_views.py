"""Coordination maintains the synonyms of the Familienwegweiser's search."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sozialraum.lib.http import posted
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, office_view
from sozialraum.offers import search_services
from sozialraum.offers.search import synonym_pairs
from sozialraum.offers.search_models import OfferSynonym

PERM = "offers.manage_synonyms"


class SynonymForm(forms.Form):
    word = forms.CharField(
        label=gettext_lazy("Suchbegriff"),
        max_length=100,
        help_text=gettext_lazy("Zum Beispiel: Kita"),
    )
    synonym = forms.CharField(
        label=gettext_lazy("bedeutet dasselbe wie"),
        max_length=100,
        help_text=gettext_lazy("Zum Beispiel: Kindertagesstätte"),
    )


@submit_once
@office_view(PERM)
def synonyms(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    synonym_pairs(office)  # the defaults, on first use
    form = SynonymForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            search_services.add_synonym(
                office=office,
                actor=request.user,
                word=form.cleaned_data["word"],
                synonym=form.cleaned_data["synonym"],
            )
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Das Synonym gilt ab sofort für die Suche."))
            return redirect("offers:synonyms", office_slug=office.slug)
    rows = list(OfferSynonym.objects.in_office(office))
    return render(request, "offers/synonyms.html", {"form": form, "synonyms": rows})


@require_POST
@office_view(PERM)
def synonym_delete(request: OfficeRequest, pk: int) -> HttpResponse:
    synonym = get_for_user(request, OfferSynonym, pk=pk)  # 404 for another office's (or gone)
    search_services.delete_synonym(synonym=synonym, actor=request.user)
    messages.success(request, _("Das Synonym wurde gelöscht."))
    return redirect("offers:synonyms", office_slug=request.youth_office.slug)
