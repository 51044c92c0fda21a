"""Forms of the network pages. They only clean input; the services write."""

from __future__ import annotations

import copy
from typing import Any, cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import OfficeRole
from sozialraum.lib.choice_fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from sozialraum.lib.forms import GermanDateField
from sozialraum.lib.imports import MAX_BYTES, ImportFileError, check_size
from sozialraum.lib.widgets import (
    FilterBoundField,
    Select,
    TextInput,
    office_cache_key,
    row_choices,
)
from sozialraum.network.models import (
    Affiliation,
    Organisation,
    OrganisationKind,
    Person,
    Sponsorship,
)
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice

# An organisation's description stays readable (and the form's textarea says so).
DESCRIPTION_MAX = 5000

# Uploads above this size are refused before they are read.
MAX_IMPORT_BYTES = MAX_BYTES
IMPORT_EXTENSIONS = (".csv", ".txt", ".xlsx")


# Search fields are all optional; their labels need no "(freiwillig)".
FILTER_FIELD_TEMPLATE = "includes/filter_field.html"


class MunicipalityField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


class SocialSpacesField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: SocialSpace) -> str:
        return obj.name


class OrganisationChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.city})" if obj.city else obj.name


# ---------------------------------------------------------------------------------------------
# Directory filters


class DirectoryFilterForm(forms.Form):
    """The search and filters above the directory. Invalid values are simply ignored."""

    bound_field_class = FilterBoundField  # field groups written in Python (lib.widgets)

    q = forms.CharField(
        label=_("Name, Ort, PLZ oder Straße"),
        help_text=_("Zwei Buchstaben finden Wortanfänge, ab drei wird überall im Eintrag gesucht."),
        required=False,
        max_length=200,
        widget=TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    art = forms.ChoiceField(label=_("Art"), required=False, widget=Select)
    raum = BoundedModelChoiceField(
        label=_("Sozialraum"), required=False, queryset=SocialSpace.objects.none()
    )
    gemeinde = MunicipalityField(
        label=_("Gemeinde"), required=False, queryset=Municipality.objects.none()
    )

    def __init__(self, *args, office: YouthOffice, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.template_name = FILTER_FIELD_TEMPLATE  # type: ignore[attr-defined]  # Field.template_name exists since Django 5.0; stubs lag
        cast(forms.ChoiceField, self.fields["art"]).choices = [
            ("", _("Alle Arten")),
            *OrganisationKind.choices,
        ]
        space = cast(forms.ModelChoiceField, self.fields["raum"])
        space.label = office.get_social_space_label_display()
        space.queryset = SocialSpace.objects.in_office(office)  # in German order
        space.empty_label = _("Alle")
        # The selects show (pk, name) pairs cached per office data version (every audited
        # write raises it; lib.widgets.RowChoices); validation keeps the querysets.
        space.widget.choices = row_choices(
            space.empty_label,
            space.queryset,
            cache_key=office_cache_key(office, "directory-spaces"),
        )
        municipality = cast(forms.ModelChoiceField, self.fields["gemeinde"])
        municipality.queryset = office.municipalities().order_by("name")
        municipality.empty_label = _("Alle Gemeinden")
        municipality.widget.choices = row_choices(
            municipality.empty_label,
            municipality.queryset,
            cache_key=office_cache_key(office, "directory-municipalities"),
        )

    def filters(self) -> dict:
        """The valid filters as keyword arguments for selectors.directory."""
        self.is_valid()  # fields with a wrong value drop out of cleaned_data, the rest stays
        data = self.cleaned_data
        return {
            "q": (data.get("q") or "").strip(),
            "kind": data.get("art") or "",
            "social_space": data.get("raum"),
            "municipality": data.get("gemeinde"),
        }


class PeopleFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name oder Titel"),
        help_text=_("Zwei Buchstaben finden Wortanfänge, ab drei wird überall im Namen gesucht."),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].template_name = FILTER_FIELD_TEMPLATE  # type: ignore[attr-defined]  # as above


# ---------------------------------------------------------------------------------------------
# Organisations


class OrganisationForm(forms.ModelForm):
    """Cleans an organisation's fields; the views hand `data_for_service()` to the services,
    never `save()`. The fields are the model's (`Organisation.EDITABLE_FIELDS`)."""

    postcode = forms.RegexField(
        label=_("PLZ"),
        regex=r"^\d{5}$",
        required=False,
        max_length=5,
        error_messages={"invalid": _("Die Postleitzahl hat genau fünf Ziffern.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={
            "invalid": _("Bitte geben Sie eine gültige Internetadresse ein, z. B. www.beispiel.de.")
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Organisation
        fields = [*Organisation.EDITABLE_FIELDS, "social_spaces"]
        field_classes = {"municipality": MunicipalityField, "social_spaces": SocialSpacesField}
        labels = {
            "street": _("Straße und Hausnummer"),
            "is_public": _("Im öffentlichen Familienwegweiser zeigen"),
        }
        help_texts = {
            "municipality": _("Die Gemeinde im Kreis, in der die Organisation ihren Sitz hat."),
            "description": _("Kurz: Was bietet die Organisation an, für wen?"),
            "is_public": "",
            "external_id": _(
                "Eine Nummer aus einer anderen Liste, damit ein späterer Import den Eintrag "
                "wiederfindet."
            ),
        }
        error_messages = {
            "name": {"required": _("Bitte geben Sie einen Namen ein.")},
            "kind": {"required": _("Bitte wählen Sie die Art der Organisation.")},
            "email": {"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein.")},
            "municipality": {
                "invalid_choice": _("Diese Gemeinde gehört nicht zum Kreis des Jugendamts.")
            },
            "social_spaces": {
                "invalid_choice": _("Diesen Raum gibt es in diesem Jugendamt nicht."),
                "invalid_pk_value": _("Diesen Raum gibt es in diesem Jugendamt nicht."),
            },
        }
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 5000}),
            "social_spaces": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self,
        *args,
        office: YouthOffice,
        instance: Organisation | None = None,
        proposal: bool = False,
        **kwargs,
    ):
        self.office = office
        self.existing = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {"version": instance.version}
        # The form cleans a copy: the record the view shows stays as it is saved.
        working = copy.copy(instance) if instance is not None else Organisation(youth_office=office)
        kwargs["instance"] = working
        super().__init__(*args, **kwargs)
        kind = cast(forms.TypedChoiceField, self.fields["kind"])
        kind.choices = [("", _("Bitte wählen")), *OrganisationKind.choices]
        sponsorship = cast(forms.TypedChoiceField, self.fields["sponsorship"])
        sponsorship.choices = [("", _("keine Angabe")), *Sponsorship.choices]
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = office.municipalities().order_by("name")
        municipality.empty_label = _("keine Angabe")
        spaces = cast(forms.ModelMultipleChoiceField, self.fields["social_spaces"])
        spaces.label = office.social_space_label_plural
        spaces.queryset = SocialSpace.objects.in_office(office).order_by("sort_key", "id")
        spaces.help_text = _("Wo ist die Organisation aktiv? Wählen Sie alle passenden aus.")
        description = cast(forms.CharField, self.fields["description"])
        description.max_length = DESCRIPTION_MAX
        description.validators.append(MaxLengthValidator(DESCRIPTION_MAX))
        if proposal:
            # Carrier editors do not manage the import key.
            del self.fields["external_id"]

    def validate_unique(self) -> None:
        """The services check the Kennung per youth office, with a message naming the other
        organisation; the database constraint stays the last word under concurrency."""

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie einen Namen ein."))
        return name

    def clean_external_id(self) -> str:
        value = self.cleaned_data["external_id"].strip()
        if value:
            others = Organisation.objects.in_office(self.office).filter(external_id=value)
            if self.existing is not None:
                others = others.exclude(pk=self.existing.pk)
            if others.exists():
                raise forms.ValidationError(_("Diese Kennung hat schon eine andere Organisation."))
        return value

    def data_for_service(self) -> dict[str, Any]:
        """The model fields for the services (everything except social spaces and version)."""
        return {
            name: value.strip() if isinstance(value, str) else value
            for name, value in self.cleaned_data.items()
            if name in Organisation.EDITABLE_FIELDS
        }


def organisation_initial(org: Organisation) -> dict[str, Any]:
    """The saved organisation as form data (ids for chosen rows), e.g. for a conflict."""
    initial: dict[str, Any] = {name: getattr(org, name) for name in Organisation.EDITABLE_FIELDS}
    initial["municipality"] = org.municipality_id
    initial["social_spaces"] = [s.pk for s in org.social_spaces.all()]
    initial["version"] = org.version
    return initial


class InviteEditorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        error_messages={
            "required": _("Bitte geben Sie die E-Mail-Adresse ein."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein."),
        },
    )
    name = forms.CharField(
        label=_("Name"), max_length=150, required=False, help_text=_("Freiwillig, für die Anrede.")
    )

    def __init__(self, *args, office: YouthOffice, **kwargs):
        self.office = office
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if OfficeRole.objects.in_office(self.office).filter(user__email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "Diese Person hat schon einen Zugang zu diesem Jugendamt. Ihre Rolle ändern "
                    "Sie unter „Zugänge“."
                )
            )
        return email


class RejectChangeForm(forms.Form):
    note = forms.CharField(
        label=_("Begründung"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Die Redaktion sieht diese Anmerkung bei ihrem Vorschlag."),
    )


class ExpectedKindsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Arten, die es in jedem Raum geben sollte"),
        required=False,
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Diese Art gibt es nicht.")},
    )
    # The checklist as the form was opened (its "version"): a save by somebody else in between
    # is shown instead of silently replaced.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def seen(self) -> list[str]:
        return [kind for kind in self.cleaned_data.get("version", "").split(",") if kind]


def checklist_version(kinds: list[str]) -> str:
    return ",".join(sorted(kinds))


# ---------------------------------------------------------------------------------------------
# People and affiliations


class PersonForm(forms.ModelForm):
    """Cleans a person's fields (`Person.EDITABLE_FIELDS`); the services write."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        fields = list(Person.EDITABLE_FIELDS)
        help_texts = {"title": _("Freiwillig, z. B. Dr.")}
        error_messages = {
            "last_name": {"required": _("Bitte geben Sie den Nachnamen ein.")},
            "email": {"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein.")},
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, instance: Person | None = None, **kwargs):
        self.existing = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {"version": instance.version}
        kwargs["instance"] = copy.copy(instance) if instance is not None else None
        super().__init__(*args, **kwargs)

    def clean_last_name(self) -> str:
        value = self.cleaned_data["last_name"].strip()
        if not value:
            raise forms.ValidationError(_("Bitte geben Sie den Nachnamen ein."))
        return value

    def data_for_service(self) -> dict[str, Any]:
        return {
            name: value.strip() if isinstance(value, str) else value
            for name, value in self.cleaned_data.items()
            if name in Person.EDITABLE_FIELDS
        }


def person_initial(person: Person) -> dict[str, Any]:
    """The saved person as form data, e.g. for a conflict."""
    return {
        **{name: getattr(person, name) for name in Person.EDITABLE_FIELDS},
        "version": person.version,
    }


def limit_organisations(
    field: forms.Field, office: YouthOffice, organisations: QuerySet[Organisation] | None
) -> None:
    """Offer `organisations` (default: all of the office); a single allowed one is preselected."""
    assert isinstance(field, forms.ModelChoiceField)
    if organisations is None:
        organisations = Organisation.objects.in_office(office)
    elif field.required:
        field.empty_label = None
    field.queryset = organisations.only("pk", "name", "city")


def affiliation_initial(affiliation: Affiliation) -> dict[str, Any]:
    return {
        "function": affiliation.function,
        "since": affiliation.since,
        "until": affiliation.until,
        "is_contact": affiliation.is_contact,
        "version": affiliation.version,
    }


class AffiliationForm(forms.Form):
    """Function of a person in an organisation. `organisation` only when adding."""

    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Bitte wählen"),
        error_messages={
            "required": _("Bitte wählen Sie die Organisation."),
            "invalid_choice": _("Diese Organisation gibt es in diesem Jugendamt nicht."),
        },
    )
    function = forms.CharField(
        label=_("Funktion"),
        max_length=200,
        required=False,
        help_text=_("Z. B. Schulleitung, Familienhebamme, Teamleitung."),
    )
    since = GermanDateField(label=_("seit"), required=False)
    until = GermanDateField(
        label=_("bis"),
        required=False,
        help_text=_("Leer lassen, solange die Person dort tätig ist."),
    )
    is_contact = forms.BooleanField(label=_("Ansprechperson der Organisation"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        office: YouthOffice,
        organisations: QuerySet[Organisation] | None = None,
        with_organisation: bool = True,
        instance=None,
        **kwargs,
    ):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = affiliation_initial(instance)
        super().__init__(*args, **kwargs)
        if with_organisation:
            limit_organisations(self.fields["organisation"], office, organisations)
        else:
            del self.fields["organisation"]

    def clean(self):
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("Das Ende liegt vor dem Beginn. Bitte prüfen Sie die Daten."))
        return data


class PersonCreateForm(PersonForm):
    """A new person, optionally right away with the organisation she works for."""

    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("keine Angabe"),
        error_messages={
            "invalid_choice": _("Diese Organisation gibt es in diesem Jugendamt nicht.")
        },
    )
    function = forms.CharField(
        label=_("Funktion"),
        max_length=200,
        required=False,
        help_text=_("Z. B. Schulleitung, Familienhebamme, Teamleitung."),
    )

    def __init__(
        self,
        *args,
        office: YouthOffice,
        organisations: QuerySet[Organisation] | None = None,
        organisation_required: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        limit_organisations(field, office, organisations)
        if organisation_required:
            # A carrier editor adds people to their own organisation only.
            field.required = True
            field.empty_label = None


# ---------------------------------------------------------------------------------------------
# Import


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder Excel)"),
        help_text=_("CSV oder XLSX, höchstens 10 MB. Die erste Zeile enthält die Spaltennamen."),
        error_messages={
            "required": _("Bitte wählen Sie eine Datei aus."),
            "empty": _("Die Datei ist leer."),
            "invalid": _("Bitte wählen Sie eine Datei aus."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before anything is read from the file.
        try:
            check_size(upload.size, MAX_IMPORT_BYTES)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        if not upload.name.lower().endswith(IMPORT_EXTENSIONS):
            raise forms.ValidationError(
                _("Bitte laden Sie eine CSV- oder Excel-Datei (.csv oder .xlsx) hoch.")
            )
        return upload
