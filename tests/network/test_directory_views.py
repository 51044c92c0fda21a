"""The directory of organisations and the list of people: search, filters, pages, exports."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import openpyxl
import pytest
from django.urls import reverse

from sozialraum.network import services
from sozialraum.network.models import OrganisationKind
from sozialraum.regions import services as region_services
from tests.conftest import municipality
from tests.helpers import assert_queries_constant
from tests.network.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db


def directory_url(office, **query) -> str:
    url = reverse("network:directory", kwargs={"office_slug": office.slug})
    if query:
        url += "?" + urlencode(query)
    return url


def names_in(response) -> list[str]:
    return [org["name"] for org in response.context["page"].object_list]


def test_it_lists_the_organisations_of_the_office_only(client_for, coordinator, org_a, org_b):
    response = client_for(coordinator).get(directory_url(org_a.youth_office))
    assert response.status_code == 200
    assert names_in(response) == ["Jugendhilfe Heideblick e. V."]
    assert "Kita Weserwiese" not in response.content.decode()
    assert "1 Organisation im Verzeichnis" in response.content.decode()


def test_it_is_for_every_member_and_nobody_else(client_for, reader, coordinator_b, outsider, org_a):
    url = directory_url(org_a.youth_office)
    assert client_for(reader).get(url).status_code == 200
    assert client_for(coordinator_b).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))


def test_it_shows_a_carrier_editor_the_directory_without_edit_buttons(
    client_for, carrier_editor, org_a
):
    response = client_for(carrier_editor).get(directory_url(org_a.youth_office))
    assert response.status_code == 200
    assert "Organisation anlegen" not in response.content.decode()


@pytest.mark.parametrize("term", ["grünes", "gruenes", "GRUENES", "Grünes Haus"])
def test_it_finds_umlauts_in_any_spelling(client_for, coordinator, office_a, term):
    make_organisation(office_a, coordinator, "Familientreff Grünes Haus")
    make_organisation(office_a, coordinator, "Kita Sonnenschein")
    response = client_for(coordinator).get(directory_url(office_a, q=term))
    assert names_in(response) == ["Familientreff Grünes Haus"]
    assert "1 Organisation gefunden" in response.content.decode()


def test_it_finds_eszett_written_as_ss(client_for, coordinator, office_a):
    make_organisation(office_a, coordinator, "Jugendtreff Großenwede")
    response = client_for(coordinator).get(directory_url(office_a, q="grossenwede"))
    assert names_in(response) == ["Jugendtreff Großenwede"]


def test_it_filters_by_kind_social_space_and_municipality(
    client_for, coordinator, office_a, space_a, space_a2
):
    make_organisation(
        office_a,
        coordinator,
        "Grundschule Soltau",
        kind=OrganisationKind.SCHOOL,
        municipality=municipality("03358021"),
        spaces=[space_a],
    )
    make_organisation(
        office_a,
        coordinator,
        "Grundschule Walsrode",
        kind=OrganisationKind.SCHOOL,
        municipality=municipality("03358024"),
        spaces=[space_a2],
    )
    make_organisation(office_a, coordinator, "Kita Walsrode", spaces=[space_a2])
    client = client_for(coordinator)
    by_kind = client.get(directory_url(office_a, art=OrganisationKind.SCHOOL))
    assert names_in(by_kind) == ["Grundschule Soltau", "Grundschule Walsrode"]
    by_space = client.get(directory_url(office_a, raum=space_a2.pk))
    assert names_in(by_space) == ["Grundschule Walsrode", "Kita Walsrode"]
    by_municipality = client.get(directory_url(office_a, gemeinde=municipality("03358021").pk))
    assert names_in(by_municipality) == ["Grundschule Soltau"]
    combined = client.get(directory_url(office_a, art=OrganisationKind.KITA, raum=space_a2.pk))
    assert names_in(combined) == ["Kita Walsrode"]


def test_it_ignores_filters_of_another_office_or_nonsense(client_for, coordinator, org_a, space_b):
    client = client_for(coordinator)
    office = org_a.youth_office
    for query in (
        {"raum": space_b.pk},
        {"raum": "abc"},
        {"art": "gibtsnicht"},
        {"gemeinde": municipality("03361001").pk},
        {"seite": "999"},
        {"seite": "x"},
    ):
        response = client.get(directory_url(office, **query))
        assert response.status_code == 200, query
        assert names_in(response) == ["Jugendhilfe Heideblick e. V."], query


def test_it_says_so_when_nothing_matches(client_for, coordinator, org_a):
    response = client_for(coordinator).get(directory_url(org_a.youth_office, q="zzz"))
    content = response.content.decode()
    assert "Keine Organisation passt zu Ihrer Suche." in content
    assert "0 Organisationen gefunden" in content


def test_it_paginates_with_seite(client_for, coordinator, office_a):
    for number in range(30):
        make_organisation(office_a, coordinator, f"Kita Nummer {number:02}")
    client = client_for(coordinator)
    first = client.get(directory_url(office_a))
    assert len(names_in(first)) == 25
    assert "Seite 1 von 2" in first.content.decode()
    second = client.get(directory_url(office_a, seite=2))
    assert names_in(second) == [f"Kita Nummer {number:02}" for number in range(25, 30)]


def test_it_answers_live_search_with_the_results_only(client_for, coordinator, org_a):
    response = client_for(coordinator).get(
        directory_url(org_a.youth_office, q="heide"), HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert "Jugendhilfe Heideblick e. V." in content
    assert "<html" not in content
    assert 'hx-swap-oob="true"' in content  # the result count, for screen readers too
    assert "HX-Request" in response["Vary"]


def test_it_exports_the_filtered_directory_as_csv(client_for, coordinator, office_a, org_a):
    make_organisation(office_a, coordinator, "=HYPERLINK Kita")
    response = client_for(coordinator).get(
        reverse("network:directory_csv", kwargs={"office_slug": office_a.slug}) + "?q=heide"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Name;Art;")
    assert "Jugendhilfe Heideblick e. V." in text
    assert "HYPERLINK" not in text  # filtered out by the search


def test_it_exports_the_directory_as_xlsx(client_for, coordinator, office_a, org_a, org_b):
    response = client_for(coordinator).get(
        reverse("network:directory_xlsx", kwargs={"office_slug": office_a.slug})
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Name", "Art")
    assert [row[0] for row in rows[1:]] == ["Jugendhilfe Heideblick e. V."]


def test_it_keeps_office_a_out_of_the_other_offices_exports(client_for, coordinator_b, org_a):
    url = reverse("network:directory_csv", kwargs={"office_slug": org_a.youth_office.slug})
    assert client_for(coordinator_b).get(url).status_code == 404


def test_it_shows_the_directory_with_the_same_queries_however_many_organisations(
    client_for, coordinator, office_a, space_a, space_a2
):
    def grow():
        for number in range(40):
            make_organisation(
                office_a,
                coordinator,
                f"Kita Heidegarten {number}",
                municipality=municipality("03358021"),
                spaces=[space_a, space_a2],
            )

    make_organisation(office_a, coordinator, "Kita Heidegarten", spaces=[space_a])
    client = client_for(coordinator)
    # 9 queries: the 4 of every office page (session, user, youth office, roles) + the count, the
    # filter's spaces and municipalities, a page of organisations, their spaces.
    assert_queries_constant(client, directory_url(office_a), grow, expected=8)


def test_it_searches_the_directory_with_the_same_queries_however_many_hits(
    client_for, coordinator, office_a, space_a
):
    make_organisation(office_a, coordinator, "Kita Heidegarten", spaces=[space_a])

    def grow():
        for number in range(40):
            make_organisation(office_a, coordinator, f"Kita Heidegarten {number}", spaces=[space_a])

    client = client_for(coordinator)
    # 10 queries: the 4 of every office page (session, user, youth office, roles) + the
    # chosen space, the count, the filter's spaces and municipalities, a page of
    # organisations, their spaces.
    assert_queries_constant(
        client, directory_url(office_a, q="heidegarten", raum=space_a.pk), grow, expected=9
    )


# People -----------------------------------------------------------------------------------------


def people_url(office, **query) -> str:
    url = reverse("network:people", kwargs={"office_slug": office.slug})
    if query:
        url += "?" + urlencode(query)
    return url


def test_it_lists_people_with_their_organisations_and_contacts(
    client_for, reader, coordinator, office_a, org_a, person_a
):
    services.add_affiliation(
        person=person_a, organisation=org_a, actor=coordinator, function="Teamleitung"
    )
    response = client_for(reader).get(people_url(office_a))
    content = response.content.decode()
    assert "Müller, Anna" in content
    assert "Jugendhilfe Heideblick e. V." in content
    assert "Teamleitung" in content
    assert "anna.mueller@example.org" in content  # members see contact details


@pytest.mark.parametrize("term", ["müller", "mueller", "MUELLER"])
def test_it_finds_people_by_any_spelling(client_for, coordinator, office_a, person_a, term):
    make_person(office_a, coordinator, "Schmidt", "Bernd")
    response = client_for(coordinator).get(people_url(office_a, q=term))
    assert [p["last_name"] for p in response.context["page"].object_list] == ["Müller"]


def test_it_shows_the_other_office_no_people_of_office_a(client_for, coordinator_b, person_a):
    response = client_for(coordinator_b).get(people_url(person_a.youth_office))
    assert response.status_code == 404
    assert "Müller" not in response.content.decode()


def test_it_lists_people_with_the_same_queries_however_many(
    client_for, coordinator, office_a, org_a
):
    def grow():
        for number in range(30):
            person = make_person(office_a, coordinator, f"Meyer{number}", "Eva")
            services.add_affiliation(
                person=person, organisation=org_a, actor=coordinator, function="Fachkraft"
            )

    grow()
    # 7 queries: the 4 of every office page (session, user, youth office, roles) + the count,
    # a page of people, their affiliations.
    assert_queries_constant(client_for(coordinator), people_url(office_a), grow, expected=6)


def test_it_offers_a_new_or_renamed_social_space_in_the_filter_at_once(
    client_for, coordinator, office_a, space_a
):
    client = client_for(coordinator)
    assert space_a.name in client.get(directory_url(office_a)).content.decode()
    added = region_services.create_social_space(
        office=office_a, actor=coordinator, name="Neuenkirchen-Nord"
    )
    content = client.get(directory_url(office_a)).content.decode()
    assert f'<option value="{added.pk}">Neuenkirchen-Nord</option>' in content
    space_a.refresh_from_db()
    region_services.update_social_space(
        space=space_a,
        actor=coordinator,
        version=space_a.version,
        name="Umbenannt",
        description="",
        municipalities=space_a.municipalities.all(),
    )
    content = client.get(directory_url(office_a, raum=space_a.pk)).content.decode()
    assert f'<option value="{space_a.pk}" selected>Umbenannt</option>' in content
