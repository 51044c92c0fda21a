"""The one minutes template of a youth office: its sections, configured by coordination.

Until coordination saves the template, the defaults apply (shown, not stored); saving stores
them. Section kinds are fixed (attendance, agenda items with discussion, decisions, tasks, next
meeting, free text); coordination switches them on and off, orders and names them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.prepared import Prepared
from sozialraum.minutes.models import MinutesSection, SectionKind
from sozialraum.regions.models import YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

AUDITED = ["title", "position", "is_enabled"]
DEFAULT_KINDS = (
    SectionKind.ATTENDANCE,
    SectionKind.AGENDA,
    SectionKind.DECISIONS,
    SectionKind.TASKS,
    SectionKind.NEXT_MEETING,
)


def default_sections(office: YouthOffice) -> list[MinutesSection]:
    return [
        MinutesSection(youth_office=office, kind=kind, title=str(kind.label), position=position)
        for position, kind in enumerate(DEFAULT_KINDS)
    ]


# The office's saved sections in order, compiled once per connection (lib/prepared.py).
_SAVED = Prepared(
    lambda office: MinutesSection.objects.filter(youth_office_id=office).order_by("position", "pk"),
    int,
)


def sections_for(office: YouthOffice) -> list[MinutesSection]:
    """The template's sections in order (the defaults, unsaved, until coordination saves)."""
    saved = _SAVED.all(office.pk)
    return saved or default_sections(office)


def enabled_sections(office: YouthOffice) -> list[MinutesSection]:
    return [section for section in sections_for(office) if section.is_enabled]


@transaction.atomic
def ensure_sections(office: YouthOffice) -> list[MinutesSection]:
    """Store the defaults on first use (once, also with two coordinators at the same time)."""
    YouthOffice.objects.select_for_update().filter(pk=office.pk).first()
    saved = list(MinutesSection.objects.in_office(office).order_by("position", "pk"))
    if saved:
        return saved
    return MinutesSection.objects.bulk_create(default_sections(office))


@transaction.atomic
def save_sections(
    *,
    office: YouthOffice,
    actor: User,
    rows: Iterable[tuple[int, str, int, bool]],
    new_text_title: str = "",
) -> list[MinutesSection]:
    """rows: (section id, title, position, enabled). A title left empty keeps the old one."""
    sections = {section.pk: section for section in ensure_sections(office)}
    for pk, title, position, enabled in rows:
        section = sections.get(pk)
        if section is None:
            continue
        title = title.strip()[:200] or section.title
        before = snapshot(section, AUDITED)
        section.title, section.position, section.is_enabled = title, position, enabled
        changes = diff(before, snapshot(section, AUDITED))
        if changes:
            section.save(update_fields=["title", "position", "is_enabled"])
            record(
                office=office, actor=actor, action=Action.UPDATE, instance=section, changes=changes
            )
    if new_text_title.strip():
        section = MinutesSection.objects.create(
            youth_office=office,
            kind=SectionKind.TEXT,
            title=new_text_title.strip()[:200],
            position=max((s.position for s in sections.values()), default=0) + 1,
        )
        record(
            office=office,
            actor=actor,
            action=Action.CREATE,
            instance=section,
            changes=diff({}, snapshot(section, AUDITED)),
        )
    ordered = list(MinutesSection.objects.in_office(office).order_by("position", "pk"))
    for position, section in enumerate(ordered):
        if section.position != position:
            section.position = position
            MinutesSection.objects.filter(pk=section.pk).update(position=position)
    return ordered
