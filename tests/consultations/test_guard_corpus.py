"""The guard measured on the project's corpus (tests/consultations/corpus/): recall on the
planted identifiers at least 95 %, at most 5 % of the clean texts with a false finding; the same
on the held-out part, which was not looked at while the guard was tuned."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.consultations.guard.measure import measure_directory, read_jsonl

CORPUS = Path(__file__).parent / "corpus"


def test_it_the_corpus_is_large_and_annotated():
    planted = read_jsonl(CORPUS / "planted.jsonl") + read_jsonl(CORPUS / "heldout_planted.jsonl")
    clean = read_jsonl(CORPUS / "clean.jsonl") + read_jsonl(CORPUS / "heldout_clean.jsonl")
    assert len(planted) >= 60
    assert len(clean) >= 25
    assert {row["setting"] for row in planted} >= {
        "schule",
        "kita",
        "asd",
        "familienhebamme",
        "jugendarbeit",
    }
    for row in planted:
        assert row["spans"], row["id"]
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]].strip(), row["id"]
    assert all(not row.get("spans") for row in clean)
    assert max(len(row["text"]) for row in planted) > 1000  # some long texts


@pytest.mark.parametrize("held_out", [False, True], ids=["tuned", "held-out"])
def test_it_recall_and_false_positive_rate_meet_the_goals(held_out):
    result = measure_directory(CORPUS, held_out=held_out)
    assert result.planted >= 30
    assert result.recall >= 0.95, f"recall {result.recall:.1%}, missed: {result.missed}"
    assert result.false_positive_rate <= 0.05, f"false findings: {result.false}"
