"""The consultations' small world on top of tests/conftest.py's personas.

- the teacher is ``team_member`` (Sabine Hartmann, Grundschule am Heidering, member of team_a);
- the ASD professional of Soltau/Wietzendorf is ``professional`` (Jonas Albers);
- an insoweit erfahrene Fachkraft with her own login (Ines Fachmann, Jugendhilfe Heideblick);
- ``other_team_member``, ``reader`` and ``coordinator`` are members of the same office who are
  no party to anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from sozialraum.accounts.models import Role, User
from sozialraum.consultations import services
from sozialraum.consultations.models import Consultant, ConsultantKind, Consultation
from sozialraum.network.models import Affiliation, Organisation, OrganisationKind, Person
from sozialraum.regions.models import SocialSpace, YouthOffice
from tests.conftest import make_user

QUESTION = "Wie spreche ich die Eltern auf die vielen Fehltage an?"
SITUATION = (
    "Ein Kind im Grundschulalter fehlt seit den Herbstferien oft montags. Es wirkt müde und "
    "erzählt wenig. Die Mutter ist schwer erreichbar."
)


def affiliate(user: User, organisation: Organisation) -> None:
    person = Person.objects.filter(user=user).first()
    if person is None:
        first, _, last = (user.name or "Ohne Namen").partition(" ")
        person = Person.objects.create(
            youth_office=organisation.youth_office,
            first_name=first,
            last_name=last or first,
            user=user,
        )
    Affiliation.objects.create(
        youth_office=organisation.youth_office,
        person=person,
        organisation=organisation,
        function="Lehrerin",
    )


def school_of(office: YouthOffice, space: SocialSpace) -> Organisation:
    school = Organisation.objects.filter(youth_office=office, kind=OrganisationKind.SCHOOL).first()
    if school is None:
        school = Organisation.objects.create(
            youth_office=office, name="Grundschule am Heidering", kind=OrganisationKind.SCHOOL
        )
        school.social_spaces.add(space)
    return school


@dataclass
class Cases:
    school: Organisation
    asd: Consultant
    insofa: Consultant
    insofa_user: User


def build_cases(office: YouthOffice, space: SocialSpace, *, teacher: User, asd_user: User) -> Cases:
    school = school_of(office, space)
    affiliate(teacher, school)
    carrier = Organisation.objects.create(
        youth_office=office, name="Beratungsstelle Heidekreis", kind=OrganisationKind.COUNSELLING
    )
    insofa_user = make_user(
        "insofa@heidekreis.example", "Ines Fachmann", office=office, role=Role.PROFESSIONAL
    )
    asd = Consultant.objects.create(
        youth_office=office, kind=ConsultantKind.ASD, user=asd_user, social_space=space
    )
    insofa = Consultant.objects.create(
        youth_office=office,
        kind=ConsultantKind.INSOFA,
        user=insofa_user,
        organisation=carrier,
        availability="dienstags vormittags",
    )
    services.ensure_concern_areas(office)
    return Cases(school=school, asd=asd, insofa=insofa, insofa_user=insofa_user)


def bring(
    cases: Cases, *, teacher: User, space: SocialSpace, consultant=None, team=None, **extra
) -> Consultation:
    if consultant is None and team is None:
        consultant = cases.asd
    fields = {
        "question": QUESTION,
        "situation": SITUATION,
        "age_band": "6-9",
        "family_situation": "alleinerziehend",
        "concerns": [],
        **extra,
    }
    return services.bring_consultation(
        office=space.youth_office,
        actor=teacher,
        organisation=cases.school,
        social_space=space,
        consultant=consultant,
        team=team,
        **fields,
    )


def url(name: str, office: YouthOffice, pk: int | None = None) -> str:
    kwargs: dict = {"office_slug": office.slug}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"consultations:{name}", kwargs=kwargs)
