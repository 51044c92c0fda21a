"""Helpers of the guard's tests: the guard without a youth office, and kinds found in a text."""

from __future__ import annotations

from sozialraum.consultations.guard import Finding, find_identifiers


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_identifiers(text)]


def kinds(text: str) -> set[str]:
    return {f.kind for f in find_identifiers(text)}


def check_contract(text: str, findings: list[Finding]) -> None:
    position = 0
    for finding in findings:
        assert finding.start >= position
        assert text[finding.start : finding.end] == finding.text
        assert finding.reason and finding.suggestion
        position = finding.end
