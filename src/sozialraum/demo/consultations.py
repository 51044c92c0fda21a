"""Demo data of the anonymous case consultation: FICTIONAL cases in Heidekreis.

The primary school head (schule@, Heike Grote) brings one case to the ASD of
Soltau/Wietzendorf and one to an insoweit erfahrene Fachkraft (with a recommendation and
"Gefährdungseinschätzung empfohlen"); the free carrier's professional (fachkraft@, Jonas Albers)
brings one to the round table of the Sozialraumteam Soltau/Wietzendorf, where it becomes an
anonymous topic of the next meeting. Every text goes through the guard: what it finds is marked
"nicht identifizierend" with the reason below (the texts are written so that nothing in them
identifies a child). Earlier quarters get anonymous counts for coordination's page.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.consultations import screening, services
from sozialraum.consultations.models import (
    ConcernArea,
    Consultant,
    ConsultantKind,
    Consultation,
    ConsultationCount,
)
from sozialraum.network.models import Affiliation, Organisation, OrganisationKind
from sozialraum.teams.models import Team

if TYPE_CHECKING:
    from sozialraum.demo.builder import DemoContext

ASD_EMAIL = "asd.soltau@heidekreis.example"
INSOFA_EMAIL = "insofa@heidekreis.example"

# Reasons for what the guard may find in the texts below, by the found text's start.
REASONS = {
    "sekretariat@": "Adresse des Schulsekretariats, nicht der Familie",
    "Herbstferien": "Die Ferien gelten für alle Schulen im Land.",
    "05191": "Telefonnummer der Beratungsstelle, nicht der Familie",
}
DEFAULT_REASON = "Allgemeine Angabe ohne Bezug zu einem bestimmten Kind"

ASD_CASE = {
    "question": "Wie spreche ich die Mutter auf die vielen Fehltage an, ohne dass sie sich "
    "zurückzieht?",
    "situation": "Ein Kind im Grundschulalter fehlt seit den Herbstferien oft montags und "
    "wirkt dann müde. Die Mutter ist tagsüber schwer erreichbar; Nachrichten an die Schule "
    "schickt sie über sekretariat@grundschule-beispiel.example. Das Kind erzählt gern von einem "
    "älteren Geschwisterkind.",
    "tried": "Zwei Gespräche mit dem Kind, ein Brief an die Mutter, Hinweis auf die "
    "Schulsozialarbeit.",
    "age_band": "6-9",
    "family_situation": "alleinerziehend",
    "pseudonym": "GS-2026-04",
}
INSOFA_CASE = {
    "question": "Reichen meine Beobachtungen für eine Gefährdungseinschätzung?",
    "situation": "Ein Kind kommt seit einigen Wochen ohne Frühstück und bei Kälte ohne Jacke. "
    "Es hat mehrmals blaue Flecken am Oberarm, die es mit dem Sport erklärt. Die Eltern kommen "
    "zu Elternabenden nicht.",
    "tried": "Gespräch mit der Klassenlehrkraft, Dokumentation der Beobachtungen.",
    "age_band": "6-9",
    "family_situation": "beide_eltern",
    "pseudonym": "",
}
ROUND_TABLE_CASE = {
    "question": "Welche Angebote im Sozialraum passen für eine Familie, die neu zugezogen ist "
    "und noch niemanden kennt?",
    "situation": "Eine Familie mit zwei Kindern im Kita-Alter ist im Sommer zugezogen. Die "
    "Eltern wirken erschöpft, die Kinder spielen wenig mit anderen. Die Familie spricht gut "
    "Deutsch.",
    "tried": "Hinweis auf den Familienwegweiser, Einladung ins Elterncafé.",
    "age_band": "3-5",
    "family_situation": "beide_eltern",
    "pseudonym": "",
}


def _decisions(office, texts: dict[str, str]) -> dict[str, str]:
    """A reason for every finding of the guard in these texts (see REASONS)."""
    checked = screening.screen(
        {name: (name, text) for name, text in texts.items()}, office=office, decisions={}
    )
    decisions = {}
    for item in checked.items:
        reason = next(
            (text for start, text in REASONS.items() if item.finding.text.startswith(start)),
            DEFAULT_REASON,
        )
        decisions[item.key] = reason
    return decisions


def _user(ctx: DemoContext, email: str, name: str, office) -> User:
    user = User.objects.create_user(email, ctx.password, name=name)
    OfficeRole.objects.create(youth_office=office, user=user, role=Role.PROFESSIONAL)
    ctx.users[email] = user
    return user


def _organisation_of(user: User, office, kinds: tuple[str, ...]) -> Organisation:
    affiliation = (
        Affiliation.objects.filter(
            person__user=user, organisation__youth_office=office, organisation__kind__in=kinds
        )
        .select_related("organisation")
        .first()
    )
    if affiliation is not None:
        return affiliation.organisation
    found = Organisation.objects.filter(youth_office=office, kind__in=kinds).order_by("pk").first()
    assert found is not None, f"the demo network has no organisation of {kinds}"
    return found


def _bring(office, actor, organisation, space, concerns, case, **choice) -> Consultation:
    texts = {name: case[name] for name in ("question", "situation", "tried", "pseudonym")}
    return services.bring_consultation(
        office=office,
        actor=actor,
        organisation=organisation,
        social_space=space,
        concerns=concerns,
        decisions=_decisions(office, texts),
        **case,
        **choice,
    )


def _message(consultation, actor, text) -> None:
    services.post_message(
        consultation=consultation,
        actor=actor,
        text=text,
        decisions=_decisions(consultation.youth_office, {"text": text}),
    )


def build_consultations(ctx: DemoContext) -> None:
    office = ctx.offices.get("heidekreis")
    if office is None:
        return
    space = next(s for s in ctx.spaces["heidekreis"] if s.name == "Soltau/Wietzendorf")
    head = ctx.users["schule@heidekreis.example"]
    carrier_professional = ctx.users["fachkraft@heidekreis.example"]
    asd_user = _user(ctx, ASD_EMAIL, "Birte Lühmann", office)
    insofa_user = _user(ctx, INSOFA_EMAIL, "Martina Steffens", office)
    counselling = _organisation_of(insofa_user, office, (OrganisationKind.COUNSELLING,))
    asd = Consultant.objects.create(
        youth_office=office, kind=ConsultantKind.ASD, user=asd_user, social_space=space
    )
    insofa = Consultant.objects.create(
        youth_office=office,
        kind=ConsultantKind.INSOFA,
        user=insofa_user,
        organisation=counselling,
        availability="dienstags und donnerstags 9–12 Uhr",
    )
    services.ensure_concern_areas(office)
    concerns = {c.name: c for c in ConcernArea.objects.filter(youth_office=office)}
    school = _organisation_of(head, office, (OrganisationKind.SCHOOL,))

    first = _bring(
        office, head, school, space, [concerns["Schulbesuch und Lernen"]], ASD_CASE, consultant=asd
    )
    _message(
        first,
        asd_user,
        "Danke für die genaue Beschreibung. Ich würde der Mutter ein kurzes Gespräch in der "
        "Schule anbieten, gern auch zusammen mit der Schulsozialarbeit.",
    )
    _message(first, head, "Das probiere ich. Soll ich die Fehltage vorher aufschreiben?")

    second = _bring(
        office,
        head,
        school,
        space,
        [concerns["Verdacht auf Vernachlässigung"], concerns["Verdacht auf Gewalt"]],
        INSOFA_CASE,
        consultant=insofa,
    )
    second = services.record_recommendation(
        consultation=second,
        actor=insofa_user,
        version=second.version,
        recommendation="Ihre Beobachtungen sind gewichtige Anhaltspunkte. Ich empfehle, mit der "
        "Schulleitung eine Gefährdungseinschätzung nach § 8a SGB VIII vorzunehmen und die Eltern "
        "dazu einzuladen, soweit das den Schutz des Kindes nicht gefährdet. Unter 05191 970 000 "
        "erreichen Sie mich für die Vorbereitung.",
        risk_assessment_recommended=True,
        decisions=_decisions(office, {"recommendation": "Unter 05191 970 000"}),
    )

    kita_side = _organisation_of(
        carrier_professional,
        office,
        (OrganisationKind.FREE_CARRIER, OrganisationKind.KITA, OrganisationKind.FAMILY_CENTRE),
    )
    team = Team.objects.filter(
        youth_office=office, name="Sozialraumteam Soltau/Wietzendorf"
    ).first()
    if team is not None:
        _bring(
            office,
            carrier_professional,
            kita_side,
            space,
            [concerns["Belastung in der Familie"]],
            ROUND_TABLE_CASE,
            team=team,
        )

    closed = _bring(
        office,
        head,
        school,
        space,
        [concerns["Sprache und Entwicklung"]],
        ROUND_TABLE_CASE | {"age_band": "3-5"},
        consultant=asd,
    )
    closed = services.close_consultation(consultation=closed, actor=head, version=closed.version)
    Consultation.objects.filter(pk=closed.pk).update(closed_at=timezone.now() - timedelta(days=40))
    _history_counts(office, space)


def _history_counts(office, space) -> None:
    """Anonymous counts of the last quarters (some under 3, shown as "unter 3")."""
    today = timezone.localdate()
    quarter_index = today.year * 4 + (today.month - 1) // 3
    rows = []
    for back, (schools, kitas) in enumerate([(5, 2), (4, 3), (7, 1), (3, 4)], start=1):
        year, quarter = divmod(quarter_index - back, 4)
        for kind, count in ((OrganisationKind.SCHOOL, schools), (OrganisationKind.KITA, kitas)):
            rows.append(
                ConsultationCount(
                    youth_office=office,
                    social_space=space,
                    organisation_kind=kind,
                    year=year,
                    quarter=quarter + 1,
                    count=count,
                )
            )
    ConsultationCount.objects.bulk_create(rows, ignore_conflicts=True)
