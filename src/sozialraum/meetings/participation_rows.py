"""The rows of the participation page (meetings/participation.html): the organisations' table
and the chart's bars, filled from row templates (lib/row_templates.py, issue 8) with the text
the page's former loops wrote."""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sozialraum.lib.row_templates import render_rows
from sozialraum.meetings.participation import Bar, MissingKind, OrganisationFigures
from sozialraum.teams.models import Membership

FIGURE_ROW = "meetings/rows/participation_figure.html"
BAR_ROW = "meetings/rows/participation_bar.html"
ABSENTEE_ROW = "meetings/rows/participation_absentee.html"
MISSING_ROW = "meetings/rows/participation_missing.html"


def _looped(rows: str, indent: str) -> SafeString:
    """Rows as a template loop on its own line wrote them: each after a line break and the
    loop's indentation, followed by another line break and indentation."""
    return SafeString(rows and f"\n{indent}" + rows + f"\n{indent}")


def figure_rows(figures: list[OrganisationFigures]) -> SafeString:
    """The table's body rows: organisation, kind, meetings attended of held, rate."""
    gap = "\n" + " " * 10
    kind_label = escape(_("Art"))
    count_label = escape(_("besucht / stattgefunden"))
    rate_label = escape(_("Quote"))
    rows = render_rows(
        FIGURE_ROW,
        (
            {
                "name": figure.organisation.name,
                "kind_label": kind_label,
                "kind": figure.kind_label,
                "count_label": count_label,
                "attended": figure.attended,
                "held": figure.held,
                "rate_label": rate_label,
                "rate": figure.rate,
            }
            for figure in figures
        ),
        separator=gap + gap,
    )
    return _looped(rows, " " * 10)


def bar_rows(bars: list[Bar]) -> SafeString:
    """The chart's items: each organisation's label and its bar (none for a rate of 0)."""
    gap = "\n" + " " * 8
    rows = render_rows(
        BAR_ROW,
        (
            {
                "label": bar.label,
                "bar": format_html(
                    '<rect class="sr-chart__bar" x="0" y="0" width="{}%" height="14" rx="2">'
                    "</rect>",
                    bar.width,
                )
                if bar.width
                else "",
            }
            for bar in bars
        ),
        separator=gap + gap,
    )
    return _looped(rows, " " * 8)


def absentee_rows(absentees: list[Membership]) -> SafeString:
    """The members who missed the last three meetings, with their organisations."""
    return render_rows(
        ABSENTEE_ROW,
        (
            {
                "person": membership.person,
                "organisation": format_html(
                    ' <span class="sr-muted">{}</span>', membership.organisation.name
                )
                if membership.organisation
                else "",
            }
            for membership in absentees
        ),
        separator="",
    )


def missing_rows(missing: list[MissingKind]) -> SafeString:
    """The kinds that never came, each with the organisations of that kind in the team's social
    spaces (or the note that there are none)."""
    none = format_html(
        '<span class="sr-muted">{}</span>',
        _("in den Räumen des Teams ist keine Organisation dieser Art eingetragen"),
    )
    gap = "\n" + " " * 6
    rows = render_rows(
        MISSING_ROW,
        (
            {
                "label": kind.label,
                "organisations": SafeString(", ".join(escape(o.name) for o in kind.organisations))
                if kind.organisations
                else none,
            }
            for kind in missing
        ),
        separator=gap + gap,
    )
    return _looped(rows, " " * 6)
