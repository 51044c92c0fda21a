"""Loading the official municipality list (reference data shipped with the package)."""

from __future__ import annotations

import csv
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "gemeinden-2021.csv"


def read_municipalities(path: Path = DATA_FILE) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [
            (row["ags"].strip(), row["name"].strip())
            for row in csv.DictReader(handle, delimiter=";")
        ]
    bad = [ags for ags, _name in rows if len(ags) != 8 or not ags.isdigit()]
    if bad:
        raise ValueError(f"Invalid municipality keys in {path}: {', '.join(bad[:5])}")
    return rows


def load_municipalities(model, path: Path = DATA_FILE) -> tuple[int, int]:
    """Insert new and rename changed municipalities. Returns (created, updated)."""
    rows = read_municipalities(path)
    existing = dict(model.objects.values_list("ags", "name"))
    new = [
        model(ags=ags, name=name, kreis_key=ags[:5]) for ags, name in rows if ags not in existing
    ]
    model.objects.bulk_create(new, batch_size=2000)
    changed = [(ags, name) for ags, name in rows if ags in existing and existing[ags] != name]
    for ags, name in changed:
        model.objects.filter(ags=ags).update(name=name)
    return len(new), len(changed)
