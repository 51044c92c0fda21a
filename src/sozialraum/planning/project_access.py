"""Access helpers of projects: one per object, scoped to the request's youth office (404 for a
row of another office), checking `perm` on the row (403); rules in `project_rules.py`."""

from __future__ import annotations

from functools import cache

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sozialraum.lib.prepared import Prepared
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, get_prepared_for_user
from sozialraum.planning.models import QualityCriterion
from sozialraum.planning.project_models import Project


# The project by office and pk with its measure, carrier and team and the joins asked for,
# compiled once per connection (lib/prepared.py): the ORM compiled this join of six tables on
# every request, a fifth of the project page's CPU (issue 8).
@cache
def _project_query(related: tuple[str, ...]) -> Prepared:
    joins = ("youth_office", "measure", "measure__carrier", "measure__team", *related)
    return Prepared(
        lambda office, pk: Project.objects.select_related(*joins).filter(
            youth_office_id=office, pk=pk
        ),
        int,
        int,
    )


def get_project_for_user(
    request: OfficeRequest,
    pk: int,
    *,
    perm: str | None = "planning.view_project",
    related: tuple[str, ...] = (),
) -> Project:
    """A project with its measure and carrier (and `related` joined); carrier editors of other
    organisations get 404 (the project's existence is no business of theirs), everybody else
    403 without `perm`."""
    project = get_prepared_for_user(request, _project_query(related), pk)
    if not request.user.has_perm("planning.view_project", project):
        raise Http404
    if perm is not None and not request.user.has_perm(perm, project):
        raise PermissionDenied
    return project


def get_quality_criterion_for_user(request: OfficeRequest, pk: int) -> QualityCriterion:
    return get_for_user(
        request,
        QualityCriterion.objects.select_related("youth_office"),
        pk=pk,
        perm="planning.manage_quality_criteria",
    )
