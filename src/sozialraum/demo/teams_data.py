"""The fictional teams of the demo and the words of their meeting history (data only; built by
demo/teams.py). All names are invented; any likeness to real people is accidental."""

from sozialraum.network.models import OrganisationKind
from sozialraum.teams.models import TeamKind

K = OrganisationKind

# Organisations the teams need besides the network's: the youth office itself and the
# municipalities' administrations (name, kind, AGS or "", social space or "", description).
TEAM_ORGANISATIONS = {
    "heidekreis": [
        (
            "Landkreis Heidekreis – Fachbereich Jugend",
            K.PUBLIC_CARRIER,
            "",
            "",
            "Jugendamt: Sozialraumkoordination und Allgemeiner Sozialdienst.",
        ),
        (
            "Stadt Soltau – Fachgruppe Jugend und Soziales",
            K.MUNICIPAL,
            "03358021",
            "Soltau/Wietzendorf",
            "",
        ),
        ("Gemeinde Wietzendorf", K.MUNICIPAL, "03358023", "Soltau/Wietzendorf", ""),
        ("Stadt Walsrode – Jugendpflege", K.MUNICIPAL, "03358024", "Walsrode", ""),
        (
            "Stadt Schneverdingen – Bürgerdienste",
            K.MUNICIPAL,
            "03358019",
            "Schneverdingen/Neuenkirchen",
            "",
        ),
        ("Stadt Munster – Jugendpflege", K.MUNICIPAL, "03358016", "Munster/Bispingen", ""),
        ("Stadt Bad Fallingbostel", K.MUNICIPAL, "03358008", "Bad Fallingbostel/Osterheide", ""),
    ],
    "verden": [
        (
            "Landkreis Verden – Fachdienst Jugend und Familie",
            K.PUBLIC_CARRIER,
            "",
            "",
            "Jugendamt: Allgemeiner Sozialdienst und Fachstelle Frühe Hilfen.",
        ),
        ("Flecken Langwedel – Jugendpflege", K.MUNICIPAL, "03361006", "Langwedel", ""),
        ("Ev.-luth. Kirchengemeinde Daverden", K.CHURCH, "03361006", "Langwedel", ""),
        ("Kita Sonnenschein Etelsen", K.KITA, "03361006", "Langwedel", ""),
        ("Stadt Achim – Jugendpflege", K.MUNICIPAL, "03361001", "Achim", ""),
        ("Gemeinde Oyten", K.MUNICIPAL, "03361009", "Oyten", ""),
        (
            "Stadt Verden (Aller) – Fachbereich Soziales",
            K.MUNICIPAL,
            "03361012",
            "Verden (Aller)",
            "",
        ),
    ],
}

# The youth office's organisation (Leitung and ASD of every team come from it).
YOUTH_OFFICE_ORGANISATION = {
    "heidekreis": "Landkreis Heidekreis – Fachbereich Jugend",
    "verden": "Landkreis Verden – Fachdienst Jugend und Familie",
}

# The coordinators as people of the network (they lead a team).
COORDINATOR_PEOPLE = {
    "heidekreis": ("koordination@heidekreis.example", "Katrin", "Meyer", "Sozialraumkoordination"),
    "verden": ("koordination@verden.example", "Maren", "Kruse", "Sozialraumkoordination"),
}

# Teams beyond one Sozialraumteam per social space: (name, kind, [social spaces], description).
EXTRA_TEAMS = {
    "heidekreis": [
        (
            "Regionalteam Heidekreis-Nord",
            TeamKind.REGIONAL_TEAM,
            ["Schneverdingen/Neuenkirchen", "Munster/Bispingen", "Soltau/Wietzendorf"],
            "Die Sozialraumteams des Nordkreises stimmen sich zweimal im Jahr ab.",
        ),
        (
            "AG nach § 78 SGB VIII Hilfen zur Erziehung",
            TeamKind.WORKING_GROUP_78,
            [],
            "Arbeitsgemeinschaft der öffentlichen und freien Träger der Hilfen zur Erziehung.",
        ),
    ],
    "verden": [
        (
            "Regionalteam Verden-Nord",
            TeamKind.REGIONAL_TEAM,
            ["Langwedel", "Achim", "Oyten", "Ottersberg"],
            "Austausch der Sozialraumteams im Nordkreis.",
        ),
        (
            "AG nach § 78 SGB VIII Frühe Hilfen",
            TeamKind.WORKING_GROUP_78,
            [],
            "Netzwerk Frühe Hilfen: Familienhebammen, Kitas, Beratungsstellen, Jugendamt.",
        ),
    ],
}

# The team the demo accounts belong to (DESIGN.md §4).
PERSONA_TEAM = "Sozialraumteam Soltau/Wietzendorf"
PERSONA_ACCOUNTS = ("fachkraft@heidekreis.example", "schule@heidekreis.example")

PLACES = [
    "Rathaus, Sitzungsraum 1",
    "Familienzentrum, Gruppenraum",
    "Kreishaus, Raum 114",
    "Gemeindehaus, Saal",
]

FUNCTIONS: dict[str, str] = {
    K.PUBLIC_CARRIER: "Allgemeiner Sozialdienst",
    K.FREE_CARRIER: "Fachkraft",
    K.SCHOOL: "Schulleitung",
    K.KITA: "Leitung",
    K.FAMILY_CENTRE: "Koordination",
    K.COUNSELLING: "Beratung",
    K.HEALTH: "Familienhebamme",
    K.CHURCH: "Diakonin",
    K.MUNICIPAL: "Jugendpflege",
    K.ASSOCIATION: "Vorstand",
    K.OTHER: "Mitarbeit",
}

# Guests now and then: (name, organisation in words).
GUESTS = [
    ("Martina Vogel", "Polizeiinspektion, Präventionsteam"),
    ("Dr. Jan Behrens", "Kinderarztpraxis am Markt"),
    ("Selin Arslan", "Migrationsberatung"),
    ("Holger Stamer", "Sportbund Kreisverband"),
    ("Lea Wittkopf", "Bibliothek"),
]

# Standing agenda items around the topics: (title, minutes).
OPENING = ("Begrüßung, Protokoll der letzten Sitzung", 10)
REPORTS = ("Berichte aus den Einrichtungen", 30)
TASK_REVIEW = ("Offene Aufgaben aus dem letzten Treffen", 15)
CLOSING = ("Verschiedenes und nächster Termin", 10)

# Topics members bring in: (title, why).
TOPICS = [
    ("Übergang Kita – Grundschule", "Mehrere Kinder kamen ohne Vorbereitung in die erste Klasse."),
    ("Ferienbetreuung im Sommer", "Berufstätige Eltern finden keine Betreuung für sechs Wochen."),
    (
        "Elterncafé in der Grundschule",
        "Eltern erreichen wir über die Schule besser als über Flyer.",
    ),
    ("Schulabsentismus", "Die Fehlzeiten in den Klassen 5 und 6 sind gestiegen."),
    (
        "Familienhebammen: Wartezeiten",
        "Familien warten bis zu acht Wochen auf einen ersten Besuch.",
    ),
    (
        "Treffpunkt für Jugendliche am Bahnhof",
        "Jugendliche haben abends keinen Ort, der ihnen gehört.",
    ),
    (
        "Sprachförderung vor der Einschulung",
        "Viele Kinder brauchen mehr Förderung als die Kita leisten kann.",
    ),
    ("Wegweiser für neu zugezogene Familien", "Neue Familien kennen die Angebote im Ort nicht."),
    ("Medienkompetenz für Eltern", "Eltern fragen nach Hilfe bei Handy und Spielen."),
    ("Kinderarmut im Sozialraum", "Der Bericht des Landkreises zeigt steigende Zahlen."),
    (
        "Offene Sprechstunde der Erziehungsberatung",
        "Der Weg in die Beratungsstelle ist für viele zu weit.",
    ),
    ("Bewegungsangebote für Grundschulkinder", "Die Sportvereine verlieren Übungsleitungen."),
    ("Frühe Hilfen bekannter machen", "Familien erfahren zu spät von den Angeboten."),
    ("Fachtag Kinderschutz", "Viele Fachkräfte wünschen sich eine gemeinsame Fortbildung."),
    (
        "Sozialraumbudget: Antrag Elternkurs",
        "Ein Träger möchte einen Elternkurs aus dem Budget finanzieren.",
    ),
    ("Ganztag an der Grundschule", "Der Rechtsanspruch ab 2026 braucht Kooperationspartner."),
]

DISCUSSION = [
    "Die Runde tauscht Erfahrungen aus. Mehrere Einrichtungen berichten Ähnliches.",
    "Das Team hält fest, dass ein gemeinsames Vorgehen nötig ist; eine kleine Gruppe klärt das.",
    "Kurzer Bericht, Rückfragen wurden beantwortet. Keine weiteren Schritte nötig.",
    "Lebhafte Diskussion über Zuständigkeiten. Das Thema wird beim nächsten Treffen fortgesetzt.",
    "Die Vorschläge werden gesammelt und bis zum nächsten Treffen ausgearbeitet.",
]
REPORT_TEXT = (
    "Kita, Schule, Familienzentrum und Träger berichten aus ihrer Arbeit. Neue Mitarbeiterinnen "
    "stellen sich vor."
)
# What the minutes say under each standing item.
STANDING_TEXT = {
    OPENING[0]: "Das Protokoll der letzten Sitzung wird ohne Änderungen genehmigt.",
    REPORTS[0]: REPORT_TEXT,
    TASK_REVIEW[0]: "Die offenen Aufgaben werden durchgesprochen; Erledigtes wird abgehakt.",
}

# Decisions: texts with {topic}.
DECISIONS = [
    "Das Team beschließt, zum Thema „{topic}“ eine Arbeitsgruppe einzurichten.",
    "Das Team empfiehlt dem Jugendamt, „{topic}“ in die Jugendhilfeplanung aufzunehmen.",
    "Das Team unterstützt den Antrag zu „{topic}“ aus dem Sozialraumbudget.",
    "Zu „{topic}“ wird ein gemeinsames Informationsblatt für Eltern erstellt.",
    "Das Team lädt zum Thema „{topic}“ eine Fachkraft zum nächsten Treffen ein.",
    "Die Treffen finden weiterhin abwechselnd vormittags und nachmittags statt.",
]

# Tasks: titles with {topic}.
TASKS = [
    "Ansprechpersonen zu „{topic}“ zusammenstellen",
    "Entwurf eines Elternbriefs zu „{topic}“",
    "Kontakt zur Gemeinde wegen „{topic}“ aufnehmen",
    "Kosten für „{topic}“ schätzen",
    "Termin für die Arbeitsgruppe „{topic}“ finden",
    "Bericht zu „{topic}“ für das nächste Treffen vorbereiten",
]

# Scaled teams (demo --scale N): names from these words.
SCALE_WORDS = ["Heide", "Aller", "Böhme", "Lüneburger", "Moor", "Wümme", "Geest", "Luhe"]

DEFERRED_REASON = "Zurückgestellt, bis die Zahlen des Landkreises vorliegen."
DECLINED_REASON = "Das Thema gehört in die AG nach § 78; wir geben es dorthin weiter."
