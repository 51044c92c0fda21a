from django.urls import path

from sozialraum.accounts import mfa_views, password_reset, views

app_name = "accounts"

urlpatterns = [
    path("", mfa_views.account, name="account"),
    path("anmelden/", views.login_view, name="login"),
    path("anmelden/code/", mfa_views.verify, name="mfa_verify"),
    path("ueberall-abmelden/", mfa_views.logout_everywhere, name="logout_everywhere"),
    path("zwei-faktor/", mfa_views.overview, name="mfa"),
    path("zwei-faktor/einrichten/", mfa_views.setup, name="mfa_setup"),
    path("zwei-faktor/neue-codes/", mfa_views.new_codes, name="mfa_new_codes"),
    path("zwei-faktor/ausschalten/", mfa_views.disable, name="mfa_disable"),
    path("abmelden/", views.logout_view, name="logout"),
    path("passwort-vergessen/", views.password_reset, name="password_reset"),
    path("passwort-vergessen/gesendet/", views.password_reset_done, name="password_reset_done"),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("passwort-neu/fertig/", views.password_reset_complete, name="password_reset_complete"),
    path("einladung/<str:token>/", views.invitation, name="invitation"),
    path("entsperren/", password_reset.unlock_request, name="unlock"),
    path("entsperren/<uidb64>/<token>/", password_reset.unlock_confirm, name="unlock_confirm"),
]
