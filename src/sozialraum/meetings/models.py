"""Meetings of a team: series, single meetings, invitations and answers, attendance, topics
and the agenda. Minutes, decisions and tasks live in `sozialraum.minutes`."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sozialraum.network.models import Organisation, Person
from sozialraum.regions.models import TenantModel
from sozialraum.teams.models import Membership, Team


class TimeSlot(models.TextChoices):
    MORNING = "vormittags", _("vormittags")
    AFTERNOON = "nachmittags", _("nachmittags")


class SchoolHoliday(TenantModel):
    """School holidays the youth office enters (Schulferien); series skip them."""

    name = models.CharField(_("Bezeichnung"), max_length=100)
    first_day = models.DateField(_("erster Ferientag"))
    last_day = models.DateField(_("letzter Ferientag"))

    class Meta:
        verbose_name = _("Schulferien")
        verbose_name_plural = _("Schulferien")
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")), name="school_holiday_order"
            )
        ]

    def __str__(self) -> str:
        return self.name


class MeetingSeries(TenantModel):
    """A rule that generated meetings: every N weeks from a first date until an end date,
    optionally alternating morning and afternoon, skipping public and school holidays."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="series", verbose_name=_("Team")
    )
    first_date = models.DateField(_("erstes Treffen"))
    until = models.DateField(_("Serie endet am"))
    interval_weeks = models.PositiveSmallIntegerField(_("alle … Wochen"), default=6)
    alternate_slots = models.BooleanField(_("abwechselnd vormittags und nachmittags"), default=True)
    first_slot = models.CharField(
        _("erstes Treffen"), max_length=12, choices=TimeSlot.choices, default=TimeSlot.MORNING
    )
    morning_start = models.TimeField(_("Beginn vormittags"), default="09:00")
    morning_end = models.TimeField(_("Ende vormittags"), default="11:00")
    afternoon_start = models.TimeField(_("Beginn nachmittags"), default="14:00")
    afternoon_end = models.TimeField(_("Ende nachmittags"), default="16:00")
    place = models.CharField(_("Ort"), max_length=300, blank=True)
    video_link = models.URLField(_("Videokonferenz-Link"), blank=True)
    skip_school_holidays = models.BooleanField(_("Schulferien auslassen"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Terminserie")
        verbose_name_plural = _("Terminserien")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__gte=models.F("first_date")), name="series_until_after_first"
            )
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.first_date:%d.%m.%Y}–{self.until:%d.%m.%Y}"


class MeetingStatus(models.TextChoices):
    PLANNED = "geplant", _("geplant")
    CANCELLED = "abgesagt", _("abgesagt")


class Meeting(TenantModel):
    """One meeting (Treffen, Sitzung) of a team."""

    EDITABLE_FIELDS = ("date", "starts_at", "ends_at", "time_slot", "place", "video_link", "note")

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("Team")
    )
    series = models.ForeignKey(
        MeetingSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("Terminserie"),
    )
    # The date the series gave it; differs from `date` when this meeting was moved.
    series_date = models.DateField(null=True, blank=True, editable=False)
    date = models.DateField(_("Datum"))
    starts_at = models.TimeField(_("Beginn"))
    ends_at = models.TimeField(_("Ende"))
    time_slot = models.CharField(_("Tageszeit"), max_length=12, choices=TimeSlot.choices)
    place = models.CharField(_("Ort"), max_length=300, blank=True)
    video_link = models.URLField(_("Videokonferenz-Link"), blank=True)
    note = models.TextField(_("Hinweis"), blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    cancel_reason = models.TextField(_("Grund der Absage"), blank=True)
    # An open meeting the team announces on the public pages of its social spaces
    # (Familienwegweiser); nothing is public by default.
    is_public = models.BooleanField(_("öffentlich"), default=False, editable=False)
    # iCalendar: one UID for the meeting's life; SEQUENCE grows with every sent change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    invitations_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Treffen")
        verbose_name_plural = _("Treffen")
        ordering = ["date", "starts_at", "id"]
        indexes = [
            models.Index(fields=["team", "date"]),
            models.Index(fields=["youth_office", "date"]),
            # A team's next planned meeting (the list of teams, the team's page) is one step
            # in this index instead of a sort of all its future meetings (issue 8).
            models.Index(fields=["team", "status", "date", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.team}, {self.date:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse(
            "meetings:meeting", kwargs={"office_slug": self.youth_office.slug, "pk": self.pk}
        )


class Answer(models.TextChoices):
    OPEN = "offen", _("noch keine Antwort")
    YES = "zusage", _("Zusage")
    NO = "absage", _("Absage")
    SUBSTITUTE = "vertretung", _("Meine Vertretung kommt")


class Invitation(TenantModel):
    """An invitation of one person (a member or a chosen guest) to one meeting, and the answer."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("Treffen")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
        verbose_name=_("Person"),
    )
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    is_guest = models.BooleanField(_("Gast"), default=False)
    answer = models.CharField(
        _("Antwort"), max_length=12, choices=Answer.choices, default=Answer.OPEN
    )
    substitute = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Vertretung"),
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_sequence = models.PositiveIntegerField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The reminder to invitees who have not answered yet (the other reminder: reminded_at).
    answer_reminded_at = models.DateTimeField(null=True, blank=True)
    # What the last mail said (date, times, place, video link), so an update names the change.
    sent_details = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["meeting", "person__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="unique_meeting_invitation")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.meeting}"


class Attendance(TenantModel):
    """Who was there, for which organisation; substitutes and guests (guests need no account,
    nor a person record: a name and an organisation in words are enough)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("Treffen")
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendances",
        verbose_name=_("Person"),
    )
    guest_name = models.CharField(_("Name (Gast)"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendances",
        verbose_name=_("für die Organisation"),
    )
    organisation_name = models.CharField(_("Organisation (Gast)"), max_length=250, blank=True)
    # The membership this person attended for: their own, or the one they substituted.
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="attendances"
    )
    is_substitute = models.BooleanField(_("als Vertretung"), default=False)
    is_guest = models.BooleanField(_("Gast"), default=False)
    # Set by the DSGVO erasure (meetings/privacy.py): the person is gone, the row stays so the
    # organisation's attendance figures remain true; it is shown as "gelöschte Person".
    erased = models.BooleanField(_("Person gelöscht"), default=False, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        ordering = ["meeting", "id"]
        indexes = [models.Index(fields=["meeting", "membership"])]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="unique_attendance_person",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_name="") | Q(erased=True),
                name="attendance_has_someone",
            ),
        ]

    def __str__(self) -> str:
        if self.person_id:
            return str(self.person)
        return self.guest_name or str(ERASED_PERSON)


ERASED_PERSON = _("gelöschte Person")


class TopicStatus(models.TextChoices):
    SUBMITTED = "eingebracht", _("eingebracht")
    SCHEDULED = "eingeplant", _("eingeplant")
    DEFERRED = "zurueckgestellt", _("zurückgestellt")
    DECLINED = "abgelehnt", _("abgelehnt")
    DISCUSSED = "besprochen", _("besprochen")
    DONE = "erledigt", _("erledigt")


class Topic(TenantModel):
    """A topic a member brings in between meetings (Thema einbringen), with feedback."""

    EDITABLE_FIELDS = ("title", "reason", "wanted_people", "minutes_needed")

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="topics", verbose_name=_("Team")
    )
    title = models.CharField(_("Thema"), max_length=200)
    reason = models.TextField(_("Warum ist das Thema wichtig?"), blank=True)
    wanted_people = models.TextField(_("Wer sollte dabei sein?"), blank=True)
    minutes_needed = models.PositiveSmallIntegerField(_("benötigte Zeit (Minuten)"), default=15)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=TopicStatus.choices, default=TopicStatus.SUBMITTED
    )
    status_reason = models.TextField(_("Begründung"), blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
        verbose_name=_("eingeplant für"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["-submitted_at", "id"]
        indexes = [models.Index(fields=["team", "status"])]

    def __str__(self) -> str:
        return self.title


class AgendaItemKind(models.TextChoices):
    ITEM = "punkt", _("Tagesordnungspunkt")
    # The review of the team's open tasks; lists them as they are when the agenda is shown.
    OPEN_TASKS = "offene_aufgaben", _("Offene Aufgaben")


class AgendaItem(TenantModel):
    """One item of a meeting's agenda (Tagesordnungspunkt), ordered and timed."""

    EDITABLE_FIELDS = ("title", "description", "duration_minutes", "presenter")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("Treffen")
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Tagesordnungspunkt"), max_length=200)
    description = models.TextField(_("Erläuterung"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("Dauer (Minuten)"), default=15)
    presenter = models.CharField(_("wer stellt vor"), max_length=200, blank=True)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    # Carried over from an earlier meeting (an item not finished, or the open tasks review).
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(
        _("Art"), max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.ITEM
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "position", "id"]
        constraints = [
            # Carry-over never adds the same thing twice, also under concurrent first opens.
            models.UniqueConstraint(
                fields=["meeting", "topic"],
                condition=Q(topic__isnull=False),
                name="unique_agenda_topic",
            ),
            models.UniqueConstraint(
                fields=["meeting", "carried_from"],
                condition=Q(carried_from__isnull=False),
                name="unique_agenda_carried_from",
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(kind="offene_aufgaben"),
                name="unique_agenda_open_tasks",
            ),
        ]

    def __str__(self) -> str:
        return self.title


# Calendar feeds and reminder settings (meetings/invitation_models.py): imported here so the app
# registry and the migrations know them.
from sozialraum.meetings.invitation_models import (  # noqa: E402, F401
    CalendarFeed,
    ReminderSettings,
)


class AgendaCarryOver(TenantModel):
    """Marks that a meeting's agenda was prepared (open tasks, unfinished items and deferred
    topics carried over): it happens once, so an item removed afterwards does not come back."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="carry_over")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Übernahme in die Tagesordnung")
        verbose_name_plural = _("Übernahmen in die Tagesordnung")

    def __str__(self) -> str:
        return str(self.meeting)
