"""The minutes as documents: PDF (WeasyPrint, from the HTML template `minutes/document.html`,
tagged as PDF/UA-1) and DOCX (python-docx: real headings, a table for the attendance, lists),
both with the content of the minutes page: the header (team, date, time, place, minute-taker,
status), the attendance list, the sections of the office's template in its order (agenda items
with their discussion, decisions, tasks, next meeting, free sections).

`minutes_document(minutes)` reads everything in a fixed number of queries into plain
dataclasses, so both formats show exactly the same.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.meetings.models import Attendance, Meeting, MeetingStatus
from sozialraum.minutes.models import (
    Decision,
    Minutes,
    MinutesItem,
    MinutesSection,
    MinutesStatus,
    SectionKind,
    Task,
)

DEFAULT_SECTIONS = (
    (SectionKind.ATTENDANCE, gettext_lazy("Anwesenheit")),
    (SectionKind.AGENDA, gettext_lazy("Tagesordnungspunkte")),
    (SectionKind.DECISIONS, gettext_lazy("Beschlüsse")),
    (SectionKind.TASKS, gettext_lazy("Aufgaben")),
    (SectionKind.NEXT_MEETING, gettext_lazy("Nächstes Treffen")),
)
STYLESHEET = "css/protokoll.css"


@dataclass(frozen=True)
class AttendeeLine:
    name: str
    organisation: str
    note: str  # "Vertretung für …", "Gast"


@dataclass(frozen=True)
class DecisionLine:
    label: str
    text: str
    status: str


@dataclass(frozen=True)
class TaskLine:
    title: str
    responsible: str
    due: str
    status: str


@dataclass(frozen=True)
class ItemBlock:
    number: int
    title: str
    discussion: str
    decisions: list[DecisionLine]
    tasks: list[TaskLine]


@dataclass(frozen=True)
class Section:
    kind: str
    title: str
    text: str = ""  # a free section's text


@dataclass
class MinutesDocument:
    title: str
    team: str
    date: str
    time: str
    place: str
    video_link: str
    minute_taker: str
    status: str
    attendees: list[AttendeeLine] = field(default_factory=list)
    items: list[ItemBlock] = field(default_factory=list)
    decisions: list[DecisionLine] = field(default_factory=list)
    tasks: list[TaskLine] = field(default_factory=list)
    next_meeting: str = ""
    sections: list[Section] = field(default_factory=list)

    @property
    def filename_stem(self) -> str:
        return _("Protokoll %(team)s %(date)s") % {"team": self.team, "date": self.date}


def _date(value: date | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _time(value: time | None) -> str:
    return formats.time_format(value, "TIME_FORMAT") if value else ""


def _attendee(attendance: Attendance) -> AttendeeLine:
    name = attendance.person.full_name if attendance.person else attendance.guest_name
    organisation = (
        attendance.organisation.name if attendance.organisation else attendance.organisation_name
    )
    notes = []
    if attendance.is_substitute:
        member = attendance.membership.person if attendance.membership else None
        notes.append(
            _("Vertretung für %(name)s") % {"name": member.full_name} if member else _("Vertretung")
        )
    if attendance.is_guest:
        notes.append(_("Gast"))
    return AttendeeLine(name=name, organisation=organisation, note=", ".join(notes))


def _decision(decision: Decision) -> DecisionLine:
    return DecisionLine(
        label=decision.label, text=decision.text, status=str(decision.get_status_display())
    )


def _task(task: Task) -> TaskLine:
    return TaskLine(
        title=task.title,
        responsible=task.responsible.full_name,
        due=_date(task.due),
        status=str(task.get_status_display()),
    )


def _status(minutes: Minutes) -> str:
    label = str(minutes.get_status_display())
    if minutes.status == MinutesStatus.APPROVED:
        text = label
        if minutes.approved_at:
            approved = timezone.localdate(minutes.approved_at)
            text = _("freigegeben am %(date)s") % {"date": _date(approved)}
        if minutes.revision > 1:
            text += ", " + _("Fassung %(number)d") % {"number": minutes.revision}
        return text
    return label


def _next_meeting(meeting: Meeting) -> str:
    following = (
        Meeting.objects.filter(
            team_id=meeting.team_id, date__gt=meeting.date, status=MeetingStatus.PLANNED
        )
        .order_by("date", "starts_at", "id")
        .first()
    )
    if following is None:
        return _("Noch kein Termin festgelegt.")
    where = following.place or (_("Videokonferenz") if following.video_link else "")
    text = _("%(date)s, %(start)s–%(end)s Uhr") % {
        "date": formats.date_format(following.date, "l, j. F Y"),
        "start": _time(following.starts_at),
        "end": _time(following.ends_at),
    }
    return f"{text}, {where}" if where else text


def _sections(minutes: Minutes) -> list[Section]:
    configured = list(
        MinutesSection.objects.in_office(minutes.youth_office).filter(is_enabled=True)
    )
    if not configured:
        return [Section(kind=kind, title=str(title)) for kind, title in DEFAULT_SECTIONS]
    texts = minutes.sections or {}
    return [
        Section(
            kind=section.kind,
            title=section.title,
            text=str(texts.get(str(section.pk), "")) if section.kind == SectionKind.TEXT else "",
        )
        for section in configured
    ]


def minutes_document(minutes: Minutes) -> MinutesDocument:
    """Everything the documents show, read in a fixed number of queries."""
    meeting = minutes.meeting
    attendances = (
        Attendance.objects.filter(meeting=meeting)
        .select_related("person", "organisation", "membership__person")
        .order_by("is_guest", "person__sort_key", "guest_name", "id")
    )
    decisions = list(Decision.objects.filter(minutes=minutes).order_by("number", "id"))
    tasks = list(Task.objects.filter(minutes=minutes).select_related("responsible").order_by("id"))
    items = list(MinutesItem.objects.filter(minutes=minutes).order_by("position", "id"))
    blocks = [
        ItemBlock(
            number=number,
            title=item.title,
            discussion=item.discussion,
            decisions=[_decision(d) for d in decisions if d.item_id == item.pk],
            tasks=[_task(t) for t in tasks if t.item_id == item.pk],
        )
        for number, item in enumerate(items, start=1)
    ]
    team = meeting.team.name
    day = _date(meeting.date)
    return MinutesDocument(
        title=_("Protokoll: %(team)s, %(date)s") % {"team": team, "date": day},
        team=team,
        date=formats.date_format(meeting.date, "l, j. F Y"),
        time=_("%(start)s–%(end)s Uhr")
        % {"start": _time(meeting.starts_at), "end": _time(meeting.ends_at)},
        place=meeting.place,
        video_link=meeting.video_link,
        minute_taker=minutes.minute_taker.full_name if minutes.minute_taker else "",
        status=_status(minutes),
        attendees=[_attendee(a) for a in attendances],
        items=blocks,
        decisions=[_decision(d) for d in decisions],
        tasks=[_task(t) for t in tasks],
        next_meeting=_next_meeting(meeting),
        sections=_sections(minutes),
    )


# PDF ----------------------------------------------------------------------------------------


def document_html(document: MinutesDocument) -> str:
    return render_to_string("minutes/document.html", {"doc": document})


def pdf_bytes(document: MinutesDocument) -> bytes:
    """The PDF, tagged for accessibility (PDF/UA-1: structure tags, language, title)."""
    from weasyprint import CSS, HTML

    stylesheet = finders.find(STYLESHEET)
    css = [CSS(filename=stylesheet)] if stylesheet else []
    html = HTML(string=document_html(document))
    return html.write_pdf(stylesheets=css, pdf_variant="pdf/ua-1")


# DOCX ---------------------------------------------------------------------------------------


def _docx_table(doc, headers: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    _repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value


def _repeat_header(row) -> None:
    """Mark the first row as the table's header (repeated on each page, read as header)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _docx_decisions(doc, decisions: list[DecisionLine]) -> None:
    for line in decisions:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(_("Beschluss %(number)s") % {"number": line.label}).bold = True
        paragraph.add_run(f" ({line.status}): {line.text}")


def _docx_tasks(doc, tasks: list[TaskLine]) -> None:
    for line in tasks:
        due = _(", fällig am %(date)s") % {"date": line.due} if line.due else ""
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(line.title).bold = True
        paragraph.add_run(
            _(" – zuständig: %(name)s%(due)s (%(status)s)")
            % {"name": line.responsible, "due": due, "status": line.status}
        )


def _docx_lines(doc, text: str) -> None:
    for line in (text or "").splitlines():
        if line.strip():
            doc.add_paragraph(line)


def _docx_attendance(doc, document: MinutesDocument, section: Section) -> None:
    doc.add_heading(section.title, level=1)
    if not document.attendees:
        doc.add_paragraph(_("Keine Anwesenheit erfasst."))
        return
    _docx_table(
        doc,
        [_("Name"), _("Organisation"), _("Hinweis")],
        [[a.name, a.organisation, a.note] for a in document.attendees],
    )


def _docx_agenda(doc, document: MinutesDocument, section: Section) -> None:
    doc.add_heading(section.title, level=1)
    for item in document.items:
        doc.add_heading(f"{item.number}. {item.title}", level=2)
        _docx_lines(doc, item.discussion)
        _docx_decisions(doc, item.decisions)
        _docx_tasks(doc, item.tasks)
    if not document.items:
        doc.add_paragraph(_("Keine Tagesordnungspunkte."))


def _docx_decision_section(doc, document: MinutesDocument, section: Section) -> None:
    doc.add_heading(section.title, level=1)
    _docx_decisions(doc, document.decisions)
    if not document.decisions:
        doc.add_paragraph(_("Keine Beschlüsse."))


def _docx_task_section(doc, document: MinutesDocument, section: Section) -> None:
    doc.add_heading(section.title, level=1)
    _docx_tasks(doc, document.tasks)
    if not document.tasks:
        doc.add_paragraph(_("Keine Aufgaben."))


def _docx_next_meeting(doc, document: MinutesDocument, section: Section) -> None:
    doc.add_heading(section.title, level=1)
    doc.add_paragraph(document.next_meeting)


def _docx_text(doc, document: MinutesDocument, section: Section) -> None:
    if section.text:
        doc.add_heading(section.title, level=1)
        _docx_lines(doc, section.text)


_DOCX_SECTIONS: dict[str, Callable[[Any, MinutesDocument, Section], None]] = {
    SectionKind.ATTENDANCE: _docx_attendance,
    SectionKind.AGENDA: _docx_agenda,
    SectionKind.DECISIONS: _docx_decision_section,
    SectionKind.TASKS: _docx_task_section,
    SectionKind.NEXT_MEETING: _docx_next_meeting,
}


def docx_bytes(document: MinutesDocument) -> bytes:
    """The DOCX: Word's own heading styles (navigable, read as headings), the attendance as a
    table with a header row, decisions and tasks as bulleted lists."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = document.title
    doc.core_properties.language = "de-DE"
    doc.add_heading(document.title, level=0)
    facts = [
        (_("Team"), document.team),
        (_("Datum"), document.date),
        (_("Zeit"), document.time),
        (_("Ort"), document.place or document.video_link or "–"),
        (_("Protokoll führt"), document.minute_taker or "–"),
        (_("Status"), document.status),
    ]
    for label, value in facts:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    for section in document.sections:
        _DOCX_SECTIONS.get(section.kind, _docx_text)(doc, document, section)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
