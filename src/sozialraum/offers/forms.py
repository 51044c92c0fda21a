"""Forms of the Familienwegweiser. They only clean input; the services write."""

from __future__ import annotations

import copy
import functools
import re
from datetime import datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sozialraum.lib.choice_fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from sozialraum.lib.forms import GermanDateField
from sozialraum.lib.widgets import (
    CheckboxInput,
    FilterBoundField,
    NumberInput,
    Select,
    TextInput,
    office_cache_key,
    row_choices,
)
from sozialraum.network.models import Organisation
from sozialraum.offers.models import MAX_AGE, Language, Offer, OfferStatus, OfferTopic, TargetGroup
from sozialraum.offers.selectors import guide_municipalities, public_spaces
from sozialraum.offers.services import topics_for
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice

FILTER_FIELD_TEMPLATE = "includes/filter_field.html"
MAX_QUERY = 200
_DATE_LINE = re.compile(
    r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,]+(\d{1,2})[:.](\d{2}))?(?:\s*Uhr)?", re.ASCII
)


class NamedChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "name", obj))


class NamedMultipleChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "name", obj))


class CoordinateField(forms.Field):
    """A latitude or longitude, typed with a comma or a point (52,9876 or 52.9876)."""

    MAX_LENGTH = 20

    def __init__(self, *, low: int, high: int, **kwargs: Any) -> None:
        self.low, self.high = low, high
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "maxlength": self.MAX_LENGTH}),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, Decimal):
            return value
        text = str(value or "").strip().replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text) if len(text) <= self.MAX_LENGTH else Decimal("nan")
        except InvalidOperation:
            number = Decimal("nan")
        if not number.is_finite():
            raise forms.ValidationError(_("Bitte geben Sie eine Zahl ein, z. B. 52,9913."))
        if not self.low <= number <= self.high:
            raise forms.ValidationError(
                _("Bitte geben Sie eine Zahl zwischen %(low)s und %(high)s ein.")
                % {"low": self.low, "high": self.high}
            )
        return number.quantize(Decimal("0.000001"))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"{value.normalize():f}".replace(".", ",")
        return value


class DatesField(forms.CharField):
    """Dates of an offer, one per line: "14.03.2027 9:30" or "14.03.2027"."""

    widget = forms.Textarea(attrs={"rows": 3, "maxlength": 2000})

    def to_python(self, value: Any) -> list[datetime]:  # type: ignore[override]
        if isinstance(value, list):
            return value
        text = super().to_python(value) or ""
        result: list[datetime] = []
        date_field = GermanDateField()
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            match = _DATE_LINE.fullmatch(line)
            if match is None:
                raise forms.ValidationError(
                    _(
                        "Zeile %(line)s: Bitte schreiben Sie jeden Termin als TT.MM.JJJJ HH:MM, "
                        "z. B. 14.03.2027 9:30."
                    )
                    % {"line": number}
                )
            day, month, year, hour, minute = match.groups()
            try:
                day_value = date_field.checked_date(int(year), int(month), int(day))
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("Zeile %(line)s: %(message)s")
                    % {"line": number, "message": " ".join(error.messages)}
                ) from None
            hours, minutes = int(hour or 0), int(minute or 0)
            if hours > 23 or minutes > 59:
                raise forms.ValidationError(
                    _("Zeile %(line)s: Diese Uhrzeit gibt es nicht.") % {"line": number}
                )
            moment = datetime.combine(day_value, time(hours, minutes))
            result.append(timezone.make_aware(moment))
        return sorted(set(result))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            lines = []
            for item in value:
                local = timezone.localtime(item)
                lines.append(
                    f"{local:%d.%m.%Y}"
                    if local.hour == local.minute == 0
                    else f"{local:%d.%m.%Y %H:%M}"
                )
            return "\n".join(lines)
        return value


class OfferForm(forms.ModelForm):
    """Cleans an offer's fields; views hand `data_for_service()` to the services."""

    postcode = forms.RegexField(
        label=gettext_lazy("PLZ"),
        regex=r"^\d{5}$",
        required=False,
        max_length=5,
        error_messages={"invalid": gettext_lazy("Die Postleitzahl hat genau fünf Ziffern.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    website = forms.URLField(
        label=gettext_lazy("Website"),
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={
            "invalid": gettext_lazy(
                "Bitte geben Sie eine gültige Internetadresse ein, z. B. www.beispiel.de."
            )
        },
    )
    latitude = CoordinateField(label=gettext_lazy("Breitengrad"), low=-90, high=90)
    longitude = CoordinateField(
        label=gettext_lazy("Längengrad"),
        low=-180,
        high=180,
        help_text=gettext_lazy("Für die Karte, z. B. 52,9913 und 9,8427."),
    )
    target_groups = forms.MultipleChoiceField(
        label=gettext_lazy("Zielgruppen"),
        required=False,
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Sprachen"),
        required=False,
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("In welchen Sprachen findet das Angebot statt?"),
    )
    dates = DatesField(
        label=gettext_lazy("Termine"),
        required=False,
        help_text=gettext_lazy(
            "Nur wenn es feste Termine gibt. Einer pro Zeile, z. B. 14.03.2027 9:30."
        ),
    )
    valid_from = GermanDateField(label=gettext_lazy("gültig ab"), required=False)
    valid_until = GermanDateField(
        label=gettext_lazy("gültig bis"),
        required=False,
        help_text=gettext_lazy("Danach verschwindet das Angebot aus dem Wegweiser."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Offer
        fields = [*Offer.EDITABLE_FIELDS, "topics", "social_spaces"]
        field_classes = {
            "organisation": NamedChoiceField,
            "municipality": NamedChoiceField,
            "topics": NamedMultipleChoiceField,
            "social_spaces": NamedMultipleChoiceField,
        }
        labels = {"street": gettext_lazy("Straße und Hausnummer")}
        help_texts = {
            "description": gettext_lazy("Was erwartet die Familien? Kurze Sätze helfen allen."),
            "external_id": gettext_lazy(
                "Eine Nummer aus einer anderen Liste, damit ein späterer Import das Angebot "
                "wiederfindet."
            ),
        }
        error_messages = {
            "title": {"required": gettext_lazy("Bitte geben Sie einen Titel ein.")},
            "description": {"required": gettext_lazy("Bitte beschreiben Sie das Angebot kurz.")},
            "organisation": {
                "required": gettext_lazy("Bitte wählen Sie den Anbieter."),
                "invalid_choice": gettext_lazy("Diesen Anbieter gibt es hier nicht."),
            },
            "email": {"invalid": gettext_lazy("Bitte geben Sie eine gültige E-Mail-Adresse ein.")},
            "municipality": {
                "invalid_choice": gettext_lazy(
                    "Diese Gemeinde gehört nicht zum Kreis des Jugendamts."
                )
            },
            "topics": {
                "invalid_choice": gettext_lazy("Dieses Thema gibt es hier nicht."),
                "invalid_pk_value": gettext_lazy("Dieses Thema gibt es hier nicht."),
            },
            "social_spaces": {
                "invalid_choice": gettext_lazy("Diesen Raum gibt es in diesem Jugendamt nicht."),
                "invalid_pk_value": gettext_lazy("Diesen Raum gibt es in diesem Jugendamt nicht."),
            },
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "schedule": forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "age_from": forms.NumberInput(attrs={"min": 0, "max": MAX_AGE, "inputmode": "numeric"}),
            "age_until": forms.NumberInput(
                attrs={"min": 0, "max": MAX_AGE, "inputmode": "numeric"}
            ),
            "topics": forms.CheckboxSelectMultiple,
            "social_spaces": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self,
        *args: Any,
        office: YouthOffice,
        providers: QuerySet[Organisation],
        instance: Offer | None = None,
        proposal: bool = False,
        **kwargs: Any,
    ) -> None:
        self.office = office
        self.existing = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = offer_initial(instance)
        working = copy.copy(instance) if instance is not None else Offer(youth_office=office)
        kwargs["instance"] = working
        super().__init__(*args, **kwargs)
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = providers.order_by("sort_key", "id")
        organisation.empty_label = _("Bitte wählen")
        organisation.help_text = _("Wer bietet das an? Die Organisation aus dem Verzeichnis.")
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = office.municipalities().order_by("name")
        municipality.empty_label = _("keine Angabe")
        topics = cast(forms.ModelMultipleChoiceField, self.fields["topics"])
        topics.queryset = topics_for(office)
        spaces = cast(forms.ModelMultipleChoiceField, self.fields["social_spaces"])
        spaces.label = office.social_space_label_plural
        spaces.queryset = SocialSpace.objects.in_office(office).order_by("sort_key", "id")
        spaces.help_text = _("Wo findet das Angebot statt, oder für wen ist es gedacht?")
        if proposal:
            del self.fields["organisation"]
            del self.fields["external_id"]

    def validate_unique(self) -> None:
        """The services check the Kennung per office; the constraint is the last word."""

    def clean_title(self) -> str:
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError(_("Bitte geben Sie einen Titel ein."))
        return title

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        age_from, age_until = data.get("age_from"), data.get("age_until")
        if age_from is not None and age_until is not None and age_from > age_until:
            self.add_error("age_until", _("„Alter bis“ darf nicht kleiner sein als „Alter von“."))
        valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
        if valid_from and valid_until and valid_from > valid_until:
            self.add_error("valid_until", _("„gültig bis“ darf nicht vor „gültig ab“ liegen."))
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            self.add_error(
                "longitude",
                _("Bitte geben Sie Breiten- und Längengrad zusammen an, oder keinen von beiden."),
            )
        return data

    def data_for_service(self) -> dict[str, Any]:
        names = (*Offer.EDITABLE_FIELDS, *Offer.MANY_FIELDS)
        data = {}
        for name, value in self.cleaned_data.items():
            if name not in names:
                continue
            if isinstance(value, QuerySet):
                value = list(value)
            data[name] = value.strip() if isinstance(value, str) else value
        return data


def offer_initial(offer: Offer) -> dict[str, Any]:
    """The saved offer as form data, e.g. for a conflict or to start a form."""
    from sozialraum.offers.values import offer_values

    initial = offer_values(offer)
    initial["organisation"] = offer.organisation_id
    initial["municipality"] = offer.municipality_id
    initial["topics"] = [t.pk for t in initial["topics"]]
    initial["social_spaces"] = [s.pk for s in initial["social_spaces"]]
    initial["version"] = offer.version
    return initial


class RejectChangeForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Begründung für die Redaktion"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text=gettext_lazy("Die Redaktion sieht diesen Text."),
    )


class SpacePageForm(forms.Form):
    is_public = forms.BooleanField(
        label=gettext_lazy("Die Seite ist öffentlich"),
        required=False,
        help_text=gettext_lazy("Erst dann sieht man sie im Familienwegweiser."),
    )
    public_description = forms.CharField(
        label=gettext_lazy("Was machen wir?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
        help_text=gettext_lazy("Für Familien geschrieben: kurze Sätze, ohne Fachbegriffe."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


# ---------------------------------------------------------------------------------------------
# Filters


class OfferFilterForm(forms.Form):
    """The filters of the internal list. Invalid values are ignored."""

    q = forms.CharField(
        label=gettext_lazy("Suche"),
        required=False,
        max_length=MAX_QUERY,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    thema = NamedChoiceField(
        label=gettext_lazy("Thema"), required=False, queryset=OfferTopic.objects.none()
    )

    def __init__(self, *args: Any, office: YouthOffice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.template_name = FILTER_FIELD_TEMPLATE  # type: ignore[attr-defined]  # stubs lag
        status = cast(forms.ChoiceField, self.fields["status"])
        status.choices = [("", _("Alle")), *OfferStatus.choices]
        topic = cast(forms.ModelChoiceField, self.fields["thema"])
        topic.queryset = topics_for(office)
        topic.empty_label = _("Alle Themen")

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = self.cleaned_data
        return {
            "q": (data.get("q") or "").strip(),
            "status": data.get("status") or "",
            "topic": data.get("thema"),
        }


@functools.cache
def _language_choices(language: str | None) -> list[tuple[str, str]]:
    """The languages in the alphabetical order of their names in `language` (the active
    language, which the argument keys the cache by)."""
    return [
        ("", _("Alle Sprachen")),
        *sorted(((code, str(name)) for code, name in Language.choices), key=lambda c: c[1]),
    ]


class GuideFilterForm(forms.Form):
    """The one search field and the filters of the public guide. A filter with a value we do
    not know is not applied; `ignored()` names it for a note on the page."""

    bound_field_class = FilterBoundField  # field groups written in Python (lib.widgets)

    q = forms.CharField(
        label=gettext_lazy("Was suchen Sie?"),
        help_text=gettext_lazy("Zum Beispiel: Krabbelgruppe, Beratung, Schwimmkurs"),
        required=False,
        widget=TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}),
    )
    thema = NamedChoiceField(
        label=gettext_lazy("Thema"), required=False, queryset=OfferTopic.objects.none()
    )
    fuer = forms.ChoiceField(label=gettext_lazy("Für wen?"), required=False, widget=Select)
    alter = forms.IntegerField(
        label=gettext_lazy("Alter des Kindes (in Jahren)"),
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        widget=NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": MAX_AGE}),
    )
    raum = NamedChoiceField(
        label=gettext_lazy("Sozialraum"), required=False, queryset=SocialSpace.objects.none()
    )
    gemeinde = NamedChoiceField(
        label=gettext_lazy("Gemeinde"), required=False, queryset=Municipality.objects.none()
    )
    sprache = forms.ChoiceField(label=gettext_lazy("Sprache"), required=False, widget=Select)
    kostenlos = forms.BooleanField(
        label=gettext_lazy("nur kostenlose Angebote"), required=False, widget=CheckboxInput
    )
    barrierefrei = forms.BooleanField(
        label=gettext_lazy("nur barrierefrei zugänglich"), required=False, widget=CheckboxInput
    )

    def __init__(self, *args: Any, office: YouthOffice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.template_name = FILTER_FIELD_TEMPLATE  # type: ignore[attr-defined]  # stubs lag
        # The model selects show (pk, name) pairs cached per office data version (every
        # audited write raises it; lib.widgets.RowChoices); validation keeps the querysets.
        topic = cast(forms.ModelChoiceField, self.fields["thema"])
        topic.queryset = OfferTopic.objects.in_office(office)  # no defaults made by visitors
        topic.empty_label = _("Alle Themen")
        topic.widget.choices = row_choices(
            topic.empty_label, topic.queryset, cache_key=office_cache_key(office, "guide-topics")
        )
        cast(forms.ChoiceField, self.fields["fuer"]).choices = [
            ("", _("Alle")),
            *TargetGroup.choices,
        ]
        cast(forms.ChoiceField, self.fields["sprache"]).choices = _language_choices(get_language())
        # Only what the public may see by name (offers/selectors.py).
        space = cast(forms.ModelChoiceField, self.fields["raum"])
        space.label = office.get_social_space_label_display()
        space.queryset = public_spaces(office).order_by("sort_key", "id")
        space.empty_label = _("Alle")
        space.widget.choices = row_choices(
            space.empty_label, space.queryset, cache_key=office_cache_key(office, "guide-spaces")
        )
        municipality = cast(forms.ModelChoiceField, self.fields["gemeinde"])
        municipality.queryset = guide_municipalities(office)
        municipality.empty_label = _("Alle Gemeinden")
        # The municipalities with public offers change at midnight too (selectors).
        day = f"guide-municipalities:{timezone.localdate()}"
        municipality.widget.choices = row_choices(
            municipality.empty_label, municipality.queryset, cache_key=office_cache_key(office, day)
        )

    def public_spaces(self) -> list[tuple[int, str]]:
        """The (pk, name) pairs of the social spaces the public may see, as the filter lists
        them (from its cached choices)."""
        choices = self.fields["raum"].widget.choices  # type: ignore[attr-defined]  # a Select
        return [(pk, name) for pk, name in choices if pk != ""]

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = self.cleaned_data
        return {
            "q": (data.get("q") or "").strip()[:MAX_QUERY],
            "topic": data.get("thema"),
            "target_group": data.get("fuer") or "",
            "age": data.get("alter"),
            "social_space": data.get("raum"),
            "municipality": data.get("gemeinde"),
            "language": data.get("sprache") or "",
            "free": bool(data.get("kostenlos")),
            "step_free": bool(data.get("barrierefrei")),
        }

    def ignored(self) -> list[str]:
        """Labels of the filters whose value was not understood (and so not applied)."""
        self.is_valid()
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]
