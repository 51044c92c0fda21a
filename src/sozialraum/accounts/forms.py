from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Invitation, OfficeRole, Role
from sozialraum.accounts.validators import PASSWORD_HELP_TEXT
from sozialraum.lib.widgets import Select


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-Mail-Adresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "E-Mail-Adresse oder Passwort stimmen nicht. Bitte prüfen Sie beides. Nach fünf "
            "Fehlversuchen wird die Anmeldung für 15 Minuten gesperrt."
        ),
        "inactive": _("Dieser Zugang ist gesperrt. Bitte wenden Sie sich an die Koordination."),
    }


# Roles given in the people list; carrier editors are invited from their organisation's page.
STAFF_ROLES = [(value, label) for value, label in Role.choices if value != Role.CARRIER_EDITOR]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("Für die Anrede in der E-Mail."),
    )
    role = forms.ChoiceField(
        label=_("Rolle"), choices=STAFF_ROLES, widget=forms.RadioSelect, initial=Role.PROFESSIONAL
    )

    def __init__(self, *args, office, **kwargs):
        self.office = office
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if OfficeRole.objects.in_office(self.office).filter(user__email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "Diese Person hat schon Zugang zu diesem Jugendamt. Ihre Rolle ändern Sie in "
                    "der Liste unten."
                )
            )
        return email


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_("Ihr Name"), max_length=150)
    password1 = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=PASSWORD_HELP_TEXT,
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        self.invitation = invitation
        kwargs.setdefault("initial", {"name": invitation.name})
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie Ihren Namen ein."))
        return name

    def clean(self):
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Die beiden Passwörter stimmen nicht überein."))
        elif first:
            from sozialraum.accounts.models import User

            probe = User(email=self.invitation.email, name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class RoleForm(forms.Form):
    # All roles are valid input; giving the carrier-editor role needs an organisation, which the
    # service checks (it is given by invitation from the organisation's page).
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices, widget=Select)


class CodeForm(forms.Form):
    """The code of the authenticator app (six digits) or one recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "Die sechs Ziffern aus Ihrer Authenticator-App, oder einer Ihrer "
            "Wiederherstellungscodes (zum Beispiel ABCD-EFGH-JKLM)."
        ),
        error_messages={"required": _("Bitte geben Sie den Code ein.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )


class SetupCodeForm(forms.Form):
    """The first code of a newly added authenticator app: proves that it is set up right."""

    code = forms.CharField(
        label=_("Code aus der App"),
        max_length=10,
        help_text=_("Die sechs Ziffern, die Ihre Authenticator-App jetzt anzeigt."),
        error_messages={"required": _("Bitte geben Sie den Code aus der App ein.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )
