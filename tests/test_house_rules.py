"""House rules checked by machine: module size and private names stay inside their module."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    path
    for folder in ("src/sozialraum", "tests", "bench", "scripts")
    for path in (ROOT / folder).rglob("*.py")
    if "migrations" not in path.parts and "vendor" not in path.parts
)
MAX_LINES = 600
OUR_PACKAGES = ("sozialraum", "tests", "bench", "scripts")


def test_it_finds_the_sources():
    assert any(path.name == "settings.py" for path in SOURCES)
    assert len(SOURCES) > 50


def test_it_keeps_every_module_under_600_lines():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in SOURCES
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}, f"Modules over {MAX_LINES} lines (split them by subject): {too_long}"


def _private_from_imports(tree: ast.AST) -> tuple[list[str], set[str]]:
    """`from our.module import _name` findings, and the names our modules are bound to."""
    found, modules = [], set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith(OUR_PACKAGES)
        ):
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"{node.module}.{alias.name} (line {node.lineno})")
                else:
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules |= {
                alias.asname or alias.name.split(".")[0]
                for alias in node.names
                if alias.name.startswith(OUR_PACKAGES)
            }
    return found, modules


def _is_private_attribute(node: ast.AST, modules: set[str]) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and isinstance(node.value, ast.Name)
        and node.value.id in modules
        and node.value.id[0].islower()  # a module, not a class (e.g. Model._meta)
    )


def private_imports(path: Path) -> list[str]:
    """`from our.module import _name` and `our.module._name` in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found, modules = _private_from_imports(tree)
    for node in ast.walk(tree):
        if _is_private_attribute(node, modules):
            assert isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            found.append(f"{node.value.id}.{node.attr} (line {node.lineno})")
    return found


def test_it_uses_no_private_name_of_another_module():
    offenders = {
        str(path.relative_to(ROOT)): names for path in SOURCES if (names := private_imports(path))
    }
    assert offenders == {}, f"Private names used outside their module: {offenders}"


def test_it_the_checker_sees_a_private_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from sozialraum.network.services import _secret\n"
        "from sozialraum.network import services\n"
        "services._hidden()\n"
        "from django.utils.translation import gettext as _\n",
        encoding="utf-8",
    )
    assert private_imports(sample) == [
        "sozialraum.network.services._secret (line 1)",
        "services._hidden (line 3)",
    ]
