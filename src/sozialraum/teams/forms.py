"""Forms of the teams. They only clean input; the services write."""

from __future__ import annotations

import copy
from typing import Any, cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choice_fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from sozialraum.lib.forms import GermanDateField
from sozialraum.network.forms import FILTER_FIELD_TEMPLATE
from sozialraum.network.models import Organisation, Person
from sozialraum.regions.models import SocialSpace, YouthOffice
from sozialraum.teams import selectors, services
from sozialraum.teams.models import Membership, MembershipRole, Team, TeamKind

DESCRIPTION_MAX = 5000


class SocialSpacesField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: SocialSpace) -> str:
        return obj.name


class PersonsField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


class OrganisationField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.city})" if obj.city else obj.name


# ---------------------------------------------------------------------------------------------
# Teams


class TeamForm(forms.ModelForm):
    """A team's fields (`Team.EDITABLE_FIELDS`) and its social spaces."""

    default_video_link = forms.URLField(
        label=_("Videokonferenz-Link"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("Falls das Team sich auch online trifft, z. B. https://video.beispiel.de/…"),
        error_messages={
            "invalid": _("Bitte geben Sie eine gültige Internetadresse ein, z. B. https://…")
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Team
        fields = [*Team.EDITABLE_FIELDS, "social_spaces"]
        field_classes = {"social_spaces": SocialSpacesField}
        labels = {"default_place": _("Üblicher Treffpunkt")}
        help_texts = {
            "name": _("Zum Beispiel „Sozialraumteam Soltau/Wietzendorf“."),
            "description": _("Kurz: Wofür ist das Team da, wer gehört dazu?"),
            "default_place": _(
                "Wird für neue Treffen vorgeschlagen, z. B. „Rathaus Soltau, Raum 2“."
            ),
        }
        error_messages = {
            "name": {"required": _("Bitte geben Sie einen Namen ein.")},
            "kind": {"required": _("Bitte wählen Sie die Art des Teams.")},
            "social_spaces": {
                "invalid_choice": _("Diesen Raum gibt es in diesem Jugendamt nicht."),
                "invalid_pk_value": _("Diesen Raum gibt es in diesem Jugendamt nicht."),
            },
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": DESCRIPTION_MAX}),
            "social_spaces": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, office: YouthOffice, instance: Team | None = None, **kwargs):
        self.office = office
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {"version": instance.version}
        kwargs["instance"] = (
            copy.copy(instance) if instance is not None else Team(youth_office=office)
        )
        self.existing = instance
        super().__init__(*args, **kwargs)
        kind = cast(forms.TypedChoiceField, self.fields["kind"])
        kind.choices = list(TeamKind.choices)
        spaces = cast(forms.ModelMultipleChoiceField, self.fields["social_spaces"])
        spaces.queryset = SocialSpace.objects.in_office(office)
        spaces.label = office.social_space_label_plural
        spaces.help_text = _("Welche Räume das Team betreut; mehrere sind möglich.")
        self.fields["description"].validators.append(MaxLengthValidator(DESCRIPTION_MAX))

    def clean_name(self) -> str:
        name = (self.cleaned_data.get("name") or "").strip()
        message = services.name_taken(self.office, name, getattr(self.existing, "pk", None))
        if message:
            raise forms.ValidationError(message)
        return name

    def validate_unique(self) -> None:
        """The name is checked in clean_name (with a German message); nothing else is unique."""

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in Team.EDITABLE_FIELDS}


def team_initial(team: Team) -> dict[str, Any]:
    """A saved team as form initial data (for the conflict display)."""
    initial: dict[str, Any] = {name: getattr(team, name) for name in Team.EDITABLE_FIELDS}
    initial["social_spaces"] = [space.pk for space in team.social_spaces.all()]
    return initial


# ---------------------------------------------------------------------------------------------
# Members


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Person im Netzwerk suchen"),
        help_text=_(
            "Nachname oder Vorname, z. B. „Grote“. Es werden höchstens 20 Treffer gezeigt."
        ),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A search field is optional by nature: no "(freiwillig)" after its label.
        self.fields["q"].template_name = FILTER_FIELD_TEMPLATE  # type: ignore[attr-defined]  # Field.template_name exists since Django 5.0; stubs lag

    def query(self) -> str:
        return (self.cleaned_data.get("q") or "").strip() if self.is_valid() else ""


ROLE_CHOICES = list(MembershipRole.choices)


class MembershipFields(forms.Form):
    """Role, organisation, joined date and substitutes of a membership (adding and changing)."""

    organisation = OrganisationField(
        label=_("Vertritt die Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _(
                "Bitte wählen Sie eine der Organisationen, für die die Person tätig ist."
            )
        },
    )
    role = forms.ChoiceField(
        label=_("Rolle im Team"),
        choices=ROLE_CHOICES,
        initial=MembershipRole.MEMBER,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Bitte wählen Sie eine der Rollen.")},
    )
    joined = GermanDateField(label=_("Mitglied seit"), min_year=1990)
    substitutes = PersonsField(
        label=_("Vertretung"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Zur Auswahl stehen die Personen, die für dieselbe Organisation tätig sind. Fehlt "
            "jemand, tragen Sie die Person zuerst im Netzwerk ein."
        ),
        error_messages={
            "invalid_choice": _("Diese Person kann hier nicht als Vertretung gewählt werden."),
            "invalid_pk_value": _("Diese Person kann hier nicht als Vertretung gewählt werden."),
        },
    )

    def __init__(
        self,
        *args,
        person: Person,
        membership: Membership | None = None,
        **kwargs,
    ):
        self.member_person = person
        super().__init__(*args, **kwargs)
        organisations = [*services.current_organisations(person)]
        kept = membership.organisation if membership is not None else None
        if kept is not None and kept not in organisations:
            organisations.append(kept)
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if organisations:
            organisation.required = True
            organisation.empty_label = None
            organisation.error_messages["required"] = _(
                "Bitte wählen Sie, welche Organisation die Person im Team vertritt."
            )
            if len(organisations) == 1:
                self.fields["organisation"].initial = organisations[0].pk
        else:
            organisation.empty_label = str(_("keine Organisation"))
            organisation.help_text = _(
                "Die Person ist derzeit für keine Organisation eingetragen. Das geht, z. B. für "
                "einen Gast; sonst tragen Sie zuerst im Netzwerk ein, wo sie tätig ist."
            )
        chosen_org = membership.organisation if membership is not None else None
        if self.is_bound and self.data.get("organisation", "").isdigit():
            chosen_org = next(
                (o for o in organisations if str(o.pk) == self.data["organisation"]), chosen_org
            )
        elif chosen_org is None and len(organisations) == 1:
            chosen_org = organisations[0]
        keep = list(membership.substitutes.all()) if membership is not None else []
        substitutes = cast(forms.ModelMultipleChoiceField, self.fields["substitutes"])
        substitutes.queryset = selectors.substitute_candidates(person, chosen_org, keep)
        if "joined" not in self.initial:
            self.fields["joined"].initial = timezone.localdate()


class MembershipAddForm(MembershipFields):
    person = forms.IntegerField(widget=forms.HiddenInput)


class MembershipForm(MembershipFields):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def membership_initial(membership: Membership) -> dict[str, Any]:
    return {
        "organisation": membership.organisation_id,
        "role": membership.role,
        "joined": membership.joined,
        "substitutes": [p.pk for p in membership.substitutes.all()],
        "version": membership.version,
    }


class LeaveForm(forms.Form):
    left = GermanDateField(label=_("Ausgeschieden am"), min_year=1990)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, membership: Membership, **kwargs):
        self.membership = membership
        kwargs.setdefault("initial", {"left": timezone.localdate(), "version": membership.version})
        super().__init__(*args, **kwargs)

    def clean_left(self):
        left = self.cleaned_data["left"]
        if left is not None and left < self.membership.joined:
            raise forms.ValidationError(services.left_before_joined(self.membership.joined, left))
        return left
