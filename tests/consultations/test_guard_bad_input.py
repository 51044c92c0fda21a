"""The guard on bad input: a long text, another language, HTML and script, only names."""

from __future__ import annotations

import time

from sozialraum.consultations.guard import find_identifiers
from tests.consultations.guard_helpers import check_contract


def test_it_a_text_of_50000_characters_is_checked_quickly():
    text = ("Das Kind heißt Lena und wohnt in der Lindenstraße 14. Es gab Streit. " * 800)[:50_000]
    started = time.perf_counter()
    findings = find_identifiers(text)
    assert time.perf_counter() - started < 5
    check_contract(text, findings)
    assert {f.kind for f in findings} == {"name", "address"}


def test_it_a_text_full_of_names():
    text = " ".join(["Lena", "Finn", "Mia", "Jonas", "Elif", "Mehmet", "Sophie", "Paul"] * 50)
    findings = find_identifiers(text)
    check_contract(text, findings)
    assert findings and all(f.kind == "name" for f in findings)
    assert sum(len(f.text.split()) for f in findings) == 400


def test_it_a_text_in_another_language():
    text = "My name is John Smith, I live at 12 Baker Street, call me at +44 20 7946 0958."
    findings = find_identifiers(text)
    check_contract(text, findings)
    assert {"name", "phone"} <= {f.kind for f in findings}
    assert find_identifiers("La situation à la maison est difficile depuis longtemps.") == []


def test_it_html_and_script_are_plain_text():
    text = '<script>alert("Lena")</script><b onclick="x()">Frau Yilmaz</b>'
    findings = find_identifiers(text)
    check_contract(text, findings)
    assert [f.text for f in findings] == ["Lena", "Yilmaz"]


def test_it_empty_and_odd_text():
    assert find_identifiers("") == []
    assert find_identifiers("   \n\t ") == []
    assert find_identifiers("\x00\ufeff😀 § 8a") == []
