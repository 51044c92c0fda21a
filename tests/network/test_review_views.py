"""Coordination reviews the changes carrier editors propose: list, diff, approve, reject."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.network import proposals, services
from sozialraum.network.models import ChangeStatus, OrganisationChange
from sozialraum.regions import services as region_services
from tests.conftest import municipality
from tests.helpers import assert_queries_constant
from tests.network.conftest import make_organisation

pytestmark = pytest.mark.django_db


def url(name: str, obj=None, office=None) -> str:
    office = office or obj.youth_office
    kwargs = {"office_slug": office.slug}
    if obj is not None:
        kwargs["pk"] = obj.pk
    return reverse(f"network:{name}", kwargs=kwargs)


@pytest.fixture
def change(carrier_editor, org_a, space_a2) -> OrganisationChange:
    return proposals.propose_organisation_change(
        organisation=org_a,
        actor=carrier_editor,
        data={"phone": "05191 4711", "description": "Neu: Elterncafé"},
        social_spaces=[space_a2],
    )


def test_it_lists_the_waiting_proposals(client_for, coordinator, change, org_a):
    response = client_for(coordinator).get(url("changes", office=org_a.youth_office))
    content = response.content.decode()
    assert "1 Vorschlag wartet auf Prüfung" in content
    assert "Jugendhilfe Heideblick e. V." in content
    assert "Tom Träger" in content


def test_it_shows_before_and_after_per_field(client_for, coordinator, change, space_a, space_a2):
    response = client_for(coordinator).get(url("change", change))
    rows = {row.label: row for row in response.context["rows"]}
    assert rows["Telefon"].changed
    assert (rows["Telefon"].base, rows["Telefon"].proposed) == ("", "05191 4711")
    assert rows["Sozialraumbezirke"].base == space_a.name
    assert rows["Sozialraumbezirke"].proposed == space_a2.name
    assert not rows["Name"].proposed_here
    content = response.content.decode()
    assert "geändert" in content  # marked by text, not by colour only
    assert "Vorschlag übernehmen" in content
    assert 'name="felder" value="phone"' in content


def test_it_applies_the_chosen_fields_of_a_proposal(
    client_for, coordinator, change, org_a, space_a2
):
    response = client_for(coordinator).post(
        url("change_approve", change), {"felder": ["phone", "social_spaces"]}
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.phone == "05191 4711"
    assert org_a.description == ""  # not chosen
    assert list(org_a.social_spaces.all()) == [space_a2]
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED


def test_it_marks_a_field_changed_since_and_does_not_preselect_it(
    client_for, coordinator, professional, change, org_a
):
    org_a.refresh_from_db()
    services.update_organisation(
        organisation=org_a, actor=professional, version=org_a.version, data={"phone": "0 direct"}
    )
    client = client_for(coordinator)
    page = client.get(url("change", change)).content.decode()
    assert "inzwischen geändert" in page
    assert 'value="phone" id="feld-phone">' in page  # not checked
    assert 'value="description" id="feld-description" checked>' in page
    response = client.post(url("change_approve", change), {"felder": ["description"]})
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.phone == "0 direct"  # coordination's change stays
    assert org_a.description == "Neu: Elterncafé"


def test_it_keeps_the_entry_on_rejection_and_tells_the_editor(
    client_for, coordinator, carrier_editor, change, org_a
):
    response = client_for(coordinator).post(
        url("change_reject", change), {"note": "Bitte die Zentrale angeben."}
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED
    assert change.review_note == "Bitte die Zentrale angeben."
    org_a.refresh_from_db()
    assert org_a.phone == ""
    editor_page = client_for(carrier_editor).get(url("organisation", org_a)).content.decode()
    assert "abgelehnt" in editor_page
    assert "Bitte die Zentrale angeben." in editor_page


def test_it_names_a_too_long_note_at_the_field(client_for, coordinator, change):
    response = client_for(coordinator).post(url("change_reject", change), {"note": "x" * 2001})
    assert response.status_code == 200
    assert "note" in response.context["reject_form"].errors
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_it_does_not_decide_a_proposal_twice(client_for, coordinator, change, org_a):
    client = client_for(coordinator)
    client.post(url("change_reject", change))
    response = client.post(url("change_approve", change), follow=True)
    assert "schon entschieden" in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.phone == ""


def test_it_keeps_the_review_for_coordination(
    client_for, professional, reader, carrier_editor, change
):
    for user in (professional, reader, carrier_editor):
        client = client_for(user)
        assert client.get(url("changes", office=change.youth_office)).status_code == 403
        assert client.get(url("change", change)).status_code == 403
        assert client.post(url("change_approve", change)).status_code == 403
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_it_gives_the_other_office_404(client_for, coordinator_b, change):
    client = client_for(coordinator_b)
    assert client.get(url("change", change)).status_code == 404
    assert client.post(url("change_approve", change)).status_code == 404
    assert client.post(url("change_reject", change)).status_code == 404


def test_it_lists_proposals_with_the_same_queries_however_many(
    client_for, coordinator, carrier_editor, office_a, change
):
    def grow():
        for number in range(10):
            org = make_organisation(office_a, coordinator, f"Kita {number}")
            editor = User.objects.create_user(f"redaktion{number}@example.org", name=f"R {number}")
            OfficeRole.objects.create(
                youth_office=office_a, user=editor, role=Role.CARRIER_EDITOR, organisation=org
            )
            proposals.propose_organisation_change(
                organisation=org, actor=editor, data={"phone": "1"}, social_spaces=None
            )

    # 7 queries: the 4 of every office page (session, user, youth office, roles) + the count, the
    # open proposals, the decided ones.
    assert_queries_constant(
        client_for(coordinator), url("changes", office=office_a), grow, expected=6
    )


def test_it_shows_the_diff_with_the_same_queries_however_many_spaces(
    client_for, coordinator, office_a, carrier_editor, org_a
):
    spaces = [
        region_services.create_social_space(
            office=office_a,
            actor=coordinator,
            name=f"Raum {ags}",
            municipalities=[municipality(ags)],
        )
        for ags in ("03358001", "03358002")
    ]
    proposal = proposals.propose_organisation_change(
        organisation=org_a, actor=carrier_editor, data={}, social_spaces=spaces[:1]
    )

    def grow():
        org_a.social_spaces.add(spaces[1])

    # 8 queries: the 4 of every office page (session, user, youth office, roles) + the proposal, the
    # spaces, the proposed names of spaces and municipalities.
    assert_queries_constant(client_for(coordinator), url("change", proposal), grow, expected=7)
