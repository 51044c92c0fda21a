"""Pages of the consultations: the list of one's consultations, bringing a case, one
consultation with its conversation, the recommendation, closing.

The pages of one consultation are open to every member of the office at the door
(`office_view()`), so that the access helper answers everybody who is no party with the same
404 (coordination, readers, carrier editors alike): nobody learns that it exists.

Every text is guarded by the services; a refused save renders the same page again with the
findings highlighted and everything the person typed still in the form.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.consultations import selectors, services
from sozialraum.consultations.access import get_consultation_for_user
from sozialraum.consultations.forms import (
    ConsultationForm,
    MessageForm,
    RecommendationForm,
    VersionForm,
)
from sozialraum.consultations.models import Consultation, ConsultationRead, IdentifierDecision
from sozialraum.consultations.screening import GuardRefused, Screening, decisions_from
from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import PAGE_SIZE, add_service_error, posted, with_detail_urls
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view

# The access log shows the most recent reads.
READS_SHOWN = 50


@office_view("consultations.view_area")
def consultation_list(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    queryset = selectors.consultations_of(request.user, office)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("seite"))
    page.object_list = with_detail_urls(
        page.object_list, "consultations:detail", office_slug=office.slug
    )
    for consultation in page.object_list:
        consultation.mine = consultation.requester_id == request.user.pk
    return render(request, "consultations/list.html", {"page": page})


@office_view("consultations.add_consultation")
@submit_once
def consultation_create(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    services.ensure_concern_areas(office)
    form = ConsultationForm(posted(request), office=office, user=request.user)
    screening: Screening | None = None
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.bring_consultation(
                office=office,
                actor=request.user,
                decisions=decisions_from(request.POST),
                **form.service_data(),
            )
        except GuardRefused as refused:
            screening = refused.screening
            form.add_error(None, str(refused))
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Ihre Fallberatung ist eingebracht. Sie sehen hier, wenn jemand antwortet."),
            )
            return redirect(consultation)
    return render(
        request,
        "consultations/form.html",
        {"form": form, "screening": screening, "has_consultants": bool(form.consultants)},
    )


def _detail(
    request: OfficeRequest,
    consultation: Consultation,
    *,
    message_form: MessageForm | None = None,
    screening: Screening | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    context: dict[str, Any] = {
        "consultation": consultation,
        "concerns": list(consultation.concerns.all()),
        "conversation": list(consultation.messages.select_related("author")),
        "decisions": list(
            IdentifierDecision.objects.filter(consultation=consultation).select_related(
                "decided_by"
            )
        ),
        "reads": list(
            ConsultationRead.objects.filter(consultation=consultation).select_related("user")[
                :READS_SHOWN
            ]
        ),
        "is_requester": consultation.requester_id == user.pk,
        "can_answer": user.has_perm("consultations.answer", consultation),
        "can_recommend": user.has_perm("consultations.recommend", consultation),
        "can_close": user.has_perm("consultations.close", consultation),
        "message_form": message_form or MessageForm(),
        "close_form": VersionForm(initial={"version": consultation.version}),
        "screening": screening,
        "retention_months": settings.CONSULTATION_RETENTION_MONTHS,
    }
    return render(request, "consultations/detail.html", context, status=status)


@office_view()
def consultation_detail(request: OfficeRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request, pk, log=True)
    return _detail(request, consultation)


@require_POST
@office_view()
def message_create(request: OfficeRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request, pk, perm="consultations.answer")
    form = MessageForm(request.POST)
    screening = None
    if form.is_valid():
        try:
            services.post_message(
                consultation=consultation,
                actor=request.user,
                text=form.cleaned_data["text"],
                decisions=decisions_from(request.POST),
            )
        except GuardRefused as refused:
            screening = refused.screening
            form.add_error(None, str(refused))
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Ihre Nachricht ist gesendet."))
            return redirect(f"{consultation.get_absolute_url()}#nachrichten")
    # The page is shown again with what was typed: that is a read too.
    consultation = get_consultation_for_user(request, pk, log=True)
    return _detail(request, consultation, message_form=form, screening=screening)


@office_view()
def recommend(request: OfficeRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(
        request, pk, perm="consultations.recommend", log=request.method == "GET"
    )
    initial = {
        "recommendation": consultation.recommendation,
        "risk_assessment_recommended": consultation.risk_assessment_recommended,
        "version": consultation.version,
    }
    form = RecommendationForm(posted(request), initial=initial)
    screening = None
    if request.method == "POST" and form.is_valid():
        try:
            services.record_recommendation(
                consultation=consultation,
                actor=request.user,
                version=form.cleaned_data["version"],
                recommendation=form.cleaned_data["recommendation"],
                risk_assessment_recommended=form.cleaned_data["risk_assessment_recommended"],
                decisions=decisions_from(request.POST),
            )
        except GuardRefused as refused:
            screening = refused.screening
            form.add_error(None, str(refused))
        except ConcurrentEditError:
            saved = Consultation.objects.get(pk=consultation.pk)
            show_conflict(
                form,
                {
                    "recommendation": saved.recommendation,
                    "risk_assessment_recommended": saved.risk_assessment_recommended,
                },
                saved.version,
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Ihre Empfehlung ist gespeichert."))
            return redirect(consultation)
    return render(
        request,
        "consultations/recommend.html",
        {"consultation": consultation, "form": form, "screening": screening},
    )


@require_POST
@office_view()
def close(request: OfficeRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request, pk, perm="consultations.close")
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            services.close_consultation(
                consultation=consultation, actor=request.user, version=form.cleaned_data["version"]
            )
        except ConcurrentEditError:
            messages.error(
                request,
                _(
                    "Inzwischen hat jemand etwas geändert. Bitte lesen Sie die Fallberatung noch "
                    "einmal und schließen Sie sie dann ab."
                ),
            )
            return redirect(consultation)
        except ValueError as error:
            messages.error(request, str(error))
            return redirect(consultation)
        messages.success(request, _("Die Fallberatung ist abgeschlossen."))
    return redirect(consultation)
