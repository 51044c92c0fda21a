"""The guard at work: every text of a consultation is checked before it is saved.

`screen` runs `guard.find_identifiers` over the texts of one form and matches each finding with
what the person decided about it: a finding passes only when it is marked "nicht identifizierend"
with a reason (recorded as an `IdentifierDecision`); otherwise the text must be generalised and
the save is refused (`GuardRefused`, carrying the findings for the page to highlight). A mark
without a reason is refused too. Decisions are keyed by field, kind and found text
(`finding_key`), so they survive a re-submit in which other parts of the text changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sozialraum.consultations import guard

if TYPE_CHECKING:
    from sozialraum.regions.models import YouthOffice

# Longest text of one field: a case description, not a file.
TEXT_MAX = 5000
REASON_MAX = 500
# Form field names: "ni-<key>" is the checkbox "nicht identifizierend", "ni-<key>-grund" the reason.
PREFIX = "ni-"
REASON_SUFFIX = "-grund"


def finding_key(field_name: str, finding: guard.Finding) -> str:
    digest = hashlib.sha256(f"{field_name}\0{finding.kind}\0{finding.text}".encode()).hexdigest()
    return digest[:16]


def decisions_from(data: Mapping[str, str]) -> dict[str, str]:
    """{key: reason} of the findings marked "nicht identifizierend" in posted form data (a
    mark without reason gives "")."""
    marked: dict[str, str] = {}
    for name in data:
        if name.startswith(PREFIX) and not name.endswith(REASON_SUFFIX):
            key = name[len(PREFIX) :]
            if key.isalnum():
                marked[key] = (data.get(f"{PREFIX}{key}{REASON_SUFFIX}") or "").strip()
    return marked


@dataclass
class Item:
    """One finding in one field, numbered within the field (as the guard's `highlight` numbers
    its marks), with the person's decision."""

    number: int
    field: str
    finding: guard.Finding
    key: str
    marked: bool = False
    reason: str = ""
    error: str = ""

    @property
    def accepted(self) -> bool:
        return self.marked and bool(self.reason) and not self.error

    @property
    def anchor(self) -> str:
        return f"fund-{self.field}-{self.number}"

    @property
    def checkbox_name(self) -> str:
        return f"{PREFIX}{self.key}"

    @property
    def reason_name(self) -> str:
        return f"{PREFIX}{self.key}{REASON_SUFFIX}"


@dataclass
class FieldScreen:
    name: str
    label: str
    text: str
    items: list[Item] = field(default_factory=list)

    @property
    def highlighted(self) -> SafeString:
        return highlight(self.text, self.items, prefix=f"fund-{self.name}")


@dataclass
class Screening:
    fields: list[FieldScreen]

    @property
    def items(self) -> list[Item]:
        return [item for screen in self.fields for item in screen.items]

    @property
    def blocking(self) -> list[Item]:
        return [item for item in self.items if not item.accepted]

    @property
    def accepted(self) -> list[Item]:
        return [item for item in self.items if item.accepted]

    @property
    def with_findings(self) -> list[FieldScreen]:
        return [screen for screen in self.fields if screen.items]


class GuardRefused(ValueError):
    """Saving is refused: a finding is neither generalised nor marked with a reason."""

    def __init__(self, screening: Screening):
        self.screening = screening
        count = len(screening.blocking)
        super().__init__(
            _(
                "Bitte prüfen Sie die markierten Stellen (%(count)s): Formulieren Sie sie "
                "allgemeiner oder begründen Sie, warum sie nicht identifizierend sind."
            )
            % {"count": count}
        )


def screen(
    texts: Mapping[str, tuple[str, str]],
    *,
    office: YouthOffice,
    decisions: Mapping[str, str],
) -> Screening:
    """Check `texts` ({field name: (label, text)}) on the server; match `decisions`."""
    fields: list[FieldScreen] = []
    for name, (label, text) in texts.items():
        screen_ = FieldScreen(name=name, label=label, text=text)
        if text:
            findings = guard.find_identifiers(text, youth_office=office)
            for number, finding in enumerate(findings, start=1):
                key = finding_key(name, finding)
                item = Item(number=number, field=name, finding=finding, key=key)
                if key in decisions:
                    item.marked = True
                    item.reason = decisions[key][:REASON_MAX]
                    if not item.reason:
                        item.error = _(
                            "Bitte schreiben Sie dazu, warum diese Stelle nicht "
                            "identifizierend ist."
                        )
                    elif len(decisions[key]) > REASON_MAX:
                        item.error = _("Bitte fassen Sie die Begründung kürzer.")
                screen_.items.append(item)
        fields.append(screen_)
    return Screening(fields)


def check(
    texts: Mapping[str, tuple[str, str]],
    *,
    office: YouthOffice,
    decisions: Mapping[str, str],
) -> Screening:
    """`screen`, raising `GuardRefused` unless every finding is accepted."""
    screening = screen(texts, office=office, decisions=decisions)
    if screening.blocking:
        raise GuardRefused(screening)
    return screening


def _guard_highlight():
    try:
        from sozialraum.consultations.guard.highlight import highlight as guard_highlight
    except ImportError:
        return None
    return guard_highlight


def highlight(text: str, items: list[Item], *, prefix: str) -> SafeString:
    """The text (escaped) with each finding as a numbered <mark id="{prefix}-N">. Uses the
    guard's `highlight` once that exists; until then an equivalent of our own."""
    guard_highlight = _guard_highlight()
    if guard_highlight is not None:
        return guard_highlight(text, [item.finding for item in items], prefix=prefix)
    pieces: list[SafeString] = []
    position = 0
    for item in items:
        finding = item.finding
        pieces.append(format_html("{}", text[position : finding.start]))
        pieces.append(
            format_html(
                '<mark class="sr-finding" id="{}-{}">'
                '<span class="kern-sr-only">{}</span>{}<sup aria-hidden="true">{}</sup></mark>',
                prefix,
                item.number,
                _("Hinweis %(number)s (%(reason)s): ")
                % {"number": item.number, "reason": finding.reason},
                finding.text,
                item.number,
            )
        )
        position = finding.end
    pieces.append(format_html("{}", text[position:]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
