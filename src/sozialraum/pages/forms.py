from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("Ihre Nachricht"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Welche Stelle ist für Sie nicht zugänglich? Was ist passiert?"),
    )
    page = forms.CharField(
        label=_("Seite (Adresse oder Name)"),
        required=False,
        max_length=500,
        help_text=_("Auf welcher Seite ist Ihnen das aufgefallen?"),
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        required=False,
        help_text=_("Nur wenn Sie eine Antwort wünschen."),
    )
