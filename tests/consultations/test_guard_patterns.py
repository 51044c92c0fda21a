"""The guard's detectors without word lists: dates, ages, addresses, phone numbers, e-mail
addresses, school classes and groups with an institution's name."""

from __future__ import annotations

import pytest

from tests.consultations.guard_helpers import found


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("geboren am 03.05.2019 in Walsrode", "date", "03.05.2019"),
        ("seit dem 3.5.19 nicht mehr", "date", "3.5.19"),
        ("am 3. Mai 2019 zugezogen", "date", "3. Mai 2019"),
        ("Das war am 12. März.", "date", "12. März"),
        ("Geburtsdatum: 2019-05-03", "date", "2019-05-03"),
        ("Der Junge wurde im März 2018 geboren.", "date", "März 2018"),
        ("Leonie, geb. 2016, kommt aus", "date", "geb. 2016"),
        ("Sie ist 3 Jahre und 4 Monate alt.", "age", "3 Jahre und 4 Monate"),
        ("Er ist 28 Monate alt.", "age", "28 Monate alt"),
        ("Emma (4;2 Jahre) spielt allein.", "age", "4;2 Jahre"),
        ("Der Junge ist 7 und geht zur Schule.", "age", "ist 7"),
        ("Die 8-Jährige hat erzählt.", "age", "8-Jährige"),
        ("Der siebenjährige Junge kommt aus Syrien.", "age", "siebenjährige"),
        ("Aylin (15) übernachtet bei Bekannten.", "age", "(15)"),
        ("Sie wohnt in der Lindenstraße 14.", "address", "Lindenstraße 14"),
        ("Die Familie wohnt Am Markt 3.", "address", "Am Markt 3"),
        ("Die Familie wohnt Im Winkel 7, ganz am Ende.", "address", "Im Winkel 7"),
        ("Wohnung in der Hauptstr. 12a", "address", "Hauptstr. 12a"),
        ("Sie lebt in 27336 Rethem.", "address", "27336 Rethem"),
        ("Erreichbar unter 0171 4482913.", "phone", "0171 4482913"),
        ("Tel.: 0 51 61 / 98 76 54", "phone", "Tel.: 0 51 61 / 98 76 54"),
        ("per Mail an k.meyer@gs-heidering.de", "email", "k.meyer@gs-heidering.de"),
        (
            "ein Kind der Klasse 3b der Grundschule Rethem",
            "school_class",
            "Klasse 3b der Grundschule Rethem",
        ),
        ("die 4a an der GS am Heidering", "school_class", "4a an der GS am Heidering"),
        (
            "in der Bärengruppe der Kita Sonnenschein",
            "institution_group",
            "Bärengruppe der Kita Sonnenschein",
        ),
    ],
)
def test_it_identifiers_are_found(text, kind, value):
    """A finding of the kind covers the value (a merged finding may be a little longer)."""
    assert any(k == kind and value in f for k, f in found(text)), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nach § 8a Abs. 4 SGB VIII und § 4 KKG zieht die Schule eine Fachkraft hinzu.",
        "Seit 2023 gibt es Konflikte; wir hatten 3 Termine mit 12 Kindern.",
        "Kinder im Alter von 6 bis 10 Jahren und Kinder unter 3 Jahren.",
        "Der nächste Termin ist am Montag um 9.30 Uhr, im Mai oder im Herbst.",
        "Die Hilfe läuft seit 18 Monaten, die Familie lebt seit 5 Jahren hier.",
        "Es ist 3 Jahre her, dass die Familie zugezogen ist.",
        "Ein Kind der 4a hat sich anvertraut; eine Grundschule im Sozialraum.",
        "Die Schülerin der Klasse 7 hat sich der Vertrauenslehrerin anvertraut.",
        "Ein Kind aus der Krippengruppe einer Kita im Ort.",
        "Die zweijährige Ausbildung hat die Mutter abgebrochen.",
        "Die Fallzahlen sind von 2022 bis 2024 um 12 Prozent gestiegen, Schulden 8.000 Euro.",
        "Kapitel 3.2 des Schutzkonzepts; Raum 104 der Kreisverwaltung.",
        "Das Kind aus der Klasse 3 der Grundschule im Ort fehlt oft.",
        "Die Igelgruppe der Kita im Dorf hat 20 Kinder.",
        "In der Woche 3 Termine sind zu viel für die Mutter.",
    ],
)
def test_it_clean_professional_text_has_no_finding(text):
    assert found(text) == []


def test_it_office_institutions_with_a_group_or_class(office_a):
    from sozialraum.consultations.guard import find_identifiers
    from sozialraum.network.models import Organisation, OrganisationKind

    Organisation.objects.create(
        youth_office=office_a, name="Kita Pusteblume", kind=OrganisationKind.KITA
    )
    Organisation.objects.create(
        youth_office=office_a, name="Oberschule Hodenhagen", kind=OrganisationKind.SCHOOL
    )
    text = "Ein Kind aus der Kita Pusteblume, Igelgruppe. In der 7c der Oberschule Hodenhagen."
    findings = find_identifiers(text, youth_office=office_a)
    assert [(f.kind, f.text) for f in findings] == [
        ("institution_group", "Kita Pusteblume, Igelgruppe"),
        ("school_class", "7c der Oberschule Hodenhagen"),
    ]
    # The name alone is no finding: institutions in general may be named.
    assert find_identifiers("Die Kita Pusteblume hat 60 Plätze.", youth_office=office_a) == []


def test_it_rare_features_of_the_office(office_a):
    from sozialraum.consultations.guard import find_identifiers
    from sozialraum.consultations.models import RareFeature

    RareFeature.objects.create(youth_office=office_a, term="Rollstuhl", reason="Nur ein Kind.")
    findings = find_identifiers("Die Schülerin ist Rollstuhlfahrerin.", youth_office=office_a)
    assert [(f.kind, f.text) for f in findings] == [("rare_feature", "Rollstuhlfahrerin")]
    assert "Nur ein Kind." not in findings[0].reason  # the reason is keyed by the whole term
    findings = find_identifiers("Sie sitzt im Rollstuhl.", youth_office=office_a)
    assert "Nur ein Kind." in findings[0].reason
