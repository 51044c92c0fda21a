"""Writes of the teams: keyword-only, atomic, audited, with optimistic locking.

A team's name is unique per youth office (checked here with a German message, and by the
database under concurrency). A membership is never deleted: a member who leaves gets a `left`
date, and joining again creates a new membership, so the team's history stays true. Every
check of tenancy (social spaces, person, organisation, substitutes of the same youth office)
raises ValueError with a German message; a stale `version` raises ConcurrentEditError.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import ConcurrentEditError, InvalidData, unique_as_field_error
from sozialraum.lib.text import sort_key
from sozialraum.network.models import Affiliation, Organisation, Person
from sozialraum.regions.models import SocialSpace, YouthOffice
from sozialraum.teams.models import Membership, MembershipRole, Team

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

TEAM_FIELDS = Team.EDITABLE_FIELDS
TEAM_AUDITED = [*TEAM_FIELDS, "social_spaces"]
MEMBERSHIP_AUDITED = ["person", "organisation", "role", "substitutes", "joined", "left"]


# Teams ----------------------------------------------------------------------------------------


def name_taken(office: YouthOffice, name: str, exclude_pk: int | None = None) -> str:
    """The German message if another team of the office has this name (any case), else ''."""
    wanted = name.strip().casefold()
    others = Team.objects.in_office(office).exclude(pk=exclude_pk).values_list("name", flat=True)
    # Names are few per office; compare case-insensitively in Python (SQLite's LOWER is ASCII).
    clash = next((other for other in others if other.casefold() == wanted), None)
    if clash is None:
        return ""
    return _(
        "Ein Team „%(name)s“ gibt es in diesem Jugendamt schon. Bitte wählen Sie einen "
        "anderen Namen."
    ) % {"name": clash}


def _unique_name(office: YouthOffice, team: Team):
    return unique_as_field_error(
        Team,
        "unique_team_name",
        "name",
        lambda: (
            name_taken(office, team.name, team.pk) or _("Diesen Namen hat schon ein anderes Team.")
        ),
    )


def _check_spaces(office: YouthOffice, social_spaces: Iterable[SocialSpace]) -> list[SocialSpace]:
    chosen = list(dict.fromkeys(social_spaces))
    foreign = [space for space in chosen if space.youth_office_id != office.pk]
    if foreign:
        raise ValueError(
            _("Diese Räume gehören nicht zu diesem Jugendamt: %(names)s.")
            % {"names": ", ".join(space.name for space in foreign)}
        )
    return chosen


def _apply_team_data(team: Team, data: dict[str, Any]) -> None:
    unknown = sorted(set(data) - set(TEAM_FIELDS))
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(unknown)}")
    for name, value in data.items():
        setattr(team, name, (value or "").strip() if isinstance(value, str | None) else value)


def _validate_team(office: YouthOffice, team: Team) -> None:
    try:
        team.full_clean(
            exclude=["youth_office", "sort_key", "social_spaces"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        raise InvalidData(
            {name: [str(m) for m in messages] for name, messages in error.message_dict.items()},
            Team,
        ) from None
    message = name_taken(office, team.name, team.pk)
    if message:
        raise InvalidData({"name": [message]}, Team)


@transaction.atomic
def create_team(
    *,
    office: YouthOffice,
    actor: User | None,
    data: dict[str, Any],
    social_spaces: Iterable[SocialSpace] = (),
) -> Team:
    team = Team(youth_office=office)
    _apply_team_data(team, data)
    spaces = _check_spaces(office, social_spaces)
    _validate_team(office, team)
    with _unique_name(office, team):
        team.save()
    team.social_spaces.set(spaces)
    record(
        office=office,
        actor=actor,
        action=Action.CREATE,
        instance=team,
        changes=diff({}, snapshot(team, TEAM_AUDITED)),
    )
    return team


@transaction.atomic
def update_team(
    *,
    team: Team,
    actor: User | None,
    version: int,
    data: dict[str, Any],
    social_spaces: Iterable[SocialSpace] | None = None,
) -> Team:
    """Update the given fields (and the social spaces unless None); a save by somebody else
    since `version` raises ConcurrentEditError."""
    current = Team.objects.select_related("youth_office").get(pk=team.pk)
    office = current.youth_office
    if current.version != version:
        raise ConcurrentEditError
    before = snapshot(current, TEAM_AUDITED)
    candidate = copy.copy(current)
    _apply_team_data(candidate, data)
    spaces = None if social_spaces is None else _check_spaces(office, social_spaces)
    _validate_team(office, candidate)
    values = {name: getattr(candidate, name) for name in data}
    if "name" in values:
        values["sort_key"] = sort_key(candidate.name)
    with _unique_name(office, candidate):
        updated = Team.objects.filter(pk=current.pk, version=version).update(
            **values, updated_at=timezone.now(), version=F("version") + 1
        )
    if not updated:
        raise ConcurrentEditError
    saved = Team.objects.select_related("youth_office").get(pk=current.pk)
    if spaces is not None:
        saved.social_spaces.set(spaces)
    changes = diff(before, snapshot(saved, TEAM_AUDITED))
    if changes:
        record(office=office, actor=actor, action=Action.UPDATE, instance=saved, changes=changes)
    return saved


# Memberships ----------------------------------------------------------------------------------


def membership_label(membership: Membership) -> str:
    return f"{membership.person.full_name} – {membership.team.name}"


def current_organisations(person: Person, day: date | None = None) -> list[Organisation]:
    """The organisations the person works for (their current affiliations), by name."""
    day = day or timezone.localdate()
    affiliations = (
        Affiliation.objects.filter(person=person)
        .exclude(until__lt=day)
        .select_related("organisation")
        .order_by("organisation__sort_key", "organisation_id")
    )
    return list(dict.fromkeys(a.organisation for a in affiliations))


def _check_person(team: Team, person: Person) -> None:
    if person.youth_office_id != team.youth_office_id:
        raise ValueError(_("Diese Person gehört nicht zum Netzwerk dieses Jugendamts."))


def _check_organisation(person: Person, organisation: Organisation | None, keep=None) -> None:
    """The member represents one of the organisations they work for (or none, e.g. a guest
    without an organisation). `keep`: the organisation saved so far stays allowed."""
    if organisation is None:
        return
    if organisation.youth_office_id != person.youth_office_id:
        raise InvalidData(
            {"organisation": [_("Diese Organisation gehört zu einem anderen Jugendamt.")]},
            Membership,
        )
    if organisation.pk != getattr(keep, "pk", None) and organisation not in current_organisations(
        person
    ):
        raise InvalidData(
            {
                "organisation": [
                    _(
                        "%(person)s ist nicht für „%(org)s“ tätig. Bitte wählen Sie eine ihrer "
                        "Organisationen."
                    )
                    % {"person": person.full_name, "org": organisation.name}
                ]
            },
            Membership,
        )


def _check_substitutes(person: Person, substitutes: Iterable[Person]) -> list[Person]:
    chosen = list(dict.fromkeys(substitutes))
    if any(s.youth_office_id != person.youth_office_id for s in chosen):
        raise InvalidData(
            {"substitutes": [_("Eine Vertretung gehört zu einem anderen Jugendamt.")]}, Membership
        )
    if any(s.pk == person.pk for s in chosen):
        raise InvalidData(
            {
                "substitutes": [
                    _("Niemand kann sich selbst vertreten. Bitte wählen Sie eine andere Person.")
                ]
            },
            Membership,
        )
    return chosen


def _check_role(role: str) -> None:
    if role not in MembershipRole.values:
        raise InvalidData({"role": [_("Diese Rolle gibt es nicht.")]}, Membership)


def _lock_team(team: Team) -> None:
    """One membership change of a team at a time (a row lock on PostgreSQL; SQLite's
    IMMEDIATE transactions serialise writers anyway)."""
    Team.objects.select_for_update().filter(pk=team.pk).first()


@transaction.atomic
def add_member(
    *,
    team: Team,
    actor: User | None,
    person: Person,
    organisation: Organisation | None,
    role: str = MembershipRole.MEMBER,
    joined: date | None = None,
    substitutes: Iterable[Person] = (),
) -> Membership:
    """A new membership. A person who is a current member already is refused; a former member
    joins again with a new membership (the old one keeps its dates)."""
    _check_person(team, person)
    _check_role(role)
    _check_organisation(person, organisation)
    chosen = _check_substitutes(person, substitutes)
    _lock_team(team)
    joined = joined or timezone.localdate()
    if Membership.objects.filter(team=team, person=person, left__isnull=True).exists() or (
        Membership.objects.filter(team=team, person=person, left__gte=joined).exists()
    ):
        raise InvalidData(
            {
                "person": [
                    _("%(person)s ist schon Mitglied in diesem Team.")
                    % {"person": person.full_name}
                ]
            },
            Membership,
        )
    membership = Membership.objects.create(
        youth_office_id=team.youth_office_id,
        team=team,
        person=person,
        organisation=organisation,
        role=role,
        joined=joined,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    membership.substitutes.set(chosen)
    record(
        office=team.youth_office,
        actor=actor,
        action=Action.CREATE,
        instance=membership,
        label=membership_label(membership),
        changes=diff({}, snapshot(membership, MEMBERSHIP_AUDITED)),
    )
    return membership


@transaction.atomic
def update_membership(
    *,
    membership: Membership,
    actor: User | None,
    version: int,
    role: str,
    organisation: Organisation | None,
    joined: date,
    substitutes: Iterable[Person],
) -> Membership:
    """Change role, organisation, joined date and substitutes. A save by somebody else since
    `version` raises ConcurrentEditError."""
    current = Membership.objects.select_related(
        "team", "team__youth_office", "person", "organisation"
    ).get(pk=membership.pk)
    if current.version != version:
        raise ConcurrentEditError
    _check_role(role)
    _check_organisation(current.person, organisation, keep=current.organisation)
    chosen = _check_substitutes(current.person, substitutes)
    if current.left is not None and current.left < joined:
        raise InvalidData({"joined": [left_before_joined(joined, current.left)]}, Membership)
    before = snapshot(current, MEMBERSHIP_AUDITED)
    updated = Membership.objects.filter(pk=current.pk, version=version).update(
        role=role, organisation=organisation, joined=joined, version=F("version") + 1
    )
    if not updated:
        raise ConcurrentEditError
    saved = Membership.objects.select_related(
        "team", "team__youth_office", "person", "organisation"
    ).get(pk=current.pk)
    saved.substitutes.set(chosen)
    changes = diff(before, snapshot(saved, MEMBERSHIP_AUDITED))
    if changes:
        record(
            office=saved.team.youth_office,
            actor=actor,
            action=Action.UPDATE,
            instance=saved,
            label=membership_label(saved),
            changes=changes,
        )
    return saved


def left_before_joined(joined: date, left: date) -> str:
    return _(
        "Das Ausscheiden (%(left)s) liegt vor dem Eintritt (%(joined)s). Bitte prüfen Sie das "
        "Datum."
    ) % {
        "left": date_format(left, "SHORT_DATE_FORMAT"),
        "joined": date_format(joined, "SHORT_DATE_FORMAT"),
    }


@transaction.atomic
def end_membership(
    *, membership: Membership, actor: User | None, version: int, left: date | None = None
) -> Membership:
    """The member leaves the team on `left` (today): the membership stays with its dates."""
    current = Membership.objects.select_related("team", "team__youth_office", "person").get(
        pk=membership.pk
    )
    if current.version != version:
        raise ConcurrentEditError
    left = left or timezone.localdate()
    if current.left is not None:
        raise InvalidData(
            {
                "left": [
                    _("%(person)s ist schon am %(date)s ausgeschieden.")
                    % {
                        "person": current.person.full_name,
                        "date": date_format(current.left, "SHORT_DATE_FORMAT"),
                    }
                ]
            },
            Membership,
        )
    if left < current.joined:
        raise InvalidData({"left": [left_before_joined(current.joined, left)]}, Membership)
    updated = Membership.objects.filter(pk=current.pk, version=version).update(
        left=left, version=F("version") + 1
    )
    if not updated:
        raise ConcurrentEditError
    current.left = left
    current.version = version + 1
    record(
        office=current.team.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=current,
        label=membership_label(current),
        changes={"left": {"old": None, "new": left}},
    )
    return current
