"""A measure with its cost calculation as documents (planning-needs): the form a youth office
files. PDF (WeasyPrint, from `planning/measure_document.html`, tagged as PDF/UA-1, with the
minutes' stylesheet) and DOCX (python-docx: real headings, tables with a header row), both with
the same content: the measure's facts, the needs it answers, its goals, the cost items with
their sums, the funding and the requested amount, and the approval steps.

`measure_document(measure)` reads everything in a fixed number of queries into plain
dataclasses, so both formats show exactly the same.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sozialraum.lib.money import format_amount
from sozialraum.planning import selectors
from sozialraum.planning.measure_models import CostKind, Measure, MeasureStatus

STYLESHEET = "css/protokoll.css"


@dataclass(frozen=True)
class CostLine:
    kind: str
    description: str
    calculation: str
    amount: str


@dataclass
class MeasureDocument:
    title: str
    office: str
    facts: list[tuple[str, str]]
    description: str
    method: str
    needs: list[str] = field(default_factory=list)
    goals: list[list[str]] = field(default_factory=list)
    costs: list[CostLine] = field(default_factory=list)
    sums: list[tuple[str, str]] = field(default_factory=list)
    revision: str = ""
    steps: list[list[str]] = field(default_factory=list)

    @property
    def filename_stem(self) -> str:
        return _("Maßnahme %(title)s") % {"title": self.title[:80]}


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _number(value) -> str:
    return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)


def measure_document(measure: Measure) -> MeasureDocument:
    page = selectors.measure_page(measure)
    estimate = page["estimate"]
    facts = [
        (_("Träger"), measure.carrier.name),
        (_("Team"), measure.team.name if measure.team else "–"),
        (_("Zeitraum"), f"{_date(measure.period_start)} – {_date(measure.period_end)}"),
        (_("Ort"), measure.place or "–"),
        (_("Zielgruppe"), measure.target_group or "–"),
        (_("Sozialräume"), ", ".join(space.name for space in page["spaces"]) or "–"),
        (_("Stand"), MeasureStatus(measure.status).label),
    ]
    document = MeasureDocument(
        title=measure.title,
        office=measure.youth_office.name,
        facts=[(str(label), str(value)) for label, value in facts],
        description=measure.description,
        method=measure.method,
        needs=[need.title for need in page["needs"]],
        goals=[
            [goal.description, goal.indicator, f"{_number(goal.target_value)} {goal.unit}"]
            for goal in page["goals"]
        ],
    )
    if estimate is not None:
        for item in estimate.items.all():
            if item.kind == CostKind.PERSONNEL:
                calculation = _("%(hours)s Std. × %(rate)s (%(group)s)") % {
                    "hours": _number(item.hours or 0),
                    "rate": format_amount(item.hourly_rate),
                    "group": item.pay_group.name if item.pay_group else "",
                }
            else:
                calculation = f"{_number(item.quantity)} × {format_amount(item.unit_price)}"
            document.costs.append(
                CostLine(
                    kind=str(CostKind(item.kind).label),
                    description=item.description,
                    calculation=calculation,
                    amount=format_amount(item.amount),
                )
            )
        document.sums = [
            (_("Gesamtkosten"), format_amount(estimate.total)),
            (_("Eigenanteil"), format_amount(estimate.own_contribution)),
            (
                _("Drittmittel")
                + (f" ({estimate.third_party_source})" if estimate.third_party_source else ""),
                format_amount(estimate.third_party_funding),
            ),
            (_("Beantragter Betrag"), format_amount(estimate.requested)),
        ]
        document.revision = _("Fassung %(number)s vom %(date)s") % {
            "number": estimate.number,
            "date": _date(timezone.localtime(estimate.created_at)),
        }
    document.steps = [
        [
            _date(timezone.localtime(step.at)),
            str(MeasureStatus(step.to_status).label),
            step.by.name if step.by else "",
            step.comment,
        ]
        for step in page["transitions"]
    ]
    return document


def document_html(document: MeasureDocument) -> str:
    return render_to_string("planning/measure_document.html", {"doc": document})


def pdf_bytes(document: MeasureDocument) -> bytes:
    """The PDF, tagged for accessibility (PDF/UA-1: structure tags, language, title)."""
    from weasyprint import CSS, HTML

    stylesheet = finders.find(STYLESHEET)
    css = [CSS(filename=stylesheet)] if stylesheet else []
    return HTML(string=document_html(document)).write_pdf(stylesheets=css, pdf_variant="pdf/ua-1")


def _repeat_header(row) -> None:
    """Mark the first row as the table's header (repeated on each page, read as header)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(doc, headers: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    _repeat_header(table.rows[0])
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value


def docx_bytes(document: MeasureDocument) -> bytes:
    from docx import Document

    doc = Document()
    doc.core_properties.title = document.title
    doc.core_properties.language = "de-DE"
    doc.add_heading(document.title, level=0)
    doc.add_paragraph(document.office)
    for label, value in document.facts:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    if document.description:
        doc.add_heading(_("Beschreibung"), level=1)
        doc.add_paragraph(document.description)
    doc.add_heading(_("Beantwortete Bedarfe"), level=1)
    for need in document.needs or [_("Keine Bedarfe zugeordnet.")]:
        doc.add_paragraph(need, style="List Bullet")
    if document.method:
        doc.add_heading(_("Methode/Vorgehen"), level=1)
        doc.add_paragraph(document.method)
    doc.add_heading(_("Ziele"), level=1)
    if document.goals:
        _table(doc, [_("Ziel"), _("Indikator"), _("Zielwert")], document.goals)
    else:
        doc.add_paragraph(_("Keine Ziele beschrieben."))
    doc.add_heading(_("Kostenkalkulation"), level=1)
    if document.costs:
        doc.add_paragraph(document.revision)
        _table(
            doc,
            [_("Kostenart"), _("Beschreibung"), _("Berechnung"), _("Betrag")],
            [[c.kind, c.description, c.calculation, c.amount] for c in document.costs],
        )
        _table(doc, [_("Summe"), _("Betrag")], [list(row) for row in document.sums])
    else:
        doc.add_paragraph(_("Noch keine Kostenkalkulation."))
    if document.steps:
        doc.add_heading(_("Bewilligungsverlauf"), level=1)
        _table(doc, [_("Datum"), _("Stand"), _("Wer"), _("Begründung")], document.steps)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
