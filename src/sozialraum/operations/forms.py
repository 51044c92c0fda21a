"""Forms of the operator area. They only clean input; the service checks the rest."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.regions.models import SocialSpaceLabel
from sozialraum.regions.naming import Kreis

# The first two digits of a Kreis key name the Land.
LAENDER = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}


def kreis_choices(kreise: list[Kreis]) -> list:
    groups: dict[str, list[tuple[str, str]]] = {}
    for kreis in kreise:
        land = LAENDER.get(kreis.key[:2], kreis.key[:2])
        groups.setdefault(land, []).append((kreis.key, kreis.describe()))
    return [("", _("Bitte wählen")), *groups.items()]


class KreisForm(forms.Form):
    """Step 1: which Kreis or kreisfreie Stadt (sent by GET: the next step is a proposal)."""

    kreis = forms.ChoiceField(
        label=_("Kreis oder kreisfreie Stadt"),
        help_text=_(
            "Nach Bundesland geordnet, mit Kreisschlüssel (die ersten fünf Ziffern des Amtlichen "
            "Gemeindeschlüssels) und einigen Gemeinden zum Wiedererkennen."
        ),
        error_messages={
            "required": _("Bitte wählen Sie den Kreis oder die kreisfreie Stadt."),
            "invalid_choice": _("Diesen Kreisschlüssel kennt die Gemeindeliste nicht."),
        },
    )

    def __init__(self, *args, kreise: list[Kreis], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kreis"]).choices = kreis_choices(kreise)


class YouthOfficeForm(forms.Form):
    """Step 2: name, address and first coordinator of the new youth office."""

    kreis_key = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Name des Jugendamts"),
        max_length=200,
        help_text=_(
            "So, wie er überall erscheint, z. B. „Landkreis Heidekreis“ oder „Stadt Kiel“."
        ),
        error_messages={"required": _("Bitte geben Sie den Namen des Jugendamts ein.")},
    )
    slug = forms.CharField(
        label=_("Kurzbezeichnung für die Adresse"),
        max_length=60,
        required=False,
        help_text=_(
            "Kleinbuchstaben, Ziffern und Bindestriche, z. B. heidekreis. Leer lassen: wir "
            "schlagen sie aus dem Namen vor."
        ),
    )
    social_space_label = forms.ChoiceField(
        label=_("Wie heißen die Sozialräume dort?"),
        choices=SocialSpaceLabel.choices,
        initial=SocialSpaceLabel.SOZIALRAUM,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie eine Bezeichnung.")},
    )
    coordinator_email = forms.EmailField(
        label=_("E-Mail-Adresse der ersten Koordination"),
        help_text=_(
            "An diese Adresse geht die Einladung. Die Person legt ihr Passwort selbst fest."
        ),
        error_messages={
            "required": _("Bitte geben Sie die E-Mail-Adresse der Koordination ein."),
            "invalid": _(
                "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@landkreis.de."
            ),
        },
    )
    coordinator_name = forms.CharField(
        label=_("Name der ersten Koordination"),
        max_length=150,
        required=False,
        help_text=_("Für die Anrede in der E-Mail."),
    )


class UserSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name oder E-Mail-Adresse"),
        max_length=200,
        required=False,
    )
