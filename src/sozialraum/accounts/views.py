"""Login, password reset, invitations, and the youth office's list of people with access."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone, localtime, now
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.accounts import backends, services
from sozialraum.accounts.forms import AcceptInvitationForm, InviteForm, LoginForm, RoleForm
from sozialraum.accounts.models import ROLE_DESCRIPTIONS, Invitation, OfficeRole, Role
from sozialraum.accounts.password_reset import NewPasswordForm, PasswordResetView
from sozialraum.lib.choices import label_texts
from sozialraum.lib.http import posted, url_for_rows
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.row_templates import render_rows
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, office_view
from sozialraum.regions.naming import welcome

login_view = auth_views.LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)


class LogoutView(auth_views.LogoutView):
    """Logging out, and saying so on the next page (the message survives the new session)."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            messages.success(request, _("Sie sind abgemeldet. Bis zum nächsten Mal!"))
        return response


logout_view = LogoutView.as_view()
password_reset = PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    form_class=NewPasswordForm,
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.find_invitation(token)
    except services.InvitationError as error:
        return render(
            request, "accounts/invitation_invalid.html", {"reason": str(error)}, status=410
        )

    if request.user.is_authenticated:
        try:
            services.check_invitee(invitation, request.user)
        except services.WrongInviteeError as error:
            return render(
                request, "accounts/invitation_invalid.html", {"reason": str(error)}, status=403
            )
        if request.method == "POST":
            try:
                services.accept_invitation(token=token, user=request.user)
            except services.InvitationError as error:
                return render(
                    request, "accounts/invitation_invalid.html", {"reason": str(error)}, status=410
                )
            messages.success(request, welcome(invitation.youth_office.name))
            return redirect(invitation.youth_office.get_absolute_url())
        return render(request, "accounts/invitation_join.html", {"invitation": invitation})

    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                token=token, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
            )
        except services.InvitationError as error:
            return render(
                request, "accounts/invitation_invalid.html", {"reason": str(error)}, status=410
            )
        login(request, user, backend=backends.PATH)
        messages.success(request, welcome(invitation.youth_office.name))
        return redirect(invitation.youth_office.get_absolute_url())
    return render(
        request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form}
    )


@office_view("accounts.manage_access")
@submit_once
def access_list(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = InviteForm(posted(request), office=office)
    if request.method == "POST" and form.is_valid():
        invitation, _token = services.invite(
            office=office,
            actor=request.user,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            name=form.cleaned_data["name"],
        )
        messages.success(
            request,
            _("Die Einladung an %(email)s ist verschickt. Sie gilt bis %(date)s.")
            % {
                "email": invitation.email,
                "date": date_format(localtime(invitation.expires_at), "SHORT_DATE_FORMAT"),
            },
        )
        return redirect("access:list", office_slug=office.slug)

    roles = OfficeRole.objects.in_office(office).order_by("user_sort_key", "user__email")
    page = Paginator(roles, 25).get_page(request.GET.get("seite"))
    # The rows as plain values (no model instances of roles, users, organisations); the
    # counts on the tables alone.
    page.object_list = cast(QuerySet, page.object_list).values_list(*_ROLE_FIELDS, named=True)
    invitations = Paginator(Invitation.objects.in_office(office).pending(), 20).get_page(
        request.GET.get("einladungen")
    )
    invitations.object_list = cast(QuerySet, invitations.object_list).values_list(
        *_INVITATION_FIELDS, named=True
    )
    return render(
        request,
        "accounts/access_list.html",
        {
            "form": form,
            "form_html": _unbound_form_html() if not form.is_bound else form,
            "page": page,
            "rows_html": _access_rows(request, page),
            "invitations": invitations,
            "invitation_rows_html": _invitation_rows(request, invitations),
            "role_descriptions": [
                (label, ROLE_DESCRIPTIONS[Role(value)]) for value, label in Role.choices
            ],
        },
    )


@require_POST
@office_view("accounts.manage_access")
def change_role(request: OfficeRequest, pk: int) -> HttpResponse:
    office_role = get_for_user(request, OfficeRole.objects.select_related("user"), pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine gültige Rolle."))
    else:
        try:
            services.change_role(
                office_role=office_role, actor=request.user, role=form.cleaned_data["role"]
            )
            messages.success(
                request,
                _("Die Rolle von %(name)s ist jetzt „%(role)s“.")
                % {"name": office_role.user, "role": office_role.get_role_display()},
            )
        except services.LastCoordinatorError as error:
            messages.error(request, str(error))
        except ValueError:
            messages.error(
                request,
                _(
                    "Die Rolle „Redaktion einer Organisation“ vergeben Sie mit einer Einladung auf "
                    "der Seite der Organisation."
                ),
            )
    return redirect("access:list", office_slug=request.youth_office.slug)


@office_view("accounts.manage_access")
def remove_access(request: OfficeRequest, pk: int) -> HttpResponse:
    office_role = get_for_user(request, OfficeRole.objects.select_related("user"), pk=pk)
    if request.method == "POST":
        try:
            services.remove_from_office(office_role=office_role, actor=request.user)
            messages.success(
                request,
                _("%(name)s hat keinen Zugang mehr zu diesem Jugendamt.")
                % {"name": office_role.user},
            )
        except services.LastCoordinatorError as error:
            messages.error(request, str(error))
        return redirect("access:list", office_slug=request.youth_office.slug)
    return render(request, "accounts/remove_access.html", {"target": office_role})


@require_POST
@office_view("accounts.manage_access")
def revoke_invitation(request: OfficeRequest, pk: int) -> HttpResponse:
    invitation = get_for_user(request, Invitation.objects.pending(), pk=pk)
    services.revoke_invitation(invitation=invitation, actor=request.user)
    messages.success(
        request, _("Die Einladung an %(email)s ist zurückgezogen.") % {"email": invitation.email}
    )
    return redirect("access:list", office_slug=request.youth_office.slug)


# ---------------------------------------------------------------------------------------------
# The access list's rows, built here rather than in the template: it is the longest list of
# forms (a role <select> and three URLs per person), see issue 8.

# The invitation form as it shows on every GET (unbound: the same for everybody), per language.
_UNBOUND_FORMS: dict[str | None, SafeString] = {}


def _unbound_form_html() -> SafeString:
    """The empty invitation form's HTML, rendered once per process and language (its fields
    and radio buttons are a fifth of the page's CPU; nothing in it depends on the request)."""
    language = get_language()
    html = _UNBOUND_FORMS.get(language)
    if html is None:
        html = _UNBOUND_FORMS[language] = SafeString(str(InviteForm(office=None)))
    return html


# What the rows read: plain values, as named tuples.
_ROLE_FIELDS = ("pk", "role", "user_id", "user__name", "user__email", "organisation__name")
_INVITATION_FIELDS = (
    "pk",
    "name",
    "email",
    "role",
    "expires_at",
    "invited_by_id",
    "invited_by__name",
    "invited_by__email",
)

# The whitespace the template's former loop over the roles produced (the markup is unchanged).
_OPTION_GAP, _OPTION_INDENT, _OPTION_END = "\n" + " " * 22, "\n" + " " * 24, "\n" + " " * 20


def role_options(current: str) -> SafeString:
    """The <option>s of a person's role: every role but the carrier editor's, which is only
    shown (and selected) for a person who has it."""
    parts = []
    for value, label in Role.choices:
        parts.append(_OPTION_GAP)
        if value != Role.CARRIER_EDITOR or value == current:
            selected = mark_safe(" selected") if value == current else ""
            parts.append(
                format_html(
                    '{}<option value="{}"{}>{}</option>{}',
                    _OPTION_INDENT,
                    value,
                    selected,
                    label,
                    _OPTION_GAP,
                )
            )
        parts.append(_OPTION_END)
    return SafeString("".join(parts))


def _access_rows(request: OfficeRequest, page: Iterable[Any]) -> SafeString:
    """The rows of the access list, filled into accounts/rows/access.html (lib.row_templates):
    the longest list of forms, one per person (issue 8)."""
    office, me = request.youth_office, request.user
    fixed = {
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        ),
        "you": format_html(' <span class="sr-muted">{}</span>', _("(Sie)")),
        "role_header": _("Rolle"),
        "change_label": _("Ändern"),
        "remove_label": _("Entfernen"),
    }
    change_url = url_for_rows("access:change_role", office_slug=office.slug)
    remove_url = url_for_rows("access:remove_access", office_slug=office.slug)
    options: dict[str, SafeString] = {}
    rows = []
    select_label, for_organisation = _("Rolle von %(name)s"), _("für %(organisation)s")
    for office_role in page:
        if office_role.role not in options:
            options[office_role.role] = role_options(office_role.role)
        name = office_role.user__name or office_role.user__email  # str(user)
        organisation = office_role.organisation__name
        rows.append(
            {
                **fixed,
                "pk": str(office_role.pk),
                "name": name,
                "email": office_role.user__email,
                "you": fixed["you"] if office_role.user_id == me.pk else "",
                "select_label": select_label % {"name": name},
                "organisation": format_html(
                    '<p class="sr-muted">{}</p>',
                    for_organisation % {"organisation": organisation},
                )
                if organisation is not None
                else "",
                "change_url": change_url(office_role.pk),
                "remove_url": remove_url(office_role.pk),
                "role_options": options[office_role.role],
            }
        )
    return render_rows("accounts/rows/access.html", rows)


def _invitation_rows(request: OfficeRequest, page: Iterable[Any]) -> SafeString:
    """The pending invitations, filled into accounts/rows/invitation.html (lib.row_templates)."""
    revoke_url = url_for_rows("access:revoke_invitation", office_slug=request.youth_office.slug)
    moment = now()
    fixed = {
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        ),
        "role_header": _("Rolle"),
        "invited_by_header": _("Eingeladen von"),
        "valid_until_header": _("Gültig bis"),
        "revoke_label": _("Zurückziehen"),
    }
    expired = format_html(
        '\n                <br><span class="kern-badge kern-badge--warning kern-badge--small">'
        '<span class="kern-label">{}</span></span>',
        _("abgelaufen"),
    )
    deleted = _("gelöschter Zugang")
    role_labels = label_texts(Invitation._meta.get_field("role"))
    date_formats: dict[Any, str] = {}
    current = get_current_timezone()
    rows = []
    for invitation in page:
        day = invitation.expires_at.astimezone(current).date()  # localtime()
        if day not in date_formats:
            date_formats[day] = date_format(day, "SHORT_DATE_FORMAT")
        if invitation.name:
            who = format_html(
                '{}<br><span class="sr-muted">{}</span>', invitation.name, invitation.email
            )
        else:
            who = format_html("<span>{}</span>", invitation.email)
        rows.append(
            {
                **fixed,
                "pk": str(invitation.pk),
                "who": who,
                "role_label": str(role_labels.get(invitation.role, invitation.role)),
                "invited_by": (invitation.invited_by__name or invitation.invited_by__email)
                if invitation.invited_by_id
                else deleted,
                "expires": date_formats[day],
                "expired": expired if moment >= invitation.expires_at else "",
                "revoke_url": revoke_url(invitation.pk),
            }
        )
    return render_rows("accounts/rows/invitation.html", rows)
