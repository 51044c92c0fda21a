"""Forms of the network pages. They only clean input; the services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import OfficeRole
from sozialraum.lib.imports import MAX_BYTES, ImportFileError, check_size
from sozialraum.network.models import Organisation, OrganisationKind, Sponsorship
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice

# Uploads above this size are refused before they are read.
MAX_IMPORT_BYTES = MAX_BYTES
IMPORT_EXTENSIONS = (".csv", ".txt", ".xlsx")


# Search fields are all optional; their labels need no "(freiwillig)".
FILTER_FIELD_TEMPLATE = "network/_filter_field.html"


class MunicipalityField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


class SocialSpacesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: SocialSpace) -> str:
        return obj.name


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.city})" if obj.city else obj.name


# ---------------------------------------------------------------------------------------------
# Directory filters


class DirectoryFilterForm(forms.Form):
    """The search and filters above the directory. Invalid values are simply ignored."""

    q = forms.CharField(
        label=_("Name, Ort, PLZ oder Straße"),
        help_text=_("Zwei Buchstaben finden Wortanfänge, ab drei wird überall im Eintrag gesucht."),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    art = forms.ChoiceField(label=_("Art"), required=False)
    raum = forms.ModelChoiceField(
        label=_("Sozialraum"), required=False, queryset=SocialSpace.objects.none()
    )
    gemeinde = MunicipalityField(
        label=_("Gemeinde"), required=False, queryset=Municipality.objects.none()
    )

    def __init__(self, *args, office: YouthOffice, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.template_name = FILTER_FIELD_TEMPLATE
        self.fields["art"].choices = [("", _("Alle Arten")), *OrganisationKind.choices]
        self.fields["raum"].label = office.get_social_space_label_display()
        self.fields["raum"].queryset = SocialSpace.objects.in_office(office).order_by("name")
        self.fields["raum"].empty_label = _("Alle")
        self.fields["gemeinde"].queryset = office.municipalities().order_by("name")
        self.fields["gemeinde"].empty_label = _("Alle Gemeinden")

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
        self.fields["q"].template_name = FILTER_FIELD_TEMPLATE


# ---------------------------------------------------------------------------------------------
# Organisations


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=250,
        error_messages={"required": _("Bitte geben Sie einen Namen ein.")},
    )
    kind = forms.ChoiceField(
        label=_("Art"),
        choices=[("", _("Bitte wählen")), *OrganisationKind.choices],
        error_messages={"required": _("Bitte wählen Sie die Art der Organisation.")},
    )
    sponsorship = forms.ChoiceField(
        label=_("Trägerschaft"),
        required=False,
        choices=[("", _("keine Angabe")), *Sponsorship.choices],
    )
    street = forms.CharField(label=_("Straße und Hausnummer"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("PLZ"),
        regex=r"^\d{5}$",
        required=False,
        max_length=5,
        error_messages={"invalid": _("Die Postleitzahl hat genau fünf Ziffern.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    city = forms.CharField(label=_("Ort"), max_length=200, required=False)
    municipality = MunicipalityField(
        label=_("Gemeinde"),
        required=False,
        queryset=Municipality.objects.none(),
        empty_label=_("keine Angabe"),
        help_text=_("Die Gemeinde im Kreis, in der die Organisation ihren Sitz hat."),
        error_messages={
            "invalid_choice": _("Diese Gemeinde gehört nicht zum Kreis des Jugendamts.")
        },
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-Mail"),
        required=False,
        error_messages={"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein.")},
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
    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kurz: Was bietet die Organisation an, für wen?"),
    )
    social_spaces = SocialSpacesField(
        label=_("Sozialräume"),
        required=False,
        queryset=SocialSpace.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Diesen Raum gibt es in diesem Jugendamt nicht.")},
    )
    is_public = forms.BooleanField(
        label=_("Im öffentlichen Familienwegweiser zeigen"), required=False
    )
    external_id = forms.CharField(
        label=_("Kennung"),
        max_length=100,
        required=False,
        help_text=_(
            "Eine Nummer aus einer anderen Liste, damit ein späterer Import den Eintrag "
            "wiederfindet."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        office: YouthOffice,
        instance: Organisation | None = None,
        proposal: bool = False,
        **kwargs,
    ):
        self.office = office
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = organisation_initial(instance)
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = office.municipalities().order_by("name")
        spaces = self.fields["social_spaces"]
        spaces.label = office.social_space_label_plural
        spaces.queryset = SocialSpace.objects.in_office(office).order_by("name")
        spaces.help_text = _("Wo ist die Organisation aktiv? Wählen Sie alle passenden aus.")
        if proposal:
            # Carrier editors do not manage the import key.
            del self.fields["external_id"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie einen Namen ein."))
        return name

    def clean_external_id(self) -> str:
        value = self.cleaned_data["external_id"].strip()
        if value:
            others = Organisation.objects.in_office(self.office).filter(external_id=value)
            if self.instance is not None:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise forms.ValidationError(_("Diese Kennung hat schon eine andere Organisation."))
        return value

    def data_for_service(self) -> dict:
        """The model fields for the services (everything except social spaces and version)."""
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in ("social_spaces", "version")
        }
        for key in ("street", "city", "phone", "description"):
            if key in data:
                data[key] = data[key].strip()
        return data


def organisation_initial(org: Organisation) -> dict:
    return {
        "name": org.name,
        "kind": org.kind,
        "sponsorship": org.sponsorship,
        "street": org.street,
        "postcode": org.postcode,
        "city": org.city,
        "municipality": org.municipality_id,
        "phone": org.phone,
        "email": org.email,
        "website": org.website,
        "description": org.description,
        "social_spaces": [s.pk for s in org.social_spaces.all()],
        "is_public": org.is_public,
        "external_id": org.external_id,
        "version": org.version,
    }


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


# ---------------------------------------------------------------------------------------------
# People and affiliations


class PersonForm(forms.Form):
    title = forms.CharField(
        label=_("Titel/Anrede"),
        max_length=50,
        required=False,
        help_text=_("Freiwillig, z. B. Dr."),
    )
    first_name = forms.CharField(
        label=_("Vorname"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    last_name = forms.CharField(
        label=_("Nachname"),
        max_length=100,
        error_messages={"required": _("Bitte geben Sie den Nachnamen ein.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-Mail"),
        required=False,
        error_messages={"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein.")},
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": instance.title,
                "first_name": instance.first_name,
                "last_name": instance.last_name,
                "email": instance.email,
                "phone": instance.phone,
                "version": instance.version,
            }
        super().__init__(*args, **kwargs)

    def clean_last_name(self) -> str:
        value = self.cleaned_data["last_name"].strip()
        if not value:
            raise forms.ValidationError(_("Bitte geben Sie den Nachnamen ein."))
        return value

    def data_for_service(self) -> dict:
        return {
            key: (value.strip() if isinstance(value, str) else value)
            for key, value in self.cleaned_data.items()
            if key in ("title", "first_name", "last_name", "email", "phone")
        }


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


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
    since = forms.DateField(
        label=_("seit"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Bitte geben Sie ein Datum ein, z. B. 01.08.2024.")},
    )
    until = forms.DateField(
        label=_("bis"),
        required=False,
        widget=DateInput,
        help_text=_("Leer lassen, solange die Person dort tätig ist."),
        error_messages={"invalid": _("Bitte geben Sie ein Datum ein, z. B. 31.07.2026.")},
    )
    is_contact = forms.BooleanField(label=_("Ansprechperson der Organisation"), required=False)

    def __init__(
        self,
        *args,
        office: YouthOffice,
        with_organisation: bool = True,
        instance=None,
        **kwargs,
    ):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "function": instance.function,
                "since": instance.since,
                "until": instance.until,
                "is_contact": instance.is_contact,
            }
        super().__init__(*args, **kwargs)
        if with_organisation:
            self.fields["organisation"].queryset = Organisation.objects.in_office(office).only(
                "pk", "name", "city"
            )
        else:
            del self.fields["organisation"]

    def clean(self):
        data = super().clean()
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

    def __init__(self, *args, office: YouthOffice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.in_office(office).only(
            "pk", "name", "city"
        )


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
