"""One set of friendly German messages: Django's stock German texts ("Dieses Feld ist zwingend
erforderlich.", "Bitte das selbe Passwort ...") never reach the user. Our catalogue
locale/de/LC_MESSAGES/django.po overrides them for every field type and validator in use."""

from __future__ import annotations

import gettext
import importlib
import inspect
from pathlib import Path

import django
import pytest
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils import translation

from sozialraum.accounts.forms import AcceptInvitationForm, InviteForm
from sozialraum.accounts.models import Invitation, User
from sozialraum.audit.services import snapshot
from sozialraum.network.models import Organisation

FORM_MODULES = [
    "sozialraum.accounts.forms",
    "sozialraum.network.forms",
    "sozialraum.pages.forms",
    "sozialraum.regions.forms",
]


def _stock_german() -> set[str]:
    """Every German text of Django's own catalogues."""
    texts: set[str] = set()
    root = Path(django.__file__).resolve().parent
    for mo in root.glob("**/locale/de/LC_MESSAGES/django.mo"):
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog
        texts |= {text for key, text in catalog.items() if key}
    return texts


STOCK = _stock_german()


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def errors(form: forms.Form, field: str) -> list[str]:
    assert not form.is_valid()
    return form.errors[field]


def test_it_knows_the_stock_texts_it_replaces():
    assert "Dieses Feld ist zwingend erforderlich." in STOCK
    assert "Bitte das selbe Passwort zur Bestätigung erneut eingeben." in STOCK


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (forms.CharField(), "", "Bitte füllen Sie dieses Feld aus."),
        (forms.EmailField(), "kein-at", "Bitte geben Sie eine gültige E-Mail-Adresse ein."),
        (forms.DateField(), "31.02.2025", "Bitte geben Sie ein Datum ein, z. B. 01.08.2025."),
        (forms.IntegerField(), "zwölf", "Bitte geben Sie eine ganze Zahl ein, z. B. 12."),
        (forms.DecimalField(), "viel", "Bitte geben Sie eine Zahl ein, z. B. 12."),
        (
            forms.ChoiceField(choices=[("a", "A")]),
            "b",
            "Bitte wählen Sie einen der angebotenen Einträge. „b“ gehört nicht dazu.",
        ),
        (
            forms.URLField(assume_scheme="https"),
            "http://",
            "Bitte geben Sie eine gültige Internetadresse ein, z. B. www.beispiel.de.",
        ),
        (
            forms.CharField(max_length=3),
            "Heidekreis",
            "Das ist zu lang: Bitte kürzen Sie auf höchstens 3 Zeichen (jetzt 10).",
        ),
    ],
    ids=["required", "email", "date", "number", "decimal", "choice", "url", "max_length"],
)
def test_it_says_each_field_error_in_friendly_german(field, value, message):
    with pytest.raises(ValidationError) as error:
        field.clean(value)
    assert error.value.messages == [message]
    assert message not in STOCK


@pytest.mark.django_db
def test_it_uses_the_friendly_texts_in_the_real_forms(office_a):
    invite = InviteForm({"email": "kein-at", "role": "chef"}, office=office_a)
    assert errors(invite, "email") == ["Bitte geben Sie eine gültige E-Mail-Adresse ein."]
    assert errors(invite, "role") == [
        "Bitte wählen Sie einen der angebotenen Einträge. „chef“ gehört nicht dazu."
    ]
    invitation = Invitation(youth_office=office_a, email="neu@example.org")
    accept = AcceptInvitationForm({"password1": "", "password2": ""}, invitation=invitation)
    assert errors(accept, "name") == ["Bitte füllen Sie dieses Feld aus."]
    assert errors(accept, "password1") == ["Bitte füllen Sie dieses Feld aus."]


@pytest.mark.django_db
def test_it_says_the_passwords_differ_in_the_same_words_everywhere():
    user = User(email="anna@example.org", name="Anna Albers")
    reset = SetPasswordForm(
        user, {"new_password1": "Lindenblüte-2026", "new_password2": "Lindenblüte-2027"}
    )
    assert errors(reset, "new_password2") == ["Die beiden Passwörter stimmen nicht überein."]
    assert str(reset.fields["new_password2"].help_text) not in STOCK


@pytest.mark.django_db
def test_it_explains_weak_passwords_in_friendly_german():
    user = User(email="anna.albers@example.org", name="Anna Albers")
    with pytest.raises(ValidationError) as error:
        password_validation.validate_password("12345", user)
    messages = error.value.messages
    assert "Das Passwort ist zu kurz. Bitte verwenden Sie mindestens 10 Zeichen." in messages
    assert "Das Passwort besteht nur aus Ziffern. Bitte nehmen Sie auch Buchstaben dazu." in (
        messages
    )
    with pytest.raises(ValidationError) as error:
        password_validation.validate_password("password123", user)
    assert any("leicht zu erraten" in message for message in error.value.messages)
    for text in password_validation.password_validators_help_texts():
        assert text not in STOCK
    assert not set(error.value.messages) & STOCK


def _form_classes():
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                yield cls


def test_it_leaves_no_stock_message_in_any_form_of_the_app():
    seen = 0
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            texts = [str(message) for message in field.error_messages.values()]
            texts += [str(getattr(v, "message", "")) for v in field.validators]
            stock = [text for text in texts if text in STOCK]
            assert not stock, f"{cls.__name__}.{name} shows Django's stock text: {stock}"
            seen += len(texts)
    assert seen > 50


@pytest.mark.django_db
def test_it_records_booleans_as_ja_and_nein(office_a):
    organisation = Organisation(youth_office=office_a, name="Kita Am See", is_public=True)
    assert snapshot(organisation, ["is_public"]) == {"is_public": "ja"}
    organisation.is_public = False
    assert snapshot(organisation, ["is_public"]) == {"is_public": "nein"}
