"""Minutes (Protokoll) of a meeting in the youth office's one template, comments during the
review, corrections after approval as visible versions; the decisions register (Beschlüsse)
and tasks (Aufgaben, Zuständigkeiten)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.search import Query, TrigramIndex, document, parse
from sozialraum.meetings.models import AgendaItem, Meeting
from sozialraum.network.models import Person
from sozialraum.regions.models import TenantModel, TenantQuerySet
from sozialraum.teams.models import Team


class SectionKind(models.TextChoices):
    ATTENDANCE = "anwesenheit", _("Anwesenheit")
    AGENDA = "tagesordnung", _("Tagesordnungspunkte mit Besprechung")
    DECISIONS = "beschluesse", _("Beschlüsse")
    TASKS = "aufgaben", _("Aufgaben")
    NEXT_MEETING = "naechstes_treffen", _("Nächstes Treffen")
    TEXT = "text", _("freier Abschnitt")


class MinutesSection(TenantModel):
    """One section of the youth office's minutes template, configured by coordination."""

    kind = models.CharField(_("Art"), max_length=20, choices=SectionKind.choices)
    title = models.CharField(_("Überschrift"), max_length=200)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_enabled = models.BooleanField(_("im Protokoll"), default=True)

    class Meta:
        verbose_name = _("Protokollabschnitt")
        verbose_name_plural = _("Protokollabschnitte")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class MinutesStatus(models.TextChoices):
    DRAFT = "entwurf", _("Entwurf")
    IN_REVIEW = "in_pruefung", _("in Abstimmung")
    APPROVED = "freigegeben", _("freigegeben")


class Minutes(TenantModel):
    """The minutes of one meeting: draft -> in review by the attendees -> approved (locked)."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("Treffen")
    )
    minute_taker = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_taken",
        verbose_name=_("Protokoll führt"),
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    # Free sections of the template (SectionKind.TEXT), by section id -> text.
    sections = models.JSONField(_("freie Abschnitte"), default=dict, blank=True)
    # Corrections after approval count up from 1 (the first approved text).
    revision = models.PositiveIntegerField(_("Fassung"), default=0, editable=False)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Protokoll")
        verbose_name_plural = _("Protokolle")

    def __str__(self) -> str:
        return str(self.meeting)

    def get_absolute_url(self) -> str:
        return reverse(
            "minutes:minutes",
            kwargs={"office_slug": self.youth_office.slug, "meeting_pk": self.meeting_id},
        )


class MinutesItem(TenantModel):
    """The discussion of one agenda item in the minutes."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="items", verbose_name=_("Protokoll")
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="minutes_items"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("Tagesordnungspunkt"), max_length=200)
    discussion = models.TextField(_("Besprechung"), blank=True)
    # Not finished: the item goes on the next agenda by itself.
    carry_over = models.BooleanField(_("beim nächsten Treffen fortsetzen"), default=False)

    class Meta:
        verbose_name = _("Protokollpunkt")
        verbose_name_plural = _("Protokollpunkte")
        ordering = ["minutes", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "agenda_item"],
                condition=models.Q(agenda_item__isnull=False),
                name="unique_minutes_agenda_item",
            )
        ]

    def __str__(self) -> str:
        return self.title


class MinutesComment(TenantModel):
    """A comment of an attendee during the review, on one item or on the whole minutes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    item = models.ForeignKey(
        MinutesItem, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("Anmerkung"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(_("erledigt"), default=False)

    class Meta:
        verbose_name = _("Anmerkung zum Protokoll")
        verbose_name_plural = _("Anmerkungen zum Protokoll")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:50]


class MinutesRevision(TenantModel):
    """An approved text of the minutes, kept when it is corrected: what it said and why it
    changed."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("Fassung"))
    snapshot = models.JSONField(_("Inhalt"))
    reason = models.TextField(_("Grund der Korrektur"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Protokollfassung")
        verbose_name_plural = _("Protokollfassungen")
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="unique_minutes_revision")
        ]

    def __str__(self) -> str:
        return f"{self.minutes}, {self.number}"


class DecisionStatus(models.TextChoices):
    VALID = "gilt", _("gilt")
    DONE = "erledigt", _("erledigt")
    REVOKED = "aufgehoben", _("aufgehoben")


class DecisionQuerySet(TenantQuerySet):
    """Decisions keep their stored search text (`Decision.computed_keys`) on every write path:
    `save`, `bulk_create`, `bulk_update` and `update` with a new text compute it here, so no
    caller (services, the demo, imports) can forget it."""

    def search(self, q: str | Query) -> Self:
        """Every search word must occur in the decision's text (lib.search); "" = all. One
        character alone matches texts that begin with it."""
        query = parse(q) if isinstance(q, str) else q
        if query.prefix:
            # The stored text begins with " " + its first word (lib.search.document).
            return self.filter(search_text__startswith=" " + query.prefix)
        return DECISION_SEARCH_INDEX.filter(self, query)

    def bulk_create(self, objs: Iterable[Decision], *args: Any, **kwargs: Any) -> list[Decision]:
        objs = list(objs)
        for obj in objs:
            obj.set_keys()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(
        self, objs: Iterable[Decision], fields: Iterable[str], batch_size: int | None = None
    ) -> int:
        objs = list(objs)
        names = list(fields)
        if "text" in names:
            for obj in objs:
                obj.set_keys()
            if "search_text" not in names:
                names.append("search_text")
        return super().bulk_update(objs, names, batch_size=batch_size)

    def update(self, **kwargs: Any) -> int:
        text = kwargs.get("text")
        if isinstance(text, str):
            kwargs["search_text"] = decision_document(text)
        elif "text" in kwargs and "search_text" not in kwargs:
            # An expression (F(), Case) cannot be keyed in Python; bulk_update passes both.
            raise ValueError("Decision.text must be updated with a plain value (search text)")
        return super().update(**kwargs)


def decision_document(text: str) -> str:
    """The stored search text of a decision (lib.search.document of its text)."""
    return document(text)


class Decision(TenantModel):
    """A decision (Beschluss), numbered per team and year: "3/2026"."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("Team")
    )
    minutes = models.ForeignKey(
        Minutes, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    item = models.ForeignKey(
        MinutesItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    number = models.PositiveIntegerField(_("Nummer"))
    date = models.DateField(_("Datum"))
    text = models.TextField(_("Beschluss"))
    status = models.CharField(
        _("Status"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.VALID
    )
    # Why the status changed (e.g. why a decision was revoked), and when and by whom.
    status_note = models.TextField(_("Vermerk zum Status"), blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # lib.search.document of the text; indexed like the directory (DECISION_SEARCH_INDEX).
    search_text = models.TextField(editable=False, default="")
    # Shown on the public pages of the team's social spaces (Familienwegweiser) once the team
    # chose to publish it; nothing is public by default.
    is_public = models.BooleanField(_("öffentlich"), default=False, editable=False)
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DecisionQuerySet.as_manager()  # type: ignore[misc]  # stubs: narrower manager of a subclass

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        ordering = ["-date", "-number", "-id"]
        indexes = [models.Index(fields=["youth_office", "-date", "-number"])]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "year", "number"], name="unique_decision_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def label(self) -> str:
        """The decision's number as the register shows it: "3/2026"."""
        return f"{self.number}/{self.year}"

    def computed_keys(self) -> dict[str, str]:
        """The stored keys derived from the fields: set them on EVERY write, bulk ones too
        (DecisionQuerySet does so for bulk_create, bulk_update and update)."""
        return {"search_text": decision_document(self.text)}

    def set_keys(self) -> None:
        for name, value in self.computed_keys().items():
            setattr(self, name, value)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "minutes:decision", kwargs={"office_slug": self.youth_office.slug, "pk": self.pk}
        )


# The decisions' search index (lib.search): FTS5 trigram on SQLite, pg_trgm on PostgreSQL;
# `sozialraum rebuild_search_index` finds it as `Decision.search_index`.
DECISION_SEARCH_INDEX = TrigramIndex(table="minutes_decision", key_field="search_text")
Decision.search_index = DECISION_SEARCH_INDEX  # type: ignore[attr-defined]


class TaskStatus(models.TextChoices):
    OPEN = "offen", _("offen")
    DONE = "erledigt", _("erledigt")
    DROPPED = "entfallen", _("entfallen")


class Task(TenantModel):
    """A task (Aufgabe, Zuständigkeit) with a responsible person and a due date."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("Team")
    )
    minutes = models.ForeignKey(
        Minutes, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    item = models.ForeignKey(
        MinutesItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    title = models.CharField(_("Aufgabe"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    # RESTRICT, not PROTECT: a person with tasks cannot be deleted alone, but deleting the
    # whole youth office (which takes its tasks too) works.
    responsible = models.ForeignKey(
        Person, on_delete=models.RESTRICT, related_name="tasks", verbose_name=_("zuständig")
    )
    due = models.DateField(_("fällig am"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # Why the task was dropped or reopened, if somebody said so.
    status_note = models.TextField(_("Vermerk zum Status"), blank=True)
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["team", "status", "due"]),
            models.Index(fields=["responsible", "status", "due"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "minutes:task", kwargs={"office_slug": self.youth_office.slug, "pk": self.pk}
        )
