"""Fictional names for demo people (common German first and last names, freely combined)."""

FIRST_NAMES = [
    "Anna", "Ben", "Carla", "David", "Elif", "Finn", "Greta", "Hannes", "Ines", "Jonas",
    "Katrin", "Lukas", "Mia", "Nils", "Olga", "Paul", "Rieke", "Sven", "Tanja", "Uwe",
    "Vera", "Wiebke", "Yusuf", "Zoe", "Jörg", "Bärbel", "Sören", "Maren", "Ömer", "Heike",
]
LAST_NAMES = [
    "Albers", "Brandt", "Claußen", "Dreyer", "Ebeling", "Fricke", "Grote", "Hinrichs",
    "Imhoff", "Janßen", "Kruse", "Lüders", "Meyer", "Nolte", "Oltmanns", "Peters", "Quast",
    "Rademacher", "Schröder", "Tödter", "Ulrichs", "Vogt", "Wöhler", "Yilmaz", "Zander",
    "Bösch", "Heitmann", "Müller", "Wendt", "Köhler",
]
