"""Pages of the teams: the list of the office's teams, a team's page, creating and editing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.teams import selectors, services
from sozialraum.teams.access import get_team_for_user
from sozialraum.teams.forms import TeamForm, team_initial
from sozialraum.teams.listing import TeamListRows
from sozialraum.teams.models import Team
from sozialraum.teams.rows import (
    decision_rows,
    former_rows,
    member_rows,
    task_rows,
    team_list_page,
)


@office_view("teams.view_team")
def team_list(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    page = team_list_page(
        TeamListRows(office),
        request.GET.get("seite"),
        office_slug=office.slug,
        spaces_header=office.social_space_label_plural,
    )
    return render(request, "teams/team_list.html", {"page": page})


@office_view("teams.view_team")
def team(request: OfficeRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request, pk, perm="teams.view_team")
    page = selectors.team_page(team)
    slug = request.youth_office.slug
    member_rows(page.groups, slug)
    page.tasks_html = task_rows(page.open_tasks, slug)
    page.decisions_html = decision_rows(page.decisions, slug)
    page.former_html = former_rows(page.former, slug)
    return render(request, "teams/team.html", {"team": team, "page": page})


def _team_saved(request: OfficeRequest, form: TeamForm, team: Team | None) -> Team | None:
    """Create or update through the services; None (with errors on the form) if it failed."""
    spaces = form.cleaned_data["social_spaces"]
    try:
        if team is None:
            return services.create_team(
                office=request.youth_office,
                actor=request.user,
                data=form.data_for_service(),
                social_spaces=spaces,
            )
        return services.update_team(
            team=team,
            actor=request.user,
            version=form.cleaned_data["version"] or 0,
            data=form.data_for_service(),
            social_spaces=spaces,
        )
    except ConcurrentEditError:
        assert team is not None
        saved = Team.objects.get(pk=team.pk)
        show_conflict(form, team_initial(saved), saved.version)
    except ValueError as error:
        add_service_error(form, error)
    return None


@office_view("teams.add_team")
@submit_once
def team_create(request: OfficeRequest) -> HttpResponse:
    form = TeamForm(posted(request), office=request.youth_office)
    if request.method == "POST" and form.is_valid():
        created = _team_saved(request, form, None)
        if created is not None:
            messages.success(
                request,
                _("Das Team „%(name)s“ wurde angelegt. Tragen Sie jetzt seine Mitglieder ein.")
                % {"name": created.name},
            )
            return redirect("teams:members", office_slug=request.youth_office.slug, pk=created.pk)
    return render(request, "teams/team_form.html", {"form": form, "team": None})


@office_view("teams.view_team")
def team_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request, pk, perm="teams.change_team")
    form = TeamForm(posted(request), office=request.youth_office, instance=team)
    if request.method == "POST" and form.is_valid():
        saved = _team_saved(request, form, team)
        if saved is not None:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(saved)
    return render(request, "teams/team_form.html", {"form": form, "team": team})
