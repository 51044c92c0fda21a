"""Two tabs editing the same record: the second save is refused, its input kept and shown next
to what the first one saved (issue 7, point 1). Organisations and people are in their own
view tests; here the affiliation, the checklist of kinds and the social space."""

from __future__ import annotations

from django.urls import reverse

from sozialraum.network import services
from sozialraum.network.models import Affiliation, expected_kinds
from sozialraum.regions.models import SocialSpace
from tests.conftest import municipality


def affiliation_url(affiliation: Affiliation) -> str:
    return reverse(
        "network:affiliation_edit", kwargs={"office_slug": "heidekreis", "pk": affiliation.pk}
    )


def test_it_refuses_the_second_of_two_affiliation_edits(
    client_for, coordinator, professional, person_a, org_a
):
    affiliation = services.add_affiliation(
        person=person_a, organisation=org_a, actor=coordinator, function="Beratung"
    )
    first, second = client_for(coordinator), client_for(professional)
    form_1 = first.get(affiliation_url(affiliation)).context["form"]
    form_2 = second.get(affiliation_url(affiliation)).context["form"]
    data = {"since": "", "until": "", "version": form_1["version"].value()}
    assert (
        first.post(affiliation_url(affiliation), {**data, "function": "Leitung"}).status_code == 302
    )
    data["version"] = form_2["version"].value()
    response = second.post(affiliation_url(affiliation), {**data, "function": "Teamleitung"})
    assert response.status_code == 200
    affiliation.refresh_from_db()
    assert affiliation.function == "Leitung"
    rows = response.context["form"].conflict_rows
    assert [(row.label, row.mine, row.theirs) for row in rows] == [
        ("Funktion", "Teamleitung", "Leitung")
    ]
    assert 'value="Teamleitung"' in response.content.decode()
    # Saving again keeps the second person's value, knowingly.
    data["version"] = response.context["form"]["version"].value()
    again = second.post(affiliation_url(affiliation), {**data, "function": "Teamleitung"})
    assert again.status_code == 302
    affiliation.refresh_from_db()
    assert affiliation.function == "Teamleitung"


def test_it_refuses_the_second_of_two_checklist_edits(client_for, coordinator, operator, office_a):
    url = reverse("network:expected_kinds", kwargs={"office_slug": "heidekreis"})
    first, second = client_for(coordinator), client_for(operator)
    version_1 = first.get(url).context["form"]["version"].value()
    version_2 = second.get(url).context["form"]["version"].value()
    assert first.post(url, {"kinds": ["kita"], "version": version_1}).status_code == 302
    response = second.post(url, {"kinds": ["schule"], "version": version_2})
    assert response.status_code == 200
    assert expected_kinds(office_a) == ["kita"]
    rows = response.context["form"].conflict_rows
    assert [(row.mine, row.theirs) for row in rows] == [("Schule", "Kindertagesstätte")]
    again = second.post(
        url, {"kinds": ["schule"], "version": response.context["form"]["version"].value()}
    )
    assert again.status_code == 302
    assert expected_kinds(office_a) == ["schule"]


def test_it_refuses_the_second_of_two_social_space_edits(
    client_for, coordinator, operator, space_a
):
    url = reverse(
        "regions:social_space_edit", kwargs={"office_slug": "heidekreis", "pk": space_a.pk}
    )
    first, second = client_for(coordinator), client_for(operator)
    version = first.get(url).context["form"]["version"].value()
    second.get(url)
    data = {
        "name": space_a.name,
        "municipalities": [m.pk for m in space_a.municipalities.all()],
        "version": version,
    }
    assert first.post(url, {**data, "description": "Erste Fassung"}).status_code == 302
    response = second.post(url, {**data, "description": "Zweite Fassung"})
    assert response.status_code == 200
    assert SocialSpace.objects.get(pk=space_a.pk).description == "Erste Fassung"
    rows = response.context["form"].conflict_rows
    assert [(row.mine, row.theirs) for row in rows] == [("Zweite Fassung", "Erste Fassung")]
    assert municipality("03358024")  # the world is the one of tests/conftest.py
