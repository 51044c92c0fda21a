"""Check the catalogues (`make messages`, after makemessages).

Reads src/sozialraum/locale/en/LC_MESSAGES/django.po and .../de/LC_MESSAGES/django.po (or the
files given as arguments) and exits 1 listing every message that has an empty translation or is
marked fuzzy. The German catalogue only overrides Django's own German messages (German is the
source language of the app): each of its msgids must still exist in Django's German catalogues,
so that a Django upgrade that rewords a message does not silently bring the stock text back.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "src/sozialraum/locale"
DEFAULT = LOCALE / "en/LC_MESSAGES/django.po"
DEFAULTS = [DEFAULT, LOCALE / "de/LC_MESSAGES/django.po"]


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        text = self.msgid.replace("\n", "\\n")
        if len(text) > 90:
            text = text[:87] + "..."
        return f"[{self.msgctxt}] {text}" if self.msgctxt else text


def _string(rest: str, path: Path, number: int) -> str:
    rest = rest.strip()
    if not (rest.startswith('"') and rest.endswith('"')):
        raise ValueError(f"{path}:{number}: expected a quoted string, got {rest!r}")
    return ast.literal_eval(rest)


def parse(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None  # which field continuation lines extend

    def finish() -> None:
        nonlocal current
        if current is not None and (current.msgid or current.msgstr):
            entries.append(current)
        current = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
            target = None
            continue
        if line.startswith("#~"):  # obsolete entries do not count
            continue
        if line.startswith("#"):
            if current is not None and (current.msgid or current.msgstr):
                finish()
            if current is None:
                current = Entry(line=number)
            if line.startswith("#,"):
                current.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if current is None:
            current = Entry(line=number)
        keyword, _space, rest = line.partition(" ")
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"{path}:{number}: a string outside of an entry")
            name, index = target
            value = _string(line, path, number)
            if name == "msgstr":
                current.msgstr[index] += value
            else:
                setattr(current, name, (getattr(current, name) or "") + value)
        elif keyword in ("msgctxt", "msgid", "msgid_plural"):
            if keyword in ("msgctxt", "msgid") and (current.msgid or current.msgstr):
                finish()
                current = Entry(line=number)
            setattr(current, keyword, _string(rest, path, number))
            target = (keyword, 0)
        elif keyword == "msgstr":
            current.msgstr[0] = _string(rest, path, number)
            target = ("msgstr", 0)
        elif keyword.startswith("msgstr["):
            index = int(keyword[len("msgstr[") : -1])
            current.msgstr[index] = _string(rest, path, number)
            target = ("msgstr", index)
        else:
            raise ValueError(f"{path}:{number}: cannot read {line!r}")
    finish()
    return entries


def language(entries: list[Entry]) -> str | None:
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None:
            for line in entry.msgstr.get(0, "").splitlines():
                key, _colon, value = line.partition(":")
                if key.strip() == "Language":
                    return value.strip()
    return None


def django_msgids() -> set[str]:
    """The msgids of Django's German catalogues (every app of Django that has one)."""
    import gettext

    import django

    found: set[str] = set()
    for mo in Path(django.__file__).resolve().parent.glob("**/locale/de/LC_MESSAGES/django.mo"):
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for key in catalog:
            msgid = key[0] if isinstance(key, tuple) else key
            found.add(msgid.split("\x04", 1)[-1])
    return found


def problems(path: Path) -> list[str]:
    found = []
    entries = parse(path)
    known = django_msgids() if language(entries) == "de" else None
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None:
            continue  # the catalogue's header
        if known is not None and entry.msgid not in known:
            found.append(f"{path}:{entry.line}: not a message of Django: {entry.label}")
            continue
        if "fuzzy" in entry.flags:
            found.append(f"{path}:{entry.line}: fuzzy: {entry.label}")
        elif not entry.msgstr or any(not text for text in entry.msgstr.values()):
            found.append(f"{path}:{entry.line}: not translated: {entry.label}")
    return found


def main(arguments: list[str]) -> int:
    paths = [Path(argument) for argument in arguments] or DEFAULTS
    missing = [path for path in paths if not path.is_file()]
    if missing:
        for path in missing:
            print(
                f"{path}: the catalogue is missing (`make messages` creates it).", file=sys.stderr
            )
        return 1
    report: list[str] = []
    for path in paths:
        try:
            report += problems(path)
        except ValueError as error:
            report.append(str(error))
    if report:
        print("\n".join(report), file=sys.stderr)
        print(
            f"\nThe catalogues are incomplete: {len(report)} message(s) above need a "
            "translation (and no fuzzy flag).",
            file=sys.stderr,
        )
        return 1
    print("The catalogues are complete.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
