"""teams.selectors: grouping by organisation kind, current/former/upcoming memberships, the
substitutes one may name, the memberships the network's pages show."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sozialraum.network.models import Affiliation, OrganisationKind
from sozialraum.teams import selectors
from tests.teams.conftest import member, organisation, person_at

pytestmark = pytest.mark.django_db


def test_it_splits_current_former_and_upcoming_members(team_a, office_a):
    today = timezone.localdate()
    now = member(team_a, person_at(office_a, None, "A", "Jetzt"))
    former = member(
        team_a, person_at(office_a, None, "B", "Früher"), left=today - timedelta(days=1)
    )
    later = member(
        team_a, person_at(office_a, None, "C", "Später"), joined=today + timedelta(days=5)
    )
    leaving_today = member(team_a, person_at(office_a, None, "D", "Heute"), left=today)
    current, former_rows, upcoming = selectors.memberships(team_a)
    assert set(current) == {now, leaving_today}
    assert former_rows == [former]
    assert upcoming == [later]


def test_it_groups_by_kind_in_the_order_of_the_kinds(team_a, office_a):
    school = organisation(office_a, "Schule", OrganisationKind.SCHOOL)
    carrier = organisation(office_a, "Träger", OrganisationKind.FREE_CARRIER)
    rows = [
        member(team_a, person_at(office_a, school, "A", "A"), school),
        member(team_a, person_at(office_a, None, "B", "B")),
        member(team_a, person_at(office_a, carrier, "C", "C"), carrier),
    ]
    groups = selectors.group_by_kind(rows)
    assert [g.kind for g in groups] == ["freier_traeger", "schule", ""]
    assert groups[-1].label == "ohne Organisation"


def test_it_offers_current_colleagues_as_substitutes(office_a, office_b):
    kita = organisation(office_a, "Kita")
    person = person_at(office_a, kita, "A", "Mitglied")
    colleague = person_at(office_a, kita, "B", "Kollegin")
    gone = person_at(office_a, kita, "C", "Gegangen")
    Affiliation.objects.filter(person=gone).update(until=date(2020, 1, 1))
    person_at(office_a, organisation(office_a, "Andere"), "D", "Fremd")
    assert list(selectors.substitute_candidates(person, kita)) == [colleague]
    assert list(selectors.substitute_candidates(person, None)) == [colleague]
    assert set(selectors.substitute_candidates(person, kita, [gone])) == {colleague, gone}


def test_it_finds_nobody_for_an_empty_or_unsearchable_query(office_a):
    person_at(office_a, None, "Anna", "Arndt")
    assert selectors.person_search(office_a, "") == []
    assert selectors.person_search(office_a, "%%") == []
    assert [p.last_name for p in selectors.person_search(office_a, "arn")] == ["Arndt"]
