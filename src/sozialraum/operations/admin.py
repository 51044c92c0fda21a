"""The Django admin under /betrieb/admin/: the operator's emergency access, in German.

Day-to-day work happens in the operator area (/betrieb/); the admin shows the raw records for
repairs. Passwords and invitation tokens are never shown or edited here.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import OfficeRole, User
from sozialraum.operations.models import OperatorEvent
from sozialraum.regions.models import YouthOffice

admin.site.site_header = _("Sozialraum – Notfallzugang für den Betrieb")
admin.site.site_title = _("Sozialraum – Notfallzugang")
admin.site.index_title = _("Datensätze direkt bearbeiten (nur im Notfall)")
admin.site.site_url = "/betrieb/"


@admin.register(YouthOffice)
class YouthOfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kreis_key", "social_space_label"]
    search_fields = ["name", "slug", "kreis_key"]
    readonly_fields = ["created_at"]
    exclude = ["data_version"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "is_active", "is_staff", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "name"]
    fields = ["email", "name", "is_active", "is_staff", "is_superuser", "last_login", "date_joined"]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(OfficeRole)
class OfficeRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "youth_office", "role", "organisation"]
    list_filter = ["role", "youth_office"]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user", "organisation"]


@admin.register(OperatorEvent)
class OperatorEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "subject", "actor"]
    list_filter = ["kind"]
    readonly_fields = ["created_at", "kind", "subject", "actor", "details"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
