"""Password checks beyond Django's: a German list of common passwords, and personal data.

The German list (data/german-common-passwords.txt, from SecLists, licence beside it) is used
together with Django's own list of 20,000 common passwords. Both are also checked with the digits
and symbols around a password removed, so "Sonnenschein2026!" counts as "sonnenschein".
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

GERMAN_LIST = Path(__file__).resolve().parent / "data" / "german-common-passwords.txt"

# What the password forms tell people; it names exactly what AUTH_PASSWORD_VALIDATORS check.
PASSWORD_HELP_TEXT = gettext_lazy(
    "Mindestens 10 Zeichen und nicht nur Ziffern. Nicht erlaubt sind gängige Passwörter (aus "
    "einer deutschen und einer englischen Liste, auch mit Ziffern oder Zeichen davor oder "
    "dahinter) und Passwörter, die Ihren Namen, Ihre E-Mail-Adresse oder den Namen Ihres "
    "Jugendamts enthalten oder ihnen ähneln."
)

# Words in the names of youth offices that say nothing about a particular one.
GENERIC_OFFICE_WORDS = frozenset(
    {"landkreis", "kreis", "stadt", "region", "jugendamt", "bezirk", "amt", "der", "des", "die"}
)
MIN_PART = 4  # shorter parts ("Li", "Ute") are too common inside other words to refuse
SIMILARITY = 0.7  # like Django's UserAttributeSimilarityValidator

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def _fold(text: str) -> str:
    """Lower case, umlauts spelt out, other accents dropped."""
    text = text.lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text)


def core(password: str) -> str:
    """The password without the digits and symbols before and after it, in lower case."""
    return _EDGES.sub("", password).lower()


@lru_cache(maxsize=1)
def german_passwords() -> frozenset[str]:
    lines = GERMAN_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


@lru_cache(maxsize=1)
def django_passwords() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords)


class GermanCommonPasswordValidator:
    """Refuse passwords from the German and Django's list, also with digits or symbols around."""

    def validate(self, password: str, user=None) -> None:
        lowered = password.lower().strip()
        known = german_passwords() | django_passwords()
        if lowered in known:
            raise ValidationError(
                _(
                    "Dieses Passwort ist zu gängig: Es steht in den Listen, die Angreifer zuerst "
                    "ausprobieren. Bitte wählen Sie ein anderes."
                ),
                code="password_too_common",
            )
        stem = core(password)
        if stem != lowered and len(stem) >= MIN_PART and stem in known:
            raise ValidationError(
                _(
                    "Dieses Passwort ist ein gängiges Passwort mit Ziffern oder Zeichen davor oder "
                    "dahinter. Das erraten Angreifer schnell. Bitte wählen Sie ein anderes."
                ),
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return _("Ihr Passwort darf kein gängiges Passwort sein, auch nicht mit Ziffern daran.")


def _office_names(user) -> list[str]:
    """Names of the youth offices the user belongs to or is invited to."""
    from sozialraum.accounts.models import Invitation, OfficeRole

    names: list[str] = []
    if getattr(user, "pk", None):
        roles = OfficeRole.objects.filter(user=user).select_related("youth_office")
        names += [role.youth_office.name for role in roles]
        names += [role.youth_office.slug for role in roles]
    email = getattr(user, "email", "") or ""
    if email:
        invitations = (
            Invitation.objects.pending().filter(email__iexact=email).select_related("youth_office")
        )
        names += [invitation.youth_office.name for invitation in invitations]
        names += [invitation.youth_office.slug for invitation in invitations]
    return names


def _parts(text: str, *, skip: frozenset[str] = frozenset()) -> set[str]:
    """The whole text and each of its words, folded to letters, long enough to matter."""
    folded = _fold(text)
    words = [_letters(word) for word in re.split(r"[\s.\-_+@/,()]+", folded)]
    candidates = {_letters(folded), *words}
    return {part for part in candidates if len(part) >= MIN_PART and part not in skip}


class PersonalDataPasswordValidator:
    """Refuse passwords that contain or resemble the name, the e-mail address or the youth office.

    "Heidekreis2026" is refused for a member of (or someone invited to) "Landkreis Heidekreis";
    "Katrin.Meyer1" for Katrin Meyer; "koordination!" for koordination@heidekreis.example.
    """

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        folded = _fold(password)
        plain = _letters(folded)
        unleet = _letters(folded.translate(_LEET))
        email = getattr(user, "email", "") or ""
        local = email.split("@", 1)[0]
        checks = [
            (
                _parts(getattr(user, "name", "") or ""),
                _(
                    "Das Passwort enthält Ihren Namen oder ähnelt ihm. Bitte wählen Sie ein "
                    "anderes."
                ),
            ),
            (
                _parts(local),
                _(
                    "Das Passwort enthält Ihre E-Mail-Adresse oder einen Teil davon. Bitte wählen "
                    "Sie ein anderes."
                ),
            ),
            (
                set().union(*(_parts(n, skip=GENERIC_OFFICE_WORDS) for n in _office_names(user))),
                _(
                    "Das Passwort enthält den Namen Ihres Jugendamts oder ähnelt ihm. Das ist "
                    "leicht zu erraten. Bitte wählen Sie ein anderes."
                ),
            ),
        ]
        for parts, message in checks:
            for part in parts:
                if part in plain or part in unleet or self._resembles(plain, part):
                    raise ValidationError(message, code="password_too_personal")

    @staticmethod
    def _resembles(plain: str, part: str) -> bool:
        if not plain:
            return False
        return SequenceMatcher(a=plain, b=part).quick_ratio() >= SIMILARITY and (
            SequenceMatcher(a=plain, b=part).ratio() >= SIMILARITY
        )

    def get_help_text(self) -> str:
        return _(
            "Ihr Passwort darf Ihren Namen, Ihre E-Mail-Adresse und den Namen Ihres Jugendamts "
            "nicht enthalten."
        )
