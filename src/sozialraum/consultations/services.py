"""The writes of the consultations: keyword-only, atomic, every text guarded.

Each write runs the guard over its texts first (`screening.check`): a finding that is neither
generalised nor marked "nicht identifizierend" with a reason refuses the save (`GuardRefused`),
and the accepted marks are recorded as `IdentifierDecision`s. Contents never go to the audit
trail (coordination reads it); the lists coordination keeps (consultants, areas of concern) are
audited like every other record.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import Role
from sozialraum.audit.models import Action
from sozialraum.audit.services import record
from sozialraum.consultations import screening
from sozialraum.consultations.models import (
    AgeBand,
    ConcernArea,
    Consultant,
    ConsultantKind,
    Consultation,
    ConsultationCount,
    ConsultationMessage,
    ConsultationRoute,
    ConsultationStatus,
    FamilySituation,
    IdentifierDecision,
)
from sozialraum.consultations.predicates import is_consultant_side
from sozialraum.lib.errors import ConcurrentEditError, InvalidData

if TYPE_CHECKING:
    from sozialraum.accounts.models import User
    from sozialraum.meetings.models import Topic
    from sozialraum.network.models import Organisation
    from sozialraum.regions.models import SocialSpace, YouthOffice
    from sozialraum.teams.models import Team

# The kinds of organisation that bring cases: schools, Kitas and carriers of the network.
BRINGING_KINDS = (
    "schule",
    "kita",
    "freier_traeger",
    "familienzentrum",
    "beratungsstelle",
    "gesundheitswesen",
)

DEFAULT_CONCERNS = (
    "Schulbesuch und Lernen",
    "Verhalten in der Gruppe",
    "Sprache und Entwicklung",
    "Gesundheit und Versorgung",
    "Belastung in der Familie",
    "Verdacht auf Vernachlässigung",
    "Verdacht auf Gewalt",
    "Übergang Kita – Schule",
)


def ensure_concern_areas(office: YouthOffice) -> None:
    """The default vocabulary, created once until coordination has its own."""
    if not ConcernArea.objects.filter(youth_office=office).exists():
        ConcernArea.objects.bulk_create(
            [
                ConcernArea(youth_office=office, name=name, position=number)
                for number, name in enumerate(DEFAULT_CONCERNS)
            ],
            ignore_conflicts=True,
        )


def _too_long(errors: dict[str, list[str]], name: str, text: str) -> None:
    if len(text) > screening.TEXT_MAX:
        errors.setdefault(name, []).append(
            _("Bitte fassen Sie sich kürzer: höchstens %(max)s Zeichen (jetzt %(count)s).")
            % {"max": screening.TEXT_MAX, "count": len(text)}
        )


def _record_decisions(
    checked: screening.Screening,
    *,
    consultation: Consultation,
    actor: User,
    message: ConsultationMessage | None = None,
) -> None:
    IdentifierDecision.objects.bulk_create(
        IdentifierDecision(
            youth_office_id=consultation.youth_office_id,
            consultation=consultation,
            message=message,
            field=item.field,
            kind=item.finding.kind,
            finding_text=item.finding.text[:200],
            reason=item.reason,
            decided_by=actor,
        )
        for item in checked.accepted
    )


def quarter_of(moment) -> tuple[int, int]:
    local = timezone.localtime(moment)
    return local.year, (local.month - 1) // 3 + 1


def _count(consultation: Consultation) -> None:
    """One more in the anonymous count (social space, kind of organisation, quarter)."""
    year, quarter = quarter_of(consultation.created_at)
    lookup: dict[str, Any] = {
        "youth_office_id": consultation.youth_office_id,
        "social_space_id": consultation.social_space_id,
        "organisation_kind": consultation.organisation_kind,
        "year": year,
        "quarter": quarter,
    }
    if not ConsultationCount.objects.filter(**lookup).update(count=F("count") + 1):
        try:
            with transaction.atomic():
                ConsultationCount.objects.create(**lookup, count=1)
        except IntegrityError:  # created by a parallel request in between
            ConsultationCount.objects.filter(**lookup).update(count=F("count") + 1)


def round_table_title(consultation: Consultation) -> str:
    from sozialraum.network.models import OrganisationKind

    kind = OrganisationKind(consultation.organisation_kind).label
    ages: dict[str, str] = {
        AgeBand.INFANT: _("0–2 Jahre"),
        AgeBand.KITA: _("3–5 Jahre"),
        AgeBand.PRIMARY: _("6–9 Jahre"),
        AgeBand.MIDDLE: _("10–13 Jahre"),
        AgeBand.TEEN: _("14–17 Jahre"),
        AgeBand.ADULT: _("18 Jahre und älter"),
    }
    return _("Anonyme Fallberatung (%(kind)s, %(age)s)") % {
        "kind": kind,
        "age": ages.get(consultation.age_band, consultation.get_age_band_display()),
    }


def _put_on_agenda(consultation: Consultation, team: Team, actor: User) -> Topic:
    """The case as an anonymous topic of the team, on its next meeting's agenda if one is
    planned: a neutral title, no content."""
    from sozialraum.meetings import agenda, topics

    topic = topics.submit_topic(
        team=team,
        actor=actor,
        data={
            "title": round_table_title(consultation),
            "reason": _(
                "Ein anonymer Fall zur Beratung am Runden Tisch. Die Mitglieder des Teams lesen "
                "die Beschreibung in der Fallberatung; in Tagesordnung und Protokoll gehört "
                "nichts, was das Kind erkennbar macht."
            ),
            "minutes_needed": 20,
        },
    )
    meeting = topics.schedulable_meetings(team).first()
    if meeting is not None:
        # The meeting's carry-over first (scheduling runs it too), then the room that is left.
        agenda.prepare_agenda(meeting=meeting, actor=actor)
    if meeting is not None and _has_room(meeting, minutes=20):
        topics.schedule_topic(topic=topic, actor=actor, meeting=meeting, version=topic.version)
        topic.refresh_from_db()
    # Otherwise it waits among the team's topics, where the Leitung plans it.
    return topic


def _has_room(meeting: Any, *, minutes: int) -> bool:
    """Whether the meeting's agenda (the meetings app's timetable) has `minutes` left."""
    from sozialraum.meetings import agenda

    table = agenda.timetable(meeting, list(meeting.agenda_items.all()))
    return table.total_minutes + minutes <= table.available_minutes


def _case_errors(
    office: YouthOffice,
    *,
    texts: dict[str, str],
    age_band: str,
    family_situation: str,
    organisation: Organisation,
    social_space: SocialSpace,
    concerns: list[ConcernArea],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, text in texts.items():
        _too_long(errors, name, text)
    if not texts["question"]:
        errors["question"] = [_("Bitte schreiben Sie Ihre Frage auf.")]
    if age_band not in AgeBand.values:
        errors["age_band"] = [_("Bitte wählen Sie eine Altersgruppe.")]
    if family_situation not in FamilySituation.values:
        errors["family_situation"] = [_("Bitte wählen Sie die Familiensituation.")]
    if organisation.youth_office_id != office.pk or organisation.kind not in BRINGING_KINDS:
        errors["organisation"] = [_("Bitte wählen Sie eine Einrichtung dieses Jugendamts.")]
    if social_space.youth_office_id != office.pk:
        errors["social_space"] = [_("Bitte wählen Sie einen Sozialraum dieses Jugendamts.")]
    if any(concern.youth_office_id != office.pk for concern in concerns):
        errors["concerns"] = [_("Bitte wählen Sie Anliegen aus der Liste dieses Jugendamts.")]
    return errors


def _consultant_error(
    office: YouthOffice, actor: User, consultant: Consultant, space: SocialSpace
) -> str:
    if consultant.youth_office_id != office.pk or not consultant.active:
        return _("Diese Beraterin oder dieser Berater gehört nicht zu diesem Jugendamt.")
    if consultant.user_id == actor.pk:
        return _("Sie können sich nicht selbst um Rat fragen.")
    if consultant.kind == ConsultantKind.ASD and consultant.social_space_id != space.pk:
        return _(
            "Diese ASD-Fachkraft ist für einen anderen %(label)s zuständig. Wählen Sie "
            "die ASD-Fachkraft des %(label)s, in dem das Kind lebt."
        ) % {"label": office.social_space_label}
    return ""


def _route(
    office: YouthOffice,
    actor: User,
    errors: dict[str, list[str]],
    *,
    consultant: Consultant | None,
    team: Team | None,
    space: SocialSpace,
) -> str:
    """The route of the chosen consultant or team; an error under "choice" if it is wrong."""
    if (consultant is None) == (team is None):
        errors["choice"] = [_("Bitte wählen Sie, wen Sie um Rat fragen.")]
        return ""
    if consultant is not None:
        error = _consultant_error(office, actor, consultant, space)
        if error:
            errors["choice"] = [error]
        if consultant.kind == ConsultantKind.ASD:
            return ConsultationRoute.ASD
        return ConsultationRoute.INSOFA
    assert team is not None
    if team.youth_office_id != office.pk:
        errors["choice"] = [_("Dieses Team gehört nicht zu diesem Jugendamt.")]
    return ConsultationRoute.ROUND_TABLE


@transaction.atomic
def bring_consultation(
    *,
    office: YouthOffice,
    actor: User,
    organisation: Organisation,
    social_space: SocialSpace,
    question: str,
    age_band: str,
    family_situation: str,
    concerns: list[ConcernArea],
    tried: str = "",
    situation: str = "",
    pseudonym: str = "",
    consultant: Consultant | None = None,
    team: Team | None = None,
    decisions: Mapping[str, str] | None = None,
) -> Consultation:
    """A professional brings a case to a consultant (ASD, insoweit erfahrene Fachkraft) or to a
    team's round table. Refused with `GuardRefused` while a finding of the guard is open."""
    texts = {
        "question": question.strip(),
        "situation": situation.strip(),
        "tried": tried.strip(),
        "pseudonym": pseudonym.strip(),
    }
    errors = _case_errors(
        office,
        texts=texts,
        age_band=age_band,
        family_situation=family_situation,
        organisation=organisation,
        social_space=social_space,
        concerns=concerns,
    )
    route = _route(office, actor, errors, consultant=consultant, team=team, space=social_space)
    if errors:
        raise InvalidData(errors, Consultation)
    labels = {
        "question": _("Ihre Frage"),
        "situation": _("Beschreibung der Situation"),
        "tried": _("Was wurde schon versucht?"),
        "pseudonym": _("Ihr Kürzel für die eigenen Unterlagen"),
    }
    checked = screening.check(
        {name: (labels[name], text) for name, text in texts.items()},
        office=office,
        decisions=decisions or {},
    )
    consultation = Consultation.objects.create(
        youth_office=office,
        requester=actor,
        organisation=organisation,
        organisation_kind=organisation.kind,
        social_space=social_space,
        age_band=age_band,
        family_situation=family_situation,
        route=route,
        consultant=consultant,
        consultant_user_id=consultant.user_id if consultant else None,
        team=team,
        **texts,
    )
    consultation.concerns.set(concerns)
    _record_decisions(checked, consultation=consultation, actor=actor)
    _count(consultation)
    if team is not None:
        consultation.topic = _put_on_agenda(consultation, team, actor)
        consultation.save(update_fields=["topic"])
    return consultation


def _locked(consultation: Consultation, version: int | None = None) -> Consultation:
    current = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if version is not None and current.version != version:
        raise ConcurrentEditError
    if current.is_closed:
        raise InvalidData({"__all__": [_("Diese Fallberatung ist abgeschlossen.")]})
    return current


@transaction.atomic
def post_message(
    *,
    consultation: Consultation,
    actor: User,
    text: str,
    decisions: Mapping[str, str] | None = None,
) -> ConsultationMessage:
    """A party writes in the conversation; the consultant side's first answer moves the
    consultation to "in Beratung"."""
    text = text.strip()
    errors: dict[str, list[str]] = {}
    _too_long(errors, "text", text)
    if not text:
        errors["text"] = [_("Bitte schreiben Sie Ihre Nachricht.")]
    if errors:
        raise InvalidData(errors, ConsultationMessage)
    current = _locked(consultation)
    checked = screening.check(
        {"text": (_("Nachricht"), text)},
        office=consultation.youth_office,
        decisions=decisions or {},
    )
    message = ConsultationMessage.objects.create(
        youth_office_id=current.youth_office_id, consultation=current, author=actor, text=text
    )
    _record_decisions(checked, consultation=current, actor=actor, message=message)
    if current.status == ConsultationStatus.OPEN and is_consultant_side(actor, current):
        Consultation.objects.filter(pk=current.pk).update(
            status=ConsultationStatus.IN_CONSULTATION, version=F("version") + 1
        )
    return message


@transaction.atomic
def record_recommendation(
    *,
    consultation: Consultation,
    actor: User,
    version: int,
    recommendation: str,
    risk_assessment_recommended: bool,
    decisions: Mapping[str, str] | None = None,
) -> Consultation:
    """The consultant side's recommendation, with "Gefährdungseinschätzung empfohlen"."""
    recommendation = recommendation.strip()
    errors: dict[str, list[str]] = {}
    _too_long(errors, "recommendation", recommendation)
    if not recommendation:
        errors["recommendation"] = [_("Bitte schreiben Sie Ihre Empfehlung auf.")]
    if errors:
        raise InvalidData(errors, Consultation)
    current = _locked(consultation, version)
    checked = screening.check(
        {"recommendation": (_("Empfehlung"), recommendation)},
        office=consultation.youth_office,
        decisions=decisions or {},
    )
    Consultation.objects.filter(pk=current.pk).update(
        recommendation=recommendation,
        risk_assessment_recommended=risk_assessment_recommended,
        recommended_at=timezone.now(),
        recommended_by=actor,
        status=ConsultationStatus.IN_CONSULTATION,
        version=F("version") + 1,
    )
    _record_decisions(checked, consultation=current, actor=actor)
    return Consultation.objects.get(pk=current.pk)


@transaction.atomic
def close_consultation(*, consultation: Consultation, actor: User, version: int) -> Consultation:
    """Either party closes the consultation; the retention period starts now."""
    current = _locked(consultation, version)
    Consultation.objects.filter(pk=current.pk).update(
        status=ConsultationStatus.CLOSED, closed_at=timezone.now(), version=F("version") + 1
    )
    return Consultation.objects.get(pk=current.pk)


# The lists coordination keeps -------------------------------------------------------------


def _consultant_entry_errors(
    office: YouthOffice,
    *,
    kind: str,
    user: User,
    social_space: SocialSpace | None,
    organisation: Organisation | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in ConsultantKind.values:
        errors["kind"] = [_("Bitte wählen Sie die Art.")]
    if user.role_in(office) not in (Role.PROFESSIONAL, Role.COORDINATION):
        errors["user"] = [
            _("Bitte wählen Sie eine Person, die als Fachkraft Zugang zu diesem Jugendamt hat.")
        ]
    if kind == ConsultantKind.ASD and social_space is None:
        errors["social_space"] = [_("Bitte wählen Sie, für welchen Sozialraum sie zuständig ist.")]
    if social_space is not None and social_space.youth_office_id != office.pk:
        errors["social_space"] = [_("Bitte wählen Sie einen Sozialraum dieses Jugendamts.")]
    if organisation is not None and organisation.youth_office_id != office.pk:
        errors["organisation"] = [_("Bitte wählen Sie eine Organisation dieses Jugendamts.")]
    return errors


@transaction.atomic
def add_consultant(
    *,
    office: YouthOffice,
    actor: User,
    kind: str,
    user: User,
    social_space: SocialSpace | None = None,
    organisation: Organisation | None = None,
    availability: str = "",
) -> Consultant:
    errors = _consultant_entry_errors(
        office, kind=kind, user=user, social_space=social_space, organisation=organisation
    )
    if len(availability) > 200:
        errors["availability"] = [_("Bitte fassen Sie sich kürzer: höchstens 200 Zeichen.")]
    if errors:
        raise InvalidData(errors, Consultant)
    if kind == ConsultantKind.INSOFA:
        social_space = None
    existing = Consultant.objects.filter(
        youth_office=office, kind=kind, user=user, social_space=social_space
    ).first()
    if existing is not None:
        if existing.active:
            raise InvalidData({"user": [_("Diese Person steht schon in der Liste.")]})
        existing.active = True
        existing.organisation = organisation
        existing.availability = availability.strip()
        existing.save(update_fields=["active", "organisation", "availability"])
        consultant = existing
    else:
        consultant = Consultant.objects.create(
            youth_office=office,
            kind=kind,
            user=user,
            social_space=social_space,
            organisation=organisation,
            availability=availability.strip(),
        )
    record(office=office, actor=actor, action=Action.CREATE, instance=consultant)
    return consultant


@transaction.atomic
def remove_consultant(*, consultant: Consultant, actor: User) -> None:
    """Off the list; consultations already brought to them stay theirs."""
    Consultant.objects.filter(pk=consultant.pk).update(active=False)
    record(office=consultant.youth_office, actor=actor, action=Action.DELETE, instance=consultant)


@transaction.atomic
def add_concern_area(*, office: YouthOffice, actor: User, name: str) -> ConcernArea:
    name = " ".join(name.split())
    if not name:
        raise InvalidData({"name": [_("Bitte geben Sie eine Bezeichnung ein.")]})
    if len(name) > 100:
        raise InvalidData({"name": [_("Bitte fassen Sie sich kürzer: höchstens 100 Zeichen.")]})
    if ConcernArea.objects.filter(youth_office=office, name__iexact=name).exists():
        raise InvalidData({"name": [_("Dieses Anliegen steht schon in der Liste.")]})
    last = ConcernArea.objects.filter(youth_office=office).order_by("-position").first()
    concern = ConcernArea.objects.create(
        youth_office=office, name=name, position=(last.position + 1) if last else 0
    )
    record(office=office, actor=actor, action=Action.CREATE, instance=concern)
    return concern


@transaction.atomic
def remove_concern_area(*, concern: ConcernArea, actor: User) -> None:
    """Off the vocabulary (consultations that named it lose it)."""
    record(office=concern.youth_office, actor=actor, action=Action.DELETE, instance=concern)
    concern.delete()
