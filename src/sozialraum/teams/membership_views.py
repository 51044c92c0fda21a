"""Managing a team's members (coordination or the team's Leitung): the members page with the
search for a person of the network, adding a member, changing a membership, leaving."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import add_service_error, is_htmx, posted
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.network.models import Person
from sozialraum.teams import selectors, services
from sozialraum.teams.access import get_membership_for_user, get_team_for_user
from sozialraum.teams.forms import (
    LeaveForm,
    MembershipAddForm,
    MembershipForm,
    PersonSearchForm,
    membership_initial,
)
from sozialraum.teams.models import Membership, Team


def _chosen_person(request: OfficeRequest) -> tuple[Person | None, str]:
    """The person picked from the search (?person=<pk>, or the posted form's), of this office's
    network only; an unknown or foreign id gives an explanation instead."""
    raw = (request.POST.get("person") if request.method == "POST" else None) or request.GET.get(
        "person", ""
    )
    if not raw:
        return None, ""
    if raw.isascii() and raw.isdigit() and len(raw) < 12:
        person = Person.objects.in_office(request.youth_office).filter(pk=int(raw)).first()
        if person is not None:
            return person, ""
    return None, _(
        "Diese Person gibt es im Netzwerk dieses Jugendamts nicht. Bitte suchen Sie sie erneut."
    )


def _add_member(
    request: OfficeRequest, team: Team, person: Person, form: MembershipAddForm
) -> Membership | None:
    data = form.cleaned_data
    try:
        return services.add_member(
            team=team,
            actor=request.user,
            person=person,
            organisation=data["organisation"],
            role=data["role"],
            joined=data["joined"],
            substitutes=data["substitutes"],
        )
    except ValueError as error:
        add_service_error(form, error)
    return None


@office_view("teams.view_team")
@submit_once
def members(request: OfficeRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request, pk, perm="teams.manage_members")
    search = PersonSearchForm(request.GET)
    q = search.query()
    found = selectors.person_search(request.youth_office, q) if q else []
    if is_htmx(request) and request.method == "GET" and "q" in request.GET:
        return render(request, "teams/_person_results.html", {"team": team, "found": found, "q": q})
    person, person_error = _chosen_person(request)
    form = None
    if person is not None:
        form = MembershipAddForm(posted(request), person=person, initial={"person": person.pk})
        if request.method == "POST" and form.is_valid():
            created = _add_member(request, team, person, form)
            if created is not None:
                messages.success(
                    request,
                    _("%(person)s ist jetzt Mitglied im Team.") % {"person": person.full_name},
                )
                return redirect("teams:members", office_slug=request.youth_office.slug, pk=team.pk)
    elif request.method == "POST" and not person_error:
        person_error = _("Bitte suchen und wählen Sie zuerst eine Person.")
    current, former, upcoming = selectors.memberships(team)
    return render(
        request,
        "teams/members.html",
        {
            "team": team,
            "search": search,
            "q": q,
            "found": found,
            "person": person,
            "person_error": person_error,
            "form": form,
            "current": current,
            "former": former,
            "upcoming": upcoming,
        },
    )


@office_view("teams.view_team")
def membership_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    membership = get_membership_for_user(request, pk, perm="teams.manage_members")
    form = MembershipForm(
        posted(request),
        person=membership.person,
        membership=membership,
        initial=membership_initial(membership),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_membership(
                membership=membership,
                actor=request.user,
                version=data["version"] or 0,
                role=data["role"],
                organisation=data["organisation"],
                joined=data["joined"],
                substitutes=data["substitutes"],
            )
        except ConcurrentEditError:
            saved = Membership.objects.get(pk=membership.pk)
            show_conflict(form, membership_initial(saved), saved.version)
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(
                "teams:members", office_slug=request.youth_office.slug, pk=membership.team_id
            )
    return render(
        request,
        "teams/membership_form.html",
        {"form": form, "membership": membership, "team": membership.team},
    )


@office_view("teams.view_team")
def membership_leave(request: OfficeRequest, pk: int) -> HttpResponse:
    """The member leaves the team: the membership keeps its dates (never deleted)."""
    membership = get_membership_for_user(request, pk, perm="teams.manage_members")
    form = LeaveForm(posted(request), membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            ended = services.end_membership(
                membership=membership,
                actor=request.user,
                version=form.cleaned_data["version"] or 0,
                left=form.cleaned_data["left"],
            )
        except ConcurrentEditError:
            form.add_error(
                None,
                _(
                    "Jemand anderes hat diese Mitgliedschaft inzwischen geändert. Bitte prüfen "
                    "Sie die Angaben auf der Mitgliederseite und versuchen Sie es erneut."
                ),
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(person)s ist zum %(date)s aus dem Team ausgeschieden.")
                % {
                    "person": ended.person.full_name,
                    "date": date_format(form.cleaned_data["left"], "SHORT_DATE_FORMAT"),
                },
            )
            return redirect(
                "teams:members", office_slug=request.youth_office.slug, pk=membership.team_id
            )
    return render(
        request,
        "teams/membership_leave.html",
        {"form": form, "membership": membership, "team": membership.team},
    )
