"""guard.highlight and consultations/_findings.html: numbered marks, escaped text."""

from __future__ import annotations

from django.template.loader import render_to_string

from sozialraum.consultations.guard import Finding, find_identifiers
from sozialraum.consultations.guard.highlight import findings_list, highlight


def test_it_findings_are_numbered_marks_with_their_reason():
    text = "Lena wohnt in der Lindenstraße 14."
    findings = find_identifiers(text)
    html = str(highlight(text, findings))
    assert html.count("<mark") == 2
    assert 'id="guard-finding-1"' in html and 'id="guard-finding-2"' in html
    assert "Fund 1, Name:" in html
    assert findings[0].reason in html
    rows = findings_list(text, findings)
    assert [(row.number, row.anchor, row.text) for row in rows] == [
        (1, "guard-finding-1", "Lena"),
        (2, "guard-finding-2", "Lindenstraße 14"),
    ]


def test_it_html_in_the_text_is_escaped():
    text = '<script>alert(1)</script> Frau Yilmaz <img src=x onerror="alert(2)">'
    html = str(highlight(text, find_identifiers(text)))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Yilmaz</mark>" not in html  # the number follows the name inside the mark
    assert ">Yilmaz<sup" in html


def test_it_stale_or_overlapping_findings_are_skipped():
    text = "Lena"
    stale = [
        Finding(0, 4, "name", "Lena", "r", "s"),
        Finding(2, 10, "name", "xx", "r", "s"),
    ]
    assert str(highlight(text, stale)).count("<mark") == 1
    assert len(findings_list(text, stale)) == 1


def test_it_the_partial_lists_reason_and_suggestion():
    text = "Sie ist 28 Monate alt."
    findings = find_identifiers(text)
    html = render_to_string(
        "consultations/_findings.html",
        {"highlighted": highlight(text, findings), "findings": findings_list(text, findings)},
    )
    assert "Ein Hinweis auf eine mögliche Identifizierung" in html
    assert "ein Kind im Krippenalter" in html
    assert 'href="#guard-finding-1"' in html
    assert render_to_string("consultations/_findings.html", {"findings": []}).strip() == ""
