"""Pages of the guard's vocabulary: the office's rare features (members read, coordination
adds and deletes) and a check of a text against the guard."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.consultations import guard_services
from sozialraum.consultations.guard import find_identifiers
from sozialraum.consultations.guard.highlight import findings_list, highlight
from sozialraum.consultations.models import RareFeature
from sozialraum.lib.http import posted
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view


class RareFeatureForm(forms.Form):
    term = forms.CharField(
        label=gettext_lazy("Begriff"),
        max_length=200,
        help_text=gettext_lazy(
            "Die Prüfung findet den Begriff auch gebeugt und in Zusammensetzungen, "
            "z. B. „Rollstuhl“ auch in „Rollstuhlfahrerin“."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Warum erkennbar?"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "Zum Beispiel: Im Landkreis gibt es nur wenige Kinder mit dieser Erkrankung."
        ),
    )


class CheckForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Der Text wird nur geprüft, nicht gespeichert."),
    )


@office_view("consultations.view_rarefeature")
def guard_check(request: OfficeRequest) -> HttpResponse:
    """Try the guard: the findings of a text, highlighted (nothing is stored)."""
    form = CheckForm(posted(request))
    context: dict = {"form": form, "checked": False}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        findings = find_identifiers(text, youth_office=request.youth_office)
        context.update(
            checked=True,
            highlighted=highlight(text, findings),
            findings=findings_list(text, findings),
        )
    return render(request, "consultations/guard_check.html", context)


def _list_context(request: OfficeRequest, form: RareFeatureForm) -> dict:
    office = request.youth_office
    features = list(RareFeature.objects.filter(youth_office=office).order_by("term", "id"))
    return {
        "features": features,
        "form": form,
        "can_edit": request.user.has_perm("consultations.add_rarefeature", office),
    }


@office_view("consultations.view_rarefeature")
def rare_features(request: OfficeRequest) -> HttpResponse:
    return render(
        request, "consultations/rare_features.html", _list_context(request, RareFeatureForm())
    )


@office_view("consultations.add_rarefeature")
@submit_once
def rare_feature_add(request: OfficeRequest) -> HttpResponse:
    form = RareFeatureForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            feature = guard_services.add_rare_feature(
                office=request.youth_office,
                actor=request.user,
                term=form.cleaned_data["term"],
                reason=form.cleaned_data["reason"],
            )
        except ValueError as error:
            form.add_error("term", str(error))
        else:
            messages.success(
                request,
                _("„%(term)s“ steht jetzt auf der Liste der seltenen Merkmale.")
                % {"term": feature.term},
            )
            return redirect("consultations:rare_features", office_slug=request.youth_office.slug)
    return render(request, "consultations/rare_features.html", _list_context(request, form))


@office_view("consultations.delete_rarefeature")
def rare_feature_delete(request: OfficeRequest, pk: int) -> HttpResponse:
    office = request.youth_office
    feature = get_object_or_404(RareFeature, youth_office=office, pk=pk)
    if request.method == "POST":
        guard_services.delete_rare_feature(feature=feature, actor=request.user)
        messages.success(
            request, _("„%(term)s“ wurde von der Liste entfernt.") % {"term": feature.term}
        )
        return redirect("consultations:rare_features", office_slug=office.slug)
    return render(request, "consultations/rare_feature_delete.html", {"feature": feature})
