"""The house's naming of tests (CONTRIBUTING.md): every test function is named `test_it_...`."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def misnamed(source: str) -> list[str]:
    """Names of test functions in `source` that do not start with test_it_."""
    return [
        node.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test")
        and not node.name.startswith("test_it_")
    ]


def test_it_names_every_test_test_it():
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        found += [f"{path.relative_to(TESTS)}::{name}" for name in misnamed(path.read_text())]
    assert not found, "Name these tests test_it_... (CONTRIBUTING.md): " + ", ".join(found)


def test_it_finds_a_misnamed_test():
    source = "def test_it_works():\n    pass\n\ndef test_works():\n    pass\n"
    assert misnamed(source) == ["test_works"]
