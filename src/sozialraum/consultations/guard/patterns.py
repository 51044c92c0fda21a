"""The guard's detectors that need no word list: dates, ages, addresses, phone numbers, e-mail
addresses, school classes with a school's name, groups with an institution's name. Each yields
(start, end, kind); the guard merges them with the names and the office's vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[int, int, str]

MONTHS = (
    r"(?:(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
    r"|Dezember)\b|(?:Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\b\.?)"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:(?:19|20)\d{2}|\d{2})"

# 03.05.2019, 3.5.19, 03. 05. 2019, and 12.03. without a year (not a time "9.10 Uhr").
DATE_NUMERIC = re.compile(
    rf"(?<![\d.§])(?<!§ )(?<!Abs\. )(?<!Nr\. ){_DAY}\.\s?{_MONTH}\.(?:\s?{_YEAR}(?!\d))?"
    r"(?!\d)(?!\s*Uhr)"
)
DATE_ISO = re.compile(r"(?<!\d)(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)")
# 3. Mai 2019, am 12. März, 1. Sept.
DATE_WORDS = re.compile(rf"(?<![\d.]){_DAY}\.\s*{MONTHS}(?:\s+(?:19|20)\d{{2}}\b)?")
# Juni 2024 (a month with its year: a birth month, the month of an event).
MONTH_YEAR = re.compile(rf"\b{MONTHS}\s+(?:19|20)\d{{2}}\b")
BIRTH_YEAR = re.compile(
    r"\b(?:geb\.|geboren(?:\s+im\s+Jahr)?|Geburtsjahr|Jahrgang)\s*:?\s*(?:19|20)\d{2}\b"
)

_NUMBER_WORDS = (
    "ein|eine|einem|einen|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dreizehn"
    "|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|zwanzig"
)
_NUM = rf"(?:\d{{1,2}}(?:,5)?|{_NUMBER_WORDS})"
_YEARS = r"(?:Jahren|Jahre|Jahr|J\.)"
_MONTHS_UNIT = r"(?:Monaten|Monate|Monat|Mon\.)"
_NOT_DURATION = r"(?<!seit )(?<!vor )(?<!für )(?<!nach )(?<!über )(?<!unter )(?<!bis )(?<!ab )"
_PERSON_NOUNS = (
    r"(?:Junge|Jungen|Mädchen|Kind|Kindes|Sohn|Tochter|Schüler\w*|Bruder|Schwester|Jugendliche\w*"
    r"|Säugling|Baby|Mutter|Vater|Enkel\w*|Geschwister|Zwillinge)"
)
AGE_PATTERNS = (
    # 3 Jahre und 4 Monate, zwei Jahre, drei Monate
    re.compile(rf"\b{_NUM}\s*{_YEARS}\s*(?:und|,)\s*{_NUM}\s*{_MONTHS_UNIT}", re.IGNORECASE),
    # 4;2 Jahre (the paediatric notation), 4;2
    re.compile(rf"(?<![\d;]){_NOT_DURATION}\d{{1,2}};\d{{1,2}}(?![\d;])(?:\s*{_YEARS})?"),
    # 28 Monate alt, 5 Jahre alt, 8 Wochen alt
    re.compile(
        rf"\b{_NOT_DURATION}{_NUM}\s*(?:{_YEARS}|{_MONTHS_UNIT}|Wochen|Tage)\s+alt\b", re.IGNORECASE
    ),
    # 7-jährig, der 7-jährige Junge, siebenjährig (not "eine zweijährige Ausbildung")
    re.compile(
        rf"\b(?:\d{{1,2}}-|(?:{_NUMBER_WORDS}))jährig\w*"
        rf"(?=\s*(?:$|[,.;:!?)]|{_PERSON_NOUNS}\b))",
        re.IGNORECASE,
    ),
    # die 7-Jährige, der Siebenjährige
    re.compile(
        r"\b(?:\d{1,2}-Jährig|(?:Ein|Zwei|Drei|Vier|Fünf|Sechs|Sieben|Acht|Neun|Zehn|Elf|Zwölf"
        r"|Dreizehn|Vierzehn|Fünfzehn|Sechzehn|Siebzehn|Achtzehn)jährig)e[nrm]?\b"
    ),
    # "ist 9", "ist 16 und", "ist 11 Jahre" (not "ist 3 Jahre her", "ist 2 Wochen krank")
    re.compile(
        rf"\b(?:ist|wird|war)\s+(?:jetzt\s+|erst\s+|schon\s+|gerade\s+|fast\s+|knapp\s+)?"
        rf"(?:\d{{1,2}}|(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dreizehn"
        rf"|vierzehn|fünfzehn|sechzehn|siebzehn))(?:\s*{_YEARS})?(?!\s*{_YEARS}?\s*her\b)"
        rf"(?=\s*(?:$|[,.;:!?)]|und\b|oder\b|alt\b|\(|–|-\s))"
    ),
    # im Alter von 7 Jahren, mit 28 Monaten (not a range "von 6 bis 10 Jahren")
    re.compile(rf"\bim\s+Alter\s+von\s+{_NUM}\s*(?:{_YEARS}|{_MONTHS_UNIT})", re.IGNORECASE),
    # Aylin (15), die Mutter, 19 Jahre, …
    re.compile(rf"(?<=[^\W\d_]) \((?:\d{{1,2}}(?:\s*{_YEARS})?)\)"),
    re.compile(rf"(?<=, ){_NUM}\s*{_YEARS}(?=,)"),
    # die Nichte, 12, … (a bare number in apposition to a person)
    re.compile(rf"\b(?:{_PERSON_NOUNS}|Nichte|Neffe|Cousine|Cousin), (?P<found>\d{{1,2}})(?=,)"),
)

_STREET_SUFFIX = (
    r"(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|chaussee|ufer|pfad|stieg|twiete"
    r"|kamp|redder|steig|wall|markt)"
)
_HOUSE = r"\d{1,4}\s?[a-hA-H]?(?![\w.,]\d)(?!\w)(?!\s*(?:Uhr|Jahre|Kinder|Prozent|%|€|Euro))"
STREET = re.compile(
    rf"(?<![\w-])(?:[A-ZÄÖÜ][\wäöüß]*-)*[A-ZÄÖÜ][\wäöüß]*{_STREET_SUFFIX}\s+{_HOUSE}"
    rf"|(?<![\w-])(?:[A-ZÄÖÜ][\wäöüß]+\s+)(?:Straße|Str\.|Weg|Allee|Platz|Ring|Damm)\s+{_HOUSE}"
)
_NOT_STREET_WORDS = (
    r"(?!(?:Jahr|Jahre|Sommer|Winter|Herbst|Frühjahr|Frühling|Monat|Montag|Dienstag|Mittwoch"
    rf"|Donnerstag|Freitag|Samstag|Sonntag|Klasse|Gruppe|Alter|Abschnitt|Kapitel|{MONTHS})\b)"
)
STREET_PREPOSITION = re.compile(
    r"(?<![\w-])(?:Am|An der|An den|An dem|Auf dem|Auf der|Auf den|Zum|Zur|Hinter der|Hinter dem"
    r"|Unter den|Vor dem|Beim|Im|In der|In den)\s+"
    rf"{_NOT_STREET_WORDS}[A-ZÄÖÜ][\wäöüß-]+\s+(?!(?:19|20)\d\d\b){_HOUSE}"
    r"(?!\s+[A-ZÄÖÜ][a-zäöüß])"  # "In der Woche 3 Termine" counts, it is no address
)
POSTCODE = re.compile(
    r"(?<![\d.,])(?:0[1-9]|[1-9]\d)\d{3}\s+[A-ZÄÖÜ][a-zäöüß]+(?:[- ](?:an der|am|im|bei)?\s?"
    r"[A-ZÄÖÜ][a-zäöüß]+)?"
)
PHONE = re.compile(
    r"(?<![\w+.,])(?:\+\s?\d{2}|00\d{2}|0)(?:[ /()\-–]{0,3}\d){6,14}(?![\d.,]\d)"
    r"|(?:Tel\.?|Telefon|Handy|Mobil|Fax)(?:nummer)?\s*:?\s*\d(?:[ /\-–]{0,3}\d){4,14}"
)
EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")

_SCHOOL_WORDS = (
    r"(?:Grundschule|Oberschule|Gymnasiums?|Gesamtschule|Realschule|Hauptschule|Förderschule"
    r"|Mittelschule|Sekundarschule|Berufsschule|Haupt- und Realschule|Schule|GS|OBS|IGS|KGS|BBS)"
)
_CLASS = (
    r"(?:Klasse\s+\d{1,2}\s?[a-fA-F]?(?!\w)|\d{1,2}\.\s?Klasse|\d{1,2}[a-f](?!\w)"
    r"|Jahrgang(?:sstufe)?\s+\d{1,2}|(?:ersten|zweiten|dritten|vierten|fünften|sechsten"
    r"|siebten|achten|neunten|zehnten)\s+Klasse)"
)
_LINK = r"\s*(?:,\s*)?(?:der|des|an der|an dem|am|in der|im|von der|vom|aus der|\()?\s*"
_SCHOOL_NAME = (
    rf"{_SCHOOL_WORDS}(?:\s+(?:[Aa]m|[Aa]n der|[Ii]m|in|zu)\s+|\s+|-)(?:„|\")?[A-ZÄÖÜ][\wäöüß-]+"
)
SCHOOL_CLASS = re.compile(
    rf"{_CLASS}{_LINK}{_SCHOOL_NAME}|{_SCHOOL_NAME}\)?\s*(?:,\s*)?(?:in der|der|,)?\s*{_CLASS}"
)
_GROUP = r"(?:[A-ZÄÖÜ][\wäöüß]*gruppe|Gruppe\s+(?:der\s+)?„?[A-ZÄÖÜ][\wäöüß]+|Hortgruppe|Hort)"
_KITA_NAME = (
    r"(?:(?:Ev\.|Kath\.|Evangelische|Katholische|Städtische|AWO-|DRK-)\s?)?"
    r"(?:Kita|Kindertagesstätte|Kindergarten|Kindergartens|Waldkindergarten|Krippe|Kinderkrippe"
    r"|Familienzentrum|Kinderhaus|Kinderladen)(?:\s+|-)(?:„|\")?[A-ZÄÖÜ][\wäöüß-]+"
)
INSTITUTION_GROUP = re.compile(
    rf"{_GROUP}{_LINK}{_KITA_NAME}|{_KITA_NAME}\)?\s*(?:,\s*)?(?:in der|der|,|\()?\s*{_GROUP}"
)

SIMPLE = (
    ("email", (EMAIL,)),
    ("phone", (PHONE,)),
    ("date", (DATE_ISO, DATE_NUMERIC, DATE_WORDS, MONTH_YEAR, BIRTH_YEAR)),
    ("address", (STREET, STREET_PREPOSITION, POSTCODE)),
    ("age", (AGE_PATTERNS[1], *AGE_PATTERNS[3:6], *AGE_PATTERNS[7:8], AGE_PATTERNS[9])),
    ("school_class", (SCHOOL_CLASS,)),
    ("institution_group", (INSTITUTION_GROUP,)),
)
# Age patterns that always contain a unit ("Jahre", "Monate", "Wochen", "Tage"): run only in
# windows around the units, which a literal-led pattern finds fast (the text is long, units few).
UNIT = re.compile(r"[JjMmWwTt](?:ahr|\.|onat|on\.|oche|age)", re.IGNORECASE)
UNIT_PATTERNS = (AGE_PATTERNS[0], AGE_PATTERNS[2], AGE_PATTERNS[6], AGE_PATTERNS[8])
UNIT_WINDOW = 60  # characters before and after a unit that a match can reach

# A class or a group named near one of the office's schools or Kitas.
CLASS_OR_GROUP = re.compile(rf"{_CLASS}|{_GROUP}")


def _windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for match in UNIT.finditer(text):
        start, end = max(0, match.start() - UNIT_WINDOW), match.end() + UNIT_WINDOW
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _trimmed(text: str, match: re.Match[str], kind: str) -> Span | None:
    start, end = match.span("found" if "found" in match.re.groupindex else 0)
    while end > start and text[end - 1] in " ,(":
        end -= 1
    while start < end and text[start] == " ":
        start += 1
    return (start, end, kind) if end > start else None


def find_patterns(text: str) -> Iterator[Span]:
    for kind, patterns in SIMPLE:
        for pattern in patterns:
            for match in pattern.finditer(text):
                span = _trimmed(text, match, kind)
                if span is not None:
                    yield span
    seen: set[tuple[int, int]] = set()
    windows = _windows(text)
    for pattern in UNIT_PATTERNS:
        for start, end in windows:
            for match in pattern.finditer(text, start, end):
                if match.span() not in seen:
                    seen.add(match.span())
                    span = _trimmed(text, match, "age")
                    if span is not None:
                        yield span
