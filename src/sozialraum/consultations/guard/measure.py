"""Measuring the guard on an annotated corpus (JSON Lines, see tests/consultations/corpus/):
recall on the planted identifiers and the share of clean texts with a false finding. Used by
tests/consultations/test_guard_corpus.py and bench/guard.py."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sozialraum.consultations.guard import Finding
from sozialraum.consultations.guard.engine import find
from sozialraum.consultations.guard.vocabulary import Vocabulary, build


@dataclass
class Result:
    planted: int = 0
    found: int = 0
    clean_texts: int = 0
    clean_with_finding: int = 0
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # id, kind, text
    false: list[tuple[str, str, str]] = field(default_factory=list)  # id, kind, text

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def false_positive_rate(self) -> float:
        return self.clean_with_finding / self.clean_texts if self.clean_texts else 0.0


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def office_vocabulary(path: Path) -> Vocabulary:
    data = json.loads(path.read_text(encoding="utf-8"))
    return build(
        [(p["first_name"], p["last_name"]) for p in data["people"]],
        [(o["name"], o["kind"]) for o in data["organisations"]],
        [(term, "") for term in data["rare_features"]],
    )


def _overlaps(span: dict, findings: list[Finding]) -> bool:
    return any(f.start < span["end"] and span["start"] < f.end for f in findings)


def measure(planted: list[dict], clean: list[dict], words: Vocabulary) -> Result:
    result = Result()
    for row in planted:
        findings = find(row["text"], words)
        for span in row["spans"]:
            result.planted += 1
            if _overlaps(span, findings):
                result.found += 1
            else:
                found = row["text"][span["start"] : span["end"]]
                result.missed.append((row["id"], span["kind"], found))
    for row in clean:
        findings = find(row["text"], words)
        result.clean_texts += 1
        if findings:
            result.clean_with_finding += 1
            result.false.extend((row["id"], f.kind, f.text) for f in findings)
    return result


def measure_directory(directory: Path, *, held_out: bool | None = None) -> Result:
    """The corpus of `directory`: planted*.jsonl and clean*.jsonl; held_out=True only the
    held-out part (heldout_*), False only the rest, None all."""
    words = office_vocabulary(directory / "office.json")

    def rows(kind: str) -> list[dict]:
        found: list[dict] = []
        for path in sorted(directory.glob("*.jsonl")):
            is_held = path.name.startswith("heldout_")
            if held_out is not None and is_held != held_out:
                continue
            if path.stem.removeprefix("heldout_") == kind:
                found.extend(read_jsonl(path))
        return found

    return measure(rows("planted"), rows("clean"), words)
