"""The command check_identifiers: JSON Lines in and out, bad lines on stderr."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def run(path, office="heidekreis"):
    out, err = StringIO(), StringIO()
    call_command("check_identifiers", str(path), youth_office=office, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_it_findings_per_line_and_bad_lines_reported(office_a, tmp_path):
    path = tmp_path / "texte.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": 1, "text": "Lena ist 7 Jahre alt."}),
                "kein json",
                json.dumps({"id": "b", "text": "Ein Kind im Grundschulalter."}),
                json.dumps({"text": "ohne id"}),
                "",
                json.dumps({"id": 3, "text": 5}),
            ]
        ),
        encoding="utf-8",
    )
    rows, errors = run(path)
    assert rows == [
        {
            "id": 1,
            "findings": [
                {"start": 0, "end": 4, "kind": "name", "text": "Lena"},
                {"start": 5, "end": 20, "kind": "age", "text": "ist 7 Jahre alt"},
            ],
        },
        {"id": "b", "findings": []},
    ]
    assert "Zeile 2: Die Zeile ist kein gültiges JSON." in errors
    assert "Zeile 4: Es fehlt das Feld „id“." in errors
    assert "Zeile 6:" in errors


def test_it_unusable_input_fails(office_a, tmp_path):
    with pytest.raises(CommandError, match="kein Jugendamt"):
        run(tmp_path / "x.jsonl", office="gibtsnicht")
    with pytest.raises(CommandError, match="gibt es nicht"):
        run(tmp_path / "fehlt.jsonl")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"id": 1, "text": "Müller"}'.encode("latin-1"))
    with pytest.raises(CommandError, match="UTF-8"):
        run(latin)
    broken = tmp_path / "broken.jsonl"
    broken.write_text("nichts\nda\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Keine Zeile"):
        run(broken)


def test_it_help_is_german():
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("check_identifiers", "--help", stdout=out)
