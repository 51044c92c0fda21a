"""Teams (Gremien: Sozialraumteam, Regionalteam, AG nach § 78 SGB VIII, ...) and their members.

A membership is a person of the network representing an organisation in a team, with a role,
named substitutes (Vertretung) and joined/left dates: a member who leaves keeps their history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.fields import SortKeyField
from sozialraum.lib.text import sort_key
from sozialraum.network.models import Organisation, Person
from sozialraum.regions.models import SocialSpace, TenantModel, TenantQuerySet


class TeamKind(models.TextChoices):
    SOCIAL_SPACE_TEAM = "sozialraumteam", _("Sozialraumteam")
    REGIONAL_TEAM = "regionalteam", _("Regionalteam")
    WORKING_GROUP_78 = "ag78", _("AG nach § 78 SGB VIII")
    ORGANISING_TEAM = "organisationsteam", _("Organisationsteam")
    WORKING_GROUP = "arbeitsgruppe", _("Arbeitsgruppe")


class Team(TenantModel):
    """A standing body with members; serves one or more social spaces of its youth office."""

    EDITABLE_FIELDS = ("name", "kind", "description", "default_place", "default_video_link")

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(
        _("Art"), max_length=30, choices=TeamKind.choices, default=TeamKind.SOCIAL_SPACE_TEAM
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    social_spaces = models.ManyToManyField(
        SocialSpace, blank=True, related_name="teams", verbose_name=_("Sozialräume")
    )
    default_place = models.CharField(_("üblicher Treffpunkt"), max_length=300, blank=True)
    default_video_link = models.URLField(_("Videokonferenz-Link"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    sort_key = SortKeyField()
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Team")
        verbose_name_plural = _("Teams")
        ordering = ["sort_key", "id"]
        indexes = [models.Index(fields=["youth_office", "sort_key"])]
        constraints = [
            models.UniqueConstraint(fields=["youth_office", "name"], name="unique_team_name")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.sort_key = sort_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("teams:team", kwargs={"office_slug": self.youth_office.slug, "pk": self.pk})


class MembershipRole(models.TextChoices):
    LEAD = "leitung", _("Leitung/Organisation")
    MEMBER = "mitglied", _("Mitglied")
    GUEST = "gast", _("Gast")


class MembershipQuerySet(TenantQuerySet):
    def current(self, day=None) -> MembershipQuerySet:
        """Memberships valid on `day` (today): joined on or before it, not left before it."""
        day = day or timezone.localdate()
        return self.filter(Q(joined__isnull=True) | Q(joined__lte=day)).filter(
            Q(left__isnull=True) | Q(left__gte=day)
        )


class Membership(TenantModel):
    """A person represents an organisation in a team, with a role and named substitutes."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Team")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Person")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        verbose_name=_("für die Organisation"),
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    substitutes = models.ManyToManyField(
        Person, blank=True, related_name="substitute_memberships", verbose_name=_("Vertretung")
    )
    joined = models.DateField(_("Mitglied seit"), default=timezone.localdate)
    left = models.DateField(_("ausgeschieden am"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MembershipQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["team", "person__sort_key", "id"]
        # With `joined`, counting a team's current members reads the index alone (issue 8).
        indexes = [models.Index(fields=["team", "left", "joined"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(left__gte=models.F("joined")),
                name="membership_left_after_joined",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.team}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.joined <= today and (self.left is None or self.left >= today)
