"""Password reset and the link "Konto entsperren": mails by task (ids only), rate-limited.

Both pages answer the same whether or not an account has the address typed in; the limits count
the address typed in, so they do not tell either.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.accounts.models import User
from sozialraum.accounts.tasks import send_password_reset, send_unlock_link
from sozialraum.accounts.throttling import (
    allow_account_mail,
    clear_failures,
    unlock_token_generator,
)
from sozialraum.accounts.validators import PASSWORD_HELP_TEXT

TOO_MANY_MAILS = gettext_lazy(
    "Für diese E-Mail-Adresse oder von Ihrem Netzwerk aus wurden in der letzten Stunde schon "
    "mehrere Links angefordert. Bitte schauen Sie auch im Spam-Ordner nach und versuchen Sie es "
    "in einer Stunde noch einmal."
)


class ResetForm(PasswordResetForm):
    """Django's form, but the mail goes by task with the user's id; the task makes the token."""

    def save(self, *args, **kwargs) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            send_password_reset.enqueue(user_id=user.pk)


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HELP_TEXT

    def save(self, commit: bool = True):
        user = super().save(commit=commit)
        clear_failures(user.email)  # whoever reads the account's mail may log in again
        return user


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm

    def form_valid(self, form):
        if not allow_account_mail(self.request, scope="reset", email=form.cleaned_data["email"]):
            form.add_error(None, TOO_MANY_MAILS)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class UnlockRequestForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-Mail-Adresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def unlock_request(request: HttpRequest) -> HttpResponse:
    """Ask for the link "Konto entsperren"; the answer is the same for every address."""
    form = UnlockRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        if not allow_account_mail(request, scope="unlock", email=email):
            form.add_error(None, TOO_MANY_MAILS)
            return render(request, "accounts/unlock_request.html", {"form": form}, status=429)
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is not None:
            send_unlock_link.enqueue(user_id=user.pk)
        return render(request, "accounts/unlock_sent.html", {"email": email})
    return render(request, "accounts/unlock_request.html", {"form": form})


def unlock_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = User.objects.filter(pk=int(force_str(urlsafe_base64_decode(uidb64)))).first()
    except (TypeError, ValueError, OverflowError):
        user = None
    if user is None or not unlock_token_generator.check_token(user, token):
        return render(request, "accounts/unlock_confirm.html", {"valid": False}, status=410)
    if request.method == "POST":
        clear_failures(user.email)
        messages.success(
            request, _("Ihr Zugang ist entsperrt. Sie können sich jetzt wieder anmelden.")
        )
        return redirect("accounts:login")
    return render(request, "accounts/unlock_confirm.html", {"valid": True})
