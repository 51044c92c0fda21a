from django.urls import path

from sozialraum.accounts import password_reset, views

app_name = "accounts"

urlpatterns = [
    path("anmelden/", views.login_view, name="login"),
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
