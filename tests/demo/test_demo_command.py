"""`sozialraum demo [--reset]`: the demo youth offices, social spaces and accounts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sozialraum.accounts.models import Role, User
from sozialraum.regions.models import SocialSpace, YouthOffice

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "Demo-Passwort-2026"


@pytest.fixture
def demo(municipalities, monkeypatch) -> str:
    monkeypatch.setenv("SOZIALRAUM_DEMO_PASSWORD", DEMO_PASSWORD)
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_it_loads_the_four_youth_offices(demo):
    offices = {o.slug: o for o in YouthOffice.objects.all()}
    assert set(offices) == {"heidekreis", "verden", "vogelsberg", "potsdam-mittelmark"}
    assert offices["heidekreis"].name == "Landkreis Heidekreis"
    assert offices["heidekreis"].kreis_key == "03358"
    assert offices["heidekreis"].social_space_label == "Sozialraumbezirk"
    assert offices["vogelsberg"].social_space_label == "Planungsraum"
    assert "Demo geladen: 4 Jugendämter" in demo


def test_it_gives_heidekreis_its_six_social_space_districts(demo):
    spaces = SocialSpace.objects.filter(youth_office__slug="heidekreis")
    assert spaces.count() == 6
    assert "Soltau/Wietzendorf" in {s.name for s in spaces}
    assert not spaces.filter(is_demo=True).exists()  # named in the seeds, not invented
    assert all(space.municipalities.exists() for space in spaces)


def test_it_gives_potsdam_mittelmark_no_social_spaces_yet(demo):
    assert not SocialSpace.objects.filter(youth_office__slug="potsdam-mittelmark").exists()


def test_it_flags_invented_groupings_as_demo_data(demo):
    flagged = SocialSpace.objects.filter(is_demo=True)
    assert flagged.exists()
    assert set(flagged.values_list("youth_office__slug", flat=True)) <= {"verden", "vogelsberg"}
    # Verden: Langwedel is from the seeds, the other groupings are invented.
    verden = SocialSpace.objects.filter(youth_office__slug="verden")
    assert not verden.get(name="Langwedel").is_demo
    assert verden.get(name="Achim").is_demo


def test_it_puts_every_municipality_in_at_most_one_space(demo):
    for office in YouthOffice.objects.all():
        ags = list(
            SocialSpace.objects.filter(youth_office=office).values_list(
                "municipalities__ags", flat=True
            )
        )
        ags = [a for a in ags if a]
        assert len(ags) == len(set(ags)), office
        assert all(a.startswith(office.kreis_key) for a in ags), office


@pytest.mark.parametrize(
    ("email", "slug", "role"),
    [
        ("koordination@heidekreis.example", "heidekreis", Role.COORDINATION),
        ("fachkraft@heidekreis.example", "heidekreis", Role.PROFESSIONAL),
        ("schule@heidekreis.example", "heidekreis", Role.PROFESSIONAL),
        ("koordination@verden.example", "verden", Role.COORDINATION),
    ],
)
def test_it_gives_the_demo_accounts_their_roles(demo, email, slug, role):
    user = User.objects.get(email=email)
    assert user.check_password(DEMO_PASSWORD)
    assert user.role_in(YouthOffice.objects.get(slug=slug)) == role
    assert not user.is_superuser
    assert list(user.youth_offices().values_list("slug", flat=True)) == [slug]


def test_it_makes_the_operator_account_a_superuser(demo):
    admin = User.objects.get(email="admin@sozialraum.example")
    assert admin.is_superuser and admin.is_staff and admin.is_operator
    assert admin.check_password(DEMO_PASSWORD)


def test_it_gives_every_office_a_coordinator(demo):
    for office in YouthOffice.objects.all():
        assert any(role == Role.COORDINATION for role in office_roles(office)), office


def office_roles(office) -> list[str]:
    from sozialraum.accounts.models import OfficeRole

    return list(OfficeRole.objects.in_office(office).values_list("role", flat=True))


def test_it_refuses_to_load_twice_without_reset(demo):
    with pytest.raises(CommandError, match="--reset"):
        call_command("demo", stdout=StringIO())
    assert YouthOffice.objects.count() == 4


def test_it_does_nothing_with_if_empty_on_a_full_database(demo):
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "wird nicht geladen" in out.getvalue()
    assert YouthOffice.objects.count() == 4


def test_it_deletes_and_loads_again_on_reset(demo):
    SocialSpace.objects.filter(name="Walsrode").update(name="Umbenannt")
    User.objects.create_user("fremd@example.org", "Irgendwas-123456", name="Fremd")
    out = StringIO()
    call_command("demo", "--reset", stdout=out)
    assert "Demo geladen" in out.getvalue()
    assert YouthOffice.objects.count() == 4
    assert SocialSpace.objects.filter(name="Walsrode").exists()
    assert not SocialSpace.objects.filter(name="Umbenannt").exists()
    assert not User.objects.filter(email="fremd@example.org").exists()
    assert User.objects.filter(email="koordination@heidekreis.example").count() == 1


def test_it_prints_a_generated_password_once(municipalities, monkeypatch):
    monkeypatch.delenv("SOZIALRAUM_DEMO_PASSWORD", raising=False)
    out = StringIO()
    call_command("demo", stdout=out)
    line = next(line for line in out.getvalue().splitlines() if "Passwort für alle" in line)
    password = line.rsplit(" ", 1)[-1]
    assert User.objects.get(email="koordination@heidekreis.example").check_password(password)


def test_it_refuses_a_scale_below_one(municipalities):
    with pytest.raises(CommandError, match="mindestens 1"):
        call_command("demo", "--scale", "0", stdout=StringIO())
    assert not YouthOffice.objects.exists()


def test_it_every_audit_entry_of_the_demo_has_a_registered_type(demo):
    from sozialraum.audit import registry
    from sozialraum.audit.models import AuditEntry

    types = set(AuditEntry.objects.values_list("object_type", flat=True))
    assert types, "the demo writes audit entries"
    assert types <= {key for key, _label in registry.known_types()}
