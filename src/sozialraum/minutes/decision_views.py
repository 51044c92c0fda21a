"""The decisions register (Beschlüsse) across all teams of the office, its exports, and a
decision's page with its status change."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib import exports as lib_exports
from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import (
    add_service_error,
    list_response,
    posted,
    query_without,
)
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, office_view
from sozialraum.minutes import exports, register_services, selectors
from sozialraum.minutes.decision_rows import decision_list_page
from sozialraum.minutes.models import Decision, DecisionStatus, MinutesStatus
from sozialraum.minutes.register_forms import DecisionFilterForm, decision_status_form

_MARKER = 918273645


def minutes_link(office_slug: str) -> Callable[[int], str]:
    """The link to a meeting's minutes by the meeting's id, reversed once per list: the minutes
    page (`minutes:minutes`), else its PDF where the page does not exist (yet)."""
    for name in ("minutes:minutes", "minutes:minutes_pdf"):
        try:
            url = reverse(name, kwargs={"office_slug": office_slug, "meeting_pk": _MARKER})
        except NoReverseMatch:
            continue
        head, tail = url.split(str(_MARKER))

        def link(pk: int, head: str = head, tail: str = tail) -> str:
            return f"{head}{int(pk)}{tail}"

        return link
    return lambda pk: ""


def decision_status_buttons(status: str) -> list[tuple[str, str]]:
    """The statuses a decision can move to, with their buttons' labels."""
    revoke = (DecisionStatus.REVOKED.value, _("Beschluss aufheben"))
    if status == DecisionStatus.VALID:
        return [(DecisionStatus.DONE.value, _("Als erledigt markieren")), revoke]
    if status == DecisionStatus.DONE:
        return [(DecisionStatus.VALID.value, _("Wieder auf „gilt“ setzen")), revoke]
    return [(DecisionStatus.VALID.value, _("Wieder in Kraft setzen"))]


def get_decision_for_user(
    request: OfficeRequest, pk: int, *, perm: str = "minutes.view_decision"
) -> Decision:
    queryset = Decision.objects.select_related(
        "youth_office", "team", "minutes", "minutes__meeting", "item", "status_changed_by"
    )
    return get_for_user(request, queryset, pk=pk, perm=perm)


def _filter_form(request: OfficeRequest) -> DecisionFilterForm:
    office = request.youth_office
    return DecisionFilterForm(
        request.GET, office=office, first_year=selectors.first_decision_year(office)
    )


@office_view("minutes.view_register")
def decisions(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = _filter_form(request)
    filters = form.filters()
    register = selectors.decision_register(office, user=request.user, **filters)
    page = decision_list_page(
        register,
        request.GET.get("seite"),
        office_slug=office.slug,
        minutes_link=minutes_link(office.slug),
    )
    return list_response(
        request,
        page_template="minutes/decisions.html",
        results_template="minutes/decisions_results.html",
        context={
            "form": form,
            "page": page,
            "query": query_without(request, "seite"),
            "filtered": any(value not in (None, "") for value in filters.values()),
            "unsearchable": selectors.search_terms(filters["q"]).unsearchable,
        },
    )


def _export(request: OfficeRequest, fmt: str) -> HttpResponse:
    office = request.youth_office
    form = _filter_form(request)
    register = selectors.decision_register(office, user=request.user, **form.filters())
    headers, rows = exports.decision_table(register)
    filename = f"beschluesse-{office.slug}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return lib_exports.csv_response(filename, headers, rows)
    return lib_exports.xlsx_response(filename, headers, rows)


@office_view("minutes.view_register")
def decisions_csv(request: OfficeRequest) -> HttpResponse:
    return _export(request, "csv")


@office_view("minutes.view_register")
def decisions_xlsx(request: OfficeRequest) -> HttpResponse:
    return _export(request, "xlsx")


@office_view("minutes.view_register")
def decision(request: OfficeRequest, pk: int) -> HttpResponse:
    """The decision; coordination and the team's Leitung change its status here (POST)."""
    posting = request.method == "POST"
    perm = "minutes.change_decision_status" if posting else "minutes.view_decision"
    decision = get_decision_for_user(request, pk, perm=perm)
    form = None
    if posting or request.user.has_perm("minutes.change_decision_status", decision):
        form = decision_status_form(posted(request), version=decision.version)
    if posting and form is not None and form.is_valid():
        try:
            register_services.change_decision_status(
                decision=decision,
                actor=request.user,
                version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ConcurrentEditError:
            decision = get_decision_for_user(request, pk)
            show_conflict(
                form, {"status": decision.status, "note": decision.status_note}, decision.version
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Der Status von Beschluss %(number)s ist gespeichert.")
                % {"number": decision.label},
            )
            return redirect(decision.get_absolute_url())
    link = minutes_link(request.youth_office.slug)
    context = {
        "decision": decision,
        "form": form,
        "minutes_url": link(decision.minutes.meeting_id) if decision.minutes else "",
        "is_draft": bool(decision.minutes and decision.minutes.status != MinutesStatus.APPROVED),
        "statuses": DecisionStatus,
        "status_choices": decision_status_buttons(decision.status),
        "can_publish": request.user.has_perm("minutes.publish_decision", decision),
    }
    return render(request, "minutes/decision.html", context)


@require_POST
@office_view("minutes.view_register")
def decision_public(request: OfficeRequest, pk: int) -> HttpResponse:
    """Publish the decision on the public pages of its team's social spaces, or withdraw it
    (POST: `is_public` "1" or "0", the `version` the page showed)."""
    decision = get_decision_for_user(request, pk, perm="minutes.publish_decision")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    public = request.POST.get("is_public") == "1"
    try:
        register_services.set_decision_public(
            decision=decision, actor=request.user, version=version, is_public=public
        )
    except ConcurrentEditError:
        messages.error(
            request,
            _(
                "Der Beschluss wurde inzwischen geändert. Bitte prüfen Sie den aktuellen Stand "
                "und entscheiden Sie dann noch einmal."
            ),
        )
    except ValueError as error:
        messages.error(request, str(error))
    else:
        if public:
            messages.success(request, _("Der Beschluss ist jetzt öffentlich."))
        else:
            messages.success(request, _("Der Beschluss ist nicht mehr öffentlich."))
    return redirect(decision.get_absolute_url())
