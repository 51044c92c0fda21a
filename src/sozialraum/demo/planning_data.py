"""The German texts of the planning demo (demo/planning.py): FICTIONAL needs, measures, goals,
cost calculations and evaluations of the Landkreis Heidekreis over three years.

Years are offsets from the current year (0 = this year, 1 = last year, 2 = the year before).
Social spaces, carriers and teams are named as in demo-regions.json, network_data.py and
teams_data.py ("Sozialraumteam <space>").
"""

from __future__ import annotations

FBL_EMAIL = "fachbereichsleitung@heidekreis.example"
FBL_NAME = "Dr. Anke Behrens"

# TVöD Sozial- und Erziehungsdienst: (pay group, hourly rate incl. employer's share, €)
PAY_GROUPS = [
    ("TVöD SuE S 4", "38.20"),
    ("TVöD SuE S 8a", "45.60"),
    ("TVöD SuE S 11b", "51.30"),
    ("TVöD SuE S 12", "53.80"),
    ("TVöD SuE S 15", "59.40"),
]

# (name, description, weight, max score)
PRIORITY_CRITERIA = [
    ("Dringlichkeit", "Wie schnell muss etwas geschehen?", 3, 5),
    ("Erreichte Kinder und Familien", "Wie viele junge Menschen profitieren?", 2, 5),
    ("Kein anderes Angebot vorhanden", "Gibt es im Sozialraum schon etwas Vergleichbares?", 2, 5),
]

# (level, name, description)
QUALITY_CRITERIA = [
    ("struktur", "Räume sind barrierefrei erreichbar", "Auch mit Kinderwagen und Rollstuhl."),
    ("struktur", "Fachkräfte mit passender Qualifikation", ""),
    ("prozess", "Die Zielgruppe war an der Planung beteiligt", ""),
    ("prozess", "Zusammenarbeit mit Schule und Kita im Sozialraum", ""),
    ("ergebnis", "Die Ziele wurden erreicht", "Gemessen an den Indikatoren der Maßnahme."),
    ("ergebnis", "Die Familien berichten von Entlastung", ""),
    ("qualitaet", "Rückmeldungen der Teilnehmenden wurden eingeholt", ""),
    ("qualitaet", "Das Angebot wurde dokumentiert und reflektiert", ""),
]

# planned per year in each Sozialraumbezirk (€), and the earmarked share for case-unspecific work
BUDGETS = {
    "Schneverdingen/Neuenkirchen": "42000.00",
    "Munster/Bispingen": "45000.00",
    "Soltau/Wietzendorf": "58000.00",
    "Bad Fallingbostel/Osterheide": "40000.00",
    "Walsrode": "62000.00",
    "Ahlden, Rethem, Schwarmstedt": "38000.00",
}
EARMARK = "8000.00"

# Needs: key -> fields. status: erfasst, geprueft, anerkannt, abgelehnt (the needs answered by an
# evaluated measure get their status from the evaluation). scores: one per criterion.
NEEDS = {
    "eltern_soltau": {
        "year": 2,
        "title": "Treffpunkt für Eltern mit Kleinkindern in Soltau",
        "definition": (
            "Eltern mit Kindern unter drei Jahren, die neu zugezogen sind oder keine Familie in "
            "der Nähe haben, finden in Soltau keinen offenen Ort, um sich zu treffen und Rat zu "
            "bekommen."
        ),
        "evidence": (
            "Die Familienhebammen berichten von 40 Familien ohne Anbindung; zwei Kitas haben "
            "Wartelisten für die Krippe."
        ),
        "target_group": "Eltern mit Kindern unter drei Jahren",
        "ages": (0, 3),
        "spaces": ["Soltau/Wietzendorf"],
        "status": "anerkannt",
        "scores": (4, 4, 5),
    },
    "schule_walsrode": {
        "year": 2,
        "title": "Schulabsentismus an weiterführenden Schulen in Walsrode",
        "definition": (
            "Schülerinnen und Schüler der Klassen 7 bis 9, die wiederholt dem Unterricht "
            "fernbleiben und von der Schule nicht mehr erreicht werden."
        ),
        "evidence": "Die Oberschule meldet 35 Jugendliche mit mehr als 20 Fehltagen im Halbjahr.",
        "target_group": "Jugendliche der Klassen 7 bis 9",
        "ages": (12, 16),
        "spaces": ["Walsrode"],
        "status": "anerkannt",
        "scores": (5, 3, 4),
    },
    "skatepark_munster": {
        "year": 2,
        "title": "Skateanlage in Munster",
        "definition": "Jugendliche wünschen sich eine Skateanlage am Ortsrand.",
        "evidence": "Unterschriftenliste des Jugendforums mit 120 Namen.",
        "target_group": "Jugendliche",
        "ages": (12, 18),
        "spaces": ["Munster/Bispingen"],
        "status": "abgelehnt",
        "reason": (
            "Eine Sportanlage ist Aufgabe der Stadt Munster, nicht der Jugendhilfe. Das "
            "Sozialraumteam gibt den Wunsch an den Ortsrat weiter."
        ),
    },
    "ferien_nord": {
        "year": 1,
        "title": "Ferienangebote für Jugendliche im Nordkreis",
        "definition": (
            "In den Sommerferien gibt es für Jugendliche zwischen 12 und 16 Jahren in Munster, "
            "Bispingen, Schneverdingen und Neuenkirchen kaum Angebote; viele Eltern arbeiten."
        ),
        "evidence": "Befragung an drei Schulen: 64 % der Jugendlichen fahren nicht in Urlaub.",
        "target_group": "Jugendliche von 12 bis 16 Jahren",
        "ages": (12, 16),
        "spaces": ["Munster/Bispingen", "Schneverdingen/Neuenkirchen"],
        "status": "anerkannt",
        "scores": (3, 5, 4),
    },
    "maedchen_aller": {
        "year": 1,
        "title": "Mädchenarbeit im ländlichen Raum an der Aller",
        "definition": (
            "Mädchen zwischen 10 und 15 Jahren in Ahlden, Rethem und Schwarmstedt haben keinen "
            "eigenen Raum und kaum Wege zu Angeboten in den Städten."
        ),
        "evidence": "Rückmeldungen aus der Schulsozialarbeit; Busverbindungen nur zweistündlich.",
        "target_group": "Mädchen von 10 bis 15 Jahren",
        "ages": (10, 15),
        "spaces": ["Ahlden, Rethem, Schwarmstedt"],
        "status": "anerkannt",
        "scores": (3, 3, 5),
    },
    "sprache_fallingbostel": {
        "year": 0,
        "title": "Sprachförderung vor der Einschulung in Bad Fallingbostel",
        "definition": (
            "Kinder im letzten Kita-Jahr, deren Deutschkenntnisse für den Schulstart nicht "
            "ausreichen, und ihre Eltern."
        ),
        "evidence": "Schuleingangsuntersuchung: 22 Kinder mit Förderbedarf in der Sprache.",
        "target_group": "Kinder im letzten Kita-Jahr und ihre Eltern",
        "ages": (5, 6),
        "spaces": ["Bad Fallingbostel/Osterheide"],
        "status": "anerkannt",
        "scores": (4, 3, 3),
    },
    "beruf_schneverdingen": {
        "year": 0,
        "title": "Übergang von der Schule in den Beruf in Schneverdingen",
        "definition": (
            "Jugendliche ohne Ausbildungsplatz nach der 10. Klasse, die von der Berufsberatung "
            "nicht erreicht werden."
        ),
        "evidence": "Jugendberufsagentur: 18 Jugendliche ohne Anschluss im Sommer.",
        "target_group": "Jugendliche von 15 bis 18 Jahren",
        "ages": (15, 18),
        "spaces": ["Schneverdingen/Neuenkirchen"],
        "status": "anerkannt",
        "scores": (4, 2, 4),
    },
    "hausaufgaben_soltau": {
        "year": 0,
        "title": "Hausaufgabenhilfe für Grundschulkinder in Soltau-Nord",
        "definition": (
            "Grundschulkinder, die zu Hause keine Unterstützung bei den Hausaufgaben bekommen, "
            "weil die Eltern arbeiten oder selbst kaum Deutsch sprechen."
        ),
        "evidence": "Die Grundschule nennt 30 Kinder; der Hort hat keine freien Plätze.",
        "target_group": "Grundschulkinder",
        "ages": (6, 10),
        "spaces": ["Soltau/Wietzendorf"],
        "status": "anerkannt",
        "scores": (3, 4, 3),
    },
    "alleinerziehende_walsrode": {
        "year": 0,
        "title": "Entlastung für Alleinerziehende in Walsrode",
        "definition": (
            "Alleinerziehende mit Kindern unter zehn Jahren, die keine Betreuung am Abend finden."
        ),
        "evidence": "Beratungsstelle: 25 Anfragen im ersten Halbjahr.",
        "target_group": "Alleinerziehende",
        "ages": (0, 10),
        "spaces": ["Walsrode"],
        "status": "geprueft",
    },
    "medien_eltern": {
        "year": 0,
        "title": "Medienkompetenz für Eltern",
        "definition": (
            "Eltern fragen, wie sie ihre Kinder beim Umgang mit Smartphone und sozialen Medien "
            "begleiten können."
        ),
        "evidence": "Mehrere Elternabende an den Grundschulen waren überfüllt.",
        "target_group": "Eltern von Kindern zwischen 8 und 14 Jahren",
        "ages": (8, 14),
        "spaces": ["Soltau/Wietzendorf"],
        "status": "erfasst",
        "from_agenda": True,
    },
}

FREE = "Jugendhilfeverbund Heideland e. V."

# Measures: key -> fields. months: (first month, last month) of the year. costs: (kind,
# description, pay group index or None, hours or quantity, unit price or None). status: bewilligt
# (with a project), eingereicht, zurueckgegeben. evaluation: the need outcome (gedeckt,
# teilweise_gedeckt, nicht_gedeckt), "draft" (saved, not completed) or None.
MEASURES = {
    "elterncafe_1": {
        "year": 2,
        "title": "Elterncafé Soltau",
        "needs": ["eltern_soltau"],
        "carrier": FREE,
        "team": "Soltau/Wietzendorf",
        "spaces": ["Soltau/Wietzendorf"],
        "months": (2, 11),
        "place": "Familienzentrum Am Mühlenteich, Soltau",
        "target_group": "Eltern mit Kindern unter drei Jahren",
        "description": (
            "Ein offenes Café für Eltern mit Kleinkindern, zweimal in der Woche, mit Beratung "
            "durch eine Fachkraft."
        ),
        "method": (
            "Offener Treff, Beratung nebenbei, einmal im Monat ein Thema (Schlaf, Sprache, "
            "Ernährung)."
        ),
        "goals": [
            (
                "Familien ohne Anbindung erreichen",
                "Familien, die mindestens dreimal kamen",
                "30",
                "Familien",
                "24",
            ),
            ("Beratung niedrigschwellig anbieten", "Beratungsgespräche", "60", "Gespräche", "71"),
        ],
        "costs": [
            ("personal", "Sozialpädagogin, 4 Stunden in der Woche", 3, "160", None),
            ("miete", "Raum im Familienzentrum", None, "10", "120.00"),
            ("sachkosten", "Spielmaterial, Getränke", None, "1", "650.00"),
        ],
        "own": "500.00",
        "status": "bewilligt",
        "evaluation": "teilweise_gedeckt",
        "worked": (
            "Die Mütter kamen regelmäßig und brachten andere mit; die Beratung nebenbei wurde gut "
            "angenommen."
        ),
        "did_not": (
            "Väter haben wir kaum erreicht; der Vormittagstermin passte nicht für Berufstätige."
        ),
    },
    "schulsozialarbeit": {
        "year": 2,
        "title": "Schulsozialarbeit plus Walsrode",
        "needs": ["schule_walsrode"],
        "carrier": "Kinder- und Jugendhilfe Auenland gGmbH",
        "team": "Walsrode",
        "spaces": ["Walsrode"],
        "months": (1, 12),
        "place": "Oberschule Walsrode",
        "target_group": "Jugendliche der Klassen 7 bis 9",
        "description": (
            "Eine zusätzliche halbe Stelle Schulsozialarbeit für Jugendliche, die die Schule "
            "meiden."
        ),
        "method": "Aufsuchende Gespräche, Elternarbeit, Absprachen mit Klassenleitungen.",
        "goals": [
            (
                "Fehltage senken",
                "Jugendliche mit weniger als 10 Fehltagen im Halbjahr",
                "20",
                "Jugendliche",
                "9",
            ),
            ("Eltern einbeziehen", "Elterngespräche", "40", "Gespräche", "33"),
        ],
        "costs": [
            ("personal", "Sozialarbeiter, 10 Stunden in der Woche", 3, "420", None),
            ("fahrtkosten", "Hausbesuche", None, "1", "600.00"),
            ("sachkosten", "Material für Gruppenangebote", None, "1", "900.00"),
        ],
        "own": "1500.00",
        "status": "bewilligt",
        "evaluation": "nicht_gedeckt",
        "worked": "Die Zusammenarbeit mit den Klassenleitungen ist eng geworden.",
        "did_not": (
            "Ein Jahr war zu kurz; viele Jugendliche brauchten Monate, bis sie Vertrauen fassten."
        ),
    },
    "elterncafe_2": {
        "year": 1,
        "title": "Elterncafé Soltau",
        "continued_from": "elterncafe_1",
        "needs": ["eltern_soltau"],
        "carrier": FREE,
        "team": "Soltau/Wietzendorf",
        "spaces": ["Soltau/Wietzendorf"],
        "months": (1, 11),
        "place": "Familienzentrum Am Mühlenteich, Soltau",
        "target_group": "Mütter und Väter mit Kindern unter drei Jahren",
        "description": (
            "Das Elterncafé im zweiten Jahr, jetzt auch am Nachmittag, damit berufstätige Eltern "
            "und Väter kommen können."
        ),
        "method": "Offener Treff vormittags und nachmittags, ein Väterfrühstück im Monat.",
        "goals": [
            (
                "Familien ohne Anbindung erreichen",
                "Familien, die mindestens dreimal kamen",
                "35",
                "Familien",
                "38",
            ),
            ("Väter erreichen", "Väter beim Väterfrühstück", "12", "Väter", "14"),
        ],
        "costs": [
            ("personal", "Sozialpädagogin, 5 Stunden in der Woche", 3, "170", None),
            ("miete", "Raum im Familienzentrum", None, "11", "120.00"),
            ("sachkosten", "Spielmaterial, Getränke", None, "1", "700.00"),
        ],
        "own": "600.00",
        "status": "bewilligt",
        "evaluation": "gedeckt",
        "worked": (
            "Der Nachmittag hat berufstätige Eltern gebracht; das Väterfrühstück ist ein fester "
            "Termin."
        ),
        "did_not": "Im Sommer war der Raum zu warm; wir brauchen einen Ausweichort.",
    },
    "ferienwerkstatt": {
        "year": 1,
        "title": "Ferienwerkstatt Nordheide",
        "needs": ["ferien_nord"],
        "carrier": "Jugendwerkstatt Heidekamp e. V.",
        "team": "Munster/Bispingen",
        "spaces": ["Munster/Bispingen", "Schneverdingen/Neuenkirchen"],
        "pooled": ["0.55", "0.45"],
        "months": (6, 9),
        "place": "Werkstätten in Munster und Schneverdingen",
        "target_group": "Jugendliche von 12 bis 16 Jahren",
        "description": (
            "Sechs Ferienwochen mit Holz-, Fahrrad- und Medienwerkstatt, gemeinsam für zwei "
            "Sozialraumbezirke."
        ),
        "method": "Wochenkurse mit Anmeldung, ein Shuttlebus zwischen den Orten.",
        "goals": [
            ("Jugendliche in den Ferien erreichen", "Teilnehmende", "80", "Jugendliche", "92"),
            ("Beide Bezirke beteiligen", "Kurswochen je Bezirk", "3", "Wochen", "3"),
        ],
        "costs": [
            ("personal", "Werkstattpädagoge", 2, "180", None),
            ("honorare", "Honorarkräfte Medienwerkstatt", None, "60", "35.00"),
            ("fahrtkosten", "Shuttlebus", None, "24", "95.00"),
            ("sachkosten", "Holz, Fahrradteile, Material", None, "1", "1800.00"),
        ],
        "own": "800.00",
        "third_party": "1500.00",
        "third_party_source": "Stiftung Lüneburger Heide",
        "status": "bewilligt",
        "evaluation": "gedeckt",
        "worked": (
            "Die Jugendlichen beider Bezirke haben sich gemischt; der Shuttlebus war entscheidend."
        ),
        "did_not": "Die Anmeldung über Papierzettel war mühsam.",
    },
    "maedchentreff": {
        "year": 1,
        "title": "Mädchentreff mobil",
        "needs": ["maedchen_aller"],
        "carrier": "Lebenswege Jugendhilfe e. V.",
        "team": "Ahlden, Rethem, Schwarmstedt",
        "spaces": ["Ahlden, Rethem, Schwarmstedt"],
        "months": (3, 12),
        "place": "Gemeindehäuser in Ahlden, Rethem und Schwarmstedt",
        "target_group": "Mädchen von 10 bis 15 Jahren",
        "description": "Ein Mädchentreff, der im Wechsel in drei Orten stattfindet.",
        "method": "Wöchentlicher Treff, jede Woche an einem anderen Ort, mit Fahrdienst.",
        "goals": [
            (
                "Mädchen in allen drei Orten erreichen",
                "regelmäßige Teilnehmerinnen",
                "25",
                "Mädchen",
                "21",
            ),
        ],
        "costs": [
            ("personal", "Sozialpädagogin", 2, "120", None),
            ("fahrtkosten", "Fahrdienst", None, "40", "28.00"),
            ("sachkosten", "Material", None, "1", "450.00"),
        ],
        "own": "300.00",
        "status": "bewilligt",
        "evaluation": "draft",
        "worked": "In Rethem kommen die Mädchen verlässlich.",
        "did_not": "",
    },
    "sprachspiel": {
        "year": 0,
        "title": "Sprachspielgruppen vor der Einschulung",
        "needs": ["sprache_fallingbostel"],
        "carrier": "Kinder- und Jugendhilfe Auenland gGmbH",
        "team": "Bad Fallingbostel/Osterheide",
        "spaces": ["Bad Fallingbostel/Osterheide"],
        "months": (2, 12),
        "place": "Kitas in Bad Fallingbostel",
        "target_group": "Kinder im letzten Kita-Jahr",
        "description": (
            "Kleine Spielgruppen zur Sprachförderung in drei Kitas, mit Elternnachmittagen."
        ),
        "method": "Zweimal in der Woche 45 Minuten in Gruppen von sechs Kindern.",
        "goals": [
            (
                "Kinder sprachlich fördern",
                "Kinder mit regelmäßiger Teilnahme",
                "20",
                "Kinder",
                None,
            ),
            ("Eltern einbeziehen", "Elternnachmittage", "8", "Termine", None),
        ],
        "costs": [
            ("personal", "Erzieherin mit Zusatzqualifikation Sprache", 1, "130", None),
            ("sachkosten", "Bücher, Spiele", None, "1", "520.00"),
        ],
        "own": "0.00",
        "status": "bewilligt",
        "evaluation": None,
    },
    "hausaufgabenhilfe": {
        "year": 0,
        "title": "Hausaufgabenhilfe im Quartier Soltau-Nord",
        "needs": ["hausaufgaben_soltau"],
        "carrier": FREE,
        "team": "Soltau/Wietzendorf",
        "spaces": ["Soltau/Wietzendorf"],
        "months": (9, 12),
        "place": "Gemeinschaftsraum der Wohnanlage Soltau-Nord",
        "target_group": "Grundschulkinder",
        "description": (
            "Hausaufgabenhilfe an vier Nachmittagen mit Ehrenamtlichen und einer Fachkraft."
        ),
        "method": "Anmeldung über die Grundschule, feste Gruppen, ein Elterntreffen im Monat.",
        "goals": [
            ("Kinder regelmäßig begleiten", "angemeldete Kinder", "24", "Kinder", None),
        ],
        "costs": [
            ("personal", "Fachkraft, 8 Stunden in der Woche", 3, "140", None),
            ("honorare", "Aufwandsentschädigung Ehrenamtliche", None, "10", "150.00"),
            ("sachkosten", "Material, Imbiss", None, "1", "900.00"),
        ],
        "own": "400.00",
        "status": "eingereicht",
        "by_carrier_editor": True,
    },
    "jugendtreff_bahnhof": {
        "year": 0,
        "title": "Jugendtreff am Bahnhof Walsrode",
        "needs": ["schule_walsrode"],
        "carrier": "Kinder- und Jugendhilfe Auenland gGmbH",
        "team": "Walsrode",
        "spaces": ["Walsrode"],
        "months": (10, 12),
        "place": "Ehemaliges Stellwerk, Walsrode",
        "target_group": "Jugendliche von 13 bis 17 Jahren",
        "description": "Ein offener Treff am Nachmittag für Jugendliche, die die Schule meiden.",
        "method": "Offene Tür, Gespräche, Vermittlung an die Schulsozialarbeit.",
        "goals": [
            (
                "Jugendliche erreichen",
                "Jugendliche mit mindestens fünf Besuchen",
                "15",
                "Jugendliche",
                None,
            ),
        ],
        "costs": [
            ("personal", "Sozialarbeiter", 3, "90", None),
            ("miete", "Stellwerk", None, "3", "400.00"),
        ],
        "own": "0.00",
        "status": "zurueckgegeben",
        "return_comment": (
            "Bitte beschreiben Sie, wie der Treff mit der Schulsozialarbeit zusammenarbeitet, und "
            "prüfen Sie, ob der Raum barrierefrei ist."
        ),
    },
}

PROGRESS_NOTES = [
    "Der Start ist gelungen: Die ersten Termine waren gut besucht.",
    "Zwei Termine fielen wegen Krankheit aus; wir haben sie nachgeholt.",
    "Die Zusammenarbeit mit der Schule läuft gut, die Lehrkräfte schicken Kinder zu uns.",
    "Wir haben die Zeiten geändert, weil der Bus später fährt.",
    "Die Rückmeldungen der Familien sind positiv; einige fragen nach einer Fortsetzung.",
]

EVALUATION_LEVELS = {
    "structure": (
        "Räume und Personal waren da; die Abstimmung zwischen den Trägern lief über das "
        "Sozialraumteam."
    ),
    "process": (
        "Die Zielgruppe wurde über Schulen und Kitas angesprochen; Einladungen in mehreren "
        "Sprachen halfen."
    ),
    "result": "Die meisten Teilnehmenden kamen regelmäßig; die Ziele wurden überwiegend erreicht.",
    "quality": "Rückmeldebögen nach jedem Block; die Fachkräfte haben monatlich reflektiert.",
}

# The scaled demo (make bench): words for generated titles.
SCALE_TOPICS = [
    "Elterntreff",
    "Ferienangebot",
    "Lernförderung",
    "Jugendtreff",
    "Familienberatung",
    "Sprachförderung",
    "Medienprojekt",
    "Sportangebot",
]
