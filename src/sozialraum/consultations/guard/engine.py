"""The guard's run over one text: every detector, then overlapping spans merged into one
finding each (the kind of the most specific detector), with the German reason and suggestion."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from sozialraum.consultations.guard import Finding
from sozialraum.consultations.guard.lexicon import lexicon
from sozialraum.consultations.guard.names import find_names
from sozialraum.consultations.guard.patterns import CLASS_OR_GROUP, Span, find_patterns
from sozialraum.consultations.guard.vocabulary import Vocabulary

WINDOW = 45  # characters between an office's school or Kita and a class or group
PRIORITY = {
    kind: rank
    for rank, kind in enumerate(
        (
            "school_class",
            "institution_group",
            "address",
            "email",
            "date",
            "phone",
            "age",
            "rare_feature",
            "name",
        )
    )
}


def find(text: str, words: Vocabulary) -> list[Finding]:
    if not text or not isinstance(text, str):
        return []
    spans = [span for span in find_patterns(text) if not _generic_place(text, span)]
    spans.extend(find_names(text, lexicon(), words.first_names, words.surnames))
    spans.extend(_office_spans(text, words))
    return [_finding(text, start, end, kind, words) for start, end, kind in _merge(spans)]


_GENERIC_PLACE = re.compile(r"\b(?:am|im|in|an der|zu)\s+([A-ZÄÖÜ][\wäöüß-]+)\)?$")


def _generic_place(text: str, span: Span) -> bool:
    """ "Klasse 3 der Grundschule im Ort", "Igelgruppe der Kita im Dorf": a common noun after
    the preposition is no name of a school or Kita."""
    start, end, kind = span
    if kind not in ("school_class", "institution_group"):
        return False
    match = _GENERIC_PLACE.search(text, start, end)
    return match is not None and lexicon().is_common(match.group(1).casefold())


def _office_spans(text: str, words: Vocabulary) -> list[Span]:
    spans: list[Span] = []
    if words.rare is not None:
        spans.extend((m.start(), m.end(), "rare_feature") for m in words.rare.finditer(text))
    for pattern, kind in ((words.schools, "school_class"), (words.kitas, "institution_group")):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            near = _nearest_class_or_group(text, match.start(), match.end())
            if near is not None:
                spans.append((min(near[0], match.start()), max(near[1], match.end()), kind))
    return spans


def _nearest_class_or_group(text: str, start: int, end: int) -> tuple[int, int] | None:
    before = text[max(0, start - WINDOW) : start]
    after = text[end : end + WINDOW]
    candidates: list[tuple[int, int, int]] = []
    for match in CLASS_OR_GROUP.finditer(before):
        if not re.search(r"[.!?;]", before[match.end() :]):
            offset = start - len(before)
            candidates.append(
                (len(before) - match.end(), offset + match.start(), offset + match.end())
            )
    for match in CLASS_OR_GROUP.finditer(after):
        if not re.search(r"[.!?;]", after[: match.start()]):
            candidates.append((match.start(), end + match.start(), end + match.end()))
    if not candidates:
        return None
    _distance, near_start, near_end = min(candidates)
    return near_start, near_end


def _merge(spans: list[Span]) -> list[Span]:
    """Overlapping spans become one: their union, the kind of the most specific detector."""
    merged: list[Span] = []
    for start, end, kind in sorted(spans):
        if merged and start < merged[-1][1]:
            last_start, last_end, last_kind = merged[-1]
            best = kind if PRIORITY[kind] < PRIORITY[last_kind] else last_kind
            merged[-1] = (last_start, max(end, last_end), best)
        else:
            merged.append((start, end, kind))
    return merged


def _finding(text: str, start: int, end: int, kind: str, words: Vocabulary) -> Finding:
    found = text[start:end]
    reason, suggestion = _explain(kind, found, words)
    return Finding(start, end, kind, found, reason, suggestion)


_AGE_NUMBER = re.compile(r"\d{1,2}")


def _explain(kind: str, found: str, words: Vocabulary) -> tuple[str, str]:
    if kind == "name":
        return (
            _("Ein Name macht das Kind oder seine Familie erkennbar."),
            _("„das Kind“, „die Mutter“ oder eine andere Rolle statt des Namens"),
        )
    if kind == "date":
        return (
            _(
                "Ein genaues Datum, etwa ein Geburtstag oder der Tag eines Ereignisses, kann das "
                "Kind erkennbar machen."
            ),
            _("ein ungefährer Zeitraum, zum Beispiel „im Frühjahr“ oder „vor einigen Wochen“"),
        )
    if kind == "age":
        return (_("Ein genaues Alter grenzt den Kreis der Kinder stark ein."), _age_band(found))
    if kind == "address":
        return (
            _("Eine Adresse führt direkt zur Familie."),
            _("„im Sozialraum“ oder „in einer Gemeinde des Landkreises“"),
        )
    if kind == "phone":
        return (
            _("Eine Telefonnummer führt direkt zu einer Person."),
            _("die Nummer weglassen; Kontakt über die Fallberatung"),
        )
    if kind == "email":
        return (
            _("Eine E-Mail-Adresse führt direkt zu einer Person."),
            _("die Adresse weglassen; Kontakt über die Fallberatung"),
        )
    if kind == "school_class":
        return (
            _("Klasse und Schule zusammen grenzen den Kreis auf wenige Kinder ein."),
            _("„eine Grundschule im Sozialraum“ oder nur die Klassenstufe"),
        )
    if kind == "institution_group":
        return (
            _("Gruppe und Einrichtung zusammen grenzen den Kreis auf wenige Kinder ein."),
            _("„eine Kita im Sozialraum“, ohne den Namen der Gruppe"),
        )
    office_reason = words.rare_reasons.get(found.casefold(), "")
    reason = _("Dieses Merkmal ist im Jugendamtsbezirk selten und kann das Kind erkennbar machen.")
    return (
        f"{reason} {office_reason}".strip(),
        _("allgemeiner beschreiben, zum Beispiel „eine chronische Erkrankung“"),
    )


def _age_band(found: str) -> str:
    match = _AGE_NUMBER.search(found)
    years = int(match.group()) if match else -1
    if "monat" in found.casefold() and "jahr" not in found.casefold():
        years = years // 12 if years >= 0 else -1
    if "woche" in found.casefold() or "tage" in found.casefold():
        years = 0
    if 0 <= years < 3:
        return _("ein Kind im Krippenalter")
    if 3 <= years < 6:
        return _("ein Kind im Kindergartenalter")
    if 6 <= years < 10:
        return _("ein Kind im Grundschulalter")
    if 10 <= years < 14:
        return _("ein Kind im Alter von 10 bis 13 Jahren")
    if 14 <= years < 18:
        return _("ein Kind im Jugendalter")
    if years >= 18:
        return _("eine junge Erwachsene oder ein junger Erwachsener")
    return _("eine Altersgruppe, zum Beispiel „ein Kind im Grundschulalter“")
