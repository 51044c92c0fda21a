"""scripts/check_messages.py: the English catalogue must be complete."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_messages.py"

spec = importlib.util.spec_from_file_location("check_messages", SCRIPT)
check_messages = importlib.util.module_from_spec(spec)
sys.modules["check_messages"] = check_messages  # dataclasses look their module up there
spec.loader.exec_module(check_messages)

CATALOGUE = r"""# English translation of Sozialraum.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: en\n"

#: regions/models.py:10
msgid "Jugendamt"
msgstr "Youth office"

msgid ""
"Diese Einladung ist abgelaufen. "
"Bitte fragen Sie die Koordination."
msgstr ""
"This invitation has expired. "
"Please ask the coordination."

#, fuzzy, python-format
msgid "Willkommen bei %(office)s!"
msgstr "Welcome to %(office)s!"

msgctxt "label"
msgid "Sozialraum"
msgstr ""

msgid "Eine Gemeinde"
msgid_plural "%(count)s Gemeinden"
msgstr[0] "One municipality"
msgstr[1] ""

msgid "Abmelden"
msgstr ""
"Log out"

#~ msgid "Alt"
#~ msgstr ""
"""


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "django.po"
    path.write_text(text, encoding="utf-8")
    return path


def test_it_lists_empty_and_fuzzy_messages(tmp_path):
    found = check_messages.problems(write(tmp_path, CATALOGUE))
    assert len(found) == 3, found
    assert any("fuzzy: Willkommen bei %(office)s!" in line for line in found)
    assert any("not translated: [label] Sozialraum" in line for line in found)
    assert any("not translated: Eine Gemeinde" in line for line in found)
    assert not any("Abmelden" in line or "abgelaufen" in line or "Alt" in line for line in found)


def test_it_passes_a_complete_catalogue(tmp_path):
    path = write(
        tmp_path,
        'msgid ""\nmsgstr "Language: en\\n"\n\nmsgid "Jugendamt"\nmsgstr "Youth office"\n',
    )
    assert check_messages.problems(path) == []
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_it_exits_1_naming_each_message(tmp_path):
    path = write(tmp_path, CATALOGUE)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Willkommen bei" in result.stderr
    assert "[label] Sozialraum" in result.stderr
    assert "3 message(s)" in result.stderr


def test_it_exits_1_when_the_catalogue_is_missing(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "nope.po")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "missing" in result.stderr


def test_it_checks_that_the_german_catalogue_only_overrides_django(tmp_path):
    path = write(
        tmp_path,
        'msgid ""\nmsgstr "Language: de\\n"\n\n'
        'msgid "This field is required."\nmsgstr "Bitte füllen Sie dieses Feld aus."\n\n'
        'msgid "This message was never in Django."\nmsgstr "Gibt es nicht."\n',
    )
    found = check_messages.problems(path)
    assert len(found) == 1, found
    assert "not a message of Django: This message was never in Django." in found[0]


def test_it_passes_the_catalogues_of_the_repository():
    assert all(path.is_file() for path in check_messages.DEFAULTS)
    assert [
        problem for path in check_messages.DEFAULTS for problem in check_messages.problems(path)
    ] == []
