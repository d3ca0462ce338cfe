"""Dependencies point down (ARCHITECTURE rule 9): core imports no other app, and the case engine
(cases/, with the API toolkit in core/api/) imports only core — never a kind, demo, or the apps
above. Imports inside functions count too; so do module names handed to import_module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "jiedao"
ALLOWED = {"core": {"core"}, "cases": {"core", "cases"}}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def _apps_imported(layer: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / layer).rglob("*.py"):
        apps = {n.split(".")[1] for n in _imports(path) if n.startswith("jiedao.") and n.count(".") >= 1}
        wrong = apps - ALLOWED[layer]
        if wrong:
            found[str(path.relative_to(ROOT))] = wrong
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_the_lower_layers_import_nothing_above_them(layer: str) -> None:
    assert _apps_imported(layer) == {}


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from jiedao.events.kind import KIND\n    import_module('jiedao.demo')\n")
    assert {"jiedao.events.kind", "jiedao.demo"} <= _imports(module)
