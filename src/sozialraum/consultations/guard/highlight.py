"""The guard's findings on a page: the text with each finding marked, and the numbered list.

`highlight(text, findings)` escapes the whole text (HTML or script in it is shown as text,
never run) and wraps each finding in `<mark>` with its number and, for screen readers, its
reason; `findings_list(findings)` gives the rows for `consultations/_findings.html`, whose
numbers match the marks (`#guard-finding-N`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sozialraum.consultations.guard import Finding


def kind_label(kind: str) -> str:
    labels = {
        "name": _("Name"),
        "date": _("Datum"),
        "age": _("Alter"),
        "address": _("Adresse"),
        "phone": _("Telefonnummer"),
        "email": _("E-Mail-Adresse"),
        "school_class": _("Klasse mit Schule"),
        "institution_group": _("Gruppe mit Einrichtung"),
        "rare_feature": _("seltenes Merkmal"),
    }
    return labels.get(kind, kind)


@dataclass(frozen=True)
class FindingRow:
    number: int
    anchor: str
    kind: str
    kind_label: str
    text: str
    reason: str
    suggestion: str


def _valid(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """The findings in order that fit the text and do not overlap (defensive: the guard's
    contract promises this, a stale list after an edit may not)."""
    result: list[Finding] = []
    position = 0
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if finding.start >= position and finding.end <= len(text) and finding.start < finding.end:
            result.append(finding)
            position = finding.end
    return result


def highlight(
    text: str, findings: Sequence[Finding], *, prefix: str = "guard-finding"
) -> SafeString:
    """The escaped text with every finding as a numbered, labelled <mark>."""
    parts: list[str] = []
    position = 0
    for number, finding in enumerate(_valid(text, findings), start=1):
        parts.append(escape(text[position : finding.start]))
        parts.append(
            format_html(
                '<mark class="sr-guard-mark" id="{}-{}" data-kind="{}">'
                '<span class="kern-sr-only">{}</span>{}<sup class="sr-guard-mark__number" '
                'aria-hidden="true">{}</sup><span class="kern-sr-only">{}</span></mark>',
                prefix,
                number,
                finding.kind,
                _("Fund %(number)s, %(kind)s:")
                % {"number": number, "kind": kind_label(finding.kind)},
                text[finding.start : finding.end],
                number,
                _("(Ende von Fund %(number)s. %(reason)s)")
                % {"number": number, "reason": finding.reason},
            )
        )
        position = finding.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part escaped


def findings_list(
    text: str, findings: Sequence[Finding], *, prefix: str = "guard-finding"
) -> list[FindingRow]:
    return [
        FindingRow(
            number=number,
            anchor=f"{prefix}-{number}",
            kind=finding.kind,
            kind_label=kind_label(finding.kind),
            text=finding.text,
            reason=finding.reason,
            suggestion=finding.suggestion,
        )
        for number, finding in enumerate(_valid(text, findings), start=1)
    ]
