"""Invitations to meetings and the answers: the writes (services) of this part of the app.

`send_invitations` creates one Invitation per current member of the team and per chosen guest
and hands the mails to a background task (`meetings.tasks.send_meeting_mails`): the page that
sends returns at once, whatever the team's size. `send_update` (after a move) and
`send_cancellation` go to everybody who got an invitation; meetcore's move and cancel call them
when `meeting.invitations_sent_at` is set. Tasks get ids only; the signed answer links are made
when the mail is built.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import record, stored_language
from sozialraum.lib.errors import InvalidData
from sozialraum.lib.prepared import Prepared
from sozialraum.meetings import invitation_list
from sozialraum.meetings.models import (
    Answer,
    Invitation,
    Meeting,
    MeetingStatus,
    ReminderSettings,
)
from sozialraum.network.models import Person
from sozialraum.regions.models import YouthOffice
from sozialraum.teams.models import Membership

if TYPE_CHECKING:
    from sozialraum.accounts.models import User


@dataclass
class SendResult:
    invited: list[Invitation] = field(default_factory=list)  # new invitations
    mailed: int = 0  # of those, how many get a mail
    unreachable: list[Person] = field(default_factory=list)  # new ones without an address
    already: int = 0  # invited before


def current_memberships(meeting: Meeting) -> list[Membership]:
    return list(
        Membership.objects.current()
        .filter(team_id=meeting.team_id)
        .select_related("person")
        .order_by("person__sort_key", "id")
    )


def _check_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise InvalidData({"": [_("Das Treffen ist abgesagt; dazu wird niemand eingeladen.")]})
    if meeting.date < timezone.localdate():
        raise InvalidData(
            {"": [_("Das Treffen liegt in der Vergangenheit; dazu wird niemand mehr eingeladen.")]}
        )


def enqueue_mails(meeting: Meeting, kind: str, invitation_ids: list[int]) -> None:
    if not invitation_ids:
        return
    from sozialraum.meetings.tasks import send_meeting_mails

    transaction.on_commit(
        lambda: send_meeting_mails.enqueue(
            meeting_id=meeting.pk, kind=kind, invitation_ids=invitation_ids
        )
    )


@transaction.atomic
def send_invitations(
    *, meeting: Meeting, actor: User | None, guests: Iterable[Person] = ()
) -> SendResult:
    """Invite the team's current members and the chosen guests (persons of the office).

    Who was invited before keeps their invitation and answer and gets no second mail. Two
    sends of one meeting at once (two tabs) wait for each other on the meeting's row, so the
    second finds the first one's invitations and mails nobody twice."""
    list(Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk"))
    _check_open(meeting)
    guests = list(guests)
    for guest in guests:
        if guest.youth_office_id != meeting.youth_office_id:
            raise InvalidData({"guests": [_("Diese Person gehört nicht zu Ihrem Jugendamt.")]})
    wanted: dict[int, tuple[Person, Membership | None]] = {}
    for membership in current_memberships(meeting):
        wanted.setdefault(membership.person_id, (membership.person, membership))
    for guest in guests:
        wanted.setdefault(guest.pk, (guest, None))
    existing = set(
        Invitation.objects.filter(meeting=meeting, person_id__in=wanted).values_list(
            "person_id", flat=True
        )
    )
    new = [
        Invitation(
            youth_office_id=meeting.youth_office_id,
            meeting=meeting,
            person=person,
            membership=membership,
            is_guest=membership is None,
        )
        for person_id, (person, membership) in wanted.items()
        if person_id not in existing
    ]
    # A second click in another tab may have invited some meanwhile: ignore those.
    Invitation.objects.bulk_create(new, ignore_conflicts=True)
    created = list(
        Invitation.objects.filter(
            meeting=meeting, person_id__in=[i.person_id for i in new], sent_at__isnull=True
        ).select_related("person")
    )
    result = SendResult(invited=created, already=len(existing))
    mail_ids = [i.pk for i in created if i.person.email]
    result.mailed = len(mail_ids)
    result.unreachable = [i.person for i in created if not i.person.email]
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=now)
    meeting.invitations_sent_at = now
    if created:
        record(
            office=meeting.youth_office,
            actor=actor,
            action=Action.INVITE,
            instance=meeting,
            # A count, not names: the DSGVO erasure of a person finds their entries by type.
            changes={"invitations": {"old": "", "new": str(len(created))}},
        )
    enqueue_mails(meeting, "invitation", mail_ids)
    return result


def _next_sequence(meeting: Meeting) -> int:
    """A SEQUENCE higher than any sent (meetcore may have raised it already)."""
    sent = Invitation.objects.filter(meeting=meeting).aggregate(top=Max("sent_sequence"))["top"]
    sequence = max(meeting.sequence, (sent if sent is not None else -1) + 1)
    if sequence != meeting.sequence:
        Meeting.objects.filter(pk=meeting.pk).update(sequence=sequence)
        meeting.sequence = sequence
    return sequence


def _sent_ids(meeting: Meeting) -> list[int]:
    return list(
        Invitation.objects.filter(meeting=meeting, sent_at__isnull=False)
        .exclude(person__email="")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def send_update(meeting: Meeting, *, actor: User | None = None) -> int:
    """After a move: the same UID with a higher SEQUENCE to everybody invited; the mail names
    what changed since their last mail. Returns the number of mails handed to the task."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _next_sequence(meeting)
    # A new date deserves a new reminder.
    Invitation.objects.filter(meeting=meeting).exclude(
        sent_details__date=meeting.date.isoformat()
    ).update(reminded_at=None, answer_reminded_at=None)
    ids = _sent_ids(meeting)
    enqueue_mails(meeting, "update", ids)
    return len(ids)


@transaction.atomic
def send_cancellation(meeting: Meeting, *, actor: User | None = None) -> int:
    """METHOD:CANCEL with a higher SEQUENCE to everybody invited."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _next_sequence(meeting)
    ids = _sent_ids(meeting)
    enqueue_mails(meeting, "cancellation", ids)
    return len(ids)


# Answers ---------------------------------------------------------------------------------------


def team_substitutes(meeting: Meeting) -> list[Person]:
    """Everybody named as a substitute of a current member of the team."""
    return list(
        Person.objects.filter(
            substitute_memberships__in=Membership.objects.current().filter(team_id=meeting.team_id)
        )
        .distinct()
        .order_by("sort_key", "id")
    )


def own_substitutes(invitation: Invitation) -> list[Person]:
    if invitation.membership_id is None:
        return []
    return list(
        Person.objects.filter(substitute_memberships=invitation.membership_id).order_by(
            "sort_key", "id"
        )
    )


def allowed_substitutes(invitation: Invitation, *, own_only: bool) -> list[Person]:
    """Whom the invitee may name: their own named substitutes first, then (logged in) every
    substitute of the team. Guests have none."""
    if invitation.is_guest:
        return []
    own = own_substitutes(invitation)
    if own_only:
        return own
    known = {person.pk for person in own}
    return own + [p for p in team_substitutes(invitation.meeting) if p.pk not in known]


def answer_choices(invitation: Invitation) -> list[tuple[str, str]]:
    choices = [(Answer.YES.value, Answer.YES.label), (Answer.NO.value, Answer.NO.label)]
    if not invitation.is_guest:
        choices.append((Answer.SUBSTITUTE.value, Answer.SUBSTITUTE.label))
    return [(value, str(label)) for value, label in choices]


@transaction.atomic
def record_answer(
    *,
    invitation: Invitation,
    answer: str,
    substitute: Person | None = None,
    actor: User | None,
    own_substitutes_only: bool = False,
) -> Invitation:
    """Zusage, Absage or "Meine Vertretung kommt" (with the substitute, if named)."""
    meeting = invitation.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise InvalidData({"answer": [_("Das Treffen ist abgesagt.")]})
    if answer not in {value for value, _label in answer_choices(invitation)}:
        raise InvalidData({"answer": [_("Bitte wählen Sie eine der Antworten.")]})
    if answer != Answer.SUBSTITUTE:
        substitute = None
    elif substitute is not None:
        allowed = {p.pk for p in allowed_substitutes(invitation, own_only=own_substitutes_only)}
        if substitute.pk not in allowed:
            raise InvalidData(
                {"substitute": [_("Bitte wählen Sie eine Vertretung aus der Liste.")]}
            )
    old_answer = invitation.get_answer_display()
    Invitation.objects.filter(pk=invitation.pk).update(
        answer=answer, substitute=substitute, answered_at=timezone.now()
    )
    invitation.refresh_from_db()
    changes: dict[str, dict[str, object]] = {
        "answer": {"old": old_answer, "new": invitation.get_answer_display()}
    }
    with stored_language():
        # Names stay out of the trail (the substitute's, too): see send_invitations.
        label = _("Einladung zum Treffen %(meeting)s") % {"meeting": meeting}
    record(
        office=meeting.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=invitation,
        changes=changes,
        label=label,
    )
    return invitation


# The user's own invitation to a meeting, compiled once per connection (lib/prepared.py).
_OWN = Prepared(
    lambda meeting_id, user_id: Invitation.objects.filter(
        meeting_id=meeting_id, person__user_id=user_id
    ).select_related("person", "membership", "substitute", "meeting"),
    int,
    int,
)


def invitation_of(meeting: Meeting, user: User) -> Invitation | None:
    """The user's own invitation to the meeting (through their person record)."""
    return _OWN.first(meeting.pk, user.pk)


def overview(meeting: Meeting) -> list[Invitation]:
    """Every invitation of the meeting with its person and substitute (one query), in the
    order the pages list them; the columns the pages show are loaded, the others deferred.
    Each invitation's meeting is the one given."""
    return [row.invitation(meeting) for row in invitation_list.listed(meeting)]


# Reminder settings -----------------------------------------------------------------------------


def reminder_settings(office: YouthOffice) -> ReminderSettings:
    found = ReminderSettings.objects.filter(youth_office=office).first()
    return found or ReminderSettings(youth_office=office)


@transaction.atomic
def save_reminder_settings(
    *, office: YouthOffice, actor: User | None, days_before: int, answer_days_before: int
) -> ReminderSettings:
    current = reminder_settings(office)
    old = {"days_before": current.days_before, "answer_days_before": current.answer_days_before}
    if current.pk is None:
        try:
            with transaction.atomic():
                current.days_before, current.answer_days_before = days_before, answer_days_before
                current.save()
        except IntegrityError:  # created in another tab meanwhile
            current = ReminderSettings.objects.get(youth_office=office)
    ReminderSettings.objects.filter(pk=current.pk).update(
        days_before=days_before, answer_days_before=answer_days_before
    )
    current.refresh_from_db()
    changes = {
        name: {"old": old[name], "new": getattr(current, name)}
        for name in old
        if old[name] != getattr(current, name)
    }
    if changes:
        record(office=office, actor=actor, action=Action.UPDATE, instance=current, changes=changes)
    return current
