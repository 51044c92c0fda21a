from django.apps import AppConfig


class LibConfig(AppConfig):
    """Installed only for its template tags (`{% load kern %}`); lib holds no models."""

    name = "sozialraum.lib"
    label = "lib"
    verbose_name = "Sozialraum lib"
