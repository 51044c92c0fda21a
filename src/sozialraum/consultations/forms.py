"""Forms of the consultations. They only clean input; the services write and guard."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.consultations.models import (
    AgeBand,
    ConcernArea,
    Consultant,
    ConsultantKind,
    FamilySituation,
)
from sozialraum.consultations.screening import TEXT_MAX
from sozialraum.consultations.services import BRINGING_KINDS
from sozialraum.lib.choice_fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from sozialraum.network.models import Affiliation, Organisation
from sozialraum.regions.models import SocialSpace, YouthOffice
from sozialraum.teams.models import Team


def _too_long(limit: int) -> dict[str, Any]:
    """The message of a text over `limit` characters (Django fills in both numbers)."""
    return {
        "max_length": _(
            "Bitte fassen Sie sich kürzer: höchstens %(limit_value)d Zeichen "
            "(jetzt %(show_value)d)."
        )
    }


def text_field(label: Any, *, required: bool = False, help_text: Any = "", rows: int = 5):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        help_text=help_text,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            **_too_long(TEXT_MAX),
            "required": _("Bitte füllen Sie dieses Feld aus."),
        },
    )


class SpaceField(BoundedModelChoiceField):
    def label_from_instance(self, obj: SocialSpace) -> str:
        return obj.name


class OrganisationField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.city})" if obj.city else obj.name


class ConcernsField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: ConcernArea) -> str:
        return obj.name


def model_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def consultant_label(consultant: Consultant) -> str:
    parts = [consultant.user.name or consultant.user.email]
    if consultant.organisation_id is not None and consultant.organisation is not None:
        parts.append(consultant.organisation.name)
    if consultant.availability:
        parts.append(consultant.availability)
    return ", ".join(parts)


class ConsultationForm(forms.Form):
    """Bringing a case: who brings it, whom they ask, the situation in categories and words."""

    organisation = OrganisationField(
        label=_("Ihre Einrichtung"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Bitte wählen Sie Ihre Einrichtung.")},
    )
    choice = forms.ChoiceField(
        label=_("Wen möchten Sie um Rat fragen?"),
        help_text=_(
            "Der ASD Ihres Sozialraums, eine insoweit erfahrene Fachkraft (§ 8a SGB VIII, § 4 "
            "KKG) oder der Runde Tisch eines Teams."
        ),
        error_messages={
            "required": _("Bitte wählen Sie, wen Sie um Rat fragen."),
            "invalid_choice": _(
                "Diese Auswahl gibt es nicht (mehr). Bitte wählen Sie aus der Liste."
            ),
        },
    )
    social_space = SpaceField(
        label=_("Sozialraum"), queryset=SocialSpace.objects.none(), empty_label=_("Bitte wählen")
    )
    question = text_field(
        _("Ihre Frage"),
        required=True,
        rows=3,
        help_text=_("Was möchten Sie wissen? Zum Beispiel: Wie kann ich die Eltern ansprechen?"),
    )
    age_band = forms.ChoiceField(
        label=_("Alter des Kindes"),
        choices=AgeBand.choices,
        widget=forms.RadioSelect,
        help_text=_("Nur die Altersgruppe, nicht das genaue Alter."),
        error_messages={"required": _("Bitte wählen Sie eine Altersgruppe.")},
    )
    family_situation = forms.ChoiceField(
        label=_("Familiensituation"),
        choices=[("", _("Bitte wählen")), *FamilySituation.choices],
        error_messages={"required": _("Bitte wählen Sie die Familiensituation.")},
    )
    concerns = ConcernsField(
        label=_("Worum geht es?"),
        queryset=ConcernArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    situation = text_field(
        _("Beschreibung der Situation"),
        help_text=_(
            "Beschreiben Sie, was Sie beobachten, ohne Namen, Geburtsdaten, Adressen oder "
            "seltene Merkmale. Schreiben Sie zum Beispiel „ein Kind im Grundschulalter“."
        ),
        rows=8,
    )
    tried = text_field(_("Was wurde schon versucht?"), rows=4)
    pseudonym = forms.CharField(
        label=_("Ihr Kürzel für die eigenen Unterlagen"),
        required=False,
        max_length=40,
        help_text=_(
            "Zum Beispiel „Fall 2026-07“. Welches Kind dazu gehört, notieren Sie nur bei sich; "
            "auf der Plattform wird das nie gespeichert."
        ),
        error_messages=_too_long(40),
    )

    def __init__(self, data=None, *, office: YouthOffice, user: User, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.office = office
        organisations = Organisation.objects.filter(youth_office=office, kind__in=BRINGING_KINDS)
        own = list(
            Affiliation.objects.current()
            .filter(person__user=user, organisation__in=organisations)
            .values_list("organisation_id", flat=True)
        )
        field = model_field(self, "organisation")
        field.queryset = (organisations.filter(pk__in=own) if own else organisations).order_by(
            "sort_key", "pk"
        )
        if len(own) == 1:
            field.initial = own[0]
            # The school's own social space, when it has exactly one.
            spaces_of_own = list(
                SocialSpace.objects.filter(organisations=own[0]).values_list("pk", flat=True)[:2]
            )
            if len(spaces_of_own) == 1:
                self.fields["social_space"].initial = spaces_of_own[0]
        spaces = SocialSpace.objects.filter(youth_office=office).order_by("name", "pk")
        model_field(self, "social_space").queryset = spaces
        self.fields["social_space"].label = office.social_space_label
        self.fields["social_space"].error_messages["required"] = _(
            "Bitte wählen Sie, in welchem %(label)s das Kind lebt."
        ) % {"label": office.social_space_label}
        self.fields["social_space"].help_text = _(
            "Wo das Kind lebt: Danach richtet sich, welcher ASD zuständig ist."
        )
        model_field(self, "concerns").queryset = ConcernArea.objects.filter(youth_office=office)
        self.consultants = {
            consultant.pk: consultant
            for consultant in Consultant.objects.filter(youth_office=office, active=True)
            .exclude(user=user)
            .select_related("user", "organisation", "social_space")
            .order_by("kind", "social_space__name", "user__sort_key", "pk")
        }
        self.teams = {
            team.pk: team
            for team in Team.objects.filter(youth_office=office).order_by("name", "pk")
        }
        asd = [
            (f"c{c.pk}", f"{c.social_space.name if c.social_space else ''}: {consultant_label(c)}")
            for c in self.consultants.values()
            if c.kind == ConsultantKind.ASD
        ]
        insofa = [
            (f"c{c.pk}", consultant_label(c))
            for c in self.consultants.values()
            if c.kind == ConsultantKind.INSOFA
        ]
        teams = [(f"t{team.pk}", team.name) for team in self.teams.values()]
        cast(forms.ChoiceField, self.fields["choice"]).choices = [
            ("", _("Bitte wählen")),
            (_("ASD des Sozialraums"), asd),
            (_("Insoweit erfahrene Fachkraft"), insofa),
            (_("Runder Tisch eines Teams"), teams),
        ]

    def clean_choice(self) -> Consultant | Team:
        value = self.cleaned_data["choice"]
        number = value[1:]
        if value.startswith("c") and number.isdigit() and int(number) in self.consultants:
            return self.consultants[int(number)]
        if value.startswith("t") and number.isdigit() and int(number) in self.teams:
            return self.teams[int(number)]
        raise forms.ValidationError(self.fields["choice"].error_messages["invalid_choice"])

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        choice = data.pop("choice")
        data["concerns"] = list(data["concerns"])
        data["consultant"] = choice if isinstance(choice, Consultant) else None
        data["team"] = choice if isinstance(choice, Team) else None
        return data


class MessageForm(forms.Form):
    text = text_field(_("Ihre Nachricht"), required=True, rows=4)


class RecommendationForm(forms.Form):
    recommendation = text_field(
        _("Empfehlung"),
        required=True,
        rows=8,
        help_text=_("Was empfehlen Sie der Fachkraft, die den Fall eingebracht hat?"),
    )
    risk_assessment_recommended = forms.BooleanField(
        label=_("Gefährdungseinschätzung empfohlen (§ 8a SGB VIII)"),
        required=False,
        help_text=_(
            "Die Fachkraft entscheidet selbst, ob und wem sie außerhalb der Plattform etwas "
            "mitteilt. Die Plattform gibt nichts weiter."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class UserField(BoundedModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.name} ({obj.email})" if obj.name else obj.email


class ConsultantForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Art"), choices=ConsultantKind.choices, widget=forms.RadioSelect
    )
    user = UserField(
        label=_("Person mit Zugang"),
        queryset=User.objects.none(),
        help_text=_("Nur Personen, die als Fachkraft oder Koordination Zugang haben."),
    )
    social_space = SpaceField(
        label=_("zuständig für"),
        queryset=SocialSpace.objects.none(),
        required=False,
        help_text=_("Nur beim ASD nötig."),
    )
    organisation = OrganisationField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    availability = forms.CharField(
        label=_("Erreichbarkeit"),
        max_length=200,
        required=False,
        help_text=_("Zum Beispiel: dienstags und donnerstags vormittags"),
        error_messages=_too_long(200),
    )

    def __init__(self, data=None, *, office: YouthOffice, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        users = OfficeRole.objects.filter(
            youth_office=office, role__in=(Role.PROFESSIONAL, Role.COORDINATION)
        ).values("user_id")
        model_field(self, "user").queryset = User.objects.filter(
            pk__in=users, is_active=True
        ).order_by("sort_key", "pk")
        model_field(self, "social_space").queryset = SocialSpace.objects.filter(
            youth_office=office
        ).order_by("name", "pk")
        self.fields["social_space"].label = _("zuständig für den %(label)s") % {
            "label": office.social_space_label
        }
        model_field(self, "organisation").queryset = Organisation.objects.filter(
            youth_office=office
        ).order_by("sort_key", "pk")


class ConcernAreaForm(forms.Form):
    name = forms.CharField(label=_("Neues Anliegen"), max_length=100, error_messages=_too_long(100))
